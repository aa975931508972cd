import type { Database } from '../../infra/db/database.ts';

/** The console's demo admin (development only; printed by `npm start`), with the demo spa's password. */
export const DEMO_CONSOLE_ADMIN = { email: 'admin@lume.example', name: 'Robin Castillo' } as const;

/**
 * Adds the demo console admin once (development and tests). The account enrols its
 * authenticator at first sign-in, like every staff account. Runs as the owner, like the demo
 * spa. Returns true when it was added.
 */
export async function seedDemoConsoleStaff(db: Database, passwordHash: string): Promise<boolean> {
  return db.transaction('owner', {}, async (client) => {
    const { rowCount } = await client.query(
      `INSERT INTO console_staff (email, full_name, role, password_hash) VALUES ($1, $2, 'admin', $3) ON CONFLICT (email) DO NOTHING`,
      [DEMO_CONSOLE_ADMIN.email, DEMO_CONSOLE_ADMIN.name, passwordHash],
    );
    return Boolean(rowCount);
  });
}
