import { StartupError } from '../startup-error.ts';
import type { Database } from './database.ts';

export class UnsafeDatabaseSettingsError extends StartupError {}

/**
 * A PostgreSQL server running with fsync, synchronous_commit or
 * full_page_writes off can lose or corrupt acknowledged writes (checklist #34):
 * refuse to run on it.
 */
export async function assertDurableSettings(db: Database): Promise<void> {
  const { rows } = await db.ownerQuery<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')`,
  );
  const unsafe = rows.filter((r) => r.setting !== 'on').map((r) => `${r.name}=${r.setting}`);
  if (unsafe.length) {
    throw new UnsafeDatabaseSettingsError(`PostgreSQL is running with ${unsafe.join(', ')}; Lumè needs them on so acknowledged writes survive a crash.`);
  }
}
