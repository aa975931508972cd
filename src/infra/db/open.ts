import { StartupError } from '../startup-error.ts';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from './database.ts';
import { openEmbeddedDatabase } from './embedded.ts';
import { lockDataDir } from './lock.ts';
import { openServerDatabase } from './server.ts';

export class DatabaseUnavailableError extends StartupError {}

export interface OpenedDatabase {
  db: Database;
  close(): Promise<void>;
}

/** Opens the configured database: PGlite under DATA_DIR (locked), or the server at DATABASE_URL (checked). */
export async function openDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.database.kind === 'embedded') {
    const unlock = lockDataDir(config.database.dataDir);
    try {
      const db = await openEmbeddedDatabase(join(config.database.dataDir, 'pglite'));
      return { db, close: async () => { await db.close(); unlock(); } };
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const db = openServerDatabase({
    url: config.database.url,
    poolSize: config.dbPoolSize,
    appPassword: config.dbAppPassword,
    consolePassword: config.dbConsolePassword,
  });
  try {
    await db.ownerQuery('SELECT 1');
  } catch (error) {
    await db.close().catch(() => {});
    const where = new URL(config.database.url);
    throw new DatabaseUnavailableError(
      `Cannot reach PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname} (DATABASE_URL): ${(error as Error).message}`,
    );
  }
  return { db, close: () => db.close() };
}
