import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaffFromCommandLine } from '../../src/modules/console/staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { enrolmentSecret } from '../support/operators.ts';
import { addStaffFixture, CONSOLE_HOST, consoleAudit, countRows, nextStep, rememberSecret, signInStaff } from './console-support.ts';

// Issue 8: Lumè staff accounts — the CLI for the first admin, the console's staff page, a
// handed-out password replaced at first sign-in, role changes, reset and deactivation.
let app: TestApp;
let admin: TestBrowser;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signInStaff(app);
});
afterAll(() => app?.close());

const PASSWORD = /<code class="console-secret">([a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5})<\/code>/;

/** A first sign-in with a handed-out password: choose a new one, then enrol; returns the signed-in browser. */
async function firstSignIn(email: string, handedOut: string, chosen: string): Promise<TestBrowser> {
  nextStep(app);
  const browser = new TestBrowser(app.http, CONSOLE_HOST);
  await browser.get('/login');
  const step = await browser.post('/login', { email, password: handedOut });
  expect(step.headers.get('location')).toBe('/login/password');
  expect((await browser.get('/')).headers.get('location')).toBe('/login'); // not signed in yet
  expect((await browser.get('/login/enrol')).headers.get('location')).toBe('/login/password');
  await browser.get('/login/password');
  const chose = await browser.post('/login/password', { password: chosen, password_confirm: chosen });
  expect(chose.headers.get('location')).toBe('/login/enrol');
  const secret = enrolmentSecret(await (await browser.get('/login/enrol')).text());
  expect((await browser.post('/login/enrol', { code: totpCodeAt(secret, app.clock.now) })).status).toBe(200);
  rememberSecret(email, secret);
  return browser;
}

describe('the first admin, from the command line', () => {
  it('adds an account with a handed-out password that signs in once, is replaced, and then enrols TOTP', async () => {
    const result = await addStaffFromCommandLine(app.deps.db, { email: 'first.admin@lume.example', fullName: 'Ada First', role: 'admin' }, app.clock.now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const trail = (await consoleAudit(app)).find((e) => e.target_id === result.id)!;
    expect(trail).toMatchObject({ actor_kind: 'system', staff_id: null, action: 'create', target_kind: 'staff', detail: 'role admin' });

    const browser = await firstSignIn('first.admin@lume.example', result.password, 'quiet meadow lantern copper');
    expect((await browser.get('/staff')).status).toBe(200);

    // The handed-out password no longer works; the chosen one does.
    nextStep(app);
    const again = new TestBrowser(app.http, CONSOLE_HOST);
    await again.get('/login');
    expect((await again.post('/login', { email: 'first.admin@lume.example', password: result.password })).status).toBe(401);
    expect((await again.post('/login', { email: 'first.admin@lume.example', password: 'quiet meadow lantern copper' })).headers.get('location')).toBe('/login/totp');
  });

  it('refuses an email that already has an account', async () => {
    const result = await addStaffFromCommandLine(app.deps.db, { email: 'first.admin@lume.example', fullName: 'Someone Else', role: 'support' }, app.clock.now);
    expect(result).toMatchObject({ ok: false, status: 409 });
  });

  it('refuses a handed-out password after its 7 days, with the usual answer', async () => {
    const result = await addStaffFromCommandLine(app.deps.db, { email: 'late@lume.example', fullName: 'Lee Late', role: 'support' }, new Date(app.clock.now.getTime() - 8 * 86_400_000));
    if (!result.ok) throw new Error(result.message);
    const browser = new TestBrowser(app.http, CONSOLE_HOST);
    await browser.get('/login');
    const response = await browser.post('/login', { email: 'late@lume.example', password: result.password });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('do not match a Lumè staff account');
  });

  it('holds the new password to the policy, with clear messages and nothing saved', async () => {
    const result = await addStaffFromCommandLine(app.deps.db, { email: 'picky@lume.example', fullName: 'Pia Picky', role: 'support' }, app.clock.now);
    if (!result.ok) throw new Error(result.message);
    const browser = new TestBrowser(app.http, CONSOLE_HOST);
    await browser.get('/login');
    await browser.post('/login', { email: 'picky@lume.example', password: result.password });
    await browser.get('/login/password');
    for (const [form, message] of [
      [{ password: 'short', password_confirm: 'short' }, 'at least 12 characters'],
      [{ password: 'Password123!', password_confirm: 'Password123!' }, 'common'],
      [{ password: 'velvet picky harbor lantern', password_confirm: 'velvet picky harbor lantern' }, 'Leave your email address'],
      [{ password: 'quiet meadow lantern copper', password_confirm: 'quiet meadow lantern cooper' }, 'The two passwords are not the same.'],
    ] as const) {
      const response = await browser.post('/login/password', form);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).not.toContain(form.password);
    }
    expect((await app.deps.db.ownerQuery<{ must: boolean }>(`SELECT password_must_change AS must FROM console_staff WHERE email = 'picky@lume.example'`)).rows[0]!.must).toBe(true);
  });
});

describe('the console’s staff page', () => {
  let samId = '';
  let samPassword = '';

  it('adds someone and shows their password once', async () => {
    await admin.get('/staff/new');
    const added = await admin.post('/staff/new', { full_name: 'Sam Lee', email: 'Sam.Lee@Lume.example', role: 'compliance' });
    expect(added.status).toBe(200);
    const html = await added.text();
    samPassword = PASSWORD.exec(html)![1]!;
    expect(html).toContain('Shown only now');
    samId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM console_staff WHERE email = 'sam.lee@lume.example'`)).rows[0]!.id;
    expect(await (await admin.get(`/staff/${samId}`)).text()).not.toContain(samPassword);
    expect(await (await admin.get('/staff')).text()).toContain('Waiting for first sign-in');
    expect((await consoleAudit(app)).some((e) => e.action === 'create' && e.target_id === samId && e.actor_kind === 'staff')).toBe(true);
  });

  it.each([
    [{ full_name: '', email: 'x@lume.example', role: 'support' }, 'full_name', 'Enter their full name.'],
    [{ full_name: 'Xa', email: 'not-an-email', role: 'support' }, 'email', 'Enter a full email address'],
    [{ full_name: 'Xa', email: 'x@lume.example', role: 'superuser' }, 'role', 'Choose a role: support, compliance or admin.'],
    [{ full_name: 'Xa', email: 'sam.lee@lume.example', role: 'support' }, 'email', 'Sam Lee already has a staff account with this email.'],
  ])('refuses %o with a message on the field, keeps what was typed, and adds nobody', async (form, field, message) => {
    const before = await countRows(app, 'console_staff');
    await admin.get('/staff/new');
    const response = await admin.post('/staff/new', form);
    expect([400, 409]).toContain(response.status);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toContain(`id="field-${field}-error"`);
    if (form.full_name) expect(html).toContain(`value="${form.full_name}"`);
    expect(await countRows(app, 'console_staff')).toBe(before);
  });

  it('changes a role, effective at the next request', async () => {
    const sam = await firstSignIn('sam.lee@lume.example', samPassword, 'harbor violet teacup marble');
    expect((await sam.get('/rights')).status).toBe(200);
    await admin.get(`/staff/${samId}`);
    expect((await admin.post(`/staff/${samId}/role`, { role: 'support' })).headers.get('location')).toBe(`/staff/${samId}?done=role`);
    expect((await sam.get('/rights')).status).toBe(403);
    expect((await consoleAudit(app)).some((e) => e.action === 'role_change' && e.detail === 'compliance → support')).toBe(true);
    const bad = await admin.post(`/staff/${samId}/role`, { role: 'owner' });
    expect(bad.status).toBe(409);
    expect(await bad.text()).toContain('Choose one of the console roles.');
  });

  it('resets a sign-in: a new handed-out password, the authenticator removed, every session ended', async () => {
    const sam = await signInStaff(app, 'sam.lee@lume.example', 'harbor violet teacup marble');
    await admin.get(`/staff/${samId}`);
    const reset = await admin.post(`/staff/${samId}/reset`, {});
    const fresh = PASSWORD.exec(await reset.text())![1]!;
    expect(fresh).not.toBe(samPassword);
    expect((await sam.get('/')).status).toBe(303);
    expect(await countRows(app, 'console_recovery_codes', 'staff_id = $1', [samId])).toBe(0);
    expect((await app.deps.db.ownerQuery<{ t: unknown }>(`SELECT totp_secret AS t FROM console_staff WHERE id = $1`, [samId])).rows[0]!.t).toBeNull();
    await firstSignIn('sam.lee@lume.example', fresh, 'copper lantern meadow quietly');
  });

  it('deactivates (signed out at once, sign-in refused) and reactivates', async () => {
    const sam = await signInStaff(app, 'sam.lee@lume.example', 'copper lantern meadow quietly');
    await admin.get(`/staff/${samId}`);
    expect((await admin.post(`/staff/${samId}/deactivate`, {})).headers.get('location')).toBe(`/staff/${samId}?done=deactivated`);
    expect((await sam.get('/')).status).toBe(303);
    const refused = new TestBrowser(app.http, CONSOLE_HOST);
    await refused.get('/login');
    expect((await refused.post('/login', { email: 'sam.lee@lume.example', password: 'copper lantern meadow quietly' })).status).toBe(401);
    await admin.get(`/staff/${samId}`);
    expect((await admin.post(`/staff/${samId}/reactivate`, {})).headers.get('location')).toBe(`/staff/${samId}?done=reactivated`);
    await signInStaff(app, 'sam.lee@lume.example', 'copper lantern meadow quietly');
    const actions = (await consoleAudit(app)).filter((e) => e.target_id === samId).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['deactivate', 'reactivate', 'reset_sign_in']));
  });

  it('will not let an admin demote, reset or deactivate themselves', async () => {
    const selfId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM console_staff WHERE email = 'admin@lume.example'`)).rows[0]!.id;
    await admin.get(`/staff/${selfId}`);
    for (const [path, body] of [['role', { role: 'support' }], ['reset', {}], ['deactivate', {}]] as const) {
      const response = await admin.post(`/staff/${selfId}/${path}`, body);
      expect(response.status, path).toBe(409);
      expect(await response.text()).toContain('your own account');
    }
    expect((await app.deps.db.ownerQuery<{ role: string; status: string }>(`SELECT role, status FROM console_staff WHERE id = $1`, [selfId])).rows[0]).toEqual({ role: 'admin', status: 'active' });
  });

  it('shows a support member none of this', async () => {
    await addStaffFixture(app, 'helper@lume.example', 'support');
    const helper = await signInStaff(app, 'helper@lume.example');
    expect((await helper.get('/staff')).status).toBe(403);
    expect(await (await helper.get('/')).text()).not.toContain('href="/staff"');
  });
});
