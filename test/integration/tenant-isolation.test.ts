import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { giveEveryTableRowsOfBothSpas } from '../support/every-table.ts';
import { findIsolationGaps, tenantTables } from '../support/isolation.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

// SEC-1, checklist #27: row-level security on every tenant table, proven from the catalog.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await giveEveryTableRowsOfBothSpas(app);
});
afterAll(() => app?.close());

describe('tenant isolation (SEC-1)', () => {
  it('finds the tenant tables in the catalog', async () => {
    const names = (await tenantTables(app.deps.db)).map((t) => t.table);
    expect(names).toEqual(expect.arrayContaining(['tenants', 'locations', 'resources', 'tenant_keys']));
  });

  it('lets no spa see, add, move, change or delete another spa’s rows, and shows nothing without a tenant', async () => {
    expect(await findIsolationGaps(app.deps.db, app.spas.glow, app.spas.other)).toEqual([]);
    expect(await findIsolationGaps(app.deps.db, app.spas.other, app.spas.glow)).toEqual([]);
  });

  it('connects the app as lume_app: no superuser, no BYPASSRLS, owns nothing, cannot TRUNCATE', async () => {
    const { rows } = await app.deps.db.ownerQuery<Record<string, unknown>>(`
      SELECT r.rolsuper, r.rolbypassrls,
        (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned,
        (SELECT count(*)::int FROM information_schema.table_privileges p WHERE p.grantee = 'lume_app' AND p.privilege_type = 'TRUNCATE') AS truncate
      FROM pg_roles r WHERE r.rolname = 'lume_app'`);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0, truncate: 0 });
    const who = await withTenant(app.deps.db, { tenantId: app.spas.glow, requestId: 'whoami' }, async ({ tx }) => (await tx.$client.query('SELECT current_user AS u')).rows[0].u);
    expect(who).toBe('lume_app');
  });
});

describe('the isolation check itself fails when a table loses its protection', () => {
  const policy = (t: string) => `CREATE POLICY tenant_isolation ON ${t} USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())`;
  const breakages: { name: string; breakSql: string; restoreSql: string; expected: RegExp }[] = [
    { name: 'FORCE is removed', breakSql: 'ALTER TABLE resources NO FORCE ROW LEVEL SECURITY', restoreSql: 'ALTER TABLE resources FORCE ROW LEVEL SECURITY', expected: /resources: row-level security is not forced/ },
    { name: 'RLS is disabled', breakSql: 'ALTER TABLE locations DISABLE ROW LEVEL SECURITY', restoreSql: 'ALTER TABLE locations ENABLE ROW LEVEL SECURITY', expected: /locations: tenant A can read another tenant's rows/ },
    { name: 'the policy is dropped', breakSql: 'DROP POLICY tenant_isolation ON resources', restoreSql: policy('resources'), expected: /resources: needs exactly one tenant policy/ },
    {
      name: 'the policy is opened up',
      breakSql: 'DROP POLICY tenant_isolation ON tenant_keys; CREATE POLICY open ON tenant_keys USING (true) WITH CHECK (true)',
      restoreSql: `DROP POLICY open ON tenant_keys; ${policy('tenant_keys')}`,
      expected: /tenant_keys: tenant A can read another tenant's rows/,
    },
  ];
  for (const { name, breakSql, restoreSql, expected } of breakages) {
    it(`reports a gap when ${name}`, async () => {
      await app.deps.db.ownerQuery(breakSql);
      try {
        const gaps = await findIsolationGaps(app.deps.db, app.spas.glow, app.spas.other);
        expect(gaps.join('\n')).toMatch(expected);
      } finally {
        await app.deps.db.ownerQuery(restoreSql);
      }
      expect(await findIsolationGaps(app.deps.db, app.spas.glow, app.spas.other)).toEqual([]);
    });
  }
});
