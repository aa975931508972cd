// Starts the real app (src/main.ts) as a child process and stops it again.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY = 'Lumè is running';

export interface RunningApp {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

/** The pages link to built assets; build them once if missing (as `npm start` does). */
export function ensureAssets(): void {
  if (existsSync(`${ROOT}public/assets/manifest.json`)) return;
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-assets.ts'], { cwd: ROOT, stdio: 'inherit' });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs `node --import tsx src/main.ts` (what `npm start` runs, minus the asset
 * build and the npm/tsx wrappers, so the child's pid is the app itself) and
 * resolves once it prints that it is running.
 */
export async function startApp(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningApp> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LUME_APEX: `localhost:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the pipes drained for the whole run (a full pipe would stall the app); keep the tail for errors.
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stderr!.on('data', keep);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not print "${READY}" within ${timeoutMs / 1000} s`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The app ${why}.\n${tail}`));
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (tail.includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => fail(`exited with code ${code} while starting`));
  });
  child.removeAllListeners('exit');
  return { pid: child.pid!, port, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** One GET through the same path the load generator uses (127.0.0.1 plus a Host header). */
export function get(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
