import { defineConfig } from 'vitest/config';

/**
 * Unit tests beside the code; integration suites under test/integration run on
 * PGlite and again on PostgreSQL when TEST_DATABASE_URL is set; browser
 * journeys under test/e2e drive Debian's Chromium.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const integration = (name: string, backend: string) => ({
  extends: true as const,
  test: {
    name,
    include: ['test/integration/**/*.test.ts'],
    env: { LUME_TEST_DB: backend },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'], testTimeout: 30_000, hookTimeout: 60_000 } },
      integration('pglite', 'pglite'),
      ...(onPostgres ? [integration('postgres', 'postgres')] : []),
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.e2e.ts'], testTimeout: 60_000, hookTimeout: 90_000, fileParallelism: false } },
    ],
  },
});
