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
  const wire = config.connection;
  const parse = wire.parse.bind(wire);
  wire.parse = (message: { types?: unknown }) => parse(Array.isArray(message.types) ? message : { ...message, types: undefined });
  const pool = new pg.Pool({ ...config, max: 1 } as pg.PoolConfig);
  const connection = keepingTheConnection(pool);
  const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
    const client = await connection.connect();
    let failed: Error | undefined;
    try {
      return await client.query<R>(text, values);
    } catch (error) {
      failed = error as Error; // a statement list may have left a transaction open: cleaned before reuse
      throw error;
    } finally {
      client.release(failed);
    }
  };
  return {
    kind: 'embedded',
    transaction(role, settings, fn, finish) {
      const withRole = role === 'owner' ? settings : { role: ROLE_NAMES[role], ...settings };
      return runTransaction(connection, withRole, fn, finish);
    },
    ownerQuery: query,
    // PGlite has a single superuser connection: the job tables are not tenant tables, and job
    // handlers reach tenant data only through withTenant, which switches to lume_app.
    jobQuery: query,
    async close() {
      await pool.end();
      await pglite.close();
    },
  };
}

/**
 * The pool's one client, always given back whole. node-postgres destroys a client released with an
 * error (as `pool.query` does after any failed statement, and a transaction whose ROLLBACK failed):
 * with PGlite that ends the single in-process connection for good, and every later query waits
 * forever. So the client is kept, and one released with an error is cleaned before its next use:
 * anything left of the failed transaction (its role, its tenant) is rolled back and reset.
 */
function keepingTheConnection(pool: pg.Pool): { connect(): Promise<pg.PoolClient> } {
  const dirty = new WeakSet<pg.PoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      // The pool gives each checkout a fresh `release`; this one never passes the error on.
      const release = client.release.bind(client);
      client.release = (error?: Error | boolean) => {
        if (error) dirty.add(client);
        release();
      };
      if (dirty.has(client)) {
        dirty.delete(client);
        await client.query('ROLLBACK; RESET ALL');
      }
      return client;
    },
  };
}
