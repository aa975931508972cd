import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config.ts';
import { DataDirLockedError } from '../infra/db/lock.ts';
import { openDatabase, type OpenedDatabase } from '../infra/db/open.ts';

/**
 * Opens the configured database for an operator's command, or prints why it cannot
 * (no embedded database yet; the running app holds its lock) and returns null.
 */
export async function openDatabaseForCli(config: ResolvedConfig, command: string): Promise<OpenedDatabase | null> {
  if (config.database.kind === 'embedded' && !existsSync(join(config.database.dataDir, 'pglite'))) {
    console.error(`There is no embedded database in ${config.database.dataDir} (DATA_DIR): start Lumè once, or set DATABASE_URL.`);
    return null;
  }
  try {
    return await openDatabase(config);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    console.error(
      `${command} opens the embedded database itself, and the running Lumè app holds its lock. ` +
        `Stop the app (Ctrl+C in its terminal), run this again, then restart it. (${error.message})`,
    );
    return null;
  }
}
