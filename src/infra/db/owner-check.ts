import { StartupError } from '../startup-error.ts';
import type { Database } from './database.ts';

export class OwnerCannotBypassRlsError extends StartupError {}

/**
 * The few SECURITY DEFINER functions (resolving a host's spa, listing spas for
 * jobs, the console's narrow doors) run as the role that migrated the database,
 * and every tenant table forces row-level security. Unless that role is a
 * superuser or has BYPASSRLS, those functions would silently see no spa at all:
 * refuse to start instead.
 */
export async function assertOwnerBypassesRls(db: Database): Promise<void> {
  const { rows } = await db.ownerQuery<{ name: string; ok: boolean }>(
    'SELECT rolname AS name, rolsuper OR rolbypassrls AS ok FROM pg_roles WHERE rolname = current_user',
  );
  const owner = rows[0];
  if (!owner?.ok) {
    throw new OwnerCannotBypassRlsError(
      `The database role in DATABASE_URL (${owner?.name ?? 'unknown'}) must be a superuser or have BYPASSRLS: Lumè's narrow SECURITY DEFINER functions run as it. Run: ALTER ROLE ${owner?.name ?? '<role>'} BYPASSRLS;`,
    );
  }
}
