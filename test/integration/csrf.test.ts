import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpApp } from '../../src/infra/http/app.ts';
import { csrfToken } from '../../src/infra/http/csrf.ts';
import { SurfaceRouter } from '../../src/infra/http/router.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';

// SEC-6, checklist #29: a state-changing request needs a valid token and must come from our own origin.
let app: TestApp;
let http: HttpApp;
let writes = 0;

beforeAll(async () => {
  app = await startTestApp();
  const spa = new SurfaceRouter('spa');
  spa.get('/form', 'public', (c) => c.html(`<form method="post"><input type="hidden" name="_csrf" value="${csrfToken(c)}"></form>`));
  spa.post('/form', 'public', (c) => {
    writes++;
    return c.text('saved');
  });
  spa.post('/webhook', 'public', (c) => c.text('signed elsewhere'), { csrf: false });
  http = createHttpApp(app.deps, [spa]);
});
afterAll(() => app?.close());

async function browserWithForm() {
  const browser = new TestBrowser(http, `glow.${APEX}`);
  await browser.get('/form');
  return browser;
}

describe('CSRF protection', () => {
  it('sets a __Host- cookie that is Secure, HttpOnly, SameSite=Strict, Path=/ and has no Domain', async () => {
    const response = await new TestBrowser(http, `glow.${APEX}`).get('/form');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-lume_csrf='))!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('accepts a same-origin post with the page’s token', async () => {
    const browser = await browserWithForm();
    const before = writes;
    const response = await browser.post('/form', { name: 'x' });
    expect(response.status).toBe(200);
    expect(writes).toBe(before + 1);
  });

  it.each([
    ['no token', { _csrf: '' }, {}],
    ['a forged token', { _csrf: 'A'.repeat(43) }, {}],
    ['a cross-site Sec-Fetch-Site', {}, { 'sec-fetch-site': 'cross-site' }],
    ['a same-site (sibling subdomain) request', {}, { 'sec-fetch-site': 'same-site' }],
    ['a foreign Origin', {}, { origin: 'https://evil.example' }],
    ['another spa’s Origin', {}, { origin: `http://lumen.${APEX}` }],
    ['an opaque Origin without Fetch Metadata', {}, { origin: 'null', 'sec-fetch-site': '' }],
  ])('refuses %s with 403 and changes nothing', async (_name, form, headers) => {
    const browser = await browserWithForm();
    const before = writes;
    const response = await browser.post('/form', form as Record<string, string>, headers as Record<string, string>);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/refused|expired/);
    expect(writes).toBe(before);
  });

  it('accepts the opaque Origin a no-referrer page produces when Fetch Metadata says same-origin', async () => {
    const browser = await browserWithForm();
    expect((await browser.post('/form', {}, { origin: 'null' })).status).toBe(200);
  });

  it('refuses a token taken from another browser (it is bound to that browser’s cookie)', async () => {
    const victim = await browserWithForm();
    const attacker = await browserWithForm();
    const before = writes;
    const response = await attacker.post('/form', { _csrf: victim.lastCsrf! });
    expect(response.status).toBe(403);
    expect(writes).toBe(before);
  });

  it('lets only routes that declare their own signature check opt out', async () => {
    const response = await new TestBrowser(http, `glow.${APEX}`).send('POST', '/webhook', 'x', {});
    expect(response.status).toBe(200);
    expect(app.http.routes.filter((r) => !r.csrf)).toEqual([]);
  });
});
