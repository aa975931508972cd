import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import type { AppDeps } from '../../src/infra/http/context.ts';
import type { HttpApp } from '../../src/infra/http/app.ts';
import { createLogger } from '../../src/infra/log.ts';
import { seedDemoSpa } from '../../src/modules/tenancy/demo-seed.ts';
import { openTestDatabase, type TestDatabase } from './test-db.ts';
import { createTestSpa } from './fixtures.ts';

export const APEX = 'localhost:3000';

export interface TestApp {
  http: HttpApp;
  deps: AppDeps;
  database: TestDatabase;
  /** Glow Aesthetics (the demo spa) and a second spa, for isolation checks. */
  spas: { glow: string; other: string };
  sentJobs: { queue: string; data: unknown }[];
  /** Moves the app's clock. */
  clock: { now: Date };
  close(): Promise<void>;
}

/** The whole app on a fresh database, as a user reaches it, minus the socket. */
/** `logTo`: where the app's log lines go (at debug level), for suites that check what is logged; silent otherwise. */
export async function startTestApp(env: Record<string, string> = {}, logTo?: { write(line: string): void }): Promise<TestApp> {
  const database = await openTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'lume-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LUME_APEX: APEX,
    LUME_SECRET: 'test-secret-that-is-at-least-32-characters-long',
    LUME_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    LUME_AUDIT_KEY: Buffer.alloc(32, 9).toString('base64'),
    LOG_LEVEL: 'silent',
    // Each TestBrowser speaks from its own documentation address (X-Forwarded-For), as people behind a load balancer do.
    TRUST_PROXY: 'true',
    ...env,
  }) as AppDeps['config'];
  const glow = (await seedDemoSpa(database.db))!;
  const other = await createTestSpa(database.db, 'lumen');
  const sentJobs: TestApp['sentJobs'] = [];
  const clock = { now: new Date() };
  const { deps, http } = composeApp({
    config,
    db: database.db,
    log: logTo ? createLogger('debug', logTo) : createLogger('silent'),
    jobs: { send: async (queue, data) => { sentJobs.push({ queue, data }); return 'job'; } },
    now: () => clock.now,
  });
  return { http, deps, database, spas: { glow, other }, sentJobs, clock, close: () => database.close() };
}
