import { serve } from '@hono/node-server';
import { freePort } from './process.ts';
import { startTestApp, type TestApp } from './harness.ts';

/**
 * The whole app on a real socket for the browser, with the test's clock and
 * database still in reach (unlike `npm start` in a child process).
 */
export async function startLiveApp(): Promise<{ app: TestApp; port: number; close(): Promise<void> }> {
  const port = await freePort();
  const app = await startTestApp({ LUME_APEX: `localhost:${port}`, PORT: String(port) });
  const server = serve({ fetch: app.http.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    app,
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
