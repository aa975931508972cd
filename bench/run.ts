// `npm run bench`: a tenant-scoped page served by the app, against the same SQL run by pgbench (see bench/README.md).
import autocannon from 'autocannon';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureAssets, get, startApp } from './app.ts';
import { loginPageScript, runPgbench, type PgbenchResult } from './pgbench.ts';
import { commandLine, rssKb, startCpuMeter, startRssSampler, type Classify, type CpuReport } from './proc.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'lume_bench';
const SLUG = 'glow';
const PATH = '/login';
const CONNECTIONS = 32;
const WARMUP_SECONDS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const GOALS = { ratio: 0.5, p99Ms: 50, rssMb: 300 };

interface AppResult {
  rps: number;
  p50: number;
  p99: number;
  avg: number;
  non2xx: number;
  errors: number;
  peakRssMb: number;
  hwmRssMb: number;
  cpu: CpuReport;
}

function withDatabase(url: string, database: string, user?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const dropDatabase = () => admin(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));

async function benchApp(databaseUrl: string, dataDir: string): Promise<AppResult> {
  const app = await startApp({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn', JOBS: 'off', NODE_ENV: 'development' });
  try {
    const host = `${SLUG}.localhost:${app.port}`;
    const probe = await get(app.port, host, PATH);
    if (probe.status !== 200 || !probe.body.includes('Glow Aesthetics')) {
      throw new Error(`GET ${PATH} on ${host} answered ${probe.status}, not the demo spa's page:\n${probe.body.slice(0, 500)}`);
    }
    const url = `http://127.0.0.1:${app.port}${PATH}`;
    const headers = { host };
    log(`app: pid ${app.pid}, warming up ${WARMUP_SECONDS} s`);
    await autocannon({ url, headers, connections: CONNECTIONS, duration: WARMUP_SECONDS });

    log(`app: autocannon, ${CONNECTIONS} connections, ${SECONDS} s`);
    const cpu = startCpuMeter(groupsFor(app.pid, 'load generator'));
    const rss = startRssSampler(app.pid);
    const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
    const peakRssKb = rss.stop();
    return {
      rps: r.requests.total / r.duration,
      p50: r.latency.p50,
      p99: r.latency.p99,
      avg: r.latency.average,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      peakRssMb: peakRssKb / 1024,
      hwmRssMb: rssKb(app.pid, 'VmHWM') / 1024,
      cpu: cpu.stop(),
    };
  } finally {
    await app.stop();
  }
}

async function benchPgbench(databaseUrl: string, workDir: string): Promise<{ result: PgbenchResult; cpu: CpuReport }> {
  const tenantId = await admin(databaseUrl, async (c) => (await c.query<{ id: string }>('SELECT id FROM resolve_tenant($1)', [SLUG])).rows[0]?.id);
  if (!tenantId) throw new Error(`no tenant with slug ${SLUG} in ${DB_NAME}`);
  const scriptPath = join(workDir, 'login-page.sql');
  await writeFile(scriptPath, loginPageScript(tenantId));
  const options = { url: withDatabase(ADMIN_URL, DB_NAME, 'lume_app'), scriptPath, clients: CONNECTIONS, threads: 2 };

  log(`pgbench: warming up ${WARMUP_SECONDS} s`);
  await runPgbench({ ...options, seconds: WARMUP_SECONDS });
  log(`pgbench: ${CONNECTIONS} clients, 2 threads, ${SECONDS} s, simple protocol`);
  const cpu = startCpuMeter(groupsFor(undefined, 'pgbench'));
  const result = await runPgbench({ ...options, seconds: SECONDS });
  return { result, cpu: cpu.stop() };
}

/**
 * Names the processes whose CPU time is worth showing. PostgreSQL counts its
 * backends on the bench database and its shared background processes (WAL
 * writer, checkpointer, ...); backends of other databases fall under "other".
 */
function groupsFor(appPid: number | undefined, loadName: string): Classify {
  return (pid, comm) => {
    if (pid === appPid) return 'app';
    if (pid === process.pid || comm === 'pgbench') return loadName;
    if (comm !== 'postgres') return undefined;
    const title = commandLine(pid);
    return title.includes(` ${DB_NAME} `) || !/\(\d+\)|\[local\]/.test(title) ? 'postgres' : undefined;
  };
}

function report(app: AppResult, ceiling: PgbenchResult, ceilingCpu: CpuReport): void {
  const ratio = app.rps / ceiling.tps;
  const n = (x: number, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const cores = (c: CpuReport) =>
    [...Object.entries(c.groups).sort(([a], [b]) => a.localeCompare(b)), ['other', c.other] as const]
      .map(([name, v]) => `${name} ${v.toFixed(2)}`)
      .join(', ') + `; machine ${c.machine.toFixed(2)} of ${availableParallelism()}`;
  const goal = (label: string, value: string, ok: boolean): [string, string] => [label, `${value.padEnd(10)}${ok ? 'met' : 'NOT met'}`];
  const rows: [string, string][] = [
    ['app (autocannon)', `${n(app.rps)} req/s   p50 ${app.p50} ms   p99 ${app.p99} ms   avg ${n(app.avg, 1)} ms`],
    ['  responses', `${app.non2xx} non-2xx, ${app.errors} errors/timeouts`],
    ['  app RSS', `peak ${n(app.peakRssMb)} MB during the run (${n(app.hwmRssMb)} MB high-water mark since boot)`],
    ['  CPU (cores)', cores(app.cpu)],
    ['ceiling (pgbench)', `${n(ceiling.tps)} tx/s   avg ${n(ceiling.latencyMs, 2)} ms   (${ceiling.failed} failed)`],
    ['  CPU (cores)', cores(ceilingCpu)],
    ['ratio app/ceiling', `${(ratio * 100).toFixed(1)} %`],
    goal(`goal ratio >= ${GOALS.ratio * 100} %`, `${(ratio * 100).toFixed(1)} %`, ratio >= GOALS.ratio),
    goal(`goal p99 < ${GOALS.p99Ms} ms`, `${app.p99} ms`, app.p99 < GOALS.p99Ms),
    goal(`goal RSS < ${GOALS.rssMb} MB`, `${n(app.peakRssMb)} MB`, app.peakRssMb < GOALS.rssMb),
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const pool = process.env.DB_POOL_SIZE ?? '10 (default)';
  console.log(`\nGET ${PATH} on the ${SLUG} spa: ${CONNECTIONS} connections, ${SECONDS} s each, DB_POOL_SIZE=${pool}\n`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}${v}`);
  if (app.non2xx || app.errors) console.log('\n  Some requests failed: the app figures above are not a fair measure.');
  if (Math.max(app.cpu.other, ceilingCpu.other) > 0.2) {
    console.log('\n  Other work kept the machine busy during the run ("other" above): expect lower, noisier figures.');
  }
  console.log('');
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

async function main(): Promise<void> {
  ensureAssets();
  const workDir = await mkdtemp(join(tmpdir(), 'lume-bench-'));
  const databaseUrl = withDatabase(ADMIN_URL, DB_NAME);
  try {
    await dropDatabase();
    await admin(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${DB_NAME}`));
    log(`database ${DB_NAME} created; starting the app`);
    const app = await benchApp(databaseUrl, join(workDir, 'data'));
    const ceiling = await benchPgbench(databaseUrl, workDir);
    report(app, ceiling.result, ceiling.cpu);
  } finally {
    await dropDatabase().catch((error: Error) => console.error(`could not drop ${DB_NAME}: ${error.message}`));
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
