// `npm run bench:clients`: finding a client and opening a client record in a spa of 100k clients (see bench/README.md).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { assertDurableSettings } from '../src/infra/db/durability.ts';
import { migrate } from '../src/infra/db/migrate.ts';
import { openServerDatabase } from '../src/infra/db/server.ts';
import { withTenant, type TenantScope } from '../src/infra/db/tenant.ts';
import { withDevSecrets } from '../src/infra/dev-secrets.ts';
import type { HttpApp } from '../src/infra/http/app.ts';
import { installJobSchema } from '../src/infra/jobs/runner.ts';
import { createLogger } from '../src/infra/log.ts';
import { clientAccess } from '../src/modules/clients/access.ts';
import { readClientRecord } from '../src/modules/clients/records.ts';
import { searchClients } from '../src/modules/clients/search.ts';
import { SESSION_COOKIE } from '../src/modules/identity/guard.ts';
import { startSession } from '../src/modules/identity/sessions.ts';
import { DEMO_SLUG, seedDemoSpa } from '../src/modules/tenancy/demo-seed.ts';
import { ensureAssets } from './app.ts';
import { DEFAULT_SPAS, sampleClients, seedBenchClients } from './clients-data.ts';
import { admin, createFreshDatabase, dropDatabase, withDatabase } from './db.ts';
import { benchGroups, startCpuMeter } from './proc.ts';
import { cores, goal, log, num as n, printRows, warnIfBusy, type Row } from './report.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'lume_bench_clients';
/** Keep the database for another run (`BENCH_KEEP=1`): the generator then adds nothing and the bench starts in seconds. */
const KEEP = process.env.BENCH_KEEP === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 600);
const GOALS = { searchP95: 20, recordP95: 30 };
const HOST = `${DEMO_SLUG}.localhost:3000`;

type Kind = 'name with a typo' | 'name as typed (first letters)' | 'phone fragment' | 'email' | 'date of birth';
interface Probe {
  kind: Kind;
  q: string;
  /** The client the query was made from: a search that misses it is counted. */
  expect: string;
}

/** Deterministic typos: a letter dropped, two swapped, or one doubled. */
function typo(word: string, i: number): string {
  if (word.length < 5) return word;
  const at = 1 + (i % (word.length - 2));
  switch (i % 3) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    default:
      return word.slice(0, at) + word[at] + word.slice(at);
  }
}

const usDate = (iso: string, pad: boolean) => {
  const [y, m, d] = iso.split('-');
  return pad ? `${m}/${d}/${y}` : `${Number(m)}/${Number(d)}/${y}`;
};

function probes(people: Awaited<ReturnType<typeof sampleClients>>): Probe[] {
  const out: Probe[] = [];
  people.forEach((p, i) => {
    const name = (typo(p.first_name, i) + ' ' + typo(p.last_name, i + 1)).toLowerCase();
    out.push({ kind: 'name with a typo', q: name, expect: p.id });
    out.push({ kind: 'name as typed (first letters)', q: `${p.first_name.slice(0, 3)} ${p.last_name.slice(0, 4)}`, expect: p.id });
    if (p.mobile_phone) {
      const d = p.mobile_phone.slice(2); // national number
      out.push({ kind: 'phone fragment', q: i % 2 ? `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}` : `${d.slice(3, 6)} ${d.slice(6)}`, expect: p.id });
    }
    if (p.email) out.push({ kind: 'email', q: i % 2 ? p.email : p.email.slice(0, p.email.indexOf('@') + 1), expect: p.id });
    out.push({ kind: 'date of birth', q: i % 3 === 0 ? p.date_of_birth : usDate(p.date_of_birth, i % 3 === 1), expect: p.id });
  });
  return out;
}

interface Stats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { count: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1]! };
}

const fmt = (s: Stats) => `p50 ${s.p50.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms   p99 ${s.p99.toFixed(2)} ms   max ${s.max.toFixed(1)} ms   (${n(s.count)} runs)`;

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** A signed-in browser for the in-process app: the session cookie, and the CSRF cookie and token from the page. */
async function browserFor(http: HttpApp, sessionCookie: string) {
  const open = (cookie: string) => http.fetch(new Request(`http://${HOST}/clients`, { headers: { host: HOST, cookie } }));
  // The first visit sets the CSRF cookie (as the sign-in pages would have); the second page's tokens match it.
  const first = await open(sessionCookie);
  const csrf = first.headers.getSetCookie().filter((c) => c.startsWith('__Host-lume_csrf=')).at(-1)?.split(';')[0];
  const page = await open(`${sessionCookie}; ${csrf}`);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`GET /clients answered ${page.status}`);
  const token = /name="_csrf"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="_csrf"/.exec(html)?.[1];
  if (!token || !csrf) throw new Error('no CSRF token on /clients');
  const cookie = `${sessionCookie}; ${csrf}`;
  // Searches are POSTs, and every address may send 120 a minute: each request comes from the next of 508
  // documentation addresses (X-Forwarded-For, TRUST_PROXY=true), as in bench:identity.
  let sent = 0;
  const address = () => `${sent % 2 ? '198.51.100' : '203.0.113'}.${1 + (Math.floor(sent++ / 2) % 254)}`;
  return {
    post: (path: string, q: string) =>
      http.fetch(new Request(`http://${HOST}${path}`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: token, q }),
        headers: {
          host: HOST, cookie, origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true',
          'x-forwarded-for': address(),
        },
      })),
    get: (path: string) => http.fetch(new Request(`http://${HOST}${path}`, { headers: { host: HOST, cookie } })),
  };
}

async function main(): Promise<void> {
  ensureAssets();
  const workDir = await mkdtemp(join(tmpdir(), 'lume-bench-clients-'));
  const url = withDatabase(ADMIN_URL, DB_NAME);
  const exists = await admin(ADMIN_URL, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount === 1);
  if (!KEEP || !exists) await createFreshDatabase(ADMIN_URL, DB_NAME);
  const db = openServerDatabase({ url, poolSize: 4 });
  try {
    await assertDurableSettings(db);
    await migrate(db);
    await installJobSchema(db);
    await seedDemoSpa(db);
    const [seeded, seedMs] = await time(() => seedBenchClients(db));
    log(`clients: ${seeded.map((s) => `${s.slug} ${n(s.clients)} (${n(s.inserted)} new)`).join(', ')} in ${n(seedMs / 1000, 1)} s`);
    const glow = seeded.find((s) => s.slug === DEMO_SLUG)!.tenantId;
    const counts = (await db.ownerQuery<{ clients: number; allergies: number; guardians: number; merged: number; minors: number }>(
      `SELECT (SELECT count(*) FROM clients WHERE tenant_id = $1)::int AS clients,
              (SELECT count(*) FROM client_allergies WHERE tenant_id = $1)::int AS allergies,
              (SELECT count(*) FROM client_guardians WHERE tenant_id = $1)::int AS guardians,
              (SELECT count(*) FROM clients WHERE tenant_id = $1 AND status = 'merged')::int AS merged,
              (SELECT count(*) FROM clients WHERE tenant_id = $1 AND date_of_birth > current_date - interval '18 years')::int AS minors`,
      [glow],
    )).rows[0]!;

    const config = withDevSecrets(loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: url, DATA_DIR: join(workDir, 'data'), LOG_LEVEL: 'warn', LUME_APEX: 'localhost:3000', JOBS: 'off', TRUST_PROXY: 'true' }));
    const { http } = composeApp({ config, db, log: createLogger('warn'), jobs: { send: async () => 'bench' } });
    const owner = (await db.ownerQuery<{ id: string; roles: string }>(
      `SELECT o.id, string_agg(r.key, ',') AS roles FROM operators o JOIN operator_roles x ON x.tenant_id = o.tenant_id AND x.operator_id = o.id JOIN roles r ON r.tenant_id = x.tenant_id AND r.id = x.role_id
        WHERE o.tenant_id = $1 AND o.email = 'frontdesk@glow.example' GROUP BY o.id`, [glow])).rows[0]!;
    const permissions = (await db.ownerQuery<{ p: string }>(
      `SELECT DISTINCT unnest(r.permissions) AS p FROM roles r JOIN operator_roles x ON x.tenant_id = r.tenant_id AND x.role_id = r.id WHERE x.tenant_id = $1 AND x.operator_id = $2`, [glow, owner.id])).rows.map((r) => r.p);
    const access = clientAccess(new Set(permissions));
    let request = 0;
    const scope = (): TenantScope => ({ tenantId: glow, requestId: `bench-${++request}`, actor: { kind: 'operator', id: owner.id, role: owner.roles }, surface: 'crm', ip: '127.0.0.1', userAgent: 'lume-bench' });
    const session = await withTenant(db, scope(), (ctx) => startSession(ctx, { operatorId: owner.id, stage: 'active', now: new Date(), ip: null, userAgent: 'lume-bench' }));
    const browser = await browserFor(http, `${SESSION_COOKIE}=${session}`);

    const people = await sampleClients(db, glow, Math.ceil(ROUNDS / 5));
    const all = probes(people);
    const started = new Date();
    log(`${n(all.length)} searches of ${people.length} clients, as the front desk (allergies shown); warming up`);
    for (const p of all.slice(0, 50)) await withTenant(db, scope(), (ctx) => searchClients(ctx, p.q, access, new Date()));

    const meter = startCpuMeter(benchGroups(DB_NAME, process.pid, 'bench'));
    // 1. The service inside its tenant transaction, audit row included (what every search costs the database).
    const byKind = new Map<Kind, number[]>();
    const service: number[] = [];
    let missed = 0;
    const missedByKind = new Map<Kind, number>();
    let shown = 0;
    for (const p of all) {
      const [result, ms] = await time(() => withTenant(db, scope(), (ctx) => searchClients(ctx, p.q, access, new Date())));
      service.push(ms);
      byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), ms]);
      shown += result.hits.length;
      if (!result.hits.some((h) => h.id === p.expect)) {
        missed++;
        missedByKind.set(p.kind, (missedByKind.get(p.kind) ?? 0) + 1);
        if (process.env.BENCH_SHOW_MISSES === '1') console.log(`  missed (${p.kind}): ${p.q} → ${result.hits.length} shown${result.more ? ', more' : ''}`);
      }
    }

    // 2. The HTTP fragment as htmx asks for it: session, permissions, CSRF, search, audit, HTML.
    const httpSearch: number[] = [];
    for (const p of all) {
      const [response, ms] = await time(async () => {
        const r = await browser.post('/clients/search', p.q);
        return { status: r.status, body: await r.text() };
      });
      if (response.status !== 200) throw new Error(`POST /clients/search answered ${response.status}: ${response.body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 2000)}`);
      httpSearch.push(ms);
    }

    // 3. Opening a client: the record read with its audit row, then the whole page over HTTP.
    const ids = people.map((p) => p.id);
    for (const id of ids.slice(0, 20)) await withTenant(db, scope(), (ctx) => readClientRecord(ctx, id, access, new Date()));
    const record: number[] = [];
    for (const id of [...ids, ...ids]) {
      const [, ms] = await time(() => withTenant(db, scope(), (ctx) => readClientRecord(ctx, id, access, new Date())));
      record.push(ms);
    }
    const page: number[] = [];
    let pageStatus = 0;
    for (const id of [...ids, ...ids]) {
      const [, ms] = await time(async () => {
        const r = await browser.get(`/clients/${id}`);
        pageStatus = r.status;
        await r.text();
      });
      if (pageStatus !== 200) throw new Error(`GET /clients/:id answered ${pageStatus}`);
      page.push(ms);
    }

    const cpu = meter.stop();
    const audited = (await db.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'search' AND request_id LIKE 'bench-%' AND occurred_at >= $2`, [glow, started])).rows[0]!.n;
    const s = stats(service);
    const r = stats(record);
    const rows: Row[] = [
      ['data', `${n(counts.clients)} clients in ${DEMO_SLUG} (${n(counts.minors)} minors, ${n(counts.guardians)} guardians, ${n(counts.allergies)} allergies, ${n(counts.merged)} merged) + ${DEFAULT_SPAS.length - 1} small spas`],
      ['search (service + audit)', fmt(s)],
      ...[...byKind].map(([kind, ms]): Row => [`  ${kind}`, `${fmt(stats(ms))}   found ${n((100 * (ms.length - (missedByKind.get(kind) ?? 0))) / ms.length)} %`]),
      ['  found the client asked for', `${n((100 * (all.length - missed)) / all.length, 1)} % (${n(shown / all.length, 1)} shown per search on average)`],
      ['  audit rows', `${n(audited)} search events for ${n(all.length + 50)} searches`],
      ['search (HTTP fragment)', fmt(stats(httpSearch))],
      ['open a client (service + audit)', fmt(r)],
      ['open a client (HTTP page)', fmt(stats(page))],
      ['CPU (cores)', `${cores(cpu)}   (the app runs inside the bench process)`],
      goal(`goal search p95 < ${GOALS.searchP95} ms`, `${s.p95.toFixed(2)} ms`, s.p95 < GOALS.searchP95),
      goal(`goal open a client p95 < ${GOALS.recordP95} ms`, `${r.p95.toFixed(2)} ms`, r.p95 < GOALS.recordP95),
    ];
    console.log(`\nClients on PostgreSQL: one request at a time, each its own tenant transaction (as lume_app), ${n(all.length)} searches and ${n(record.length)} record reads\n`);
    printRows(rows);
    warnIfBusy([cpu]);
    console.log('');
  } finally {
    await db.close();
    if (!KEEP) await dropDatabase(ADMIN_URL, DB_NAME).catch((error: Error) => console.error(`could not drop ${DB_NAME}: ${error.message}`));
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
