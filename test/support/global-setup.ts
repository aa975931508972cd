import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openServerDatabase } from '../../src/infra/db/server.ts';
import { migrate } from '../../src/infra/db/migrate.ts';
import { installJobSchema } from '../../src/infra/jobs/runner.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string | null;
  }
}

const MIGRATIONS = new URL('../../db/migrations/', import.meta.url).pathname;

/**
 * On PostgreSQL, migrates one template database per set of migrations; each
 * test file then clones its own database from it in a few milliseconds.
 */
export default async function setup(project: TestProject): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    project.provide('pgTemplate', null);
    return;
  }
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS).sort()) hash.update(file).update(readFileSync(MIGRATIONS + file));
  const prefix = `lume_tpl_${hash.digest('hex').slice(0, 12)}_`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let template: string;
  try {
    // Leftovers of killed runs: test databases over an hour old, and templates of other migration
    // sets over a day old (a run with other migrations may be going on right now beside this one).
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database
        WHERE (datname ~ '^lume_t_[0-9]+_' AND split_part(datname, '_', 3)::bigint < extract(epoch FROM now()) - 3600)
           OR (datname ~ '^lume_tpl_[0-9a-f]+_[0-9]+$' AND NOT starts_with(datname, $1)
               AND split_part(datname, '_', 4)::bigint < extract(epoch FROM now()) - 86400)
           OR datname ~ '^lume_tpl_[0-9a-f]{12}$'`,
      [prefix],
    );
    for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    const exists = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname LIMIT 1', [prefix]);
    template = exists.rows[0]?.datname ?? `${prefix}${Math.floor(Date.now() / 1000)}`;
    if (!exists.rowCount) {
      await admin.query(`CREATE DATABASE "${template}"`);
      const db = openServerDatabase({ url: databaseUrl(adminUrl, template), poolSize: 1 });
      try {
        await migrate(db);
        await installJobSchema(db);
      } catch (error) {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
        throw error;
      }
      await db.close();
    }
  } finally {
    await admin.end();
  }
  project.provide('pgTemplate', template);
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
