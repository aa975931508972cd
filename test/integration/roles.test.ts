import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { signIn } from '../support/operators.ts';

// SEC-2: roles as data, permissions read on every request; §6a: idle logoff and age of majority as spa settings.
let app: TestApp;
const LUMEN = `lumen.${APEX}`;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

async function one<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.deps.db.ownerQuery(sql, values)).rows[0] as T;
}
const count = async (sql: string, values: unknown[] = []) => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, values)).n;
const roleId = async (key: string, tenant = app.spas.glow) => (await one<{ id: string }>('SELECT id FROM roles WHERE tenant_id = $1 AND key = $2', [tenant, key])).id;
const operatorId = async (email: string) => (await one<{ id: string }>('SELECT id FROM operators WHERE email = $1', [email])).id;
const audits = async (action: string, recordId: string) => count('SELECT 1 FROM audit_events WHERE action = $1 AND record_id = $2', [action, recordId]);

function roleForm(name: string, description: string, permissions: string[]): [string, string][] {
  return [['name', name], ['description', description], ...permissions.map((p): [string, string] => ['permissions', p])];
}

describe('the roles page', () => {
  it('lists every role with human permission labels, built-in and people counts', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const page = await owner.get('/settings/roles');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const name of ['Owner', 'Manager', 'Provider', 'Front desk', 'Bookkeeper', 'Marketing']) expect(html).toContain(name);
    expect(html).toContain('See client allergies');
    expect(html).toContain('Read treatment records and provider notes');
    expect(html).toContain('Built-in');
    expect(html).not.toContain('read:chart:any');
  });

  it('shows a built-in role read-only, and refuses to change or delete it', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const provider = await roleId('provider');
    const page = await (await owner.get(`/settings/roles/${provider}`)).text();
    expect(page).toContain('Built-in roles cannot be changed');
    expect(page).toContain('Priya Shah, NP');
    expect(page).not.toContain(`action="/settings/roles/${provider}"`);
    const before = await one('SELECT name, permissions FROM roles WHERE id = $1', [provider]);
    expect((await owner.postPairs(`/settings/roles/${provider}`, roleForm('Provider', '', ['use:crm:any']))).status).toBe(403);
    expect((await owner.post(`/settings/roles/${provider}/delete`, {})).status).toBe(403);
    expect(await one('SELECT name, permissions FROM roles WHERE id = $1', [provider])).toEqual(before);
  });
});

describe('custom roles', () => {
  let leadId = '';

  it('creates one from checkboxes, with a key from its name, and audits it', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    await owner.get('/settings/roles/new');
    const created = await owner.postPairs('/settings/roles/new', roleForm('Lead injector', 'Senior clinician who reviews charts.', ['use:crm:any', 'read:client:any', 'read:chart:any']));
    expect(created.status).toBe(303);
    const row = await one<{ id: string; key: string; builtin: boolean; permissions: string[] }>(`SELECT id, key, builtin, permissions FROM roles WHERE name = 'Lead injector'`);
    leadId = row.id;
    expect(row).toMatchObject({ key: 'lead-injector', builtin: false, permissions: ['use:crm:any', 'read:client:any', 'read:chart:any'] });
    expect(created.headers.get('location')).toBe(`/settings/roles/${leadId}?done=created`);
    expect(await (await owner.get(created.headers.get('location')!)).text()).toContain('Role created');
    expect(await audits('create', leadId)).toBe(1);
  });

  it.each([
    ['an unknown permission', roleForm('Sneaky', '', ['use:crm:any', 'delete:everything:any']), 'not Lumè permissions'],
    ['no permission', roleForm('Empty', '', []), 'Choose at least one permission.'],
    ['an empty name', roleForm('', '', ['use:crm:any']), 'Give the role a name.'],
    ['a long name', roleForm('R'.repeat(61), '', ['use:crm:any']), 'at most 60 characters'],
    ['a long description', roleForm('Wordy', 'd'.repeat(301), ['use:crm:any']), 'at most 300 characters'],
    ['HTML in the name', roleForm('<img src=x onerror=alert(1)>', '', ['use:crm:any']), 'cannot contain &lt; or &gt;'],
    ['a name already taken (any case)', roleForm('FRONT DESK', '', ['use:crm:any']), 'Another role already has that name.'],
    ["SQL in the name", roleForm("x'); DROP TABLE roles; --", '', ['use:crm:any', "read:client:any' OR '1'='1"]), 'not Lumè permissions'],
  ])('refuses %s with a clear message, keeps what was typed, writes nothing', async (_name, pairs, message) => {
    const owner = await signIn(app, 'owner@glow.example');
    const before = await count('SELECT 1 FROM roles');
    await owner.get('/settings/roles/new');
    const response = await owner.postPairs('/settings/roles/new', pairs);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(410);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).not.toContain('<img src=x');
    if (pairs.some(([k, v]) => k === 'permissions' && v === 'use:crm:any')) expect(html).toContain('value="use:crm:any" checked');
    const name = pairs.find(([k]) => k === 'name')![1];
    if (name && name.length <= 60 && !name.includes('<')) expect(html).toContain(`value="${name.replaceAll("'", '&#39;')}"`);
    expect(await count('SELECT 1 FROM roles')).toBe(before);
  });

  it('accepts a unicode name', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    await owner.get('/settings/roles/new');
    const created = await owner.postPairs('/settings/roles/new', roleForm('Fachärztin — Ästhetik', '', ['use:crm:any', 'read:client:any']));
    expect(created.status).toBe(303);
    expect(await one(`SELECT key FROM roles WHERE name = 'Fachärztin — Ästhetik'`)).toEqual({ key: 'facharztin-asthetik' });
  });

  it('edits a custom role, and audits it', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    await owner.get(`/settings/roles/${leadId}`);
    const saved = await owner.postPairs(`/settings/roles/${leadId}`, roleForm('Lead injector', 'Reviews charts and photos.', ['use:crm:any', 'read:client:any', 'read:chart:any', 'read:photo:any']));
    expect(saved.status).toBe(303);
    expect(await one('SELECT description, permissions FROM roles WHERE id = $1', [leadId])).toEqual({
      description: 'Reviews charts and photos.',
      permissions: ['use:crm:any', 'read:client:any', 'read:chart:any', 'read:photo:any'],
    });
    expect(await audits('update', leadId)).toBe(1);
    const bad = await owner.postPairs(`/settings/roles/${leadId}`, roleForm('Lead injector', '', ['write:everything:any']));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('not Lumè permissions');
    expect((await one<{ permissions: string[] }>('SELECT permissions FROM roles WHERE id = $1', [leadId])).permissions).toContain('read:photo:any');
  });

  it('refuses to delete a role someone holds; deletes it once nobody does', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const priya = await operatorId('provider@glow.example');
    await owner.get(`/settings/staff/${priya}`);
    expect((await owner.postPairs(`/settings/staff/${priya}/roles`, [['roles', await roleId('provider')], ['roles', leadId]])).status).toBe(303);
    await owner.get(`/settings/roles/${leadId}`);
    const refused = await owner.post(`/settings/roles/${leadId}/delete`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('One person holds Lead injector');
    expect(await count('SELECT 1 FROM roles WHERE id = $1', [leadId])).toBe(1);

    await owner.get(`/settings/staff/${priya}`);
    expect((await owner.postPairs(`/settings/staff/${priya}/roles`, [['roles', await roleId('provider')]])).status).toBe(303);
    await owner.get(`/settings/roles/${leadId}`);
    const deleted = await owner.post(`/settings/roles/${leadId}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe('/settings/roles?done=deleted');
    expect(await count('SELECT 1 FROM roles WHERE id = $1', [leadId])).toBe(0);
    expect(await audits('delete', leadId)).toBe(1);
  });

  it('applies a permission change on the very next request of everyone holding the role', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    await owner.get('/settings/roles/new');
    const created = await owner.postPairs('/settings/roles/new', roleForm('Desk lead', 'Runs the front desk team.', ['use:crm:any', 'manage:staff:any']));
    const deskLead = created.headers.get('location')!.split('/').pop()!.split('?')[0]!;
    const sam = await operatorId('bookkeeper@glow.example');
    await owner.get(`/settings/staff/${sam}`);
    expect((await owner.postPairs(`/settings/staff/${sam}/roles`, [['roles', await roleId('bookkeeper')], ['roles', deskLead]])).status).toBe(303);

    const bookkeeper = await signIn(app, 'bookkeeper@glow.example');
    expect((await bookkeeper.get('/settings/staff')).status).toBe(200);
    await owner.get(`/settings/roles/${deskLead}`);
    expect((await owner.postPairs(`/settings/roles/${deskLead}`, roleForm('Desk lead', 'Runs the front desk team.', ['use:crm:any']))).status).toBe(303);
    expect((await bookkeeper.get('/settings/staff')).status).toBe(403);
  });

  it('does not let a role editor put powers they lack into a role', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    await owner.get('/settings/roles/new');
    const editor = await owner.postPairs('/settings/roles/new', roleForm('Role editor', '', ['use:crm:any', 'manage:role:any']));
    const editorRole = editor.headers.get('location')!.split('/').pop()!.split('?')[0]!;
    const avery = await operatorId('marketing@glow.example');
    await owner.get(`/settings/staff/${avery}`);
    expect((await owner.postPairs(`/settings/staff/${avery}/roles`, [['roles', await roleId('marketing')], ['roles', editorRole]])).status).toBe(303);

    const marketing = await signIn(app, 'marketing@glow.example');
    await marketing.get('/settings/roles/new');
    const before = await count('SELECT 1 FROM roles');
    const refused = await marketing.postPairs('/settings/roles/new', roleForm('Auditor', '', ['use:crm:any', 'read:audit:any']));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Search and export the audit trail');
    expect(await count('SELECT 1 FROM roles')).toBe(before);
    const fine = await marketing.postPairs('/settings/roles/new', roleForm('Social media', '', ['use:crm:any', 'read:consent-to-message:any']));
    expect(fine.status).toBe(303);
  });
});

describe('spa settings', () => {
  it('shows and saves idle logoff and age of majority, audited as settings_change', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const page = await (await owner.get('/settings')).text();
    expect(page).toContain('value="15"');
    expect(page).toContain('value="18"');
    const saved = await owner.post('/settings', { idle_timeout_minutes: '20', age_of_majority: '19' });
    expect(saved.status).toBe(303);
    expect(await (await owner.get(saved.headers.get('location')!)).text()).toContain('Settings saved.');
    expect(await one('SELECT idle_timeout_minutes, age_of_majority FROM tenants WHERE id = $1', [app.spas.glow])).toEqual({ idle_timeout_minutes: 20, age_of_majority: 19 });
    expect(await audits('settings_change', app.spas.glow)).toBe(1);
    // Saving the same values again changes nothing and records nothing.
    expect((await owner.post('/settings', { idle_timeout_minutes: '20', age_of_majority: '19' })).status).toBe(303);
    expect(await audits('settings_change', app.spas.glow)).toBe(1);
  });

  it.each([
    ['empty', { idle_timeout_minutes: '', age_of_majority: '' }, ['Enter the number of minutes.', 'Enter an age.']],
    ['too short', { idle_timeout_minutes: '4', age_of_majority: '18' }, ['from 5 to 30']],
    ['too long', { idle_timeout_minutes: '31', age_of_majority: '18' }, ['from 5 to 30']],
    ['out of range ages', { idle_timeout_minutes: '15', age_of_majority: '22' }, ['from 16 to 21']],
    ['words', { idle_timeout_minutes: 'ten', age_of_majority: '18' }, ['whole number from 5 to 30']],
    ['unicode digits', { idle_timeout_minutes: '１５', age_of_majority: '18' }, ['whole number from 5 to 30']],
    ['SQL', { idle_timeout_minutes: '15; DROP TABLE tenants', age_of_majority: '18' }, ['whole number from 5 to 30']],
    ['HTML', { idle_timeout_minutes: '15', age_of_majority: '<b>18</b>' }, ['whole number from 16 to 21']],
  ])('refuses %s with a clear message, keeps what was typed, writes nothing', async (_name, form, messages) => {
    const owner = await signIn(app, 'owner@glow.example');
    const before = await one('SELECT idle_timeout_minutes, age_of_majority FROM tenants WHERE id = $1', [app.spas.glow]);
    await owner.get('/settings');
    const response = await owner.post('/settings', form);
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const m of messages) expect(html).toContain(m);
    expect(html).not.toContain('<b>18');
    if (form.idle_timeout_minutes) expect(html).toContain(`value="${form.idle_timeout_minutes}"`);
    expect(await one('SELECT idle_timeout_minutes, age_of_majority FROM tenants WHERE id = $1', [app.spas.glow])).toEqual(before);
  });

  it('applies a shorter idle logoff to open sessions at once', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const desk = await signIn(app, 'frontdesk@glow.example');
    await owner.get('/settings');
    expect((await owner.post('/settings', { idle_timeout_minutes: '5', age_of_majority: '18' })).status).toBe(303);
    app.clock.now = new Date(app.clock.now.getTime() + 6 * 60_000);
    expect((await desk.get('/')).headers.get('location')).toBe('/login?ended=idle');
    const again = await signIn(app, 'owner@glow.example');
    await again.get('/settings');
    expect((await again.post('/settings', { idle_timeout_minutes: '15', age_of_majority: '18' })).status).toBe(303);
  });
});

describe('who may open these pages', () => {
  it.each(['frontdesk@glow.example', 'bookkeeper@glow.example', 'marketing@glow.example'])('%s gets 403 on every settings page and action', async (email) => {
    await app.deps.db.ownerQuery(
      `DELETE FROM operator_roles WHERE operator_id = (SELECT id FROM operators WHERE email = $1) AND role_id IN (SELECT id FROM roles WHERE NOT builtin)`,
      [email],
    );
    const browser = await signIn(app, email);
    const provider = await roleId('provider');
    const person = await operatorId('provider@glow.example');
    for (const path of ['/settings', '/settings/staff', '/settings/staff/invite', `/settings/staff/${person}`, '/settings/roles', '/settings/roles/new', `/settings/roles/${provider}`]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(403);
      expect(await response.text()).toContain('Ask your spa’s owner');
    }
    for (const path of ['/settings', '/settings/roles/new', `/settings/roles/${provider}`, `/settings/roles/${provider}/delete`, '/settings/staff/invite', `/settings/staff/${person}/deactivate`]) {
      expect((await browser.post(path, {})).status, path).toBe(403);
    }
    const nav = await (await browser.get('/')).text();
    expect(nav).not.toContain('href="/settings');
  });

  it('answers 404 to another spa’s owner for glow’s roles', async () => {
    const lumen = await signIn(app, 'owner@lumen.example', LUMEN);
    const glowProvider = await roleId('provider');
    const lumenRoles = await (await lumen.get('/settings/roles')).text();
    expect(lumenRoles).not.toContain(glowProvider);
    expect((await lumen.get(`/settings/roles/${glowProvider}`)).status).toBe(404);
    expect((await lumen.get('/settings/roles/nonsense')).status).toBe(404);
    await lumen.get('/settings/roles');
    expect((await lumen.postPairs(`/settings/roles/${glowProvider}`, roleForm('Mine now', '', ['use:crm:any']))).status).toBe(404);
    expect((await lumen.post(`/settings/roles/${glowProvider}/delete`, {})).status).toBe(404);
    const glowCustom = await one<{ id: string }>(`SELECT id FROM roles WHERE tenant_id = $1 AND NOT builtin LIMIT 1`, [app.spas.glow]);
    expect((await lumen.post(`/settings/roles/${glowCustom.id}/delete`, {})).status).toBe(404);
    expect(await count('SELECT 1 FROM roles WHERE id = $1', [glowCustom.id])).toBe(1);
  });
});
