/**
 * `npm run bench:forms` (issue 7; see bench/README.md): (a) the PDF of a signed neurotoxin consent
 * (Spanish, every paragraph initialled, a long follow-up answer, a drawn signature; three pages
 * with the signature record) made BENCH_PDF_RUNS times (default 60) after a warm-up; (b) the
 * client's fill page `GET /f` (a link's cookie held, the consent's 11 questions drawn in Spanish,
 * its audit row written) served in process through the app's router, BENCH_ROUNDS times (default
 * 300), on the embedded database and on PostgreSQL; and the bytes a phone downloads for that page
 * (the HTML, its stylesheet, script and icon; raw and gzip).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { composeApp } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/infra/db/database.ts';
import { openEmbeddedDatabase } from '../src/infra/db/embedded.ts';
import { migrate } from '../src/infra/db/migrate.ts';
import { openServerDatabase } from '../src/infra/db/server.ts';
import { withTenant } from '../src/infra/db/tenant.ts';
import { withDevSecrets } from '../src/infra/dev-secrets.ts';
import { installJobSchema } from '../src/infra/jobs/runner.ts';
import { createLogger } from '../src/infra/log.ts';
import { issueFormLink } from '../src/modules/forms/form-links.ts';
import { renderSignedFormPdf } from '../src/modules/forms/pdf/signed-form-pdf.ts';
import { DEMO_SLUG, seedDemoSpa } from '../src/modules/tenancy/demo-seed.ts';
import { signedConsentInput } from '../test/support/signed-consent.ts';
import { ensureAssets } from './app.ts';
import { createFreshDatabase, dropDatabase, withDatabase } from './db.ts';
import { benchGroups, startCpuMeter, type CpuReport } from './proc.ts';
import { cores, goal, log, num as n, printRows, warnIfBusy, type Row } from './report.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'lume_bench_forms';
const PDF_RUNS = Number(process.env.BENCH_PDF_RUNS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const PDF_GOAL_MS = 150;
const FILL_GOAL_P95 = 20;
const FILL_BUDGET_KB = 100;
const HOST = `${DEMO_SLUG}.localhost:3000`;
const ROOT = new URL('..', import.meta.url).pathname;

function stats(xs: number[]): { p50: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)]!, p95: s[Math.floor(s.length * 0.95)]!, max: s[s.length - 1]! };
}
const fmt = (x: { p50: number; p95: number; max: number }) => `median ${n(x.p50, 1)} ms   p95 ${n(x.p95, 1)} ms   max ${n(x.max, 1)} ms`;
const kb = (bytes: number) => `${n(bytes / 1024, 1)} KiB`;

/** CPU time this process spent per run, in ms: what a run costs on a quiet core, whatever else the machine was doing. */
function cpuPerRun(since: NodeJS.CpuUsage, runs: number): string {
  const used = process.cpuUsage(since);
  return `${n((used.user + used.system) / 1000 / runs, 1)} ms of CPU per run in this process`;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

async function pdfRows(): Promise<{ rows: Row[]; cpu: CpuReport }> {
  const input = await signedConsentInput('es');
  for (let i = 0; i < 10; i++) await renderSignedFormPdf(input);
  const meter = startCpuMeter(benchGroups(DB_NAME, undefined, 'bench'));
  const cpuStart = process.cpuUsage();
  const times: number[] = [];
  let pdf: Uint8Array = new Uint8Array();
  for (let i = 0; i < PDF_RUNS; i++) [pdf, times[i]] = await timed(() => renderSignedFormPdf(input));
  const perRun = cpuPerRun(cpuStart, PDF_RUNS);
  const cpu = meter.stop();
  const pages = (await PDFDocument.load(pdf)).getPageCount();
  const s = stats(times);
  return {
    cpu,
    rows: [
      ['signed neurotoxin consent (es) → PDF', `${fmt(s)}   (${PDF_RUNS} runs)`],
      ['  the PDF', `${pages} pages, ${kb(pdf.length)} (DejaVu Sans subset, signature image)`],
      ['  CPU', perRun],
      ['  cores', cores(cpu)],
      goal(`PDF median < ${PDF_GOAL_MS} ms`, `${n(s.p50, 1)} ms`, s.p50 < PDF_GOAL_MS),
    ],
  };
}

/** What a page makes the browser fetch (stylesheets, scripts, its icon, images), from the built assets. */
function assetsOf(html: string): { path: string; bytes: Buffer }[] {
  const hrefs = [
    ...html.matchAll(/<link[^>]+rel="(?:stylesheet|icon)"[^>]+href="([^"]+)"/g),
    ...html.matchAll(/<(?:script|img)[^>]+src="([^"]+)"/g),
  ].map((m) => m[1]!);
  return hrefs.map((href) => ({ path: href, bytes: readFileSync(join(ROOT, 'public', href.replace(/^\//, ''))) }));
}

async function fillPage(db: Database, label: string, workDir: string): Promise<{ rows: Row[]; cpu: CpuReport; html: string }> {
  await migrate(db);
  await installJobSchema(db);
  await seedDemoSpa(db);
  const one = async (sql: string, values: unknown[] = []) => (await db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
  const spa = await one('SELECT id FROM tenants WHERE slug = $1', [DEMO_SLUG]);
  const desk = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [spa]);
  const client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, preferred_language) VALUES ($1, 'María José', 'García', '1990-06-01', 'es') RETURNING id`, [spa]);
  const form = await one(
    `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id)
     SELECT v.tenant_id, $2, v.template_id, v.id FROM form_versions v JOIN form_templates t ON t.tenant_id = v.tenant_id AND t.id = v.template_id
      WHERE v.tenant_id = $1 AND t.starter_key = 'neurotoxin-consent' ORDER BY v.version DESC LIMIT 1 RETURNING id`,
    [spa, client],
  );
  const link = await withTenant(db, { tenantId: spa, requestId: 'bench-link', actor: { kind: 'operator', id: desk } }, (ctx) =>
    issueFormLink(ctx, { clientId: client, clientFormIds: [form], channel: 'sms', createdBy: desk, now: new Date() }),
  );
  if (!link.ok) throw new Error('the bench link was refused');

  const url = db.kind === 'embedded' ? undefined : withDatabase(ADMIN_URL, DB_NAME);
  const config = withDevSecrets(loadConfig({ ...process.env, NODE_ENV: 'development', ...(url ? { DATABASE_URL: url } : {}), DATA_DIR: join(workDir, label), LOG_LEVEL: 'warn', LUME_APEX: 'localhost:3000', JOBS: 'off', TRUST_PROXY: 'true' }));
  const { http } = composeApp({ config, db, log: createLogger('warn'), jobs: { send: async () => 'bench' } });
  const opened = await http.fetch(new Request(`http://${HOST}/f/${link.token}`, { headers: { host: HOST, 'x-forwarded-for': '203.0.113.50' } }));
  const cookie = opened.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (opened.status !== 303 || !cookie) throw new Error(`the link answered ${opened.status}`);
  const get = async () => {
    const r = await http.fetch(new Request(`http://${HOST}/f?lang=es`, { headers: { host: HOST, cookie, 'x-forwarded-for': '203.0.113.50' } }));
    if (r.status !== 200) throw new Error(`GET /f answered ${r.status}`);
    return r.text();
  };
  for (let i = 0; i < 30; i++) await get();
  const meter = startCpuMeter(benchGroups(DB_NAME, undefined, 'bench'));
  const cpuStart = process.cpuUsage();
  const times: number[] = [];
  let html = '';
  for (let i = 0; i < ROUNDS; i++) [html, times[i]] = await timed(get);
  const perRun = cpuPerRun(cpuStart, ROUNDS);
  const cpu = meter.stop();
  const s = stats(times);
  return {
    cpu,
    html,
    rows: [
      [`GET /f (${label}: cookie, link, 11 questions in Spanish, audit row, HTML)`, `${fmt(s)}   (${ROUNDS} runs)`],
      ['  CPU', `${perRun}${label === 'PGlite' ? ' (the database included: it runs in this process)' : ' (PostgreSQL’s own is in "cores")'}`],
      ['  cores', cores(cpu)],
      goal(`fill page p95 < ${FILL_GOAL_P95} ms (${label})`, `${n(s.p95, 1)} ms`, s.p95 < FILL_GOAL_P95),
    ],
  };
}

function weightRows(html: string): Row[] {
  const parts = [{ path: 'HTML', bytes: Buffer.from(html) }, ...assetsOf(html)];
  const rows: Row[] = parts.map((p) => [`  ${p.path}`, `${kb(p.bytes.length).padStart(10)} raw   ${kb(gzipSync(p.bytes).length).padStart(10)} gzip`]);
  const raw = parts.reduce((sum, p) => sum + p.bytes.length, 0);
  const gz = parts.reduce((sum, p) => sum + gzipSync(p.bytes).length, 0);
  const assetRaw = parts.filter((p) => /\.(css|js)$/.test(p.path)).reduce((sum, p) => sum + p.bytes.length, 0);
  return [
    ['fill page, bytes transferred', ''],
    ...rows,
    ['  total', `${kb(raw).padStart(10)} raw   ${kb(gz).padStart(10)} gzip`],
    goal(`JS + CSS < ${FILL_BUDGET_KB} KB (raw)`, kb(assetRaw), assetRaw < FILL_BUDGET_KB * 1000),
  ];
}

async function main(): Promise<void> {
  ensureAssets();
  const workDir = await mkdtemp(join(tmpdir(), 'lume-bench-forms-'));
  const cpus: CpuReport[] = [];
  try {
    log(`making the PDF ${PDF_RUNS} times`);
    const pdf = await pdfRows();
    cpus.push(pdf.cpu);

    log('the fill page on the embedded database (in memory)');
    const embedded = await openEmbeddedDatabase('memory');
    let html = '';
    let pglite: Row[];
    try {
      const run = await fillPage(embedded, 'PGlite', workDir);
      pglite = run.rows;
      html = run.html;
      cpus.push(run.cpu);
    } finally {
      await embedded.close();
    }

    log('the fill page on PostgreSQL');
    let postgres: Row[];
    try {
      await createFreshDatabase(ADMIN_URL, DB_NAME);
      const server = openServerDatabase({ url: withDatabase(ADMIN_URL, DB_NAME), poolSize: 2 });
      try {
        const run = await fillPage(server, 'PostgreSQL', workDir);
        postgres = run.rows;
        cpus.push(run.cpu);
      } finally {
        await server.close();
        await dropDatabase(ADMIN_URL, DB_NAME);
      }
    } catch (error) {
      postgres = [['GET /f (PostgreSQL)', `not measured: ${(error as Error).message}`]];
    }

    console.log('\nSigned-form PDF and the client’s fill page');
    printRows([...pdf.rows, ...pglite, ...postgres, ...weightRows(html)]);
    warnIfBusy(cpus);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
