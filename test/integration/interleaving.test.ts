import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/compose.ts';
import { openServerDatabase } from '../../src/infra/db/server.ts';
import type { Database } from '../../src/infra/db/database.ts';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { testBackend } from '../support/test-db.ts';

// Checklist #27: two tenants' requests interleaved over one pooled connection never see each other.
// PGlite runs one transaction at a time, so the interleaving only exists on PostgreSQL (DESIGN §9).
describe.skipIf(testBackend() !== 'postgres')('interleaved tenants over a pool of one connection (PostgreSQL)', () => {
  let app: TestApp;
  let single: Database;

  beforeAll(async () => {
    app = await startTestApp();
    single = openServerDatabase({ url: app.database.url!, poolSize: 1 });
  });
  afterAll(async () => {
    await single?.close();
    await app?.close();
  });

  it('serves 1,000 concurrent page requests of two spas, each seeing only its own spa', async () => {
    const { http } = composeApp({ config: app.deps.config, db: single, log: app.deps.log, jobs: app.deps.jobs });
    const spas = [
      { host: `glow.${APEX}`, mine: 'Glow Aesthetics', theirs: 'Spa lumen' },
      { host: `lumen.${APEX}`, mine: 'Spa lumen', theirs: 'Glow Aesthetics' },
    ];
    const results = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const spa = spas[i % 2]!;
        const response = await http.fetch(new Request(`http://${spa.host}/login`, { headers: { host: spa.host } }));
        const html = await response.text();
        return response.status === 200 && html.includes(spa.mine) && !html.includes(spa.theirs);
      }),
    );
    expect(results.filter((ok) => !ok)).toHaveLength(0);
  });

  it('keeps 1,000 interleaved tenant transactions apart at the SQL level', async () => {
    const tenants = [app.spas.glow, app.spas.other];
    const leaks = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        withTenant(single, { tenantId: tenants[i % 2]!, requestId: `mix${i}` }, async ({ tx }) => {
          const { rows } = await tx.$client.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM locations');
          return rows.some((r) => r.tenant_id !== tenants[i % 2]);
        }),
      ),
    );
    expect(leaks.filter(Boolean)).toHaveLength(0);
  });
});
