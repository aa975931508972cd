import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = new URL('../../../db/migrations/', import.meta.url).pathname;
/** Serialises migrators started at once by several app processes. */
const MIGRATION_LOCK = 7_316_512_004;

export interface MigrationReport {
  applied: string[];
}

/** Applies every pending `db/migrations/*.sql` file as the owner, all in one transaction (all or nothing). */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  await db.transaction('owner', {}, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(join(dir, file), 'utf8');
      try {
        await client.query(sql);
      } catch (error) {
        throw new Error(`Migration ${file} failed: ${(error as Error).message}`);
      }
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      applied.push(file);
    }
  });
  return { applied };
}

/** Gives the login roles the passwords configured for them (production; trust auth locally needs none). */
export async function setRolePasswords(db: Database, passwords: { app?: string | undefined; console?: string | undefined }): Promise<void> {
  for (const [role, password] of [['lume_app', passwords.app], ['lume_console', passwords.console]] as const) {
    if (!password) continue;
    const literal = (await db.ownerQuery<{ q: string }>('SELECT quote_literal($1) AS q', [password])).rows[0]!.q;
    await db.ownerQuery(`ALTER ROLE ${role} PASSWORD ${literal}`);
  }
}
