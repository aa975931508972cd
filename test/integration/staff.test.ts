import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { clearOfWindowEnd } from '../support/rate-window.ts';

// SEC-2, SEC-4, CRM-2: staff administration and invitations, as an owner and the invited person see them.
let app: TestApp;
const HOST = `glow.${APEX}`;
const LUMEN = `lumen.${APEX}`;
const NEW_PASSWORD = 'quiet-meadow-lantern-copper-71';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

async function one<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.deps.db.ownerQuery(sql, values)).rows[0] as T;
}

const roleId = async (key: string, tenant = app.spas.glow) => (await one<{ id: string }>('SELECT id FROM roles WHERE tenant_id = $1 AND key = $2', [tenant, key])).id;
const operatorId = async (email: string) => (await one<{ id: string }>('SELECT id FROM operators WHERE email = $1', [email])).id;
const count = async (sql: string, values: unknown[] = []) => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, values)).n;
const audits = async (action: string, recordId?: string) =>
  count(`SELECT 1 FROM audit_events WHERE tenant_id = $1 AND action = $2 ${recordId ? 'AND record_id = $3' : ''}`, recordId ? [app.spas.glow, action, recordId] : [app.spas.glow, action]);

async function invitationLink(email: string): Promise<string> {
  const mail = (await listOutbox(app.deps.db, 200)).find((m) => m.recipient === email);
  expect(mail, `an email to ${email}`).toBeDefined();
  const link = /http:\/\/glow\.localhost:3000(\/invite\/[A-Za-z0-9_-]{43})/.exec(mail!.body);
  expect(link, 'an invitation link built from configuration').not.toBeNull();
  return link![1]!;
}

async function invite(owner: TestBrowser, fullName: string, email: string, roles: string[]): Promise<Response> {
  await owner.get('/settings/staff/invite');
  return owner.postPairs('/settings/staff/invite', [['full_name', fullName], ['email', email], ...roles.map((r): [string, string] => ['roles', r])]);
}

describe('the staff list', () => {
  it('shows every operator with roles, status, last sign-in and licences', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const page = await owner.get('/settings/staff');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const name of ['Maya Okafor', 'Daniel Reyes', 'Priya Shah, NP', 'Jordan Lee', 'Sam Patel', 'Avery Kim']) expect(html).toContain(name);
    expect(html).toContain('frontdesk@glow.example');
    expect(html).toContain('Front desk');
    expect(html).toContain('NP · CA');
    expect(html).toContain('Active');
    expect(html).toMatch(/just now|minute/);
    expect(html).toContain('href="/settings/staff/invite"');
  });
});

describe('inviting someone', () => {
  let link = '';
  let zoeId = '';

  it('creates an invited operator with several roles, a hashed 7-day token, and emails a link built from configuration', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const response = await invite(owner, 'Zoë Ødegård', 'zoe@glow.example', [await roleId('provider'), await roleId('front_desk')]);
    expect(response.status).toBe(303);
    zoeId = await operatorId('zoe@glow.example');
    expect(response.headers.get('location')).toBe(`/settings/staff/${zoeId}?done=invited`);
    const person = await (await owner.get(response.headers.get('location')!)).text();
    expect(person).toContain('Invitation sent');
    expect(person).toContain('Zoë Ødegård');

    const row = await one<{ status: string; password_hash: string | null; roles: string[] }>(
      `SELECT o.status, o.password_hash, array_agg(r.key ORDER BY r.key) AS roles FROM operators o
         JOIN operator_roles orl ON orl.operator_id = o.id JOIN roles r ON r.id = orl.role_id WHERE o.id = $1 GROUP BY o.tenant_id, o.id`,
      [zoeId],
    );
    expect(row).toEqual({ status: 'invited', password_hash: null, roles: ['front_desk', 'provider'] });

    link = await invitationLink('zoe@glow.example');
    const token = link.split('/').pop()!;
    const stored = await one<{ token_hash: string; purpose: string; days: number }>(
      `SELECT token_hash, purpose, round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days FROM auth_tokens WHERE operator_id = $1`,
      [zoeId],
    );
    expect(stored.purpose).toBe('invitation');
    expect(stored.days).toBe(7);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = await app.deps.db.ownerQuery(`SELECT a::text AS row FROM auth_tokens a UNION ALL SELECT e::text FROM audit_events e`);
    expect(JSON.stringify(dump.rows)).not.toContain(token);
    expect(await audits('invite', zoeId)).toBe(1);
  });

  it('moves the token into a Lax cookie scoped to /invite and shows “Join <spa>” at a token-free address', async () => {
    const person = new TestBrowser(app.http, HOST);
    const swap = await person.get(link);
    expect(swap.status).toBe(303);
    expect(swap.headers.get('location')).toBe('/invite');
    expect(swap.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = swap.headers.getSetCookie().find((c) => c.startsWith('__Secure-lume_invite='))!;
    for (const flag of ['; Path=/invite', '; HttpOnly', '; Secure', '; SameSite=Lax', '; Max-Age=']) expect(cookie).toContain(flag);
    const page = await person.get('/invite');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Join Glow Aesthetics');
    expect(html).toContain('zoe@glow.example');
  });

  it('refuses weak, mismatched and empty passwords with a clear message, never echoing them, and writes nothing', async () => {
    const person = new TestBrowser(app.http, HOST);
    await person.get(link);
    await person.get('/invite');
    const cases: [Record<string, string>, string][] = [
      [{ password: '', password_confirm: '' }, 'Choose a password.'],
      [{ password: 'password1234', password_confirm: 'password1234' }, 'common or leaked'],
      [{ password: 'short', password_confirm: 'short' }, 'at least 12 characters'],
      [{ password: 'glowaesthetics-rocks-9', password_confirm: 'glowaesthetics-rocks-9' }, 'spa'],
      [{ password: NEW_PASSWORD, password_confirm: `${NEW_PASSWORD}x` }, 'do not match'],
      [{ password: 'x'.repeat(2000), password_confirm: 'x'.repeat(2000) }, 'too long'],
    ];
    for (const [form, message] of cases) {
      const response = await person.post('/invite', form);
      expect(response.status, message).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      if (form.password) expect(html).not.toContain(form.password.slice(0, 20));
    }
    expect(await one('SELECT status, password_hash FROM operators WHERE id = $1', [zoeId])).toEqual({ status: 'invited', password_hash: null });
  });

  it('sets the password, activates the person, spends the link, and sends them to sign in (TOTP enrolled at first sign-in)', async () => {
    const person = new TestBrowser(app.http, HOST);
    await person.get(link);
    await person.get('/invite');
    const done = await person.post('/invite', { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/invite/accepted');
    expect(done.headers.getSetCookie().some((c) => c.startsWith('__Secure-lume_invite=;') || /__Secure-lume_invite=.*Max-Age=0/i.test(c))).toBe(true);
    const accepted = await (await person.get('/invite/accepted')).text();
    expect(accepted).toContain('href="/login"');
    expect(await one('SELECT status, password_hash LIKE $2 AS hashed FROM operators WHERE id = $1', [zoeId, '$argon2id$%'])).toEqual({ status: 'active', hashed: true });
    expect(await count('SELECT 1 FROM auth_tokens WHERE operator_id = $1 AND used_at IS NOT NULL', [zoeId])).toBe(1);
    expect(await audits('invitation_accept', zoeId)).toBe(1);

    const zoe = await signIn(app, 'zoe@glow.example', HOST, NEW_PASSWORD);
    expect(await (await zoe.get('/')).text()).toContain('Welcome, Zoë');
    expect((await zoe.get('/settings/staff')).status).toBe(403);
  });

  it('answers the same 410 page for a used, an unknown and a malformed link', async () => {
    const pages: string[] = [];
    for (const path of [link, `/invite/${'A'.repeat(43)}`, '/invite/not-a-token']) {
      const response = await new TestBrowser(app.http, HOST).get(path);
      expect(response.status, path).toBe(410);
      pages.push(await response.text());
    }
    expect(pages[0]).toContain('This link no longer works');
    expect(new Set(pages).size).toBe(1);
    const noCookie = await new TestBrowser(app.http, HOST).get('/invite');
    expect(noCookie.status).toBe(410);
    expect(await noCookie.text()).toBe(pages[0]);
  });

  it('refuses a 21st bad link a minute from one address with 429', async () => {
    const prober = new TestBrowser(app.http, HOST);
    await clearOfWindowEnd(60);
    for (let i = 0; i < 20; i++) expect((await prober.get(`/invite/${String(i).padStart(43, 'x')}`)).status).toBe(410);
    const blocked = await prober.get(`/invite/${'y'.repeat(43)}`);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect((await new TestBrowser(app.http, HOST).get(`/invite/${'y'.repeat(43)}`)).status).toBe(410);
  });
});

describe('bad input on the invitation form', () => {
  it.each([
    ['empty fields', { full_name: '', email: '' }, ['Enter their full name.', 'Enter their email address.']],
    ['a name that is too long', { full_name: 'N'.repeat(121), email: 'long@glow.example' }, ['at most 120 characters']],
    ['SQL in the email', { full_name: 'Robert Tables', email: "' OR 1=1 --" }, ['Enter an email address like']],
    ['HTML in the name', { full_name: '<script>alert(1)</script>', email: 'html@glow.example' }, ['cannot contain &lt; or &gt;']],
    ['an over-long email', { full_name: 'Long Email', email: `${'a'.repeat(250)}@glow.example` }, ['too long']],
  ])('%s: a clear message, typed values kept, nothing written', async (_name, form, messages) => {
    const owner = await signIn(app, 'owner@glow.example');
    const before = await count('SELECT 1 FROM operators');
    const response = await invite(owner, form.full_name, form.email, [await roleId('marketing')]);
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const m of messages) expect(html).toContain(m);
    expect(html).not.toContain('<script>alert(1)');
    if (form.email && form.email.length < 100) expect(html).toContain(`value="${form.email.replaceAll("'", '&#39;')}"`);
    expect(html).toContain(`value="${await roleId('marketing')}" checked`);
    expect(await count('SELECT 1 FROM operators')).toBe(before);
  });

  it('says who already uses a duplicate email, and refuses no roles, unknown roles and another spa’s roles', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const before = await count('SELECT 1 FROM operators');
    const dup = await invite(owner, 'Jordan Again', 'FrontDesk@glow.example', [await roleId('front_desk')]);
    expect(dup.status).toBe(409);
    const dupHtml = await dup.text();
    expect(dupHtml).toContain('Jordan Lee already uses this email here.');
    expect(dupHtml).toContain('value="Jordan Again"');

    const none = await invite(owner, 'No Roles', 'noroles@glow.example', []);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose at least one role.');
    for (const bad of ['owner', await roleId('owner', app.spas.other), '00000000-0000-0000-0000-000000000000']) {
      const response = await invite(owner, 'Wrong Role', 'wrongrole@glow.example', [bad]);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Choose roles from the list.');
    }
    expect(await count('SELECT 1 FROM operators')).toBe(before);
  });
});

describe('changing roles', () => {
  it('gives several roles at once, audits it, and shows them', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const jordan = await operatorId('frontdesk@glow.example');
    await owner.get(`/settings/staff/${jordan}`);
    const saved = await owner.postPairs(`/settings/staff/${jordan}/roles`, [['roles', await roleId('front_desk')], ['roles', await roleId('bookkeeper')]]);
    expect(saved.status).toBe(303);
    const page = await (await owner.get(saved.headers.get('location')!)).text();
    expect(page).toContain('Roles saved');
    expect(await count('SELECT 1 FROM operator_roles WHERE operator_id = $1', [jordan])).toBe(2);
    expect(await audits('roles_change', jordan)).toBe(1);
  });

  it('will not remove the last owner role', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const maya = await operatorId('owner@glow.example');
    await owner.get(`/settings/staff/${maya}`);
    const refused = await owner.postPairs(`/settings/staff/${maya}/roles`, [['roles', await roleId('manager')]]);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Maya Okafor is the only active owner');
    expect(await count(`SELECT 1 FROM operator_roles orl JOIN roles r ON r.id = orl.role_id WHERE orl.operator_id = $1 AND r.key = 'owner'`, [maya])).toBe(1);
  });

  it('does not let a manager make anyone an owner, or change or deactivate the owner', async () => {
    const manager = await signIn(app, 'manager@glow.example');
    const avery = await operatorId('marketing@glow.example');
    const maya = await operatorId('owner@glow.example');
    await manager.get(`/settings/staff/${avery}`);
    const promote = await manager.postPairs(`/settings/staff/${avery}/roles`, [['roles', await roleId('owner')]]);
    expect(promote.status).toBe(403);
    expect(await promote.text()).toContain('You cannot give the Owner role');
    const ownerPage = await (await manager.get(`/settings/staff/${maya}`)).text();
    expect(ownerPage).not.toContain('/deactivate');
    expect((await manager.post(`/settings/staff/${maya}/deactivate`, {})).status).toBe(403);
    expect((await manager.postPairs(`/settings/staff/${maya}/roles`, [['roles', await roleId('marketing')]])).status).toBe(403);
    // A manager may still give ordinary roles.
    const ok = await manager.postPairs(`/settings/staff/${avery}/roles`, [['roles', await roleId('marketing')], ['roles', await roleId('front_desk')]]);
    expect(ok.status).toBe(303);
  });
});

describe('deactivating and reactivating', () => {
  it('ends every session of the person at once, and they cannot sign in until reactivated', async () => {
    const phone = await signIn(app, 'marketing@glow.example');
    const desk = await signIn(app, 'marketing@glow.example');
    const avery = await operatorId('marketing@glow.example');
    const owner = await signIn(app, 'owner@glow.example');
    await owner.get(`/settings/staff/${avery}`);
    const done = await owner.post(`/settings/staff/${avery}/deactivate`, {});
    expect(done.status).toBe(303);
    expect(await count('SELECT 1 FROM sessions WHERE operator_id = $1', [avery])).toBe(0);
    for (const b of [phone, desk]) expect((await b.get('/')).headers.get('location')).toMatch(/^\/login/);
    expect(await audits('deactivate', avery)).toBe(1);

    const again = new TestBrowser(app.http, HOST);
    await again.get('/login');
    expect((await again.post('/login', { email: 'marketing@glow.example', password: DEMO_PASSWORD })).status).toBe(401);

    await owner.get(`/settings/staff/${avery}`);
    expect((await owner.post(`/settings/staff/${avery}/reactivate`, {})).status).toBe(303);
    expect(await one('SELECT status FROM operators WHERE id = $1', [avery])).toEqual({ status: 'active' });
    expect(await audits('reactivate', avery)).toBe(1);
    expect((await (await signIn(app, 'marketing@glow.example')).get('/')).status).toBe(200);
  });

  it('refuses to deactivate yourself', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const maya = await operatorId('owner@glow.example');
    await owner.get(`/settings/staff/${maya}`);
    const refused = await owner.post(`/settings/staff/${maya}/deactivate`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('You cannot deactivate your own account');
    expect(await one('SELECT status FROM operators WHERE id = $1', [maya])).toEqual({ status: 'active' });
  });

  it('refuses to deactivate the last active owner, even for someone with every administrative permission', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    await owner.get('/settings/roles/new');
    const perms = ['use:crm:any', 'manage:staff:any', 'manage:role:any', 'manage:settings:any', 'read:audit:any'];
    const created = await owner.postPairs('/settings/roles/new', [['name', 'Administrator'], ['description', ''], ...perms.map((p): [string, string] => ['permissions', p])]);
    expect(created.status).toBe(303);
    const admin = await roleId('administrator');
    const daniel = await operatorId('manager@glow.example');
    await owner.get(`/settings/staff/${daniel}`);
    expect((await owner.postPairs(`/settings/staff/${daniel}/roles`, [['roles', await roleId('manager')], ['roles', admin]])).status).toBe(303);

    const manager = await signIn(app, 'manager@glow.example');
    const maya = await operatorId('owner@glow.example');
    await manager.get(`/settings/staff/${maya}`);
    const refused = await manager.post(`/settings/staff/${maya}/deactivate`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('only active owner');
    expect(await one('SELECT status FROM operators WHERE id = $1', [maya])).toEqual({ status: 'active' });
  });
});

describe('provider licences', () => {
  it('adds one (flagged when expired), refuses bad input and duplicates, and removes it', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const priya = await operatorId('provider@glow.example');
    await owner.get(`/settings/staff/${priya}`);
    const added = await owner.post(`/settings/staff/${priya}/credentials`, { kind: 'RN', licence_number: 'RN 55-1/B', licence_state: 'NV', expires_on: '2020-01-31' });
    expect(added.status).toBe(303);
    const page = await (await owner.get(`/settings/staff/${priya}`)).text();
    expect(page).toContain('RN · NV · expired');
    expect(await (await owner.get('/settings/staff')).text()).toContain('Expired licence');
    const credential = await one<{ id: string }>(`SELECT id FROM credentials WHERE operator_id = $1 AND kind = 'RN'`, [priya]);
    expect(await audits('create', credential.id)).toBe(1);

    const before = await count('SELECT 1 FROM credentials');
    const bad: [Record<string, string>, string][] = [
      [{ kind: '', licence_number: '', licence_state: '', expires_on: '' }, 'Choose the kind of licence.'],
      [{ kind: 'shaman', licence_number: 'X1', licence_state: 'CA', expires_on: '2030-01-01' }, 'Choose the kind of licence.'],
      [{ kind: 'MD', licence_number: '<b>x</b>', licence_state: 'CA', expires_on: '2030-01-01' }, 'as printed on the licence'],
      [{ kind: 'MD', licence_number: 'A'.repeat(41), licence_state: 'CA', expires_on: '2030-01-01' }, 'at most 40 characters'],
      [{ kind: 'MD', licence_number: 'Ω-12', licence_state: 'CA', expires_on: '2030-01-01' }, 'as printed on the licence'],
      [{ kind: 'MD', licence_number: 'A1', licence_state: "CA' --", expires_on: '2030-01-01' }, 'Choose the state that issued it.'],
      [{ kind: 'MD', licence_number: 'A1', licence_state: 'CA', expires_on: '2027-02-30' }, 'Enter a date like'],
      [{ kind: 'NP', licence_number: 'NP1', licence_state: 'CA', expires_on: '2030-01-01' }, 'already has a NP licence in CA'],
    ];
    for (const [form, message] of bad) {
      const response = await owner.post(`/settings/staff/${priya}/credentials`, form);
      expect(response.status, message).toBeGreaterThanOrEqual(400);
      const html = await response.text();
      expect(html, message).toContain(message);
      expect(html).not.toContain('<b>x</b>');
      if (form.licence_number === 'Ω-12') expect(html).toContain('value="Ω-12"');
    }
    expect(await count('SELECT 1 FROM credentials')).toBe(before);

    await owner.get(`/settings/staff/${priya}`);
    expect((await owner.post(`/settings/staff/${priya}/credentials/${credential.id}/delete`, {})).status).toBe(303);
    expect(await count('SELECT 1 FROM credentials WHERE id = $1', [credential.id])).toBe(0);
    expect(await audits('delete', credential.id)).toBe(1);
    expect((await owner.post(`/settings/staff/${priya}/credentials/${credential.id}/delete`, {})).status).toBe(404);
  });
});

describe('another spa’s records', () => {
  it('answers 404 for glow’s people, licences and invitations to an owner of lumen', async () => {
    const lumen = await signIn(app, 'owner@lumen.example', LUMEN);
    const priya = await operatorId('provider@glow.example');
    const credential = await one<{ id: string }>('SELECT id FROM credentials WHERE operator_id = $1 LIMIT 1', [priya]);
    const lumenProvider = (await one<{ id: string }>('SELECT id FROM operators WHERE email = $1', ['provider@lumen.example'])).id;
    expect((await lumen.get(`/settings/staff/${priya}`)).status).toBe(404);
    expect((await lumen.get('/settings/staff/not-an-id')).status).toBe(404);
    await lumen.get('/settings/staff');
    for (const path of ['roles', 'deactivate', 'reactivate', 'resend-invitation', 'credentials']) {
      expect((await lumen.post(`/settings/staff/${priya}/${path}`, { kind: 'MD', licence_number: 'A1', licence_state: 'CA', expires_on: '2030-01-01' })).status, path).toBe(404);
    }
    expect((await lumen.post(`/settings/staff/${lumenProvider}/credentials/${credential.id}/delete`, {})).status).toBe(404);
    expect(await count('SELECT 1 FROM credentials WHERE id = $1', [credential.id])).toBe(1);
    const list = await (await lumen.get('/settings/staff')).text();
    expect(list).not.toContain('glow.example');
  });
});

describe('people without the staff permission', () => {
  it.each(['frontdesk@glow.example', 'bookkeeper@glow.example', 'provider@glow.example'])('%s gets 403 on every staff page and action', async (email) => {
    const browser = await signIn(app, email);
    const target = await operatorId('marketing@glow.example');
    for (const path of ['/settings/staff', '/settings/staff/invite', `/settings/staff/${target}`]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(403);
      expect(await response.text()).toContain('Your role does not allow this');
    }
    for (const path of ['/settings/staff/invite', `/settings/staff/${target}/deactivate`, `/settings/staff/${target}/roles`]) {
      expect((await browser.post(path, {})).status, path).toBe(403);
    }
  });
});

describe('an invitation that was not used in time', () => {
  it('stops working after 7 days, and a new link can be sent', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const response = await invite(owner, 'Late Larkin', 'late@glow.example', [await roleId('marketing')]);
    expect(response.status).toBe(303);
    const first = await invitationLink('late@glow.example');
    app.clock.now = new Date(app.clock.now.getTime() + 7 * 24 * 60 * 60 * 1000 + 60_000);
    expect((await new TestBrowser(app.http, HOST).get(first)).status).toBe(410);

    const again = await signIn(app, 'owner@glow.example');
    const late = await operatorId('late@glow.example');
    const page = await (await again.get(`/settings/staff/${late}`)).text();
    expect(page).toContain('The link has expired');
    expect((await again.post(`/settings/staff/${late}/resend-invitation`, {})).status).toBe(303);
    const second = await invitationLink('late@glow.example');
    expect(second).not.toBe(first);
    const person = new TestBrowser(app.http, HOST);
    expect((await person.get(second)).status).toBe(303);
    expect((await person.get('/invite')).status).toBe(200);
  });
});

describe('resetting someone’s two-step verification (SPEC §6a)', () => {
  it('lets an owner reset a provider who lost phone and codes: sessions end, the next sign-in enrols again, they are told', async () => {
    const provider = await signIn(app, 'provider@glow.example');
    const owner = await signIn(app, 'owner@glow.example');
    const id = await operatorId('provider@glow.example');
    await owner.get(`/settings/staff/${id}`);
    const reset = await owner.post(`/settings/staff/${id}/reset-mfa`, {});
    expect(reset.status).toBe(303);
    expect((await provider.get('/')).status).toBe(303);
    expect(await count('SELECT 1 FROM recovery_codes WHERE operator_id = $1', [id])).toBe(0);
    expect(await audits('mfa_reset', id)).toBe(1);
    const mail = (await listOutbox(app.deps.db, 200)).find((m) => m.recipient === 'provider@glow.example' && m.subject?.includes('two-step verification'));
    expect(mail?.body).toContain('Maya Okafor reset your two-step verification at Glow Aesthetics');

    const again = new TestBrowser(app.http, HOST);
    await again.get('/login');
    const step = await again.post('/login', { email: 'provider@glow.example', password: DEMO_PASSWORD });
    expect(step.headers.get('location')).toBe('/login/enrol');
  });

  it('refuses to reset an owner (Lumè support does that) or oneself, and a manager cannot reach above their powers', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const ownerId = await operatorId('owner@glow.example');
    await owner.get(`/settings/staff/${ownerId}`);
    expect((await owner.post(`/settings/staff/${ownerId}/reset-mfa`, {})).status).toBe(409);
    const manager = await signIn(app, 'manager@glow.example');
    await manager.get('/settings/staff');
    const refused = await manager.post(`/settings/staff/${ownerId}/reset-mfa`, {});
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Lumè support');
    expect(await audits('mfa_reset', ownerId)).toBe(0);
  });
});
