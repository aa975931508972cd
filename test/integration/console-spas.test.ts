import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/compose.ts';
import { createLogger } from '../../src/infra/log.ts';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { DEFAULT_ROLES } from '../../src/modules/identity/permissions.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { consoleAudit, countRows, signInStaff } from './console-support.ts';

// Issue 8: spas created, listed, suspended and reactivated from the console, through the
// database's narrow functions; the first owner invited by email (SPEC §1, DESIGN §3).
let app: TestApp;
let admin: TestBrowser;

const SERENITY = {
  display_name: 'Serenity Skin Studio',
  legal_name: 'Serenity Skin Studio LLC',
  slug: 'serenity',
  state_code: 'TX',
  admin_name: 'Nadia Brooks',
  admin_email: 'Nadia@SerenitySkin.com',
  baa_version: '2026-11',
  baa_signed: 'yes',
};

beforeAll(async () => {
  app = await startTestApp();
  admin = await signInStaff(app);
});
afterAll(() => app?.close());

/** A second app on the same database: a process whose 5-second spa cache is still empty. */
function freshApp() {
  return composeApp({ config: app.deps.config, db: app.deps.db, log: createLogger('silent'), jobs: { send: async () => 'job' }, now: () => app.clock.now }).http;
}

async function spaRow(slug: string) {
  return (await app.deps.db.ownerQuery<Record<string, unknown>>(`SELECT id, slug::text, legal_name, display_name, status, admin_contact_name, admin_contact_email::text, state_code, baa_version, baa_accepted_by, baa_accepted_at FROM tenants WHERE slug = $1`, [slug])).rows[0];
}

describe('creating a spa', () => {
  let tenantId = '';

  it('creates the tenant, its default roles and an invited owner, emails the invitation and shows it on the spa’s page', async () => {
    await admin.get('/spas/new');
    const created = await admin.post('/spas/new', SERENITY);
    expect(created.status).toBe(303);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/spas\/[0-9a-f-]{36}\?done=created$/);
    tenantId = location.slice(6, 42);

    const spa = await spaRow('serenity');
    expect(spa).toMatchObject({
      id: tenantId,
      legal_name: 'Serenity Skin Studio LLC',
      display_name: 'Serenity Skin Studio',
      status: 'active',
      admin_contact_name: 'Nadia Brooks',
      admin_contact_email: 'nadia@serenityskin.com',
      state_code: 'TX',
      baa_version: '2026-11',
      baa_accepted_by: 'Nadia Brooks',
    });
    expect(spa!.baa_accepted_at).toBeInstanceOf(Date);

    const roles = (await app.deps.db.ownerQuery<{ key: string; name: string; permissions: string[]; builtin: boolean }>(`SELECT key, name, permissions, builtin FROM roles WHERE tenant_id = $1 ORDER BY key`, [tenantId])).rows;
    expect(roles.map((r) => r.key)).toEqual(DEFAULT_ROLES.map((r) => r.key).sort());
    for (const role of DEFAULT_ROLES) {
      const stored = roles.find((r) => r.key === role.key)!;
      expect(stored.builtin).toBe(true);
      expect([...stored.permissions].sort()).toEqual([...role.permissions].sort());
    }
    const owner = (await app.deps.db.ownerQuery<{ email: string; full_name: string; status: string; role: string }>(
      `SELECT o.email::text, o.full_name, o.status, r.key AS role FROM operators o JOIN operator_roles orl ON orl.operator_id = o.id AND orl.tenant_id = o.tenant_id JOIN roles r ON r.id = orl.role_id AND r.tenant_id = orl.tenant_id WHERE o.tenant_id = $1`,
      [tenantId],
    )).rows;
    expect(owner).toEqual([{ email: 'nadia@serenityskin.com', full_name: 'Nadia Brooks', status: 'invited', role: 'owner' }]);

    const mail = (await listOutbox(app.deps.db, 20)).find((m) => m.recipient === 'nadia@serenityskin.com')!;
    expect(mail.channel).toBe('phi_email');
    expect(mail.spaSlug).toBe('serenity');
    const link = /http:\/\/serenity\.localhost:3000\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.body);
    expect(link).not.toBeNull();

    const page = await (await admin.get(location)).text();
    expect(page).toContain('Spa created. Its owner has been emailed an invitation');
    expect(page).toContain('Not accepted yet');
  });

  it('gives the new spa a working host: its sign-in page, and the owner’s invitation link', async () => {
    const visitor = new TestBrowser(app.http, `serenity.${APEX}`);
    const login = await visitor.get('/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('Serenity Skin Studio');

    const mail = (await listOutbox(app.deps.db, 20)).find((m) => m.recipient === 'nadia@serenityskin.com')!;
    const path = /\/invite\/[A-Za-z0-9_-]{43}/.exec(mail.body)![0];
    const opened = await visitor.get(path);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/invite');
    const join = await visitor.get('/invite');
    expect(join.status).toBe(200);
    expect(await join.text()).toContain('nadia@serenityskin.com');
  });

  it('writes the console trail and the spa’s own audit trail (actor: Lumè staff) in the same transaction', async () => {
    const trail = (await consoleAudit(app)).filter((e) => e.target_id === tenantId);
    expect(trail.map((e) => [e.action, e.target_kind, e.outcome])).toEqual(expect.arrayContaining([['create', 'spa', 'success'], ['invite', 'spa', 'success']]));
    expect(trail.every((e) => e.actor_kind === 'staff' && e.staff_id)).toBe(true);
    const spaTrail = (await app.deps.db.ownerQuery<{ actor_kind: string; action: string; record_type: string; surface: string }>(`SELECT actor_kind, action, record_type, surface FROM audit_events WHERE tenant_id = $1 ORDER BY id`, [tenantId])).rows;
    expect(spaTrail).toEqual([
      { actor_kind: 'staff', action: 'create', record_type: 'spa', surface: 'console' },
      { actor_kind: 'staff', action: 'invite', record_type: 'operator', surface: 'console' },
    ]);
  });

  it('lists the spa with its status, creation date, BAA and operator counts — and nothing of its data', async () => {
    const html = await (await admin.get('/')).text();
    expect(html).toContain('Serenity Skin Studio');
    expect(html).toContain('serenity.localhost:3000');
    expect(html).toMatch(/Glow Aesthetics[\s\S]*6 active/);
    expect(html).toContain('1 invited');
    expect(html).toContain('2026-11');
    expect(html).not.toContain('owner@glow.example');
  });

  it('refuses a taken address on the form, with what was typed kept, and creates nothing', async () => {
    const before = await countRows(app, 'tenants');
    const again = await admin.post('/spas/new', { ...SERENITY, admin_email: 'someone@else.example' });
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain('serenity is already a spa’s address');
    expect(html).toContain('value="someone@else.example"');
    expect(await countRows(app, 'tenants')).toBe(before);
  });

  it('resends the owner’s invitation with a new link; the old one stops working', async () => {
    const oldMail = (await listOutbox(app.deps.db, 50)).find((m) => m.recipient === 'nadia@serenityskin.com')!;
    const oldPath = /\/invite\/[A-Za-z0-9_-]{43}/.exec(oldMail.body)![0];
    await admin.get(`/spas/${tenantId}`);
    const resent = await admin.post(`/spas/${tenantId}/resend-invitation`, {});
    expect(resent.headers.get('location')).toBe(`/spas/${tenantId}?done=resent`);
    const mails = (await listOutbox(app.deps.db, 50)).filter((m) => m.recipient === 'nadia@serenityskin.com');
    expect(mails).toHaveLength(2);
    const visitor = new TestBrowser(app.http, `serenity.${APEX}`);
    expect((await visitor.get(oldPath)).status).not.toBe(303);
    const newPath = /\/invite\/[A-Za-z0-9_-]{43}/.exec(mails[0]!.body)![0];
    expect((await visitor.get(newPath)).headers.get('location')).toBe('/invite');
  });
});

describe('bad input on the new-spa form', () => {
  const cases: [string, Partial<typeof SERENITY> & Record<string, string>, string, string][] = [
    ['an empty name', { display_name: '  ' }, 'display_name', 'Enter the name the spa goes by.'],
    ['an empty legal name', { legal_name: '' }, 'legal_name', 'Enter the spa’s legal name, as on the contract.'],
    ['a reserved address', { slug: 'admin' }, 'slug', 'admin is reserved for Lumè.'],
    ['an address with a dot', { slug: 'glow.spa' }, 'slug', 'Use only lower-case letters, digits and hyphens.'],
    ['an address ending in a hyphen', { slug: 'glow-' }, 'slug', 'cannot start or end with a hyphen'],
    ['an address too long', { slug: 'a'.repeat(41) }, 'slug', 'Keep the address to 40 characters or fewer.'],
    ['an unknown state', { state_code: 'ZZ' }, 'state_code', 'Choose the state the spa operates in.'],
    ['a bad owner email', { admin_email: 'nadia@' }, 'admin_email', 'Enter a full email address'],
    ['a missing owner name', { admin_name: '' }, 'admin_name', 'Enter the name of the spa’s owner.'],
    ['a BAA version with spaces', { baa_version: '2026 11' }, 'baa_version', 'Enter the BAA version as printed'],
    ['no BAA confirmation', { baa_signed: '' }, 'baa_signed', 'Confirm that the spa signed this version of the BAA'],
    ['a name with a control character', { display_name: 'Glow\u0007' }, 'display_name', 'Please use plain text on one line.'],
  ];

  it.each(cases)('answers %s with a clear message, keeps what was typed, and writes nothing', async (_name, change, field, message) => {
    const before = { tenants: await countRows(app, 'tenants'), audit: (await consoleAudit(app)).filter((e) => e.action !== 'read').length };
    await admin.get('/spas/new');
    const form = { ...SERENITY, slug: 'fresh-spa', ...change };
    const response = await admin.post('/spas/new', form);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toContain(`id="field-${field}-error"`);
    expect(html).toContain(`aria-invalid="true"`);
    for (const [key, value] of Object.entries(form)) {
      if (key === 'baa_signed' || !value.trim() || /[\u0000-\u001f]/.test(value) || value === 'ZZ') continue; // a select cannot show a value it does not offer
      expect(html, key).toContain(key === 'state_code' ? `value="${value}" selected` : `value="${value.replaceAll('&', '&amp;')}"`);
    }
    expect(await countRows(app, 'tenants')).toBe(before.tenants);
    expect((await consoleAudit(app)).filter((e) => e.action !== 'read').length).toBe(before.audit);
  });
});

describe('suspending and reactivating a spa', () => {
  it('suspends: the spa’s host answers the plain 404 (after the cache), its operators are signed out, both trails record it', async () => {
    const owner = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
    expect((await owner.get('/')).status).toBe(200);

    await admin.get(`/spas/${app.spas.other}`);
    const suspended = await admin.post(`/spas/${app.spas.other}/suspend`, {});
    expect(suspended.headers.get('location')).toBe(`/spas/${app.spas.other}?done=suspended`);
    expect(await (await admin.get(`/spas/${app.spas.other}?done=suspended`)).text()).toContain('up to 5 seconds');

    const http = freshApp();
    for (const path of ['/login', '/', '/invite']) {
      const response = await http.fetch(new Request(`http://lumen.${APEX}${path}`, { headers: { host: `lumen.${APEX}` } }));
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('We could not find that page.');
    }
    const unknown = await http.fetch(new Request(`http://nosuchspa.${APEX}/login`, { headers: { host: `nosuchspa.${APEX}` } }));
    expect(unknown.status).toBe(404);

    expect(await countRows(app, 'sessions', 'tenant_id = $1', [app.spas.other])).toBe(0);
    expect((await consoleAudit(app)).some((e) => e.action === 'suspend' && e.target_id === app.spas.other && e.detail === 'active → suspended')).toBe(true);
    expect(await countRows(app, 'audit_events', `tenant_id = $1 AND actor_kind = 'staff' AND action = 'suspend'`, [app.spas.other])).toBe(1);
    expect(await (await admin.get('/')).text()).toContain('Suspended');
  });

  it('refuses to suspend twice, with the reason, and records the attempt', async () => {
    await admin.get(`/spas/${app.spas.other}`);
    const twice = await admin.post(`/spas/${app.spas.other}/suspend`, {});
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('This spa is already suspended.');
    expect((await consoleAudit(app)).some((e) => e.action === 'suspend' && e.outcome === 'failed')).toBe(true);
  });

  it('reactivates: the host serves its pages again', async () => {
    await admin.get(`/spas/${app.spas.other}`);
    const reactivated = await admin.post(`/spas/${app.spas.other}/reactivate`, {});
    expect(reactivated.headers.get('location')).toBe(`/spas/${app.spas.other}?done=reactivated`);
    const response = await freshApp().fetch(new Request(`http://lumen.${APEX}/login`, { headers: { host: `lumen.${APEX}` } }));
    expect(response.status).toBe(200);
    expect((await consoleAudit(app)).some((e) => e.action === 'reactivate' && e.detail === 'suspended → active')).toBe(true);
  });
});
