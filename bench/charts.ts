// `npm run bench:charts`: opening a chart of a client with 50 earlier treatments, audit write included (issue 6; see bench/README.md).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/infra/db/migrate.ts';
import { openServerDatabase } from '../src/infra/db/server.ts';
import { withTenant, type TenantScope } from '../src/infra/db/tenant.ts';
import { withDevSecrets } from '../src/infra/dev-secrets.ts';
import { installJobSchema } from '../src/infra/jobs/runner.ts';
import { createLogger } from '../src/infra/log.ts';
import { signChart, startChart } from '../src/modules/charting/chart-writes.ts';
import { chartSealKey } from '../src/modules/charting/chart-seal.ts';
import { listClientCharts, readChart } from '../src/modules/charting/charts.ts';
import { SESSION_COOKIE } from '../src/modules/identity/guard.ts';
import { withImplied } from '../src/modules/identity/permissions.ts';
import { startSession } from '../src/modules/identity/sessions.ts';
import { DEMO_SLUG, seedDemoSpa } from '../src/modules/tenancy/demo-seed.ts';
import { ensureAssets } from './app.ts';
import { createFreshDatabase, dropDatabase, withDatabase } from './db.ts';
import { benchGroups, startCpuMeter } from './proc.ts';
import { cores, goal, log, num as n, printRows, warnIfBusy, type Row } from './report.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'lume_bench_charts';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const PRIOR = 50;
/** Other clients with charts of their own, so the indexes hold more than one client's rows. */
const OTHER_CLIENTS = 2_000;
const GOAL_P95 = 30;
const HOST = `${DEMO_SLUG}.localhost:3000`;

function stats(xs: number[]): { p50: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)]!, p95: s[Math.floor(s.length * 0.95)]!, max: s[s.length - 1]! };
}
const fmt = (x: { p50: number; p95: number; max: number }) => `p50 ${n(x.p50, 2)} ms   p95 ${n(x.p95, 2)} ms   max ${n(x.max, 1)} ms`;

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

/** A neurotoxin visit's points: 20 sites, 2–4 units each. */
const POINTS = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ view: 'front', x: 100 + (i % 10) * 20, y: 120 + Math.floor(i / 10) * 40, site: 'Forehead (frontalis)', product: 'p0', amount: 2 + (i % 3) })));

async function main(): Promise<void> {
  ensureAssets();
  const workDir = await mkdtemp(join(tmpdir(), 'lume-bench-charts-'));
  await createFreshDatabase(ADMIN_URL, DB_NAME);
  const db = openServerDatabase({ url: withDatabase(ADMIN_URL, DB_NAME), poolSize: 2 });
  try {
    await migrate(db);
    await installJobSchema(db);
    await seedDemoSpa(db);
    const one = async (sql: string, values: unknown[] = []) => (await db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
    const spa = await one('SELECT id FROM tenants WHERE slug = $1', [DEMO_SLUG]);
    const provider = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [spa]);
    const manager = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'manager@glow.example'`, [spa]);
    const location = await one(`SELECT id FROM locations WHERE tenant_id = $1 ORDER BY name LIMIT 1`, [spa]);
    const service = await one(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'Neurotoxin', 45000) RETURNING id`, [spa]);
    const botox = await one(`SELECT id FROM products WHERE tenant_id = $1 AND name = 'Botox Cosmetic'`, [spa]);
    const filler = await one(`SELECT id FROM products WHERE tenant_id = $1 AND name = 'Restylane Lyft'`, [spa]);

    // Every client (the subject first) gets completed visits, one signed chart each, two products, 20 points, an addendum on every fifth.
    const [, seedMs] = await time(async () => {
      await db.ownerQuery(
        `INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth)
         SELECT $1, 'Client' || g, 'Bench', date '1970-01-01' + (g % 15000) FROM generate_series(0, $2) g`,
        [spa, OTHER_CLIENTS],
      );
      await db.ownerQuery(
        `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at, status)
         SELECT $1, c.id, $2, timestamptz '2023-01-02 17:00Z' + (k * interval '21 days') + (c.n % 97) * interval '1 hour',
                timestamptz '2023-01-02 17:30Z' + (k * interval '21 days') + (c.n % 97) * interval '1 hour', 'completed'
           FROM (SELECT id, row_number() OVER (ORDER BY first_name, id) AS n FROM clients WHERE tenant_id = $1 AND last_name = 'Bench') c
          CROSS JOIN LATERAL generate_series(1, CASE WHEN c.n = 1 THEN $3 ELSE 3 END) k`,
        [spa, location, PRIOR],
      );
      await db.ownerQuery(
        `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
         SELECT tenant_id, id, 0, $2, $3, starts_at, ends_at, '{}', 45000 FROM appointments WHERE tenant_id = $1`,
        [spa, service, provider],
      );
      await db.ownerQuery(
        `INSERT INTO charts (tenant_id, appointment_id, appointment_service_id, service_id, provider_id, template, procedure, subjective, objective, assessment, plan, aftercare, injection_points)
         SELECT s.tenant_id, s.appointment_id, s.id, s.service_id, s.provider_id, 'soap', 'Neurotoxin to the upper face.', 'Wants softer lines.', 'Dynamic lines.', 'Good candidate.', 'Review in two weeks.', 'Upright for four hours.', $2::jsonb
           FROM appointment_services s WHERE s.tenant_id = $1`,
        [spa, POINTS],
      );
      await db.ownerQuery(
        `INSERT INTO chart_products (tenant_id, chart_id, position, product_id, lot_number, lot_expiry, amount)
         SELECT tenant_id, id, 0, $2::uuid, 'C' || (abs(hashtext(id::text)) % 9000 + 1000), date '2027-06-30', 60 FROM charts WHERE tenant_id = $1
         UNION ALL
         SELECT tenant_id, id, 1, $3::uuid, 'R' || (abs(hashtext(id::text)) % 9000 + 1000), date '2027-03-31', 1 FROM charts WHERE tenant_id = $1`,
        [spa, botox, filler],
      );
      await db.ownerQuery(
        `UPDATE charts SET status = 'signed', signed_at = now(), signed_by = provider_id, signed_name = 'Priya Shah, NP', content_sha256 = encode(sha256(id::text::bytea), 'hex') WHERE tenant_id = $1`,
        [spa],
      );
      await db.ownerQuery(
        `INSERT INTO chart_addenda (tenant_id, chart_id, author_id, author_name, body)
         SELECT tenant_id, id, provider_id, 'Priya Shah, NP', 'Follow-up call: no concerns.' FROM charts WHERE tenant_id = $1 AND abs(hashtext(id::text)) % 5 = 0`,
        [spa],
      );
      await db.ownerQuery('VACUUM (ANALYZE) clients, appointments, appointment_services, charts, chart_products, chart_addenda');
    });
    const subject = await one(
      `SELECT a.client_id AS id FROM appointments a WHERE a.tenant_id = $1 GROUP BY a.client_id HAVING count(*) = $2 LIMIT 1`,
      [spa, PRIOR],
    );
    const charts = (await db.ownerQuery<{ n: string }>('SELECT count(*) AS n FROM charts')).rows[0]!.n;
    log(`data: ${n(Number(charts))} signed charts of ${n(OTHER_CLIENTS + 1)} clients; the subject has ${PRIOR} in ${n(seedMs / 1000, 1)} s`);

    // Today's visit, charted and signed through the service.
    const scopeOf = (actor: string, roles: string): TenantScope => ({ tenantId: spa, requestId: `bench-${Math.random().toString(36).slice(2)}`, actor: { kind: 'operator', id: actor, role: roles }, surface: 'crm', ip: '127.0.0.1', userAgent: 'lume-bench' });
    const permissionsOf = async (operator: string) =>
      withImplied(
        (await db.ownerQuery<{ p: string }>(`SELECT DISTINCT unnest(r.permissions) AS p FROM operator_roles x JOIN roles r ON r.tenant_id = x.tenant_id AND r.id = x.role_id WHERE x.operator_id = $1`, [operator])).rows.map((r) => r.p),
      );
    // The bench's own seal key: signing and reading use the same one, as the app does with LUME_AUDIT_KEY.
    const sealKey = chartSealKey(Buffer.alloc(32, 1));
    const nurse = { operatorId: provider, permissions: await permissionsOf(provider), fullName: 'Priya Shah, NP', now: new Date(), sealKey };
    const today = await one(
      `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at, status) VALUES ($1, $2, $3, now() - interval '20 minutes', now() + interval '10 minutes', 'in_progress') RETURNING id`,
      [spa, subject, location],
    );
    const line = await one(
      `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
       SELECT tenant_id, id, 0, $2, $3, starts_at, ends_at, '{}', 45000 FROM appointments WHERE id = $1 RETURNING id`,
      [today, service, provider],
    );
    const chart = await withTenant(db, scopeOf(provider, 'provider'), (ctx) => startChart(ctx, today, line, nurse));
    const signed = await withTenant(db, scopeOf(provider, 'provider'), (ctx) =>
      signChart(
        ctx,
        chart,
        { template: 'soap', procedure: 'Neurotoxin to the upper face.', subjective: 'Wants softer lines.', objective: 'Dynamic lines.', assessment: 'Good candidate.', plan: 'Review.', product_0: botox, lot_0: 'C3709C3', expiry_0: '2027-09-30', points: POINTS, attest: 'yes' },
        nurse,
      ),
    );
    if (!signed.ok) throw new Error('the bench chart could not be signed');

    const viewer = { operatorId: manager, permissions: await permissionsOf(manager), now: new Date(), sealKey };
    const config = withDevSecrets(loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: withDatabase(ADMIN_URL, DB_NAME), DATA_DIR: join(workDir, 'data'), LOG_LEVEL: 'warn', LUME_APEX: 'localhost:3000', JOBS: 'off', TRUST_PROXY: 'true' }));
    const { http } = composeApp({ config, db, log: createLogger('warn'), jobs: { send: async () => 'bench' } });
    const session = await withTenant(db, scopeOf(manager, 'manager'), (ctx) => startSession(ctx, { operatorId: manager, stage: 'active', now: new Date(), ip: null, userAgent: 'lume-bench' }));
    const get = async (path: string) => {
      const r = await http.fetch(new Request(`http://${HOST}${path}`, { headers: { host: HOST, cookie: `${SESSION_COOKIE}=${session}` } }));
      if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
      return r.text();
    };

    for (let i = 0; i < 30; i++) {
      await withTenant(db, scopeOf(manager, 'manager'), (ctx) => readChart(ctx, chart, viewer));
      await get(`/charts/${chart}`);
    }
    const meter = startCpuMeter(benchGroups(DB_NAME, process.pid, 'bench'));
    const open: number[] = [];
    const list: number[] = [];
    const page: number[] = [];
    let listed = 0;
    let bytes = 0;
    for (let i = 0; i < ROUNDS; i++) {
      open.push((await time(() => withTenant(db, scopeOf(manager, 'manager'), (ctx) => readChart(ctx, chart, viewer))))[1]);
      const [shown, ms] = await time(() => withTenant(db, scopeOf(manager, 'manager'), (ctx) => listClientCharts(ctx, subject, viewer)));
      list.push(ms);
      listed = shown?.length ?? 0;
      const [html, pageMs] = await time(() => get(`/charts/${chart}`));
      page.push(pageMs);
      bytes = html.length;
    }
    const cpu = meter.stop();
    const rows: Row[] = [
      ['data', `${n(Number(charts))} signed charts; the subject has ${PRIOR} earlier treatments (2 products, 20 points each)`],
      ['open a chart (service + audit row)', `${fmt(stats(open))}   (${ROUNDS} runs)`],
      [`client's Charts tab (${listed} charts, service + audit)`, `${fmt(stats(list))}`],
      ['chart page (HTTP, session + permissions + HTML)', `${fmt(stats(page))}   ${n(bytes / 1024)} KiB`],
      ['cores', cores(cpu)],
      goal(`open a chart p95 < ${GOAL_P95} ms (service)`, `${n(stats(open).p95, 1)} ms`, stats(open).p95 < GOAL_P95),
      goal(`chart page p95 < ${GOAL_P95} ms (HTTP)`, `${n(stats(page).p95, 1)} ms`, stats(page).p95 < GOAL_P95),
    ];
    console.log('\nOpening a chart (PostgreSQL)');
    printRows(rows);
    warnIfBusy([cpu]);
  } finally {
    await db.close();
    await dropDatabase(ADMIN_URL, DB_NAME);
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
