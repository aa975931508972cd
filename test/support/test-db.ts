import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../src/infra/db/database.ts';
import { openEmbeddedDatabase } from '../../src/infra/db/embedded.ts';
import { migrate } from '../../src/infra/db/migrate.ts';
import { openServerDatabase } from '../../src/infra/db/server.ts';
import { installJobSchema } from '../../src/infra/jobs/runner.ts';
import { databaseUrl } from './global-setup.ts';

export type Backend = 'pglite' | 'postgres';

export interface TestDatabase {
  db: Database;
  backend: Backend;
  /** The owner's connection URL (PostgreSQL only), for tests that connect directly. */
  url: string | null;
  close(): Promise<void>;
}

export function testBackend(): Backend {
  return process.env.LUME_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** A fresh, migrated database for one test file: in-memory PGlite, or a clone of the PostgreSQL template. */
export async function openTestDatabase(backend: Backend = testBackend()): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const db = await openEmbeddedDatabase('memory');
    await migrate(db);
    await installJobSchema(db);
    return { db, backend, url: null, close: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  const template = inject('pgTemplate');
  if (!adminUrl || !template) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  const name = `lume_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = databaseUrl(adminUrl, name);
  const db = openServerDatabase({ url, poolSize: 8 });
  return {
    db,
    backend,
    url,
    async close() {
      await db.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
