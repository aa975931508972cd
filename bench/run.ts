// `npm run bench`: a tenant-scoped page served by the app, against the same SQL run by pgbench (see bench/README.md).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAssets, get, startApp } from './app.ts';
import { admin, createFreshDatabase, dropDatabase, withDatabase } from './db.ts';
import { runLoad, type LoadResult } from './load.ts';
import { loginPageScript, runPgbench, type PgbenchResult } from './pgbench.ts';
import { benchGroups, startCpuMeter, type CpuReport } from './proc.ts';
import { cores, goal, log, num as n, printRows, warnIfBusy, type Row } from './report.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'lume_bench';
const SLUG = 'glow';
const PATH = '/login';
const CONNECTIONS = 32;
const WARMUP_SECONDS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const GOALS = { ratio: 0.5, p99Ms: 50, rssMb: 300 };

async function benchApp(databaseUrl: string, dataDir: string): Promise<LoadResult> {
  const app = await startApp({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn', JOBS: 'off', NODE_ENV: 'development' });
  try {
    const host = `${SLUG}.localhost:${app.port}`;
    const probe = await get(app.port, host, PATH);
    if (probe.status !== 200 || !probe.body.includes('Glow Aesthetics')) {
      throw new Error(`GET ${PATH} on ${host} answered ${probe.status}, not the demo spa's page:\n${probe.body.slice(0, 500)}`);
    }
    const url = `http://127.0.0.1:${app.port}${PATH}`;
    return await runLoad(app, {
      name: 'app',
      options: { url, headers: { host }, connections: CONNECTIONS },
      warmupSeconds: WARMUP_SECONDS,
      seconds: SECONDS,
      database: DB_NAME,
    });
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
  const cpu = startCpuMeter(benchGroups(DB_NAME, undefined, 'pgbench'));
  const result = await runPgbench({ ...options, seconds: SECONDS });
  return { result, cpu: cpu.stop() };
}

function report(app: LoadResult, ceiling: PgbenchResult, ceilingCpu: CpuReport): void {
  const ratio = app.rps / ceiling.tps;
  const rows: Row[] = [
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
  const pool = process.env.DB_POOL_SIZE ?? '10 (default)';
  console.log(`\nGET ${PATH} on the ${SLUG} spa: ${CONNECTIONS} connections, ${SECONDS} s each, DB_POOL_SIZE=${pool}\n`);
  printRows(rows);
  if (app.non2xx || app.errors) console.log('\n  Some requests failed: the app figures above are not a fair measure.');
  warnIfBusy([app.cpu, ceilingCpu]);
  console.log('');
}

async function main(): Promise<void> {
  ensureAssets();
  const workDir = await mkdtemp(join(tmpdir(), 'lume-bench-'));
  const databaseUrl = withDatabase(ADMIN_URL, DB_NAME);
  try {
    await createFreshDatabase(ADMIN_URL, DB_NAME);
    log(`database ${DB_NAME} created; starting the app`);
    const app = await benchApp(databaseUrl, join(workDir, 'data'));
    const ceiling = await benchPgbench(databaseUrl, workDir);
    report(app, ceiling.result, ceiling.cpu);
  } finally {
    await dropDatabase(ADMIN_URL, DB_NAME).catch((error: Error) => console.error(`could not drop ${DB_NAME}: ${error.message}`));
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
