import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, getWithHost, startLume, waitFor, type Started } from '../support/process.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';

// Issue "Platform core": two commands, clear one-line refusals, one process per data directory.
const running: Started[] = [];
afterAll(async () => {
  for (const s of running) {
    s.child.kill('SIGKILL');
    await s.exited;
  }
});

function tempDir() {
  return mkdtempSync(join(tmpdir(), 'lume-start-'));
}

async function refusal(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const started = startLume(env);
  const code = await started.exited;
  return { code, lines: started.output().trim().split('\n') };
}

describe.skipIf(testBackend() !== 'pglite')('starting Lumè on the embedded database', () => {
  it('starts, migrates, seeds the demo spa, serves both hosts, and keeps a second process off its data directory', async () => {
    const dir = tempDir();
    const port = await freePort();
    const first = startLume({ DATA_DIR: dir, PORT: String(port) });
    running.push(first);
    await waitFor(first, /Lumè is running/);
    expect(first.output()).toContain(`http://glow.localhost:${port}/login`);
    expect(first.output()).toContain('seeded just now');

    expect((await getWithHost(port, `localhost:${port}`, '/')).status).toBe(200);
    const login = await getWithHost(port, `glow.localhost:${port}`, '/login');
    expect(login.status).toBe(200);
    expect(login.body).toContain('Glow Aesthetics');

    const second = await refusal({ DATA_DIR: dir, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.lines).toEqual([expect.stringMatching(/^The data directory .* is in use by another Lumè process \(pid \d+\)/)]);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [{ NODE_ENV: 'production' }, /^Invalid configuration: DATABASE_URL is required in production/],
    [{ DATABASE_URL: 'postgres://lume@127.0.0.1:1/lume' }, /^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/lume \(DATABASE_URL\)/],
    [{ MESSAGING: 'providers' }, /^MESSAGING=providers is not available yet/],
  ])('refuses %o with one clear line and a non-zero exit', async (env, message) => {
    const { code, lines } = await refusal({ DATA_DIR: tempDir(), ...env });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lume.lock'), '999999999');
    const started = startLume({ DATA_DIR: dir, PORT: String(await freePort()) });
    running.push(started);
    await waitFor(started, /Lumè is running/);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });
});

describe.skipIf(testBackend() !== 'postgres')('starting Lumè on PostgreSQL', () => {
  let database: TestDatabase;
  afterAll(() => database?.close());

  it('runs the same product with DATABASE_URL, connected as lume_app', async () => {
    database = await openTestDatabase('postgres');
    const port = await freePort();
    const started = startLume({ DATABASE_URL: database.url!, DATA_DIR: tempDir(), PORT: String(port) });
    running.push(started);
    await waitFor(started, /Lumè is running \(PostgreSQL\)/);
    const login = await getWithHost(port, `glow.localhost:${port}`, '/login');
    expect(login.body).toContain('Glow Aesthetics');
    const { rows } = await database.db.ownerQuery(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename = 'lume_app'`);
    expect(rows[0]!.n).toBeGreaterThan(0);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });
});
