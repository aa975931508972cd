import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openEmbeddedDatabase } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import { withTenant, type Tx } from '../db/tenant.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { tenantDataKey, tenantDataKeyById } from './tenant-keys.ts';

const masterKey = randomBytes(32);

async function createTenant(db: Database): Promise<string> {
  const slug = `spa-${randomBytes(4).toString('hex')}`;
  const { rows } = await db.ownerQuery<{ id: string }>(
    `INSERT INTO tenants (slug, legal_name, display_name, admin_contact_name, admin_contact_email, state_code)
     VALUES ($1, 'Test Spa LLC', 'Test Spa', 'Ana Admin', 'admin@example.com', 'CA') RETURNING id`,
    [slug],
  );
  return rows[0]!.id;
}

function scope(tenantId: string) {
  return { tenantId, requestId: `test-${randomBytes(4).toString('hex')}` };
}

async function keyRows(db: Database, tenantId: string): Promise<number> {
  const { rows } = await db.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM tenant_keys WHERE tenant_id = $1', [tenantId]);
  return rows[0]!.n;
}

describe('tenant data keys (embedded database)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openEmbeddedDatabase('memory');
    await migrate(db);
  }, 30_000);
  afterAll(async () => {
    await db?.close();
  });

  it('creates one key on first use and returns the same key afterwards', async () => {
    const tenantId = await createTenant(db);
    const first = await withTenant(db, scope(tenantId), ({ tx }) => tenantDataKey(tx, masterKey));
    const again = await withTenant(db, scope(tenantId), ({ tx }) => tenantDataKey(tx, masterKey));
    expect(first.tenantId).toBe(tenantId);
    expect(first.key).toHaveLength(32);
    expect(again.id).toBe(first.id);
    expect(again.key).toEqual(first.key);
    expect(await keyRows(db, tenantId)).toBe(1);
  });

  it('stores the key only wrapped', async () => {
    const tenantId = await createTenant(db);
    const { key } = await withTenant(db, scope(tenantId), ({ tx }) => tenantDataKey(tx, masterKey));
    const { rows } = await db.ownerQuery<{ wrapped_key: Buffer }>('SELECT wrapped_key FROM tenant_keys WHERE tenant_id = $1', [tenantId]);
    expect(rows[0]!.wrapped_key.includes(key)).toBe(false);
  });

  it('gives each tenant its own key and hides it from the others', async () => {
    const tenantA = await createTenant(db);
    const tenantB = await createTenant(db);
    const keyA = await withTenant(db, scope(tenantA), ({ tx }) => tenantDataKey(tx, masterKey));
    const keyB = await withTenant(db, scope(tenantB), ({ tx }) => tenantDataKey(tx, masterKey));
    expect(keyB.id).not.toBe(keyA.id);
    expect(keyB.key).not.toEqual(keyA.key);
    expect(await withTenant(db, scope(tenantA), ({ tx }) => tenantDataKeyById(tx, masterKey, keyA.id))).toMatchObject({ id: keyA.id });
    expect(await withTenant(db, scope(tenantB), ({ tx }) => tenantDataKeyById(tx, masterKey, keyA.id))).toBeNull();
  });

  it('does not open with another master key', async () => {
    const tenantId = await createTenant(db);
    await withTenant(db, scope(tenantId), ({ tx }) => tenantDataKey(tx, masterKey));
    await expect(withTenant(db, scope(tenantId), ({ tx }) => tenantDataKey(tx, randomBytes(32)))).rejects.toThrow();
  });

  it('refuses to run outside a tenant transaction', async () => {
    // A bare app transaction: no app.tenant_id is set.
    await expect(db.transaction('app', {}, (client) => tenantDataKey({ $client: client } as Tx, masterKey))).rejects.toThrow(/withTenant/);
  });

  it('leaves no key behind when the creating transaction rolls back', async () => {
    const tenantId = await createTenant(db);
    await expect(
      withTenant(db, scope(tenantId), async ({ tx }) => {
        await tenantDataKey(tx, masterKey);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await keyRows(db, tenantId)).toBe(0);
  });
});

// Races need real concurrent connections: PGlite runs one transaction at a time (DESIGN §9).
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.info('tenant-keys: concurrent first-key test skipped: it needs PostgreSQL (set TEST_DATABASE_URL); PGlite runs one transaction at a time');

describe.skipIf(!serverUrl)('tenant data keys under concurrency (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await openTestDatabase('postgres');
    db = testDb.db;
  }, 30_000);
  afterAll(async () => {
    await testDb?.close();
  });

  it('creates a single key when many first uses race', async () => {
    const tenantId = await createTenant(db);
    const racers = Array.from({ length: 10 }, () =>
      withTenant(db, { tenantId, requestId: randomUUID() }, async ({ tx }) => {
        const key = await tenantDataKey(tx, masterKey);
        // Stay open a moment so the racers overlap.
        await tx.$client.query('SELECT pg_sleep(0.05)');
        return key;
      }),
    );
    const keys = await Promise.all(racers);
    expect(new Set(keys.map((k) => k.id)).size).toBe(1);
    expect(await keyRows(db, tenantId)).toBe(1);
  });
});
