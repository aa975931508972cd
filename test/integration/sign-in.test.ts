import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { enrolmentSecret, signIn } from '../support/operators.ts';

// SEC-4, SEC-5; checklist rows 3, 8, 9, 11, 12, 22–24.
let app: TestApp;
const HOST = `glow.${APEX}`;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

async function auditActions(tenantId = app.spas.glow): Promise<{ action: string; actor_kind: string; record_type: string; outcome: string }[]> {
  const { rows } = await app.deps.db.ownerQuery(`SELECT action, actor_kind, record_type, outcome FROM audit_events WHERE tenant_id = $1 ORDER BY id`, [tenantId]);
  return rows as never;
}

describe('first sign-in enrols TOTP, then every sign-in needs a code', () => {
  let ownerSecret = '';
  it('walks password → QR enrolment → ten recovery codes → the CRM, with a new session id at each step', async () => {
    const browser = new TestBrowser(app.http, HOST);
    await browser.get('/login');
    const password = await browser.post('/login', { email: 'owner@glow.example', password: DEMO_PASSWORD });
    expect(password.status).toBe(303);
    expect(password.headers.get('location')).toBe('/login/enrol');
    const pendingId = browser.cookie('__Host-lume_session');
    expect(pendingId).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Half-signed-in: the CRM is still closed.
    const early = await browser.get('/');
    expect(early.status).toBe(303);
    expect(early.headers.get('location')).toBe('/login');

    const enrol = await (await browser.get('/login/enrol')).text();
    expect(enrol).toContain('<svg');
    const secret = enrolmentSecret(enrol);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    ownerSecret = secret;

    const wrong = await browser.post('/login/enrol', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('did not match');

    const done = await browser.post('/login/enrol', { code: totpCodeAt(secret, app.clock.now) });
    expect(done.status).toBe(200);
    const codes = [...(await done.text()).matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    const activeId = browser.cookie('__Host-lume_session');
    expect(activeId).not.toBe(pendingId);

    const home = await browser.get('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Welcome, Maya');

    // The pre-login session id is dead.
    const replay = new TestBrowser(app.http, HOST);
    const old = await replay.send('GET', '/', undefined, { cookie: `__Host-lume_session=${pendingId}` });
    expect(old.status).toBe(303);

    const { rows } = await app.deps.db.ownerQuery(`SELECT code_hash FROM recovery_codes WHERE tenant_id = $1`, [app.spas.glow]);
    expect(rows).toHaveLength(10);
    expect(JSON.stringify(rows)).not.toContain(codes[0]!.replace('-', ''));
    expect((await auditActions()).map((a) => a.action)).toEqual(expect.arrayContaining(['mfa_enrol', 'login']));
  });

  it('sets the session cookie as __Host-, Secure, HttpOnly, SameSite=Strict, Path=/, without Domain', async () => {
    const browser = new TestBrowser(app.http, HOST);
    await browser.get('/login');
    const response = await browser.post('/login', { email: 'owner@glow.example', password: DEMO_PASSWORD });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-lume_session='))!;
    for (const flag of ['; Secure', '; HttpOnly', '; SameSite=Strict', '; Path=/']) expect(cookie).toContain(flag);
    expect(cookie).not.toMatch(/domain=/i);
  });

  it('rejects a replayed code and a code two steps old, accepts one step of drift', async () => {
    const secret = ownerSecret;
    const attempt = async (code: string) => {
      const browser = new TestBrowser(app.http, HOST);
      await browser.get('/login');
      await browser.post('/login', { email: 'owner@glow.example', password: DEMO_PASSWORD });
      await browser.get('/login/totp');
      return (await browser.post('/login/totp', { code })).status;
    };
    app.clock.now = new Date(app.clock.now.getTime() + 5 * 30_000);
    const current = totpCodeAt(secret, app.clock.now);
    expect(await attempt(current)).toBe(303);
    expect(await attempt(current)).toBe(401); // replay
    app.clock.now = new Date(app.clock.now.getTime() + 3 * 30_000);
    expect(await attempt(totpCodeAt(secret, new Date(app.clock.now.getTime() - 60_000)))).toBe(401); // two steps old
    expect(await attempt(totpCodeAt(secret, new Date(app.clock.now.getTime() - 30_000)))).toBe(303); // one step of drift
  });

  it('signs in once with each recovery code, never twice', async () => {
    const browser = new TestBrowser(app.http, HOST);
    await browser.get('/login');
    await browser.post('/login', { email: 'manager@glow.example', password: DEMO_PASSWORD });
    const enrol = await (await browser.get('/login/enrol')).text();
    const codes = [...(await (await browser.post('/login/enrol', { code: totpCodeAt(enrolmentSecret(enrol), app.clock.now) })).text()).matchAll(/<code>([a-z2-9-]{11})<\/code>/g)].map((m) => m[1]!);
    const withCode = async (code: string) => {
      const b = new TestBrowser(app.http, HOST);
      await b.get('/login');
      await b.post('/login', { email: 'manager@glow.example', password: DEMO_PASSWORD });
      await b.get('/login/recovery');
      return (await b.post('/login/recovery', { code })).status;
    };
    expect(await withCode(codes[3]!.toUpperCase().replace('-', ' '))).toBe(303);
    expect(await withCode(codes[3]!)).toBe(401);
  });
});

describe('too many wrong codes', () => {
  it('ends the half-signed-in session after five, and the sign-in page it shows works at once', async () => {
    const browser = new TestBrowser(app.http, HOST);
    await browser.get('/login');
    await browser.post('/login', { email: 'owner@glow.example', password: DEMO_PASSWORD });
    await browser.get('/login/totp');
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) last = await browser.post('/login/totp', { code: '000000' });
    expect(await last!.text()).toContain('Too many wrong codes');
    expect(browser.cookie('__Host-lume_session')).toBeUndefined();
    const again = await browser.post('/login', { email: 'owner@glow.example', password: DEMO_PASSWORD });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/login/totp');
  });
});

describe('wrong credentials', () => {
  it('answers the same for a wrong password and an unknown email, keeps the email, never echoes the password', async () => {
    const known = new TestBrowser(app.http, HOST);
    await known.get('/login');
    const wrong = await known.post('/login', { email: 'frontdesk@glow.example', password: 'not-the-password-<script>' });
    const unknown = new TestBrowser(app.http, HOST);
    await unknown.get('/login');
    const nobody = await unknown.post('/login', { email: 'nobody@glow.example', password: 'not-the-password-<script>' });
    expect(wrong.status).toBe(401);
    expect(nobody.status).toBe(401);
    const a = await wrong.text();
    const b = await nobody.text();
    expect(a).toContain('do not match');
    expect(a).toContain('value="frontdesk@glow.example"');
    expect(a).not.toContain('not-the-password');
    expect(a.replace('frontdesk', 'X').replace(/value="[^"]{40,}"/g, '')).toBe(b.replace('nobody', 'X').replace(/value="[^"]{40,}"/g, ''));
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith('__Host-lume_session='))).toBe(false);
    const failures = (await auditActions()).filter((e) => e.action === 'login_failed' && e.record_type === 'password');
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures.every((f) => f.actor_kind === 'anonymous' && f.outcome === 'failed')).toBe(true);
  });

  it.each([
    ['empty fields', { email: '', password: '' }, 'Enter your email.'],
    ['an over-long email', { email: `${'a'.repeat(300)}@glow.example`, password: 'x' }, 'That email is too long.'],
    ['SQL in the email', { email: "' OR 1=1 --", password: 'x' }, 'do not match'],
    ['HTML in the email', { email: '<img src=x onerror=alert(1)>', password: 'x' }, 'do not match'],
    ['unicode', { email: 'žofia@glow.example', password: '密码密码密码密码' }, 'do not match'],
  ])('handles %s with a clear message and no session', async (_name, form, message) => {
    const browser = new TestBrowser(app.http, HOST);
    await browser.get('/login');
    const response = await browser.post('/login', form);
    const html = await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(html).toContain(message);
    expect(html).not.toContain('<img src=x');
    expect(browser.cookie('__Host-lume_session')).toBeUndefined();
  });

  it('soft-locks an email after 10 failures for 15 minutes, whether or not it has an account, and tells the spa’s admins', async () => {
    for (const email of ['bookkeeper@glow.example', 'ghost@glow.example']) {
      for (let i = 0; i < 10; i++) {
        const b = new TestBrowser(app.http, HOST);
        await b.get('/login');
        await b.post('/login', { email, password: `wrong-${i}` });
      }
      const b = new TestBrowser(app.http, HOST);
      await b.get('/login');
      const locked = await b.post('/login', { email, password: DEMO_PASSWORD });
      expect(locked.status, email).toBe(429);
      expect(await locked.text()).toContain('Too many failed attempts for this email');
    }
    // The lock lifts by itself when its 15-minute window has passed (here: the window is moved into the past).
    await app.deps.db.ownerQuery(`UPDATE rate_limits SET window_start = window_start - interval '16 minutes' WHERE bucket LIKE 'signin-fail:%'`);
    const after = new TestBrowser(app.http, HOST);
    await after.get('/login');
    expect((await after.post('/login', { email: 'bookkeeper@glow.example', password: DEMO_PASSWORD })).status).toBe(303);

    const alerts = (await listOutbox(app.deps.db, 100)).filter((m) => m.subject?.startsWith('Repeated failed sign-ins'));
    expect(alerts.map((m) => m.recipient)).toEqual(expect.arrayContaining(['maya@glow.example', 'owner@glow.example']));
    expect(alerts.every((m) => !m.body.includes('ghost@') && !m.body.includes('bookkeeper@'))).toBe(true);
  });
});

describe('sessions end on time and on sign-out', () => {
  it('logs off after 15 idle minutes (the row is gone), and background refreshes do not keep it alive', async () => {
    const browser = await signIn(app, 'provider@glow.example');
    expect((await browser.get('/')).status).toBe(200);
    app.clock.now = new Date(app.clock.now.getTime() + 10 * 60_000);
    expect((await browser.get('/', { 'x-lume-background': '1' })).status).toBe(200);
    app.clock.now = new Date(app.clock.now.getTime() + 5 * 60_000 + 1000);
    const after = await browser.get('/');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?ended=idle');
    const { rows } = await app.deps.db.ownerQuery(`SELECT count(*)::int AS n FROM sessions s JOIN operators o ON o.id = s.operator_id WHERE o.email = 'provider@glow.example'`);
    expect(rows[0]!.n).toBe(0);
    expect(await (await browser.get('/login?ended=idle')).text()).toContain('period of inactivity');
  });

  it('ends an active session at the 12-hour limit', async () => {
    const browser = await signIn(app, 'provider@glow.example');
    for (let minutes = 0; minutes < 12 * 60 - 10; minutes += 10) {
      app.clock.now = new Date(app.clock.now.getTime() + 10 * 60_000);
      expect((await browser.get('/')).status).toBe(200);
    }
    app.clock.now = new Date(app.clock.now.getTime() + 11 * 60_000);
    expect((await browser.get('/')).headers.get('location')).toBe('/login?ended=expired');
  });

  it('signs out every session of the operator at once, and a replayed cookie is refused', async () => {
    const phone = await signIn(app, 'marketing@glow.example');
    const desk = await signIn(app, 'marketing@glow.example');
    const cookie = phone.cookie('__Host-lume_session')!;
    expect((await phone.post('/logout', {})).headers.get('location')).toBe('/login');
    expect((await desk.get('/')).status).toBe(303);
    const replay = await new TestBrowser(app.http, HOST).send('GET', '/', undefined, { cookie: `__Host-lume_session=${cookie}` });
    expect(replay.status).toBe(303);
  });
});

describe('refusals', () => {
  it('answers 403 with a plain explanation to a role without the permission, and records the refusal', async () => {
    const desk = await signIn(app, 'frontdesk@glow.example');
    const refused = await desk.get('/audit');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Your role does not allow this: search and export the audit trail.');
    const { rows } = await app.deps.db.ownerQuery(
      `SELECT a.record_id, a.outcome, o.email FROM audit_events a JOIN operators o ON o.id = a.actor_id WHERE a.action = 'access' AND a.tenant_id = $1`,
      [app.spas.glow],
    );
    expect(rows).toContainEqual({ record_id: 'GET /audit', outcome: 'denied', email: 'frontdesk@glow.example' });
  });
});
