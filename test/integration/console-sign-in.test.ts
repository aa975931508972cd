import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { decrypt } from '../../src/infra/crypto/envelope.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { enrolmentSecret, signIn } from '../support/operators.ts';
import { ADMIN_EMAIL, addStaffFixture, CONSOLE_HOST, consoleAudit, countRows, nextStep, rememberSecret, signInStaff, staffSecret } from './console-support.ts';

// Issue 8 (Lumè staff console), SPEC §1, §6a; SEC-4, SEC-5; checklist rows 3, 8, 9, 12.
let app: TestApp;
const COOKIE = '__Host-lume_console';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

async function passwordStep(email: string, password = DEMO_PASSWORD): Promise<{ browser: TestBrowser; response: Response }> {
  const browser = new TestBrowser(app.http, CONSOLE_HOST);
  await browser.get('/login');
  return { browser, response: await browser.post('/login', { email, password }) };
}

describe('first sign-in enrols an authenticator; every later sign-in needs a code', () => {
  it('walks password → QR enrolment → ten recovery codes → the console, with a new session token at each step', async () => {
    const { browser, response } = await passwordStep(ADMIN_EMAIL);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login/enrol');
    const pending = browser.cookie(COOKIE);
    expect(pending).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Half signed in: the console is still closed.
    const early = await browser.get('/');
    expect(early.status).toBe(303);
    expect(early.headers.get('location')).toBe('/login');

    const enrol = await (await browser.get('/login/enrol')).text();
    expect(enrol).toContain('<svg');
    const secret = enrolmentSecret(enrol);
    expect((await browser.post('/login/enrol', { code: '000000' })).status).toBe(401);
    const done = await browser.post('/login/enrol', { code: totpCodeAt(secret, app.clock.now) });
    expect(done.status).toBe(200);
    rememberSecret(ADMIN_EMAIL, secret);
    const codes = [...(await done.text()).matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(browser.cookie(COOKIE)).not.toBe(pending);

    const home = await browser.get('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<h1 class="page-header__title">Spas</h1>');

    // The pending token is dead.
    const replay = await new TestBrowser(app.http, CONSOLE_HOST).send('GET', '/', undefined, { cookie: `${COOKIE}=${pending}` });
    expect(replay.status).toBe(303);

    // Only HMACs of the recovery codes and a sealed secret are stored.
    const { rows } = await app.deps.db.ownerQuery<{ code_hash: string }>(`SELECT code_hash FROM console_recovery_codes`);
    expect(rows).toHaveLength(10);
    expect(JSON.stringify(rows)).not.toContain(codes[0]!.replace('-', ''));
    const stored = (await app.deps.db.ownerQuery<{ id: string; totp_secret: Buffer; password_hash: string }>(`SELECT id, totp_secret, password_hash FROM console_staff WHERE email = $1`, [ADMIN_EMAIL])).rows[0]!;
    expect(stored.totp_secret.toString('latin1')).not.toContain(secret);
    expect(decrypt(app.deps.config.masterKey, stored.totp_secret, `console-totp|${stored.id}`).toString()).toBe(secret);
    expect(() => decrypt(app.deps.config.masterKey, stored.totp_secret, 'console-totp|someone-else')).toThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const actions = (await consoleAudit(app)).filter((e) => e.staff_id === stored.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['mfa_enrol', 'login']));
  });

  it('sets the console cookie as __Host-, Secure, HttpOnly, SameSite=Strict, Path=/, without Domain', async () => {
    const { response } = await passwordStep(ADMIN_EMAIL);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`))!;
    for (const flag of ['; Secure', '; HttpOnly', '; SameSite=Strict', '; Path=/']) expect(cookie).toContain(flag);
    expect(cookie).not.toMatch(/domain=/i);
  });

  it('rejects a replayed code and a code two steps old, accepts one step of drift', async () => {
    const attempt = async (code: string) => {
      const { browser } = await passwordStep(ADMIN_EMAIL);
      await browser.get('/login/totp');
      return (await browser.post('/login/totp', { code })).status;
    };
    app.clock.now = new Date(app.clock.now.getTime() + 5 * 30_000);
    const current = totpCodeAt(staffSecret(ADMIN_EMAIL), app.clock.now);
    expect(await attempt(current)).toBe(303);
    expect(await attempt(current)).toBe(401); // replay
    app.clock.now = new Date(app.clock.now.getTime() + 3 * 30_000);
    expect(await attempt(totpCodeAt(staffSecret(ADMIN_EMAIL), new Date(app.clock.now.getTime() - 60_000)))).toBe(401);
    expect(await attempt(totpCodeAt(staffSecret(ADMIN_EMAIL), new Date(app.clock.now.getTime() - 30_000)))).toBe(303);
  });

  it('ends a half-signed-in session after five wrong codes; the sign-in form that follows still works', async () => {
    const { browser } = await passwordStep(ADMIN_EMAIL);
    await browser.get('/login/totp');
    for (let i = 0; i < 4; i++) expect((await browser.post('/login/totp', { code: '000000' })).status).toBe(401);
    const last = await browser.post('/login/totp', { code: '000000' });
    expect(await last.text()).toContain('Too many wrong codes');
    expect(browser.cookie(COOKIE)).toBeUndefined();
    expect((await browser.post('/login', { email: ADMIN_EMAIL, password: DEMO_PASSWORD })).status).toBe(303);
  });

  it('signs in once with each recovery code, never twice', async () => {
    await addStaffFixture(app, 'recovery@lume.example', 'support', 'Rae Covery');
    const { browser } = await passwordStep('recovery@lume.example');
    const secret = enrolmentSecret(await (await browser.get('/login/enrol')).text());
    const page = await (await browser.post('/login/enrol', { code: totpCodeAt(secret, app.clock.now) })).text();
    const codes = [...page.matchAll(/<code>([a-z2-9-]{11})<\/code>/g)].map((m) => m[1]!);
    const withCode = async (code: string) => {
      const b = (await passwordStep('recovery@lume.example')).browser;
      await b.get('/login/recovery');
      return (await b.post('/login/recovery', { code })).status;
    };
    expect(await withCode(codes[2]!.toUpperCase().replace('-', ' '))).toBe(303);
    expect(await withCode(codes[2]!)).toBe(401);
    expect((await consoleAudit(app)).some((e) => e.action === 'recovery_code_used')).toBe(true);
  });
});

describe('wrong credentials', () => {
  it('answers the same for a wrong password and an unknown email, keeps the email, never echoes the password, and records both', async () => {
    const before = (await consoleAudit(app)).length;
    const wrong = await passwordStep(ADMIN_EMAIL, 'not-the-password-<script>');
    const nobody = await passwordStep('nobody@lume.example', 'not-the-password-<script>');
    expect(wrong.response.status).toBe(401);
    expect(nobody.response.status).toBe(401);
    const a = await wrong.response.text();
    const b = await nobody.response.text();
    expect(a).toContain('do not match a Lumè staff account');
    expect(a).toContain(`value="${ADMIN_EMAIL}"`);
    expect(a).not.toContain('not-the-password');
    const normalise = (html: string, email: string) => html.replace(email, 'X').replace(/value="[^"]{40,}"/g, '');
    expect(normalise(a, ADMIN_EMAIL)).toBe(normalise(b, 'nobody@lume.example'));
    expect(wrong.browser.cookie(COOKIE)).toBeUndefined();
    const failures = (await consoleAudit(app)).slice(before);
    expect(failures.map((f) => [f.actor_kind, f.action, f.target_kind, f.outcome])).toEqual([
      ['anonymous', 'login_failed', 'password', 'failed'],
      ['anonymous', 'login_failed', 'password', 'failed'],
    ]);
    expect(failures.every((f) => f.ip && f.request_id)).toBe(true);
  });

  it.each([
    ['empty fields', { email: '', password: '' }, 'Enter your email.'],
    ['an over-long email', { email: `${'a'.repeat(300)}@lume.example`, password: 'x' }, 'That email is too long.'],
    ['SQL in the email', { email: "' OR 1=1 --", password: 'x' }, 'do not match'],
    ['HTML in the email', { email: '<img src=x onerror=alert(1)>', password: 'x' }, 'do not match'],
  ])('handles %s with a clear message and no session', async (_name, form, message) => {
    const browser = new TestBrowser(app.http, CONSOLE_HOST);
    await browser.get('/login');
    const response = await browser.post('/login', form);
    const html = await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(html).toContain(message);
    expect(html).not.toContain('<img src=x');
    expect(browser.cookie(COOKIE)).toBeUndefined();
  });

  it('soft-locks an email after 10 failures for 15 minutes, whether or not it has an account; the lock lifts by itself', async () => {
    await addStaffFixture(app, 'locked@lume.example', 'support');
    for (const email of ['locked@lume.example', 'ghost@lume.example']) {
      for (let i = 0; i < 10; i++) await passwordStep(email, `wrong-${i}`);
      const locked = await passwordStep(email);
      expect(locked.response.status, email).toBe(429);
      expect(await locked.response.text()).toContain('Too many failed attempts for this email');
    }
    await app.deps.db.ownerQuery(`UPDATE rate_limits SET window_start = window_start - interval '16 minutes' WHERE bucket LIKE 'console-signin-fail:%'`);
    expect((await passwordStep('locked@lume.example')).response.status).toBe(303);
    expect((await app.deps.db.ownerQuery<{ n: number }>(`SELECT failed_sign_ins AS n FROM console_staff WHERE email = 'locked@lume.example'`)).rows[0]!.n).toBe(10);
  });

  it('refuses a deactivated account with the same answer as a wrong password', async () => {
    await addStaffFixture(app, 'gone@lume.example', 'support');
    await app.deps.db.ownerQuery(`UPDATE console_staff SET status = 'deactivated' WHERE email = 'gone@lume.example'`);
    const { response } = await passwordStep('gone@lume.example');
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('do not match a Lumè staff account');
  });
});

describe('sessions end on time and on sign-out', () => {
  it('logs off after 15 idle minutes (the row is gone); background refreshes do not keep it alive', async () => {
    await addStaffFixture(app, 'idle@lume.example', 'support');
    const browser = await signInStaff(app, 'idle@lume.example');
    expect((await browser.get('/')).status).toBe(200);
    app.clock.now = new Date(app.clock.now.getTime() + 10 * 60_000);
    expect((await browser.get('/', { 'x-lume-background': '1' })).status).toBe(200);
    app.clock.now = new Date(app.clock.now.getTime() + 5 * 60_000 + 1000);
    const after = await browser.get('/');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?ended=idle');
    expect(await countRows(app, 'console_sessions s JOIN console_staff st ON st.id = s.staff_id', `st.email = 'idle@lume.example'`)).toBe(0);
    expect(await (await browser.get('/login?ended=idle')).text()).toContain('15 minutes of inactivity');
  });

  it('keeps an active session alive with "stay signed in", and ends it at the 12-hour limit', async () => {
    await addStaffFixture(app, 'long@lume.example', 'support');
    const browser = await signInStaff(app, 'long@lume.example');
    const page = await (await browser.get('/')).text();
    expect(page).toContain('data-idle-keepalive');
    for (let minutes = 0; minutes < 12 * 60 - 10; minutes += 10) {
      app.clock.now = new Date(app.clock.now.getTime() + 10 * 60_000);
      const kept = await browser.send('POST', '/session/keepalive', undefined, { 'x-csrf-token': browser.lastCsrf!, origin: `http://${CONSOLE_HOST}`, 'sec-fetch-site': 'same-origin' });
      expect(kept.status).toBe(200);
    }
    app.clock.now = new Date(app.clock.now.getTime() + 11 * 60_000);
    expect((await browser.get('/')).headers.get('location')).toBe('/login?ended=expired');
  });

  it('signs out every session of the staff member at once, and a replayed cookie is refused', async () => {
    await addStaffFixture(app, 'twice@lume.example', 'support');
    const laptop = await signInStaff(app, 'twice@lume.example');
    const tablet = await signInStaff(app, 'twice@lume.example');
    const cookie = laptop.cookie(COOKIE)!;
    await laptop.get('/');
    expect((await laptop.post('/logout', {})).headers.get('location')).toBe('/login');
    expect((await tablet.get('/')).status).toBe(303);
    const replay = await new TestBrowser(app.http, CONSOLE_HOST).send('GET', '/', undefined, { cookie: `${COOKIE}=${cookie}` });
    expect(replay.status).toBe(303);
    expect((await consoleAudit(app)).some((e) => e.action === 'logout' && e.detail === '2 sessions ended')).toBe(true);
  });

  it('refuses a sign-out without the form’s CSRF token', async () => {
    const browser = await signInStaff(app);
    const forged = await browser.post('/logout', { _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect((await browser.get('/')).status).toBe(200);
  });
});

describe('the console and the spas keep their sessions apart', () => {
  it('does not let an operator’s session open the console, nor a staff session open a spa', async () => {
    const owner = await signIn(app, 'owner@glow.example', `glow.${APEX}`);
    const operatorCookie = owner.cookie('__Host-lume_session')!;
    const onConsole = await new TestBrowser(app.http, CONSOLE_HOST).send('GET', '/', undefined, { cookie: `__Host-lume_session=${operatorCookie}; ${COOKIE}=${operatorCookie}` });
    expect(onConsole.status).toBe(303);
    expect(onConsole.headers.get('location')).toBe('/login');

    const staff = await signInStaff(app);
    const staffCookie = staff.cookie(COOKIE)!;
    const onSpa = await new TestBrowser(app.http, `glow.${APEX}`).send('GET', '/', undefined, { cookie: `${COOKIE}=${staffCookie}; __Host-lume_session=${staffCookie}` });
    expect(onSpa.status).toBe(303);
    expect(onSpa.headers.get('location')).toBe('/login');
  });

  it('answers the plain 404 for a console path on a spa host and on the apex', async () => {
    nextStep(app);
    expect((await new TestBrowser(app.http, `glow.${APEX}`).get('/spas/new')).status).toBe(404);
    expect((await new TestBrowser(app.http, APEX).get('/spas/new')).status).toBe(404);
  });
});
