import pg from 'pg';

/** The three ways Lumè talks to PostgreSQL (DESIGN §3). */
export type DbRole = 'app' | 'console' | 'owner';

export const ROLE_NAMES = { app: 'lume_app', console: 'lume_console' } as const;

/**
 * One interface over the embedded database (PGlite, a single connection) and a
 * PostgreSQL server (one pool per login role). Callers never pick a pool: they
 * ask for a role and get a transaction running as that role.
 */
export interface Database {
  readonly kind: 'embedded' | 'postgres';
  /**
   * Runs `fn` in one transaction as `role`. `settings` become transaction-local
   * `set_config` values; keys and values must already be validated (they are
   * sent inline so the transaction opens in a single round trip). `finish`, when
   * it returns SQL, runs in the same round trip as the COMMIT (the audit rows).
   */
  transaction<T>(role: DbRole, settings: Record<string, string>, fn: (client: pg.PoolClient) => Promise<T>, finish?: () => string | null): Promise<T>;
  /** A single statement outside any tenant (owner only: migrations, seeds, tests). */
  ownerQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** The job runner's own statements (pg-boss brings its own BEGIN/COMMIT); never tenant data. */
  jobQuery(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  close(): Promise<void>;
}

const SETTING_KEY = /^[a-z_]+\.[a-z_]+$|^role$/;
const SETTING_VALUE = /^[A-Za-z0-9._:-]{0,100}$/;

/** Builds the statement that opens a transaction and sets its local configuration. */
export function openTransactionSql(settings: Record<string, string>): string {
  const entries = Object.entries(settings);
  if (entries.length === 0) return 'BEGIN';
  const calls = entries.map(([key, value]) => {
    if (!SETTING_KEY.test(key)) throw new Error(`refusing transaction setting key ${JSON.stringify(key)}`);
    if (!SETTING_VALUE.test(value)) throw new Error(`refusing transaction setting value for ${key}`);
    return `set_config('${key}', '${value}', true)`;
  });
  return `BEGIN; SELECT ${calls.join(', ')}`;
}

export async function runTransaction<T>(
  pool: { connect(): Promise<pg.PoolClient> },
  settings: Record<string, string>,
  fn: (client: pg.PoolClient) => Promise<T>,
  finish?: () => string | null,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(openTransactionSql(settings));
    const result = await fn(client);
    const last = finish?.();
    await client.query(last ? `${last}; COMMIT` : 'COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
