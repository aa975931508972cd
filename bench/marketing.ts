// `npm run bench:marketing`: each marketing page under 32 connections, and the bytes a visitor downloads for it (see bench/README.md).
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureAssets, get, startApp, type RunningApp } from './app.ts';
import { createFreshDatabase, dropDatabase, withDatabase } from './db.ts';
import { runLoad, type LoadResult } from './load.ts';
import { mergeCpu } from './proc.ts';
import { cores, log, num as n, warnIfBusy } from './report.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'lume_bench_marketing';
const PAGES = ['/', '/features', '/pricing', '/security', '/baa', '/privacy', '/subprocessors', '/demo'] as const;
const CONNECTIONS = 32;
const WARMUP_SECONDS = 2;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const GOALS = { p99Ms: 20, transferKb: 150 };

interface Size {
  raw: number;
  gzip: number;
}

interface PageWeight {
  html: Size;
  /** Every /assets/ URL the page links (stylesheet, script, icons, images), each counted once. */
  assets: Map<string, Size>;
  total: Size;
}

const sizeOf = (body: Buffer): Size => ({ raw: body.length, gzip: gzipSync(body).length });
const add = (a: Size, b: Size): Size => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const kb = (bytes: number): string => `${n(bytes / 1024, 1)} KB`;

/** The /assets/ URLs an HTML page or a stylesheet refers to (attributes and CSS `url()`). */
function linkedAssets(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:href|src|content)\s*=\s*["'](\/assets\/[^"'?#]+)/g)) found.add(match[1]!);
  for (const match of text.matchAll(/url\(\s*["']?(\/assets\/[^"')?#]+)/g)) found.add(match[1]!);
  return [...found];
}

/** One GET, body kept as bytes (the shared `get` decodes text, which would miscount images). */
function fetchBytes(port: number, host: string, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${path} answered ${res.statusCode}`))));
    })
      .on('error', reject)
      .end();
  });
}

/** What a first visit to the page downloads: the HTML, then each linked asset once (stylesheets followed for their own links). */
async function weigh(app: RunningApp, host: string, path: string, cache: Map<string, Buffer>): Promise<PageWeight> {
  const page = await get(app.port, host, path);
  if (page.status !== 200 || !page.body.includes('<html')) throw new Error(`GET ${path} answered ${page.status}, not a page:\n${page.body.slice(0, 500)}`);
  const html = sizeOf(Buffer.from(page.body, 'utf8'));
  const assets = new Map<string, Size>();
  const queue = linkedAssets(page.body);
  while (queue.length) {
    const url = queue.shift()!;
    if (assets.has(url)) continue;
    let body = cache.get(url);
    if (!body) cache.set(url, (body = await fetchBytes(app.port, host, url)));
    assets.set(url, sizeOf(body));
    if (url.endsWith('.css')) queue.push(...linkedAssets(body.toString('utf8')));
  }
  const total = [...assets.values()].reduce(add, html);
  return { html, assets, total };
}

async function benchPage(app: RunningApp, host: string, path: string): Promise<LoadResult> {
  return runLoad(app, {
    name: `GET ${path}`,
    options: { url: `http://127.0.0.1:${app.port}${path}`, headers: { host }, connections: CONNECTIONS },
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    database: DB_NAME,
  });
}

function report(results: { path: string; load: LoadResult; weight: PageWeight }[]): void {
  const pathWidth = Math.max(...results.map((r) => r.path.length)) + 2;
  console.log(`\nMarketing pages on the apex host: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up, ${SECONDS} s each\n`);
  console.log(`  ${'page'.padEnd(pathWidth)}${'req/s'.padStart(8)}${'p50'.padStart(7)}${'p99'.padStart(7)}  p99 < ${GOALS.p99Ms} ms  ${'app CPU/req'.padStart(11)}${'app cores'.padStart(11)}${'other'.padStart(7)}  failed`);
  for (const { path, load } of results) {
    const ok = load.p99 < GOALS.p99Ms ? 'met' : 'NOT met';
    const appMs = ((load.cpu.groups.app ?? 0) * 1000) / load.rps; // milliseconds of app CPU per answer
    console.log(
      `  ${path.padEnd(pathWidth)}${n(load.rps).padStart(8)}${`${load.p50} ms`.padStart(7)}${`${load.p99} ms`.padStart(7)}  ${ok.padEnd(12)}  ${`${n(appMs, 2)} ms`.padStart(11)}${(load.cpu.groups.app ?? 0).toFixed(2).padStart(11)}${load.cpu.other.toFixed(2).padStart(7)}  ${load.non2xx + load.errors}`,
    );
  }
  const cpu = mergeCpu(results.map((r) => r.load.cpu));
  console.log(`\n  CPU (cores, all pages): ${cores(cpu)}`);
  console.log(`  app RSS peak: ${n(Math.max(...results.map((r) => r.load.peakRssMb)))} MB`);

  console.log(`\nBytes per page (first visit: HTML + the /assets/ it links, each once), raw / gzip; budget ${GOALS.transferKb} KB transferred\n`);
  console.log(`  ${'page'.padEnd(pathWidth)}${'HTML'.padStart(20)}${'assets'.padStart(22)}${'total'.padStart(22)}  gzip total < ${GOALS.transferKb} KB`);
  for (const { path, weight } of results) {
    const pair = (s: Size) => `${kb(s.raw)} / ${kb(s.gzip)}`;
    const assets = [...weight.assets.values()].reduce(add, { raw: 0, gzip: 0 });
    const ok = weight.total.gzip < GOALS.transferKb * 1024 ? 'met' : 'NOT met';
    const rawNote = weight.total.raw < GOALS.transferKb * 1024 ? '' : ' (raw over)';
    console.log(`  ${path.padEnd(pathWidth)}${pair(weight.html).padStart(20)}${pair(assets).padStart(22)}${pair(weight.total).padStart(22)}  ${ok}${rawNote}`);
  }
  const linked = new Map<string, Size>();
  for (const { weight } of results) for (const [url, size] of weight.assets) linked.set(url, size);
  console.log('\n  linked assets:');
  for (const [url, size] of [...linked].sort(([a], [b]) => a.localeCompare(b))) console.log(`    ${url.padEnd(34)}${kb(size.raw).padStart(10)} raw ${kb(size.gzip).padStart(10)} gzip`);
  console.log('  (the app sends no Content-Encoding itself: gzip is what a compressing proxy or CDN would transfer)');

  if (results.some((r) => r.load.non2xx || r.load.errors)) console.log('\n  Some requests failed: those pages\' figures are not a fair measure.');
  warnIfBusy(results.map((r) => r.load.cpu));
  console.log('');
}

async function main(): Promise<void> {
  ensureAssets();
  const workDir = await mkdtemp(join(tmpdir(), 'lume-bench-marketing-'));
  try {
    await createFreshDatabase(ADMIN_URL, DB_NAME);
    log(`database ${DB_NAME} created; starting the app`);
    const app = await startApp({
      DATABASE_URL: withDatabase(ADMIN_URL, DB_NAME),
      DATA_DIR: join(workDir, 'data'),
      LOG_LEVEL: 'warn',
      JOBS: 'off',
      NODE_ENV: 'development',
    });
    try {
      const host = `localhost:${app.port}`;
      const cache = new Map<string, Buffer>();
      const results = [];
      for (const path of PAGES) {
        const weight = await weigh(app, host, path, cache);
        results.push({ path, weight, load: await benchPage(app, host, path) });
      }
      report(results);
    } finally {
      await app.stop();
    }
  } finally {
    await dropDatabase(ADMIN_URL, DB_NAME).catch((error: Error) => console.error(`could not drop ${DB_NAME}: ${error.message}`));
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exit(1);
});
