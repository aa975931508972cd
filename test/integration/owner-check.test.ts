import { afterAll, describe, expect, it } from 'vitest';
import { assertOwnerBypassesRls, OwnerCannotBypassRlsError } from '../../src/infra/db/owner-check.ts';
import { openServerDatabase } from '../../src/infra/db/server.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';

// The SECURITY DEFINER functions run as the migrating role; a role that cannot bypass RLS is refused at boot.
describe.skipIf(testBackend() !== 'postgres')('the database owner check (PostgreSQL)', () => {
  let database: TestDatabase;
  afterAll(() => database?.close());

  it('accepts a superuser owner and refuses one that cannot bypass row-level security', async () => {
    database = await openTestDatabase('postgres');
    await expect(assertOwnerBypassesRls(database.db)).resolves.toBeUndefined();
    await database.db.ownerQuery(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lume_weak_owner') THEN CREATE ROLE lume_weak_owner LOGIN; END IF; END $$`);
    const url = new URL(database.url!);
    url.username = 'lume_weak_owner';
    const weak = openServerDatabase({ url: url.toString(), poolSize: 1 });
    try {
      await expect(assertOwnerBypassesRls(weak)).rejects.toThrow(OwnerCannotBypassRlsError);
      await expect(assertOwnerBypassesRls(weak)).rejects.toThrow(/lume_weak_owner\) must be a superuser or have BYPASSRLS/);
    } finally {
      await weak.close();
    }
  });
});
