import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { openEmbeddedDatabase } from './embedded.ts';

// PGlite has one connection. node-postgres destroys a client given back with an error, which
// would end that connection and leave every later query waiting: these failures must not.
let db: Database;
beforeAll(async () => {
  db = await openEmbeddedDatabase('memory');
});
afterAll(() => db?.close());

describe('the embedded database after a failure', () => {
  it('keeps answering after a failed statement', async () => {
    await expect(db.ownerQuery('SELECT 1 / 0')).rejects.toThrow(/division by zero/);
    expect((await db.ownerQuery<{ n: number }>('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
  });

  it('keeps answering after a failed transaction, with nothing of it left behind', async () => {
    await expect(
      db.transaction('owner', { 'app.tenant_id': 'left-behind' }, async (client) => {
        await client.query('SELECT 1 / 0');
      }),
    ).rejects.toThrow(/division by zero/);
    const { rows } = await db.ownerQuery<{ tenant: string | null; role: string }>(`SELECT current_setting('app.tenant_id', true) AS tenant, current_user AS role`);
    expect(rows[0]!.tenant ?? '').toBe('');
  });

  it('cleans a transaction a failed statement list left open before the next caller uses the connection', async () => {
    await expect(db.ownerQuery(`BEGIN; SELECT set_config('app.tenant_id', 'left-behind', true); SELECT 1 / 0`)).rejects.toThrow(/division by zero/);
    const { rows } = await db.ownerQuery<{ tenant: string | null }>(`SELECT current_setting('app.tenant_id', true) AS tenant`);
    expect(rows[0]!.tenant ?? '').toBe('');
    expect((await db.ownerQuery<{ n: number }>('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
  });
});
