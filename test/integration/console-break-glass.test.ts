import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { BREAK_GLASS_PERMISSIONS } from '../../src/modules/break-glass/window.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { addStaffFixture, ADMIN_EMAIL, consoleAudit, countRows, nextStep, signInStaff, staffSecret } from './console-support.ts';

// SEC-9, issue 8: break-glass. A support or admin staff member opens a short, read-only window into
// one spa with a written reason; the spa's admin contact is emailed at once and its owners see it;
// during the window every request is audited under the staff member (actor kind 'staff'); the
// window ends hard at its time, and a staff session cannot reach a spa any other way.
let app: TestApp;
let admin: TestBrowser;
let support: TestBrowser;
let compliance: TestBrowser;
let supportId = '';
const SUPPORT_EMAIL = 'sam.support@lume.example';
const COMPLIANCE_EMAIL = 'cleo.compliance@lume.example';
const GLOW_HOST = `glow.${APEX}`;
const LUMEN_HOST = `lumen.${APEX}`;
const REASON = 'Ticket 4812: owner reports appointments missing after the calendar import.';

const spaPage = (id = app.spas.glow) => `/spas/${id}`;
const openPath = (id = app.spas.glow) => `/spas/${id}/break-glass`;

/** Opens a window from the console as this staff member, with a fresh authenticator code. */
async function openWindow(browser: TestBrowser, email: string, form: Record<string, string> = {}, id = app.spas.glow): Promise<Response> {
  await browser.get(spaPage(id));
  nextStep(app);
  return browser.post(openPath(id), { reason: REASON, minutes: '30', code: totpCodeAt(staffSecret(email), app.clock.now), ...form });
}

function linkToken(html: string): string {
  const token = /\/break-glass\/([A-Za-z0-9_-]{43})"/.exec(html)?.[1];
  if (!token) throw new Error('no break-glass link on the page');
  return token;
}

/** What opening a window writes, for "nothing written" checks. */
async function written() {
  return {
    grants: await countRows(app, 'break_glass_grants'),
    spaAudit: await countRows(app, 'audit_events', `action = 'break_glass_open'`),
    mails: (await listOutbox(app.deps.db, 1000)).length,
  };
}

async function spaAuditByRequest(requestId: string) {
  return (await app.deps.db.ownerQuery<{ actor_kind: string; actor_id: string | null; actor_role: string | null; action: string; record_id: string | null; outcome: string; surface: string }>(
    `SELECT actor_kind, actor_id::text, actor_role, action, record_id, outcome, surface FROM audit_events WHERE request_id = $1 ORDER BY id`,
    [requestId],
  )).rows;
}

/** Opens a window as support and exchanges its link in a fresh browser on the spa's host. */
async function enterWindow(minutes = '30'): Promise<{ browser: TestBrowser; token: string; grantId: string }> {
  const opened = await openWindow(support, SUPPORT_EMAIL, { minutes });
  expect(opened.status).toBe(200);
  const token = linkToken(await opened.text());
  const browser = new TestBrowser(app.http, GLOW_HOST);
  const exchanged = await browser.get(`/break-glass/${token}`);
  expect(exchanged.status).toBe(303);
  const grantId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM break_glass_grants WHERE link_hash = $1`, [createHash('sha256').update(token).digest('hex')])).rows[0]!.id;
  return { browser, token, grantId };
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signInStaff(app);
  supportId = await addStaffFixture(app, SUPPORT_EMAIL, 'support', 'Sam Support');
  await addStaffFixture(app, COMPLIANCE_EMAIL, 'compliance', 'Cleo Compliance');
  support = await signInStaff(app, SUPPORT_EMAIL);
  compliance = await signInStaff(app, COMPLIANCE_EMAIL);
});
afterAll(() => app?.close());

describe('opening break-glass access in the console', () => {
  it('offers the form to support and admin, and only the history to compliance', async () => {
    for (const browser of [support, admin]) {
      const html = await (await browser.get(spaPage())).text();
      expect(html).toContain('Break-glass access');
      expect(html).toContain(`action="${openPath()}"`);
    }
    const html = await (await compliance.get(spaPage())).text();
    expect(html).toContain('Break-glass access');
    expect(html).not.toContain(`action="${openPath()}"`);
  });

  it('answers compliance 403 and writes nothing', async () => {
    const before = await written();
    await compliance.get(spaPage());
    nextStep(app);
    const refused = await compliance.post(openPath(), { reason: REASON, minutes: '30', code: totpCodeAt(staffSecret(COMPLIANCE_EMAIL), app.clock.now) });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('does not allow this');
    expect(await written()).toEqual(before);
  });

  const bad: [string, Record<string, string>, string, string][] = [
    ['no reason', { reason: '' }, 'reason', 'Write why you need access to this spa’s data.'],
    ['a reason too short', { reason: 'Customer asked' }, 'reason', 'at least 20 characters'],
    ['a reason too long', { reason: 'x'.repeat(1001) }, 'reason', '1,000 characters or fewer'],
    ['a window longer than an hour', { minutes: '120' }, 'minutes', 'Choose how long you need: 15, 30 or 60 minutes.'],
    ['no code', { code: '' }, 'code', 'Enter the 6-digit code'],
    ['a wrong code', { code: '000000' }, 'code', 'That code did not match'],
  ];

  it.each(bad)('answers %s with a message on the field, keeps the reason, and opens nothing', async (_name, change, field, message) => {
    const before = await written();
    const response = await openWindow(support, SUPPORT_EMAIL, change);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toContain(`id="field-${field}-error"`);
    if (field !== 'reason') expect(html).toContain(`>${REASON}</textarea>`);
    expect(html).not.toContain('/break-glass/');
    expect(await written()).toEqual(before);
  });

  it('opens a window: the grant (with only the link’s hash), a high-severity spa audit row, Lumè’s row and the email to the admin contact', async () => {
    const before = await written();
    const response = await openWindow(support, SUPPORT_EMAIL, { reason: `  ${REASON}  ` });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Break-glass access is open');
    const token = linkToken(html);
    expect(html).toContain(`http://glow.${APEX}/break-glass/${token}`);

    const grants = (await app.deps.db.ownerQuery<Record<string, unknown>>(
      `SELECT id, staff_id::text, staff_name, reason, link_hash, extract(epoch FROM ends_at - opened_at)::int AS seconds, link_used_at, session_hash FROM break_glass_grants WHERE tenant_id = $1 ORDER BY opened_at DESC LIMIT 1`,
      [app.spas.glow],
    )).rows;
    const grant = grants[0]!;
    expect(grant).toMatchObject({ staff_id: supportId, staff_name: 'Sam Support', reason: REASON, link_used_at: null, session_hash: null });
    expect(grant.link_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(grant.seconds).toBe(30 * 60);
    const leaked = await app.deps.db.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM break_glass_grants g WHERE g::text LIKE '%' || $1 || '%'`, [token]);
    expect(leaked.rows[0]!.n).toBe(0);

    const spaRows = (await app.deps.db.ownerQuery<Record<string, unknown>>(
      `SELECT actor_kind, actor_id::text, action, record_type, record_id, surface, outcome FROM audit_events WHERE tenant_id = $1 AND action = 'break_glass_open'`,
      [app.spas.glow],
    )).rows;
    expect(spaRows).toEqual([{ actor_kind: 'staff', actor_id: supportId, action: 'break_glass_open', record_type: 'break_glass', record_id: grant.id, surface: 'console', outcome: 'success' }]);
    const lume = (await consoleAudit(app)).filter((e) => e.action === 'break_glass_open' && e.outcome === 'success');
    expect(lume).toEqual([expect.objectContaining({ actor_kind: 'staff', staff_id: supportId, target_kind: 'spa', target_id: app.spas.glow, detail: `30 minutes; window ${grant.id}` })]);

    const mails = (await listOutbox(app.deps.db, 50)).filter((m) => /opened emergency access/.test(m.subject ?? ''));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ channel: 'phi_email', recipient: 'maya@glow.example', spaSlug: 'glow' });
    expect(mails[0]!.body).toContain('Sam Support of Lumè support opened break-glass');
    expect(mails[0]!.body).toContain(REASON);
    expect(mails[0]!.body).toMatch(/ends on \d{4}-\d{2}-\d{2} at \d{2}:\d{2} UTC/);
    expect(mails[0]!.body).not.toContain(token);
    expect(await written()).toEqual({ grants: before.grants + 1, spaAudit: before.spaAudit + 1, mails: before.mails + 1 });

    // The spa's audit screen flags it.
    const owner = await signIn(app, 'owner@glow.example');
    const trail = await (await owner.get('/audit?action=break_glass_open')).text();
    expect(trail).toContain('opened break-glass access');
    expect(trail).toContain('High severity');
    expect(trail).toContain('Sam Support (Lumè staff)');
  });

  it('is reachable by lume_console alone, and the database itself refuses compliance, a short reason or a long window', async () => {
    const complianceId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM console_staff WHERE email = $1`, [COMPLIANCE_EMAIL])).rows[0]!.id;
    const hash = 'a'.repeat(64);
    const call = (staff: string, reason: string, minutes: number) =>
      `SELECT * FROM console_open_break_glass('${app.spas.glow}', '${staff}', '${reason}', ${minutes}, '${hash}', now(), 'probe')`;
    await expect(app.deps.db.transaction('app', {}, (c) => c.query(call(supportId, REASON, 30)))).rejects.toMatchObject({ code: '42501' });
    await expect(app.deps.db.transaction('console', {}, (c) => c.query(call(complianceId, REASON, 30)))).rejects.toMatchObject({ code: '42501' });
    await expect(app.deps.db.transaction('console', {}, (c) => c.query(call(supportId, 'too short', 30)))).rejects.toMatchObject({ code: '22023' });
    await expect(app.deps.db.transaction('console', {}, (c) => c.query(call(supportId, REASON, 90)))).rejects.toMatchObject({ code: '22023' });
    // The app may record a window's use, never create one or lengthen one.
    const { rows } = await app.deps.db.ownerQuery<{ insert: boolean; update_ends: boolean; update_used: boolean }>(
      `SELECT has_table_privilege('lume_app', 'break_glass_grants', 'INSERT') AS insert,
              has_column_privilege('lume_app', 'break_glass_grants', 'ends_at', 'UPDATE') AS update_ends,
              has_column_privilege('lume_app', 'break_glass_grants', 'link_used_at', 'UPDATE') AS update_used`,
    );
    expect(rows[0]).toEqual({ insert: false, update_ends: false, update_used: true });
  });

  it('shows the window on the spa’s console page', async () => {
    const html = await (await admin.get(spaPage())).text();
    expect(html).toContain('Sam Support');
    expect(html).toContain(REASON);
    expect(html).toContain('Opened break-glass access');
  });
});

describe('using a window in the spa’s CRM', () => {
  let staff: TestBrowser;
  let token = '';
  let grantId = '';

  beforeAll(async () => {
    const opened = await openWindow(support, SUPPORT_EMAIL);
    token = linkToken(await opened.text());
    grantId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM break_glass_grants WHERE link_hash = $1`, [createHash('sha256').update(token).digest('hex')])).rows[0]!.id;
    staff = new TestBrowser(app.http, GLOW_HOST);
  });

  it('refuses the link on another spa’s host, and leaves it unspent', async () => {
    const elsewhere = new TestBrowser(app.http, LUMEN_HOST);
    const response = await elsewhere.get(`/break-glass/${token}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('This break-glass link no longer works');
    expect(response.headers.getSetCookie().join()).not.toContain('lume_break_glass');
    expect(await countRows(app, 'break_glass_grants', 'id = $1 AND link_used_at IS NULL', [grantId])).toBe(1);
  });

  it('exchanges the link once for a host-only, Secure, HttpOnly, SameSite=Strict cookie and a token-free address', async () => {
    const response = await staff.get(`/break-glass/${token}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/break-glass/ready');
    const ready = await staff.get('/break-glass/ready');
    expect(ready.status).toBe(200);
    expect(await ready.text()).toContain('Open the CRM');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-lume_break_glass='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(Number(/Max-Age=(\d+)/i.exec(cookie)?.[1])).toBeLessThanOrEqual(30 * 60);
    const value = staff.cookie('__Host-lume_break_glass')!;
    expect(value).not.toBe(token);
    const stored = (await app.deps.db.ownerQuery<{ session_hash: string }>(`SELECT session_hash FROM break_glass_grants WHERE id = $1`, [grantId])).rows[0]!;
    expect(stored.session_hash).toBe(createHash('sha256').update(value).digest('hex'));

    const page = await staff.get('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/Lumè break-glass access by Sam Support — ends at \d{2}:\d{2}/);
    expect(html).not.toContain('href="/account"');

    const again = await new TestBrowser(app.http, GLOW_HOST).get(`/break-glass/${token}`);
    expect(again.status).toBe(404);
    expect(again.headers.getSetCookie().join()).not.toContain('lume_break_glass=');
    const uses = (await app.deps.db.ownerQuery<{ outcome: string; actor_kind: string; actor_id: string }>(
      `SELECT outcome, actor_kind, actor_id::text FROM audit_events WHERE action = 'break_glass_use' AND record_id = $1 ORDER BY id`,
      [grantId],
    )).rows;
    expect(uses).toEqual([
      { outcome: 'success', actor_kind: 'staff', actor_id: supportId },
      { outcome: 'denied', actor_kind: 'staff', actor_id: supportId },
    ]);
  });

  it('audits every request of the window under the staff member, and every record read too', async () => {
    const reads = app.http.routes.filter((r) => r.surface === 'spa' && r.method === 'GET' && !r.path.includes(':') && BREAK_GLASS_PERMISSIONS.has(r.access) && r.path !== '/account');
    expect(reads.map((r) => r.path)).toContain('/');
    for (const route of reads) {
      const requestId = `bg-read-${randomUUID().slice(0, 8)}`;
      const response = await staff.get(route.path, { 'x-request-id': requestId });
      expect(response.status, route.path).toBe(200);
      const rows = await spaAuditByRequest(requestId);
      expect(rows.length, route.path).toBeGreaterThan(0);
      expect(rows.find((r) => r.action === 'access')).toMatchObject({ record_id: `GET ${route.path}`, outcome: 'success', surface: 'crm' });
      for (const row of rows) expect(row, route.path).toMatchObject({ actor_kind: 'staff', actor_id: supportId, actor_role: 'lume_break_glass' });
    }
  });

  it('audits a client record read in the window under the staff member, naming the client', async () => {
    const routes = new Set(app.http.routes.filter((r) => r.surface === 'spa').map((r) => `${r.method} ${r.path}`));
    expect(routes.has('GET /clients/:id')).toBe(true);
    const client = (await app.deps.db.ownerQuery<{ id: string }>(
      `INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Break', 'Glass', '1988-04-02') RETURNING id`,
      [app.spas.glow],
    )).rows[0]!.id;
    const requestId = `bg-client-${randomUUID().slice(0, 8)}`;
    expect((await staff.get(`/clients/${client}`, { 'x-request-id': requestId })).status).toBe(200);
    const rows = (await app.deps.db.ownerQuery<{ actor_kind: string; actor_id: string; action: string; client_ids: string[] }>(
      `SELECT actor_kind, actor_id::text, action, client_ids::text[] FROM audit_events WHERE request_id = $1 AND action <> 'access'`,
      [requestId],
    )).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ actor_kind: 'staff', actor_id: supportId, action: 'read', client_ids: [client] });
  });

  it('refuses every change and every page outside the window’s read-only permissions, with a plain 403, audited', async () => {
    const wrong: string[] = [];
    const spaRoutes = app.http.routes.filter((r) => r.surface === 'spa' && r.access !== 'public' && r.access !== 'link-token');
    const writes = spaRoutes.filter((r) => r.method !== 'GET' && !['/logout', '/session/keepalive'].includes(r.path));
    const closedReads = spaRoutes.filter((r) => r.method === 'GET' && (!BREAK_GLASS_PERMISSIONS.has(r.access) || r.path === '/account'));
    expect(writes.length).toBeGreaterThan(5);
    expect(closedReads.map((r) => r.path)).toEqual(expect.arrayContaining(['/audit', '/settings', '/settings/staff', '/account']));
    for (const route of [...writes, ...closedReads]) {
      const path = route.path.replace(/:[a-zA-Z]+/g, randomUUID());
      const requestId = `bg-deny-${randomUUID().slice(0, 8)}`;
      await staff.get('/');
      const response = route.method === 'GET' ? await staff.get(path, { 'x-request-id': requestId }) : await staff.post(path, {}, { 'x-request-id': requestId });
      const text = await response.text();
      if (response.status !== 403 || !text.includes('Break-glass access')) wrong.push(`${route.method} ${route.path}: ${response.status}`);
      const rows = await spaAuditByRequest(requestId);
      if (!rows.some((r) => r.action === 'access' && r.outcome === 'denied' && r.actor_kind === 'staff' && r.actor_id === supportId)) wrong.push(`${route.method} ${route.path}: not audited`);
    }
    expect(wrong).toEqual([]);
  });

  it('does not work on another spa’s host', async () => {
    const elsewhere = new TestBrowser(app.http, LUMEN_HOST);
    const response = await elsewhere.send('GET', '/', undefined, { cookie: `__Host-lume_break_glass=${staff.cookie('__Host-lume_break_glass')}` });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/login/);
  });

  it('is shown to the spa’s owner, who can end it at once; front desk does not see it', async () => {
    const owner = await signIn(app, 'owner@glow.example');
    const today = await (await owner.get('/')).text();
    expect(today).toContain('Lumè support has break-glass access to your spa now');
    expect(today).toContain('Sam Support');
    expect(today).toContain(REASON);
    expect(today).toContain(`action="/break-glass/${grantId}/end"`);
    const frontDesk = await signIn(app, 'frontdesk@glow.example');
    expect(await (await frontDesk.get('/')).text()).not.toContain('break-glass');
    expect((await frontDesk.post(`/break-glass/${grantId}/end`, {})).status).toBe(403);

    await owner.get('/');
    const ended = await owner.post(`/break-glass/${grantId}/end`, {});
    expect(ended.status).toBe(303);
    const ownerId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM operators WHERE email = 'owner@glow.example' AND tenant_id = $1`, [app.spas.glow])).rows[0]!.id;
    const grant = (await app.deps.db.ownerQuery<Record<string, unknown>>(`SELECT ended_by_kind, ended_by::text FROM break_glass_grants WHERE id = $1`, [grantId])).rows[0];
    expect(grant).toEqual({ ended_by_kind: 'operator', ended_by: ownerId });
    const endRow = (await app.deps.db.ownerQuery<Record<string, unknown>>(
      `SELECT actor_kind, actor_id::text, outcome FROM audit_events WHERE action = 'break_glass_end' AND record_id = $1`,
      [grantId],
    )).rows;
    expect(endRow).toEqual([{ actor_kind: 'operator', actor_id: ownerId, outcome: 'success' }]);
    expect(await (await owner.get('/')).text()).toContain('Ended by Maya Okafor');

    const after = await staff.get('/');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?ended=break_glass');
    expect(await (await staff.get('/login?ended=break_glass')).text()).toContain('The break-glass access has ended.');
    expect((await owner.post(`/break-glass/${randomUUID()}/end`, {})).status).toBe(404);
  });
});

describe('the end of a window', () => {
  // Each test moves the clock far enough to end console sessions too: sign support in afresh.
  beforeEach(async () => {
    support = await signInStaff(app, SUPPORT_EMAIL);
  });

  it('ends hard at its time, whatever the activity; an unused link stops working then too', async () => {
    const { browser } = await enterWindow('15');
    const unused = linkToken(await (await openWindow(support, SUPPORT_EMAIL, { minutes: '15' })).text());
    const start = app.clock.now.getTime();
    for (const minutes of [5, 10, 14]) {
      app.clock.now = new Date(start + minutes * 60_000);
      expect((await browser.get('/')).status, `after ${minutes} minutes`).toBe(200);
    }
    app.clock.now = new Date(start + 15 * 60_000 + 1_000);
    const over = await browser.get('/');
    expect(over.status).toBe(303);
    expect(over.headers.get('location')).toBe('/login?ended=break_glass');
    expect(browser.cookie('__Host-lume_break_glass')).toBeUndefined();
    expect((await new TestBrowser(app.http, GLOW_HOST).get(`/break-glass/${unused}`)).status).toBe(404);
  });

  it('ends after the spa’s idle time without a request, for good', async () => {
    const { browser, grantId } = await enterWindow('60');
    const idleMinutes = (await app.deps.db.ownerQuery<{ m: number }>(`SELECT idle_timeout_minutes AS m FROM tenants WHERE id = $1`, [app.spas.glow])).rows[0]!.m;
    app.clock.now = new Date(app.clock.now.getTime() + (idleMinutes + 1) * 60_000);
    const idle = await browser.get('/');
    expect(idle.headers.get('location')).toBe('/login?ended=idle');
    expect((await app.deps.db.ownerQuery(`SELECT ended_by_kind FROM break_glass_grants WHERE id = $1`, [grantId])).rows[0]).toEqual({ ended_by_kind: 'idle' });
  });

  it('ends when the staff member leaves (the CRM’s sign-out)', async () => {
    const { browser, grantId } = await enterWindow();
    await browser.get('/');
    const left = await browser.post('/logout', {});
    expect(left.status).toBe(303);
    expect(left.headers.get('location')).toBe('/login?ended=break_glass');
    expect((await app.deps.db.ownerQuery(`SELECT ended_by_kind, ended_by::text AS by FROM break_glass_grants WHERE id = $1`, [grantId])).rows[0]).toEqual({ ended_by_kind: 'staff', by: supportId });
    expect((await browser.get('/')).status).toBe(303);
  });

  it('ends when the staff member is deactivated in the console', async () => {
    const { browser } = await enterWindow();
    expect((await browser.get('/')).status).toBe(200);
    await app.deps.db.ownerQuery(`UPDATE console_staff SET status = 'deactivated' WHERE id = $1`, [supportId]);
    try {
      expect((await browser.get('/')).headers.get('location')).toBe('/login?ended=break_glass');
    } finally {
      await app.deps.db.ownerQuery(`UPDATE console_staff SET status = 'active' WHERE id = $1`, [supportId]);
    }
  });
});

describe('a staff session outside break-glass', () => {
  it('cannot reach a spa: the console cookie means nothing on a spa’s host', async () => {
    const console = await signInStaff(app, ADMIN_EMAIL);
    const cookie = console.cookie('__Host-lume_console')!;
    expect(cookie).toBeTruthy();
    const spa = new TestBrowser(app.http, GLOW_HOST);
    for (const name of ['__Host-lume_console', '__Host-lume_session', '__Host-lume_break_glass']) {
      const response = await spa.send('GET', '/', undefined, { cookie: `${name}=${cookie}` });
      expect(response.status, name).toBe(303);
      expect(response.headers.get('location'), name).toBe('/login');
    }
  });
});
