import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { FORGOT_PER_IP } from '../../src/modules/identity/password-reset.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { clearOfWindowEnd } from '../support/rate-window.ts';

// SEC-4, SEC-5, §6a (no account enumeration): forgotten passwords, by emailed single-use link.
let app: TestApp;
const HOST = `glow.${APEX}`;
const FRESH = 'amber-orchard-violin-harbour-58';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

async function one<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.deps.db.ownerQuery(sql, values)).rows[0] as T;
}
const count = async (sql: string, values: unknown[] = []) => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, values)).n;
const operatorId = async (email: string) => (await one<{ id: string }>('SELECT id FROM operators WHERE email = $1', [email])).id;
const hashOf = async (email: string) => (await one<{ h: string }>('SELECT password_hash AS h FROM operators WHERE email = $1', [email])).h;

async function resetMails(email: string) {
  return (await listOutbox(app.deps.db, 500)).filter((m) => m.recipient === email && m.subject?.startsWith('Reset your'));
}

async function forgot(email: string, browser = new TestBrowser(app.http, HOST)): Promise<Response> {
  await browser.get('/password/forgot');
  return browser.post('/password/forgot', { email });
}

async function newestLink(email: string): Promise<string> {
  const mail = (await resetMails(email))[0];
  expect(mail, `a reset email to ${email}`).toBeDefined();
  const match = /http:\/\/glow\.localhost:3000(\/password\/reset\/[A-Za-z0-9_-]{43})\n/.exec(mail!.body);
  expect(match).not.toBeNull();
  return match![1]!;
}

describe('asking for a reset link', () => {
  it('answers exactly the same for a known and an unknown email, and emails only the known one', async () => {
    const known = await forgot('provider@glow.example');
    const unknown = await forgot('nobody@glow.example');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const a = await known.text();
    expect(a).toContain('If an account exists for that email, we sent a link');
    expect(a).toBe(await unknown.text());
    expect(await resetMails('provider@glow.example')).toHaveLength(1);
    expect(await resetMails('nobody@glow.example')).toHaveLength(0);

    const link = await newestLink('provider@glow.example');
    const token = link.split('/').pop()!;
    const stored = await one<{ minutes: number; purpose: string }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes, purpose FROM auth_tokens WHERE operator_id = $1`,
      [await operatorId('provider@glow.example')],
    );
    expect(stored).toEqual({ minutes: 30, purpose: 'password_reset' });
    const dump = await app.deps.db.ownerQuery(`SELECT a::text AS row FROM auth_tokens a UNION ALL SELECT e::text FROM audit_events e`);
    expect(JSON.stringify(dump.rows)).not.toContain(token);
    expect(await count(`SELECT 1 FROM audit_events WHERE action = 'password_reset_request'`)).toBe(2);
  });

  it('sends nothing to invited or deactivated people, with the same answer', async () => {
    await app.deps.db.ownerQuery(`UPDATE operators SET status = 'deactivated' WHERE email = 'marketing@glow.example'`);
    const answer = await (await forgot('marketing@glow.example')).text();
    expect(answer).toContain('If an account exists for that email');
    expect(await resetMails('marketing@glow.example')).toHaveLength(0);
    await app.deps.db.ownerQuery(`UPDATE operators SET status = 'active' WHERE email = 'marketing@glow.example'`);
  });

  it.each([
    ['an empty email', '', 'Enter the email you sign in with.'],
    ['a long email', `${'a'.repeat(260)}@glow.example`, 'too long'],
    ['SQL', "' OR '1'='1", 'Enter an email address like'],
    ['HTML', '<img src=x onerror=alert(1)>@x.example', 'Enter an email address like'],
    ['unicode', 'žofia@glow.example', 'Enter an email address like'],
  ])('handles %s with a clear message, the typed value kept, nothing sent', async (_name, email, message) => {
    const before = (await listOutbox(app.deps.db, 500)).length;
    const response = await forgot(email);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).not.toContain('<img src=x');
    if (email && email.length < 100) expect(html).toContain('value="');
    expect((await listOutbox(app.deps.db, 500)).length).toBe(before);
  });

  it('stops mailing one email after 3 requests an hour (same answer), and one address after 10 requests', async () => {
    await clearOfWindowEnd(FORGOT_PER_IP.windowSeconds); // an hour's windows end with a quarter's
    const answers = new Set<string>();
    for (let i = 0; i < 4; i++) answers.add(await (await forgot('bookkeeper@glow.example')).text());
    expect(answers.size).toBe(1);
    expect(await resetMails('bookkeeper@glow.example')).toHaveLength(3);

    const browser = new TestBrowser(app.http, HOST);
    for (let i = 0; i < 10; i++) expect((await forgot(`someone${i}@glow.example`, browser)).status).toBe(200);
    const limited = await forgot('someone-else@glow.example', browser);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Too many requests from your network');
  }, 60_000);
});

describe('using a reset link', () => {
  it('ends earlier links when a new one is sent', async () => {
    await forgot('frontdesk@glow.example');
    const first = await newestLink('frontdesk@glow.example');
    await forgot('frontdesk@glow.example');
    const second = await newestLink('frontdesk@glow.example');
    expect(second).not.toBe(first);
    expect((await new TestBrowser(app.http, HOST).get(first)).status).toBe(410);
    expect((await new TestBrowser(app.http, HOST).get(second)).status).toBe(303);
  });

  it('swaps the token for a cookie on /password/reset, refuses bad passwords without writing, then sets it, ends every session and audits it', async () => {
    const laptop = await signIn(app, 'provider@glow.example');
    const phone = await signIn(app, 'provider@glow.example');
    const before = await hashOf('provider@glow.example');
    await forgot('provider@glow.example');
    const link = await newestLink('provider@glow.example');

    const person = new TestBrowser(app.http, HOST);
    const swap = await person.get(link);
    expect(swap.status).toBe(303);
    expect(swap.headers.get('location')).toBe('/password/reset');
    const cookie = swap.headers.getSetCookie().find((c) => c.startsWith('__Secure-lume_reset='))!;
    for (const flag of ['; Path=/password/reset', '; HttpOnly', '; Secure', '; SameSite=Lax']) expect(cookie).toContain(flag);
    const form = await person.get('/password/reset');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('provider@glow.example');

    for (const [pw, confirm, message] of [
      ['', '', 'Choose a password.'],
      ['priya-shah-password', 'priya-shah-password', 'Leave your name out'],
      ['provider-glow-2026!', 'provider-glow-2026!', 'Leave your email address'],
      ['1234567890ab', '1234567890ab', 'common or leaked'],
      ['x'.repeat(1500), 'x'.repeat(1500), 'far too long'],
      [FRESH, 'something else', 'do not match'],
    ] as const) {
      const response = await person.post('/password/reset', { password: pw, password_confirm: confirm });
      expect(response.status, message).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      if (pw) expect(html).not.toContain(pw.slice(0, 30));
    }
    expect(await hashOf('provider@glow.example')).toBe(before);

    const done = await person.post('/password/reset', { password: FRESH, password_confirm: FRESH });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/password/reset/done');
    expect(await (await person.get('/password/reset/done')).text()).toContain('Password changed');
    expect(await hashOf('provider@glow.example')).not.toBe(before);
    const priya = await operatorId('provider@glow.example');
    expect(await count('SELECT 1 FROM sessions WHERE operator_id = $1', [priya])).toBe(0);
    for (const b of [laptop, phone]) expect((await b.get('/')).status).toBe(303);
    expect(await count(`SELECT 1 FROM audit_events WHERE action = 'password_change' AND record_id = $1`, [priya])).toBe(1);

    expect((await new TestBrowser(app.http, HOST).get(link)).status).toBe(410);
    expect((await person.get('/password/reset')).status).toBe(410);

    const old = new TestBrowser(app.http, HOST);
    await old.get('/login');
    expect((await old.post('/login', { email: 'provider@glow.example', password: DEMO_PASSWORD })).status).toBe(401);
    // The second factor is still asked for after a reset.
    const fresh = new TestBrowser(app.http, HOST);
    await fresh.get('/login');
    expect((await fresh.post('/login', { email: 'provider@glow.example', password: FRESH })).headers.get('location')).toBe('/login/totp');
    expect((await (await signIn(app, 'provider@glow.example', HOST, FRESH)).get('/')).status).toBe(200);
  });

  it('lifts the soft lock of an email after a successful reset', async () => {
    for (let i = 0; i < 10; i++) {
      const b = new TestBrowser(app.http, HOST);
      await b.get('/login');
      await b.post('/login', { email: 'manager@glow.example', password: `wrong-${i}` });
    }
    const locked = new TestBrowser(app.http, HOST);
    await locked.get('/login');
    expect((await locked.post('/login', { email: 'manager@glow.example', password: DEMO_PASSWORD })).status).toBe(429);
    await forgot('manager@glow.example');
    const person = new TestBrowser(app.http, HOST);
    await person.get(await newestLink('manager@glow.example'));
    await person.get('/password/reset');
    expect((await person.post('/password/reset', { password: FRESH, password_confirm: FRESH })).status).toBe(303);
    expect((await (await signIn(app, 'manager@glow.example', HOST, FRESH)).get('/')).status).toBe(200);
  });

  it('answers one 410 page for unknown, malformed and expired links, and 429 after 20 bad ones a minute', async () => {
    await forgot('marketing@glow.example');
    const link = await newestLink('marketing@glow.example');
    app.clock.now = new Date(app.clock.now.getTime() + 31 * 60_000);
    const pages: string[] = [];
    for (const path of [link, `/password/reset/${'B'.repeat(43)}`, '/password/reset/%3Cscript%3E']) {
      const response = await new TestBrowser(app.http, HOST).get(path);
      expect(response.status, path).toBe(410);
      pages.push(await response.text());
    }
    expect(pages[0]).toContain('This link no longer works');
    expect(pages[0]).toContain('href="/password/forgot"');
    expect(new Set(pages).size).toBe(1);

    const prober = new TestBrowser(app.http, HOST);
    for (let i = 0; i < 20; i++) expect((await prober.get(`/password/reset/${String(i).padStart(43, 'z')}`)).status).toBe(410);
    expect((await prober.get(`/password/reset/${'q'.repeat(43)}`)).status).toBe(429);
  });
});
