import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConsolePermission } from '../../src/modules/console/permissions.ts';
import { isPermission } from '../../src/modules/identity/permissions.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

// SEC-2: every route declares what it needs; opening a route to everyone is a deliberate, reviewed choice.
const PUBLIC_ROUTES = new Set([
  'marketing GET /',
  'marketing GET /features',
  'marketing GET /pricing',
  'marketing GET /security',
  'marketing GET /baa',
  'marketing GET /privacy',
  'marketing GET /subprocessors',
  'marketing GET /demo',
  'marketing POST /demo',
  'marketing GET /demo/thanks',
  'marketing GET /robots.txt',
  'marketing GET /sitemap.xml',
  'marketing GET /dev/outbox',
  'marketing GET /dev/styleguide',
  'spa GET /login',
  'spa POST /login',
  'spa GET /login/totp',
  'spa POST /login/totp',
  'spa GET /login/recovery',
  'spa POST /login/recovery',
  'spa GET /login/enrol',
  'spa POST /login/enrol',
  'spa GET /invite/accepted',
  'spa GET /invite/:token',
  'spa GET /invite',
  'spa POST /invite',
  'spa GET /password/forgot',
  'spa POST /password/forgot',
  'spa GET /password/reset/done',
  'spa GET /password/reset/:token',
  'spa GET /password/reset',
  'spa POST /password/reset',
  'spa GET /break-glass/ready',
  // The spa's logo (issue 7): not PHI, and the client's fill page and the kiosk have no sign-in.
  'spa GET /brand/logo',
  'console GET /login',
  'console POST /login',
  'console GET /login/password',
  'console POST /login/password',
  'console GET /login/totp',
  'console POST /login/totp',
  'console GET /login/recovery',
  'console POST /login/recovery',
  'console GET /login/enrol',
  'console POST /login/enrol',
]);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

describe('declared access on every route', () => {
  it('names a known permission, or is on the reviewed list of public routes', () => {
    const problems: string[] = [];
    for (const route of app.http.routes) {
      const name = `${route.surface} ${route.method} ${route.path}`;
      if (route.access === 'public') {
        if (!PUBLIC_ROUTES.has(name)) problems.push(`${name} is public but not on the reviewed list`);
      } else if (route.access !== 'link-token' && !(route.surface === 'console' ? isConsolePermission(route.access) : isPermission(route.access))) {
        problems.push(`${name} declares unknown permission ${route.access}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists no public route that no longer exists', () => {
    const names = new Set(app.http.routes.map((r) => `${r.surface} ${r.method} ${r.path}`));
    const devToolsHere = app.database.backend === 'pglite'; // the dev outbox exists on the embedded database only
    expect([...PUBLIC_ROUTES].filter((r) => !names.has(r) && (devToolsHere || !r.includes('/dev/')))).toEqual([]);
  });
});
