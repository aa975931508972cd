// Starts the real app (src/main.ts, or a bench entry composing it) as a child process and stops it again.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY = 'Lumè is running';

export interface RunningApp {
  pid: number;
  port: number;
  /** The line of standard output that announced readiness (an entry may put data on it). */
  readyLine: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Script run with `node --import tsx`, relative to the repository (default `src/main.ts`). */
  entry?: string;
  /** Text of the whole stdout line that means "listening" (default: what src/main.ts prints). */
  ready?: string;
  timeoutMs?: number;
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
export async function startApp(env: Record<string, string>, options: StartOptions = {}): Promise<RunningApp> {
  const { entry = 'src/main.ts', ready = READY, timeoutMs = 60_000 } = options;
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LUME_APEX: `localhost:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the pipes drained for the whole run (a full pipe would stall the app); keep the tail for errors.
  let tail = '';
  let stdout = '';
  let readyLine: string | undefined;
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stderr!.on('data', keep);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not print "${ready}" within ${timeoutMs / 1000} s`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The app ${why}.\n${tail}`));
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (readyLine !== undefined) return;
      stdout = (stdout + chunk.toString()).slice(-4000);
      readyLine = stdout.split('\n').slice(0, -1).find((line) => line.includes(ready)); // whole lines only
      if (readyLine !== undefined) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => fail(`exited with code ${code} while starting`));
  });
  child.removeAllListeners('exit');
  return { pid: child.pid!, port, readyLine: readyLine!, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One GET through the same path the load generator uses (127.0.0.1 plus a Host header). */
export function get(port: number, host: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return send(port, host, 'GET', path, headers);
}

/** One request to the app on 127.0.0.1 for the given Host; the whole answer, body as text. */
export function send(port: number, host: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
