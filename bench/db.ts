// Throw-away benchmark databases: create one fresh, point URLs at it, drop it again.
import pg from 'pg';

/** The same server URL, pointed at another database (and, if given, another login role without password). */
export function withDatabase(url: string, database: string, user?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

/** Runs `fn` on one short-lived connection. */
export async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const NAME = /^[a-z_][a-z0-9_]*$/;

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!NAME.test(name)) throw new Error(`unexpected database name ${name}`);
  await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Drops what a previous run may have left, then creates the database empty. */
export async function createFreshDatabase(adminUrl: string, name: string): Promise<void> {
  await dropDatabase(adminUrl, name);
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
}
