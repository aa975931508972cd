// The app for `npm run bench:identity`, run as a child process: the real app composed as src/main.ts does
// (no job runner), plus one bench-only route standing in for a PHI read until the clients module exists.
import { serve } from '@hono/node-server';
import { html } from 'hono/html';
import { composeApp } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { withDevSecrets } from '../src/infra/dev-secrets.ts';
import { assertDurableSettings } from '../src/infra/db/durability.ts';
import { migrate, setRolePasswords } from '../src/infra/db/migrate.ts';
import { openDatabase } from '../src/infra/db/open.ts';
import { withTenant } from '../src/infra/db/tenant.ts';
import { createHttpApp } from '../src/infra/http/app.ts';
import { SurfaceRouter } from '../src/infra/http/router.ts';
import { requestScope } from '../src/infra/http/scope.ts';
import { installJobSchema } from '../src/infra/jobs/runner.ts';
import { createLogger } from '../src/infra/log.ts';
import { DEMO_STAFF } from '../src/modules/identity/demo-staff.ts';
import { loadPrincipal, operatorGuard, SESSION_COOKIE } from '../src/modules/identity/guard.ts';
import { startSession } from '../src/modules/identity/sessions.ts';
import { DEMO_SLUG, seedDemoSpa } from '../src/modules/tenancy/demo-seed.ts';
import { PHI_READ_PATH, READY } from './identity-protocol.ts';

/**
 * A realistic single-row PHI read: one tenant transaction, one row by primary
 * key (the operator's own, standing in for a client's), and with `?audit=1` the
 * audit event a PHI read must write, sent with the COMMIT (DESIGN §4, §5).
 */
function registerPhiRead(router: SurfaceRouter): void {
  router.get(PHI_READ_PATH, 'use:crm:any', async (c) => {
    const audited = c.req.query('audit') !== '0';
    const operatorId = c.get('principal')!.operatorId;
    const row = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
      const { rows } = await ctx.tx.$client.query<{ id: string; full_name: string; email: string }>(
        'SELECT id, full_name, email::text AS email FROM operators WHERE tenant_id = current_tenant_id() AND id = $1',
        [operatorId],
      );
      const found = rows[0];
      if (found && audited) ctx.audit({ action: 'read', recordType: 'client', recordId: found.id, clientIds: [found.id] });
      return found;
    });
    if (!row) return c.text('not found', 404);
    c.header('Cache-Control', 'no-store');
    return c.html(html`<article class="client-card"><h2>${row.full_name}</h2><p>${row.email}</p></article>`);
  });
}

async function main(): Promise<void> {
  const config = withDevSecrets(loadConfig());
  const log = createLogger(config.logLevel);
  const { db } = await openDatabase(config);
  if (db.kind === 'postgres') await assertDurableSettings(db);
  await migrate(db);
  await installJobSchema(db);
  await setRolePasswords(db, { app: config.dbAppPassword, console: config.dbConsolePassword });
  const tenantId = await seedDemoSpa(db);
  if (!tenantId) throw new Error(`the demo spa "${DEMO_SLUG}" already existed: the bench needs a fresh database`);

  // The real composition, with a job stub as in the tests (nothing the measured routes send is run).
  const { deps, http } = composeApp({ config, db, log, jobs: { send: async () => 'bench' } });
  // The bench route on its own spa router, behind the same host, session and permission steps as every spa route.
  const bench = new SurfaceRouter('spa');
  bench.use(loadPrincipal);
  bench.useAccessGuard(operatorGuard);
  registerPhiRead(bench);
  const benchHttp = createHttpApp(deps, [bench]);
  const benchPath = new RegExp(`^https?://[^/]+${PHI_READ_PATH}(\\?|$)`);
  const fetch = (request: Request) => (benchPath.test(request.url) ? benchHttp : http).fetch(request);

  const ownerEmail = DEMO_STAFF.find((s) => s.role === 'owner')!.email;
  const session = await withTenant(db, { tenantId, requestId: 'bench-setup' }, async (ctx) => {
    const { rows } = await ctx.tx.$client.query<{ id: string }>('SELECT id FROM operators WHERE email = $1', [ownerEmail]);
    const operatorId = rows[0]!.id;
    return startSession(ctx, { operatorId, stage: 'active', now: new Date(), ip: null, userAgent: 'lume-bench' });
  });

  const server = serve({ fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  console.log(`${READY} ${JSON.stringify({ cookie: `${SESSION_COOKIE}=${session}` })}`);
  // No graceful shutdown: the bench database is dropped right after (WITH FORCE).
}

main().catch((error: unknown) => {
  console.error(`bench server could not start: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
