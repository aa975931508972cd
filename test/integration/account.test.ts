import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { knownSecret, signIn } from '../support/operators.ts';

// SEC-4, SEC-5: my account — my sessions, my password.
let app: TestApp;
const HOST = `glow.${APEX}`;
const NEXT = 'copper-kettle-willow-sundial-36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

async function one<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.deps.db.ownerQuery(sql, values)).rows[0] as T;
}
const count = async (sql: string, values: unknown[] = []) => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, values)).n;
const operatorId = async (email: string) => (await one<{ id: string }>('SELECT id FROM operators WHERE email = $1', [email])).id;
const sessionIds = async (email: string) =>
  (await app.deps.db.ownerQuery<{ id: string }>('SELECT s.id FROM sessions s JOIN operators o ON o.id = s.operator_id WHERE o.email = $1 ORDER BY s.created_at', [email])).rows.map((r) => r.id);

/** Signs in through the real pages with a given browser's user agent. */
async function signInAs(email: string, userAgent: string, password = DEMO_PASSWORD): Promise<TestBrowser> {
  const browser = new TestBrowser(app.http, HOST);
  const send = browser.send.bind(browser);
  browser.send = (method, path, body, headers) => send(method, path, body, { 'user-agent': userAgent, ...headers });
  app.clock.now = new Date(app.clock.now.getTime() + 30_000);
  await browser.get('/login');
  expect((await browser.post('/login', { email, password })).headers.get('location')).toBe('/login/totp');
  await browser.get('/login/totp');
  expect((await browser.post('/login/totp', { code: totpCodeAt(knownSecret(HOST, email), app.clock.now) })).status).toBe(303);
  await browser.get('/');
  return browser;
}

describe('my sessions', () => {
  it('lists my live sessions with a readable browser, IP and “this device”, and my roles and licences', async () => {
    await signIn(app, 'provider@glow.example'); // enrols TOTP
    const mac = await signInAs('provider@glow.example', MAC);
    await signInAs('provider@glow.example', IPHONE);
    const page = await mac.get('/account');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Chrome on macOS');
    expect(html).toContain('Safari on iPhone');
    expect(html).toContain('This device');
    expect(html).toContain(`IP ${mac.ip}`);
    expect(html).toContain('Provider');
    expect(html).toContain('NP95112');
    expect((html.match(/action="\/account\/sessions\/[0-9a-f-]{36}\/end"/g) ?? []).length).toBe(3);
  });

  it('ends one of my other sessions at once, and audits it', async () => {
    const desk = await signInAs('frontdesk@glow.example', MAC).catch(async () => {
      await signIn(app, 'frontdesk@glow.example');
      return signInAs('frontdesk@glow.example', MAC);
    });
    const phone = await signInAs('frontdesk@glow.example', IPHONE);
    const [, phoneSession] = (await sessionIds('frontdesk@glow.example')).slice(-2);
    await desk.get('/account');
    const ended = await desk.post(`/account/sessions/${phoneSession}/end`, {});
    expect(ended.status).toBe(303);
    expect(await (await desk.get(ended.headers.get('location')!)).text()).toContain('That device was signed out.');
    expect((await phone.get('/')).headers.get('location')).toMatch(/^\/login/);
    expect((await desk.get('/')).status).toBe(200);
    expect(await count(`SELECT 1 FROM audit_events WHERE action = 'session_end' AND record_id = $1`, [phoneSession])).toBe(1);
  });

  it('answers 404 for a session of another operator or another spa, and leaves it alone', async () => {
    const manager = await signIn(app, 'manager@glow.example');
    const [managerSession] = (await sessionIds('manager@glow.example')).slice(-1);
    const owner = await signIn(app, 'owner@glow.example');
    await owner.get('/account');
    expect((await owner.post(`/account/sessions/${managerSession}/end`, {})).status).toBe(404);
    expect((await owner.post('/account/sessions/not-a-session/end', {})).status).toBe(404);
    const lumen = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
    await lumen.get('/account');
    expect((await lumen.post(`/account/sessions/${managerSession}/end`, {})).status).toBe(404);
    expect((await manager.get('/')).status).toBe(200);
  });

  it('signs me out when I end this device’s session', async () => {
    const me = await signIn(app, 'marketing@glow.example');
    const [mine] = (await sessionIds('marketing@glow.example')).slice(-1);
    await me.get('/account');
    const out = await me.post(`/account/sessions/${mine}/end`, {});
    expect(out.headers.get('location')).toBe('/login');
    expect((await me.get('/account')).status).toBe(303);
  });

  it('is open to every role', async () => {
    for (const email of ['bookkeeper@glow.example', 'marketing@glow.example']) {
      expect((await (await signIn(app, email)).get('/account')).status, email).toBe(200);
    }
  });
});

describe('changing my password', () => {
  it.each([
    ['empty fields', { current_password: '', password: '', password_confirm: '' }, 'Enter your current password.'],
    ['a wrong current password', { current_password: 'not-my-password-<b>', password: NEXT, password_confirm: NEXT }, 'That is not your current password.'],
    ['a mismatch', { current_password: DEMO_PASSWORD, password: NEXT, password_confirm: `${NEXT}!` }, 'do not match'],
    ['a weak new password', { current_password: DEMO_PASSWORD, password: 'qwertyuiop123', password_confirm: 'qwertyuiop123' }, 'common'],
    ['the spa name', { current_password: DEMO_PASSWORD, password: 'Glow Aesthetics 2026!', password_confirm: 'Glow Aesthetics 2026!' }, 'spa'],
    ['unicode that is too short', { current_password: DEMO_PASSWORD, password: '密码密码密码', password_confirm: '密码密码密码' }, 'at least 12 characters'],
    ['the same password', { current_password: DEMO_PASSWORD, password: DEMO_PASSWORD, password_confirm: DEMO_PASSWORD }, 'different from your current one'],
    ['SQL in the current password', { current_password: "' OR '1'='1' --", password: NEXT, password_confirm: NEXT }, 'That is not your current password.'],
    ['a password that is far too long', { current_password: DEMO_PASSWORD, password: 'p'.repeat(1100), password_confirm: 'p'.repeat(1100) }, 'far too long'],
  ])('refuses %s with a clear message, never echoes a password, writes nothing', async (_name, form, message) => {
    const browser = await signIn(app, 'bookkeeper@glow.example');
    const before = await one<{ h: string }>(`SELECT password_hash AS h FROM operators WHERE email = 'bookkeeper@glow.example'`);
    const sessions = await count(`SELECT 1 FROM sessions s JOIN operators o ON o.id = s.operator_id WHERE o.email = 'bookkeeper@glow.example'`);
    await browser.get('/account');
    const response = await browser.post('/account/password', form);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    for (const value of Object.values(form)) if (value) expect(html).not.toContain(value.slice(0, 24));
    expect(html).not.toContain('<b>');
    expect(await one(`SELECT password_hash AS h FROM operators WHERE email = 'bookkeeper@glow.example'`)).toEqual(before);
    expect(await count(`SELECT 1 FROM sessions s JOIN operators o ON o.id = s.operator_id WHERE o.email = 'bookkeeper@glow.example'`)).toBe(sessions);
  });

  it('changes it, keeps this session, ends the others, audits it; the new password then signs in (with the code)', async () => {
    const here = await signIn(app, 'owner@glow.example');
    const elsewhere = await signIn(app, 'owner@glow.example');
    await here.get('/account');
    const done = await here.post('/account/password', { current_password: DEMO_PASSWORD, password: NEXT, password_confirm: NEXT });
    expect(done.status).toBe(303);
    expect(await (await here.get('/account?done=password')).text()).toContain('Password changed');
    expect((await elsewhere.get('/')).headers.get('location')).toMatch(/^\/login/);
    const maya = await operatorId('owner@glow.example');
    expect(await count('SELECT 1 FROM sessions WHERE operator_id = $1', [maya])).toBe(1);
    expect(await count(`SELECT 1 FROM audit_events WHERE action = 'password_change' AND record_id = $1 AND outcome = 'success'`, [maya])).toBe(1);
    const old = new TestBrowser(app.http, HOST);
    await old.get('/login');
    expect((await old.post('/login', { email: 'owner@glow.example', password: DEMO_PASSWORD })).status).toBe(401);
    expect((await (await signIn(app, 'owner@glow.example', HOST, NEXT)).get('/')).status).toBe(200);
  });

  it('pauses after 5 wrong current passwords', async () => {
    const browser = await signIn(app, 'marketing@glow.example');
    await browser.get('/account');
    for (let i = 0; i < 5; i++) expect((await browser.post('/account/password', { current_password: `nope-${i}`, password: NEXT, password_confirm: NEXT })).status).toBe(400);
    const paused = await browser.post('/account/password', { current_password: DEMO_PASSWORD, password: NEXT, password_confirm: NEXT });
    expect(paused.status).toBe(429);
    expect(await paused.text()).toContain('Too many wrong current passwords');
  });
});
