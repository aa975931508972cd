// `npm run bench:identity`: an audited PHI read with and without its audit write, and sign-in (see bench/README.md).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAssets, get, startApp, type RunningApp } from './app.ts';
import { admin, createFreshDatabase, dropDatabase, withDatabase } from './db.ts';
import { PHI_READ_PATH, READY } from './identity-protocol.ts';
import { benchSignIn, type SignInResult } from './identity-sign-in.ts';
import { measure, percentile, warmUp, type LoadPhase, type LoadResult } from './load.ts';
import { mergeCpu, rssKb, type CpuReport } from './proc.ts';
import { cores, goal, log, num as n, printRows, warnIfBusy, type Row } from './report.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'lume_bench_identity';
const SLUG = 'glow';
const CONNECTIONS = 32;
const WARMUP_SECONDS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const GOALS = { auditCost: 0.25, auditedReadsPerSecond: 1000 };

/** The two reads are measured in alternating slices, so that other work on the machine weighs on both alike. */
const SLICES = 3;

interface ReadResult {
  /** Answers of 200 per second: the reads actually served. */
  okPerSecond: number;
  p50: number;
  p99: number;
  avg: number;
  non2xx: number;
  errors: number;
  peakRssMb: number;
  cpu: CpuReport;
}

async function benchReads(app: RunningApp, host: string, cookie: string): Promise<{ audited: ReadResult; plain: ReadResult }> {
  const latencies = { audited: [] as number[], plain: [] as number[] };
  const slices = { audited: [] as LoadResult[], plain: [] as LoadResult[] };
  const phase = (audit: boolean): LoadPhase => ({
    name: audit ? 'audited read' : 'unaudited read',
    options: { url: `http://127.0.0.1:${app.port}${PHI_READ_PATH}?audit=${audit ? 1 : 0}`, headers: { host, cookie }, connections: CONNECTIONS },
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS / SLICES,
    database: DB_NAME,
    onResponse: (status, ms) => void (status === 200 && latencies[audit ? 'audited' : 'plain'].push(ms)),
  });
  for (const audit of [false, true]) {
    const probe = await get(app.port, host, `${PHI_READ_PATH}?audit=${audit ? 1 : 0}`, { cookie });
    if (probe.status !== 200 || !probe.body.includes('client-card')) {
      throw new Error(`GET ${PHI_READ_PATH} answered ${probe.status}, not the bench read:\n${probe.body.slice(0, 500)}`);
    }
    await warmUp(app, phase(audit));
  }
  for (let i = 0; i < SLICES; i++) {
    for (const audit of i % 2 ? [true, false] : [false, true]) slices[audit ? 'audited' : 'plain'].push(await measure(app, phase(audit)));
  }
  return { audited: combine(slices.audited, latencies.audited), plain: combine(slices.plain, latencies.plain) };
}

function combine(slices: LoadResult[], latencies: number[]): ReadResult {
  const sum = (pick: (r: LoadResult) => number) => slices.reduce((total, r) => total + pick(r), 0);
  latencies.sort((a, b) => a - b);
  return {
    okPerSecond: sum((r) => r.raw.statusCodeStats['200']?.count ?? 0) / sum((r) => r.raw.duration),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    avg: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    peakRssMb: Math.max(...slices.map((r) => r.peakRssMb)),
    cpu: mergeCpu(slices.map((r) => r.cpu)),
  };
}

/** Audit rows of bench reads in the database (the superuser is not bound by row-level security). */
async function auditedReadRows(): Promise<number> {
  const sql = `SELECT count(*)::int AS n FROM audit_events WHERE action = 'read' AND record_type = 'client'`;
  return admin(withDatabase(ADMIN_URL, DB_NAME), async (c) => (await c.query<{ n: number }>(sql)).rows[0]!.n);
}

/** CPU time per answer (ms) of the app and of PostgreSQL: steadier than throughput when other work shares the machine. */
function perAnswer(cpu: CpuReport, perSecond: number): string {
  const ms = (cores = 0) => `${n((cores * 1000) / perSecond, 2)} ms`;
  return `app ${ms(cpu.groups.app)}, postgres ${ms(cpu.groups.postgres)}`;
}

function report(audited: ReadResult, plain: ReadResult, signIn: SignInResult, auditRows: number, hwmMb: number): void {
  const cost = 1 - audited.okPerSecond / plain.okPerSecond;
  const read = (name: string, r: ReadResult): Row[] => [
    [name, `${n(r.okPerSecond)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms   avg ${n(r.avg, 1)} ms   (${r.non2xx} non-2xx, ${r.errors} errors/timeouts)`],
    ['  CPU (cores)', cores(r.cpu)],
    ['  CPU per read', perAnswer(r.cpu, r.okPerSecond)],
  ];
  const failed = Object.entries(signIn.failed).map(([status, count]) => `${count} × ${status}`);
  const s = signIn.load;
  const rows: Row[] = [
    ...read('PHI read, audited', audited),
    ...read('PHI read, not audited', plain),
    ['audit cost', `1 − audited/not audited = ${(cost * 100).toFixed(1)} %`],
    ['audit rows', `${n(auditRows)} read events in audit_events (every 200 of the audited phase and its warm-up and probe)`],
    ['sign-in (POST /login)', `${n(signIn.signInsPerSecond, 1)} sign-ins/s   p50 ${signIn.p50} ms   p99 ${signIn.p99} ms   (all answers: ${n(s.rps, 1)}/s)`],
    ['  answers', `${n(signIn.signedIn)} × 303 to ${signIn.nextStep}, ${signIn.busy} × 503 busy, ${failed.length ? failed.join(', ') : 'no other'} failures, ${s.errors} errors/timeouts`],
    ['  CPU (cores)', cores(s.cpu)],
    ['  CPU per sign-in', perAnswer(s.cpu, signIn.signInsPerSecond)],
    ['app RSS', `peak ${n(audited.peakRssMb)} / ${n(plain.peakRssMb)} / ${n(s.peakRssMb)} MB (audited / unaudited / sign-in; ${n(hwmMb)} MB high-water mark)`],
    goal(`goal audit cost < ${GOALS.auditCost * 100} %`, `${(cost * 100).toFixed(1)} %`, cost < GOALS.auditCost),
    goal(`goal audited reads >= ${n(GOALS.auditedReadsPerSecond)}/s`, `${n(audited.okPerSecond)}/s`, audited.okPerSecond >= GOALS.auditedReadsPerSecond),
  ];
  const pool = process.env.DB_POOL_SIZE ?? '10 (default)';
  console.log(
    `\nIdentity on the ${SLUG} spa: ${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s warm-up (reads in ${SLICES} alternating slices), DB_POOL_SIZE=${pool}\n`,
  );
  printRows(rows);
  if (audited.non2xx || audited.errors || plain.non2xx || plain.errors) console.log('\n  Some reads failed: the read figures above are not a fair measure.');
  warnIfBusy([audited.cpu, plain.cpu, s.cpu]);
  console.log('');
}

async function main(): Promise<void> {
  ensureAssets();
  const workDir = await mkdtemp(join(tmpdir(), 'lume-bench-identity-'));
  let app: RunningApp | undefined;
  try {
    await createFreshDatabase(ADMIN_URL, DB_NAME);
    log(`database ${DB_NAME} created; starting bench/identity-server.ts`);
    app = await startApp(
      { DATABASE_URL: withDatabase(ADMIN_URL, DB_NAME), DATA_DIR: join(workDir, 'data'), LOG_LEVEL: 'warn', JOBS: 'off', NODE_ENV: 'development', TRUST_PROXY: 'true' },
      { entry: 'bench/identity-server.ts', ready: READY },
    );
    const { cookie } = JSON.parse(app.readyLine.slice(app.readyLine.indexOf(READY) + READY.length)) as { cookie: string };
    const host = `${SLUG}.localhost:${app.port}`;
    const { audited, plain } = await benchReads(app, host, cookie);
    const auditRows = await auditedReadRows();
    const signIn = await benchSignIn(app, { host, connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS, database: DB_NAME });
    report(audited, plain, signIn, auditRows, rssKb(app.pid, 'VmHWM') / 1024);
  } finally {
    await app?.stop();
    await dropDatabase(ADMIN_URL, DB_NAME).catch((error: Error) => console.error(`could not drop ${DB_NAME}: ${error.message}`));
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
