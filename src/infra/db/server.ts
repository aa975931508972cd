import pg from 'pg';
import { ROLE_NAMES, runTransaction, type Database, type DbRole } from './database.ts';

export interface ServerDatabaseOptions {
  url: string;
  poolSize: number;
  appPassword?: string | undefined;
  consolePassword?: string | undefined;
}

/**
 * A PostgreSQL server: the owner (from DATABASE_URL) migrates; the app and the
 * console log in as their own roles, so no request ever runs as the owner.
 */
export function openServerDatabase(options: ServerDatabaseOptions): Database {
  const pools: Record<DbRole, pg.Pool> = {
    owner: new pg.Pool({ connectionString: options.url, max: 2 }),
    app: new pg.Pool({ ...asRole(options.url, ROLE_NAMES.app, options.appPassword), max: options.poolSize }),
    console: new pg.Pool({ ...asRole(options.url, ROLE_NAMES.console, options.consolePassword), max: Math.max(2, Math.ceil(options.poolSize / 4)) }),
  };
  for (const pool of Object.values(pools)) pool.on('error', () => {}); // an idle client dropped by the server is replaced on next use
  return {
    kind: 'postgres',
    transaction: (role, settings, fn, finish) => runTransaction(pools[role], settings, fn, finish),
    ownerQuery: (text, values) => pools.owner.query(text, values),
    jobQuery: (text, values) => pools.app.query(text, values),
    async close() {
      await Promise.all(Object.values(pools).map((p) => p.end()));
    },
  };
}

function asRole(url: string, user: string, password: string | undefined): pg.PoolConfig {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password ?? '';
  return { connectionString: parsed.toString() };
}
