import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { ROLE_NAMES, runTransaction, type Database } from './database.ts';

/**
 * PGlite: real PostgreSQL in WASM, one connection, one superuser. The app's
 * roles exist only through a transaction-local `role` setting, so every
 * transaction switches to the role it was asked for; work runs one at a time.
 */
export async function openEmbeddedDatabase(dataDir: string | 'memory'): Promise<Database> {
  const pglite = await PGlite.create(dataDir === 'memory' ? 'memory://' : dataDir, {
    extensions: { btree_gin, btree_gist, citext, pg_trgm, pgcrypto },
  });
  const config = createPgConfig(pglite);
  // Drizzle hands pg a `types` parser object with each query; pg forwards it to the Parse message,
  // where PGlite expects an array of type OIDs and stalls. Drop anything that is not an array.
  const connection = config.connection;
  const parse = connection.parse.bind(connection);
  connection.parse = (message: { types?: unknown }) => parse(Array.isArray(message.types) ? message : { ...message, types: undefined });
  const pool = new pg.Pool({ ...config, max: 1 } as pg.PoolConfig);
  return {
    kind: 'embedded',
    transaction(role, settings, fn, finish) {
      const withRole = role === 'owner' ? settings : { role: ROLE_NAMES[role], ...settings };
      return runTransaction(pool, withRole, fn, finish);
    },
    ownerQuery: (text, values) => pool.query(text, values),
    // PGlite has a single superuser connection: the job tables are not tenant tables, and job
    // handlers reach tenant data only through withTenant, which switches to lume_app.
    jobQuery: (text, values) => pool.query(text, values),
    async close() {
      await pool.end();
      await pglite.close();
    },
  };
}
