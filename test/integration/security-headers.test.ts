import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../src/infra/http/router.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';

// SEC-6, checklist #29, #30: every page of every surface carries the policy headers.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const HOSTS: Record<RouteSpec['surface'], string> = { marketing: APEX, spa: `glow.${APEX}`, console: `admin.${APEX}` };

function expectPolicyHeaders(response: Response, where: string) {
  const h = response.headers;
  const csp = h.get('content-security-policy') ?? '';
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    expect(csp, `${where}: CSP ${directive}`).toContain(directive);
  }
  expect(csp, `${where}: no inline script or style`).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(h.get('x-content-type-options'), where).toBe('nosniff');
  expect(h.get('x-frame-options'), where).toBe('DENY');
  expect(h.get('referrer-policy'), where).toMatch(/^(no-referrer|strict-origin-when-cross-origin)$/);
  expect(h.get('x-request-id'), where).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(h.get('cache-control'), where).toBeTruthy();
}

describe('security headers on every route (SEC-6)', () => {
  it('declares at least one route on each surface', () => {
    const surfaces = new Set(app.http.routes.map((r) => r.surface));
    expect(surfaces).toEqual(new Set(['marketing', 'spa', 'console']));
  });

  it('sends the policy on every GET route, and no-store on every CRM and console page', async () => {
    for (const route of app.http.routes.filter((r) => r.method === 'GET')) {
      const response = await new TestBrowser(app.http, HOSTS[route.surface]).get(route.path);
      const where = `${route.surface} ${route.path}`;
      expect(response.status, where).toBeLessThan(500);
      expectPolicyHeaders(response, where);
      if (route.surface !== 'marketing') expect(response.headers.get('cache-control'), where).toBe('no-store');
      expect(response.headers.get('strict-transport-security'), `${where}: no HSTS over plain http`).toBeNull();
    }
  });

  it('sends the policy on 404 pages of every surface and on hosts we do not serve', async () => {
    for (const host of [...Object.values(HOSTS), `nosuchspa.${APEX}`, 'evil.example']) {
      const response = await new TestBrowser(app.http, host).get('/no/such/page');
      expect(response.status, host).toBe(404);
      expectPolicyHeaders(response, host);
    }
  });

  it('answers an unknown spa exactly like an unknown page of a real one (no enumeration)', async () => {
    const unknown = await new TestBrowser(app.http, `nosuchspa.${APEX}`).get('/login');
    const missing = await new TestBrowser(app.http, HOSTS.spa).get('/no-such-page');
    expect(unknown.status).toBe(404);
    const scrub = (html: string) => html.replace(/[A-Za-z0-9_-]{16}(?=<)/g, 'RID');
    expect(scrub(await unknown.text())).toBe(scrub(await missing.text()));
  });

  it('serves hashed assets as immutable with their own type', async () => {
    const home = await (await new TestBrowser(app.http, APEX).get('/')).text();
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(home)?.[1];
    expect(css).toBeDefined();
    const response = await new TestBrowser(app.http, APEX).get(css!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/css');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });
});

describe('HSTS over TLS', () => {
  it('is sent with a year and subdomains when the public protocol is https', async () => {
    const tls = await startTestApp({ LUME_PUBLIC_PROTOCOL: 'https' });
    try {
      const response = await new TestBrowser(tls.http, APEX).get('/');
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await tls.close();
    }
  });
});
