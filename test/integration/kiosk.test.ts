import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/infra/crypto/tokens.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { KIOSK_LINK_TTL_MS, MAX_UNLOCK_FAILURES, UNLOCK_PER_IP } from '../../src/modules/kiosk/kiosk.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { knownSecret, signIn } from '../support/operators.ts';
import { drawnSignatureDataUrl } from '../support/signed-form.ts';
import { clearOfWindowEnd } from '../support/rate-window.ts';

// Issue 7, kiosk mode (ADR 012): the front desk hands its tablet to a client. The operator's session
// is suspended while the kiosk runs — every CRM route refuses it, server-side — and only the same
// operator's password and current code leave it. PUB-1 (the link's token stays out of URLs, pages
// and the database), SEC-2/SEC-4 (sessions, idle logoff), SEC-3 (audit rows).
let app: TestApp;
const ids: Record<string, string> = {};
const linkTokens: string[] = [];
const logLines: string[] = [];
let ink = '';
const HOST = `glow.${APEX}`;
const FORM_COOKIE = '__Secure-lume_form';
const SESSION_COOKIE = '__Host-lume_session';

const DEF: FormDefinition = {
  title: { en: 'Kiosk consent', es: 'Consentimiento de quiosco' },
  items: [
    { type: 'short_text', id: 'note', label: { en: 'Anything we should know?', es: '¿Algo que debamos saber?' }, required: false },
    { type: 'signature', id: 'sign', label: { en: 'Signature', es: 'Firma' }, required: true },
  ],
};

async function one<T = { id: string }>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.deps.db.ownerQuery(sql, values)).rows[0] as T;
}
const id = async (sql: string, values: unknown[] = []) => (await one(sql, values)).id;
const newForm = (clientId: string) =>
  id(`INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) VALUES ($1, $2, $3, $4) RETURNING id`, [app.spas.glow, clientId, ids.template, ids.version]);
const newClient = (first: string) =>
  id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, $2, 'Kiosktest', '1988-08-08') RETURNING id`, [app.spas.glow, first]);

/** The next authenticator code of an operator (the clock moves one step, so no code is used twice). */
function freshCode(email: string): string {
  app.clock.now = new Date(app.clock.now.getTime() + 30_000);
  return totpCodeAt(knownSecret(HOST, email), app.clock.now);
}

/** Hands the tablet over from the client's Forms tab; returns the response and the link token put in the cookie. */
async function startKiosk(browser: TestBrowser, clientId: string, forms = 'all') {
  await browser.get(`/clients/${clientId}/forms`);
  const response = await browser.post(`/clients/${clientId}/forms/kiosk`, { forms });
  const token = browser.cookie(FORM_COOKIE);
  if (token) linkTokens.push(token);
  if (response.status === 303) await browser.get(response.headers.get('location')!); // the browser follows to the fill page
  return { response, token };
}

const auditRows = (action: string, requestId?: string | null) =>
  app.deps.db.ownerQuery<{ actor_kind: string; actor_id: string | null; record_type: string; record_id: string | null; client_ids: string[]; outcome: string }>(
    `SELECT actor_kind, actor_id, record_type, record_id, client_ids, outcome FROM audit_events WHERE tenant_id = $1 AND action = $2 ${requestId ? 'AND request_id = $3' : ''} ORDER BY occurred_at, id`,
    requestId ? [app.spas.glow, action, requestId] : [app.spas.glow, action],
  );

beforeAll(async () => {
  app = await startTestApp({}, { write: (line) => void logLines.push(line) });
  app.clock.now = new Date('2026-12-04T18:00:00Z');
  const t = app.spas.glow;
  ids.frontDesk = await id(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
  ids.template = await id(`INSERT INTO form_templates (tenant_id, name, kind, rule) VALUES ($1, 'Kiosk test consent', 'consent', 'per_visit') RETURNING id`, [t]);
  ids.version = await id(`INSERT INTO form_versions (tenant_id, template_id, version, definition) VALUES ($1, $2, 1, $3::jsonb) RETURNING id`, [t, ids.template, JSON.stringify(DEF)]);
  ids.kiki = await newClient('Kiki');
  ids.kikiForm = await newForm(ids.kiki);
  ids.bystander = await newClient('Bystander');
  await newForm(ids.bystander);
  ink = await drawnSignatureDataUrl();
});
afterAll(() => app?.close());

describe('handing the tablet to the client', () => {
  let desk: TestBrowser;
  let oldSession: string;

  it('lands on the client’s forms in kiosk mode, the token only in the form cookie, the session lent (audited)', async () => {
    desk = await signIn(app, 'frontdesk@glow.example');
    const tab = await (await desk.get(`/clients/${ids.kiki}/forms`)).text();
    expect(tab).toContain('Hand the tablet to the client');
    oldSession = desk.cookie(SESSION_COOKIE)!;

    const { response, token } = await startKiosk(desk, ids.kiki!);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/f?lang=en');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const formCookie = response.headers.getSetCookie().find((line) => line.startsWith(`${FORM_COOKIE}=`))!;
    expect(formCookie).toMatch(/Path=\/f/);
    expect(formCookie).toMatch(/HttpOnly/);
    expect(formCookie).toMatch(/Secure/);
    expect(formCookie).toMatch(/SameSite=Lax/);
    expect(await response.text()).not.toContain(token!);
    // A new session token: the cookie the CRM pages were opened with no longer works at all.
    expect(desk.cookie(SESSION_COOKIE)).not.toBe(oldSession);

    const link = await one<{ id: string; channel: string; ttl: number; client_id: string }>(
      `SELECT id, channel, extract(epoch FROM expires_at - created_at)::int * 1000 AS ttl, client_id FROM form_links WHERE token_hash = $1`,
      [hashToken(token!)],
    );
    expect(link).toMatchObject({ channel: 'kiosk', ttl: KIOSK_LINK_TTL_MS, client_id: ids.kiki });
    ids.kikiLink = link.id;
    const session = await one<{ kiosk_link_id: string }>(`SELECT kiosk_link_id FROM sessions WHERE token_hash = $1`, [hashToken(desk.cookie(SESSION_COOKIE)!)]);
    expect(session.kiosk_link_id).toBe(link.id);
    const started = await auditRows('kiosk_start', response.headers.get('x-request-id'));
    expect(started.rows).toEqual([expect.objectContaining({ actor_kind: 'operator', actor_id: ids.frontDesk, record_id: link.id, client_ids: [ids.kiki] })]);

    const fill = await desk.get('/f?lang=en');
    expect(fill.status).toBe(200);
    const html = await fill.text();
    expect(html).toContain('Kiosk consent');
    expect(html).toContain('href="/f/kiosk/unlock"');
    // No CRM chrome and nobody else: no navigation, no other client, not even this client's name.
    expect(html).not.toMatch(/Bystander|Kiosktest|Kiki|app-shell|\/clients|\/calendar/);
  });

  it('refuses every CRM route while the kiosk runs — pages, htmx, API and sign-in — with the kiosk page (423), audited', async () => {
    const attempts: [string, string, Record<string, string>][] = [
      ['GET', '/', {}],
      ['GET', '/clients', {}],
      ['GET', `/clients/${ids.kiki}`, {}],
      ['GET', `/clients/${ids.bystander}/forms`, {}],
      ['GET', '/calendar', {}],
      ['GET', '/audit', {}],
      ['GET', '/login', {}],
      ['GET', `/clients/${ids.kiki}`, { 'hx-request': 'true' }],
      ['GET', '/calendar', { 'hx-request': 'true', 'x-lume-background': '1' }],
      ['POST', '/clients/search', { 'hx-request': 'true' }],
      ['POST', '/session/keepalive', { accept: 'application/json' }],
      ['POST', `/clients/${ids.bystander}/forms/kiosk`, {}],
      ['POST', '/logout', {}],
    ];
    for (const [method, path, headers] of attempts) {
      const response = method === 'GET' ? await desk.get(path, headers) : await desk.post(path, { q: 'Bystander' }, headers);
      expect(response.status, `${method} ${path}`).toBe(423);
      const html = await response.text();
      expect(html, `${method} ${path}`).toMatch(/Kiosk in use\s— staff unlock/);
      expect(html).not.toMatch(/Bystander|Kiosktest/);
      if (headers['hx-request']) expect(response.headers.get('hx-redirect')).toBe('/');
    }
    const denied = await app.deps.db.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'access' AND outcome = 'denied' AND actor_id = $2 AND occurred_at > now() - interval '1 minute'`,
      [app.spas.glow, ids.frontDesk],
    );
    expect(denied.rows[0]!.n).toBeGreaterThanOrEqual(attempts.length);
    // The spa's logo, which the client's pages show, still loads (the spa may have none: 404, not the kiosk page).
    expect([200, 404]).toContain((await desk.get('/brand/logo')).status);
    // Nothing was started for the other client, and the lent session was not ended by /logout.
    expect(await one(`SELECT count(*)::int AS n FROM form_links WHERE client_id = $1`, [ids.bystander])).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM sessions WHERE kiosk_link_id = $1`, [ids.kikiLink])).toEqual({ n: 1 });
    // The cookie from before the kiosk opens nothing either.
    const stale = await new TestBrowser(app.http, HOST).get('/clients', { cookie: `${SESSION_COOKIE}=${oldSession}` });
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe('/login');
  });

  it('is not kept alive by the client’s activity on the tablet', async () => {
    const before = await one<{ last: Date }>(`SELECT last_active_at AS last FROM sessions WHERE kiosk_link_id = $1`, [ids.kikiLink]);
    app.clock.now = new Date(app.clock.now.getTime() + 60_000);
    await desk.get('/f');
    expect((await desk.post('/f/progress?lang=en', { form_id: ids.kikiForm!, lang: 'en', op: 'save', a_note: 'Nothing' })).status).toBe(200);
    await desk.get('/');
    const after = await one<{ last: Date }>(`SELECT last_active_at AS last FROM sessions WHERE kiosk_link_id = $1`, [ids.kikiLink]);
    expect(after.last).toEqual(before.last);
    // Nor can any statement lift the suspension in place: only ending the session does.
    await expect(app.deps.db.ownerQuery(`UPDATE sessions SET kiosk_link_id = NULL, kiosk_started_at = NULL WHERE kiosk_link_id = $1`, [ids.kikiLink])).rejects.toThrow(/stays suspended/);
    await expect(app.deps.db.ownerQuery(`UPDATE sessions SET last_active_at = now() WHERE kiosk_link_id = $1`, [ids.kikiLink])).rejects.toThrow(/stays suspended/);
  });

  it('refuses a wrong password, a wrong code and another operator’s code, each audited and counted', async () => {
    const page = await desk.get('/f/kiosk/unlock');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Only Jordan Lee');
    const manager = await signIn(app, 'manager@glow.example');
    void manager;
    const tries = [
      { password: 'not the password at all', code: freshCode('frontdesk@glow.example') },
      { password: DEMO_PASSWORD, code: totpCodeAt(knownSecret(HOST, 'frontdesk@glow.example'), new Date(app.clock.now.getTime() - 5 * 60_000)) },
      // The demo staff share a password: the manager's own current code still does not unlock the front desk's kiosk.
      { password: DEMO_PASSWORD, code: freshCode('manager@glow.example') },
    ];
    for (const attempt of tries) {
      const response = await desk.post('/f/kiosk/unlock', attempt);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('That password and code do not match those of Jordan Lee');
    }
    expect((await desk.post('/f/kiosk/unlock', { password: '', code: '12' })).status).toBe(400);
    expect(await one(`SELECT kiosk_unlock_failures AS n FROM sessions WHERE kiosk_link_id = $1`, [ids.kikiLink])).toEqual({ n: 3 });
    const failed = await auditRows('kiosk_unlock_failed');
    expect(failed.rows).toHaveLength(3);
    expect(failed.rows.every((r) => r.outcome === 'failed' && r.record_id === ids.frontDesk)).toBe(true);
    // Whoever typed a wrong password is nobody known; past the password, the operator's own attempt.
    expect(failed.rows.map((r) => r.actor_kind)).toEqual(['anonymous', 'operator', 'operator']);
    expect((await desk.get('/')).status).toBe(423);
  });

  it('unlocks with the operator’s password and current code: a new session, the kiosk cookie dropped, back on the Forms tab', async () => {
    const lent = desk.cookie(SESSION_COOKIE)!;
    const response = await desk.post('/f/kiosk/unlock', { password: DEMO_PASSWORD, code: freshCode('frontdesk@glow.example') });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/clients/${ids.kiki}/forms?done=unlocked`);
    expect(desk.cookie(FORM_COOKIE)).toBeUndefined();
    expect(desk.cookie(SESSION_COOKIE)).not.toBe(lent);
    expect(await one(`SELECT count(*)::int AS n FROM sessions WHERE token_hash = $1 OR kiosk_link_id = $2`, [hashToken(lent), ids.kikiLink])).toEqual({ n: 0 });
    expect((await desk.get(`/clients/${ids.kiki}/forms`)).status).toBe(200);
    // The link is closed: the token, if it were still held, opens nothing.
    expect(await one(`SELECT revoked_at IS NOT NULL AS revoked FROM form_links WHERE id = $1`, [ids.kikiLink])).toEqual({ revoked: true });
    const unlocked = await auditRows('kiosk_unlock', response.headers.get('x-request-id'));
    expect(unlocked.rows).toEqual([expect.objectContaining({ actor_kind: 'operator', actor_id: ids.frontDesk, record_id: ids.kikiLink, client_ids: [ids.kiki] })]);
  });
});

describe('leaving the kiosk other ways', () => {
  it('ends the session and closes the kiosk after too many wrong attempts', async () => {
    const desk = await signIn(app, 'frontdesk@glow.example');
    const client = await newClient('Lockout');
    await newForm(client);
    const { response } = await startKiosk(desk, client);
    expect(response.status).toBe(303);
    const link = await one(`SELECT id FROM form_links WHERE client_id = $1`, [client]);
    let last: Response | undefined;
    for (let i = 0; i < MAX_UNLOCK_FAILURES; i++) last = await desk.post('/f/kiosk/unlock', { password: `wrong password ${i}`, code: '000000' });
    expect(last!.status).toBe(401);
    expect(await last!.text()).toContain('Too many wrong attempts');
    expect(await one(`SELECT count(*)::int AS n FROM sessions WHERE kiosk_link_id = $1`, [link.id])).toEqual({ n: 0 });
    expect(await one(`SELECT revoked_at IS NOT NULL AS revoked FROM form_links WHERE id = $1`, [link.id])).toEqual({ revoked: true });
    expect((await auditRows('kiosk_end')).rows.some((r) => r.record_id === link.id && r.outcome === 'failed' && r.client_ids[0] === client)).toBe(true);
    const home = await desk.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/login');
  });

  it('limits unlock attempts from one address', async () => {
    const stranger = new TestBrowser(app.http, HOST);
    await stranger.get('/login');
    const statuses: number[] = [];
    await clearOfWindowEnd(UNLOCK_PER_IP.windowSeconds);
    for (let i = 0; i <= UNLOCK_PER_IP.limit; i++) statuses.push((await stranger.post('/f/kiosk/unlock', { password: 'guess', code: '123456' })).status);
    expect(statuses.slice(0, UNLOCK_PER_IP.limit).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('lets idle logoff end the lent session and the kiosk with it: the tablet shows nothing more of the client (revoked, audited)', async () => {
    const desk = await signIn(app, 'frontdesk@glow.example');
    const client = await newClient('Idle');
    const form = await newForm(client);
    await startKiosk(desk, client);
    const link = await one(`SELECT id FROM form_links WHERE client_id = $1`, [client]);
    await desk.get('/f');
    app.clock.now = new Date(app.clock.now.getTime() + 16 * 60_000); // past the spa's 15-minute idle time
    const late = await desk.post('/f/progress?lang=en', { form_id: form, lang: 'en', op: 'save', a_note: 'Still here' });
    expect(late.status).toBe(410);
    const html = await late.text();
    expect(html).toContain('The staff session has ended');
    expect(html).not.toContain('Kiosk consent');
    expect(desk.cookie(FORM_COOKIE)).toBeUndefined();
    expect(await one(`SELECT progress FROM client_forms WHERE id = $1`, [form])).toEqual({ progress: {} });
    expect(await one(`SELECT count(*)::int AS n FROM sessions WHERE kiosk_link_id = $1`, [link.id])).toEqual({ n: 0 });
    expect(await one(`SELECT revoked_at IS NOT NULL AS revoked FROM form_links WHERE id = $1`, [link.id])).toEqual({ revoked: true });
    expect((await auditRows('kiosk_end')).rows.filter((r) => r.record_id === link.id)).toEqual([expect.objectContaining({ client_ids: [client] })]);
    expect((await desk.get('/clients')).headers.get('location')).toBe('/login');
    const ended = await desk.get('/f/kiosk/unlock');
    expect(await ended.text()).toContain('The staff session has ended');
  });

  it('closes the kiosk when its operator signs out on another device', async () => {
    const desk = await signIn(app, 'frontdesk@glow.example');
    const laptop = await signIn(app, 'frontdesk@glow.example');
    const client = await newClient('Elsewhere');
    await newForm(client);
    await startKiosk(desk, client);
    const link = await one(`SELECT id FROM form_links WHERE client_id = $1`, [client]);
    const out = await laptop.post('/logout', {});
    expect(out.status).toBe(303);
    expect(await one(`SELECT revoked_at IS NOT NULL AS revoked FROM form_links WHERE id = $1`, [link.id])).toEqual({ revoked: true });
    expect((await auditRows('kiosk_end', out.headers.get('x-request-id'))).rows).toEqual([expect.objectContaining({ record_id: link.id, client_ids: [client] })]);
    const tablet = await desk.get('/f');
    expect(tablet.status).toBe(410);
    expect(await tablet.text()).not.toContain('Kiosk consent');
  });

  it('refuses the kiosk link once its lending session is gone, however it went, or from a browser not holding that session', async () => {
    // The session deleted without the link being closed (as any other path might): caught when the tablet next asks.
    const desk = await signIn(app, 'frontdesk@glow.example');
    const client = await newClient('Lazy');
    await newForm(client);
    await startKiosk(desk, client);
    const link = await one(`SELECT id FROM form_links WHERE client_id = $1`, [client]);
    await app.deps.db.ownerQuery(`DELETE FROM sessions WHERE kiosk_link_id = $1`, [link.id]);
    const gone = await desk.get('/f');
    expect(gone.status).toBe(410);
    expect(await gone.text()).not.toContain('Kiosk consent');
    expect(await one(`SELECT revoked_at IS NOT NULL AS revoked FROM form_links WHERE id = $1`, [link.id])).toEqual({ revoked: true });
    expect((await auditRows('kiosk_end', gone.headers.get('x-request-id'))).rows).toEqual([expect.objectContaining({ record_id: link.id, client_ids: [client] })]);

    // The form cookie alone, in another browser: nothing shown, and the tablet's session ended too.
    const tablet = await signIn(app, 'frontdesk@glow.example');
    const other = await newClient('Copied');
    await newForm(other);
    const { token } = await startKiosk(tablet, other);
    const copy = new TestBrowser(app.http, HOST);
    (copy as unknown as { cookies: Map<string, string> }).cookies.set(FORM_COOKIE, token!);
    const stolen = await copy.get('/f');
    expect(stolen.status).toBe(410);
    expect(await stolen.text()).not.toContain('Kiosk consent');
    expect(await one(`SELECT count(*)::int AS n FROM sessions s JOIN form_links l ON l.id = s.kiosk_link_id WHERE l.client_id = $1`, [other])).toEqual({ n: 0 });
    expect((await tablet.get('/f')).status).toBe(410);
  });

  it('drops a form cookie left on the browser when staff sign in', async () => {
    const browser = new TestBrowser(app.http, HOST);
    (browser as unknown as { cookies: Map<string, string> }).cookies.set(FORM_COOKIE, 'k'.repeat(43));
    await browser.get('/login');
    const signedIn = await browser.post('/login', { email: 'frontdesk@glow.example', password: DEMO_PASSWORD });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.getSetCookie().some((line) => line.startsWith(`${FORM_COOKIE}=;`) && /Path=\/f/.test(line))).toBe(true);
    expect(browser.cookie(FORM_COOKIE)).toBeUndefined();
  });

  it('hands over one visit’s forms only; with nothing waiting it says so and lends nothing', async () => {
    const desk = await signIn(app, 'frontdesk@glow.example');
    const client = await newClient('Visit');
    const location = await id(`SELECT id FROM locations WHERE tenant_id = $1 ORDER BY name LIMIT 1`, [app.spas.glow]);
    const visit = await id(
      `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at) VALUES ($1, $2, $3, '2026-12-05 17:00Z', '2026-12-05 18:00Z') RETURNING id`,
      [app.spas.glow, client, location],
    );
    const visitForm = await id(
      `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, appointment_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [app.spas.glow, client, ids.template, ids.version, visit],
    );
    await newForm(client); // another form, not of this visit
    const tab = await (await desk.get(`/clients/${client}/forms`)).text();
    expect(tab).toContain(`<option value="${visit}">`);

    const nothing = await newClient('Nothing');
    await desk.get(`/clients/${nothing}/forms`);
    const refused = await desk.post(`/clients/${nothing}/forms/kiosk`, { forms: 'all' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Nothing is waiting to be signed there.');
    expect((await desk.post(`/clients/${client}/forms/kiosk`, { forms: 'not-a-visit' })).status).toBe(400);
    expect((await desk.get('/')).status).toBe(200); // still an ordinary session

    const { response } = await startKiosk(desk, client, visit);
    expect(response.status).toBe(303);
    const link = await one<{ client_form_ids: string[] }>(`SELECT client_form_ids FROM form_links WHERE client_id = $1`, [client]);
    expect(link.client_form_ids).toEqual([visitForm]);
  });

  it('is refused to roles that may not send forms, and never lends their session', async () => {
    const provider = await signIn(app, 'provider@glow.example');
    const client = await newClient('Provider');
    await newForm(client);
    // Providers may edit clients (so may send forms); remove that to prove the check.
    await app.deps.db.ownerQuery(`UPDATE roles SET permissions = array_remove(permissions, 'write:client:any') WHERE tenant_id = $1 AND key = 'provider'`, [app.spas.glow]);
    try {
      const { response } = await startKiosk(provider, client);
      expect(response.status).toBe(403);
      expect((await provider.get('/')).status).toBe(200);
      expect(await one(`SELECT count(*)::int AS n FROM form_links WHERE client_id = $1`, [client])).toEqual({ n: 0 });
    } finally {
      await app.deps.db.ownerQuery(`UPDATE roles SET permissions = array_append(permissions, 'write:client:any') WHERE tenant_id = $1 AND key = 'provider'`, [app.spas.glow]);
    }
  });
});

describe('answers the client saved before the kiosk started (on their phone)', () => {
  const phoneProgress = async (first: string) => {
    const client = await newClient(first);
    const form = await newForm(client);
    await app.deps.db.ownerQuery(`UPDATE client_forms SET progress = '{"note": "Phone-only answer"}'::jsonb, progress_saved_at = $2 WHERE id = $1`, [form, new Date(app.clock.now.getTime() - 3_600_000)]);
    return { client, form };
  };
  const progressOf = async (form: string) => (await one<{ progress: unknown }>(`SELECT progress FROM client_forms WHERE id = $1`, [form])).progress;

  it('are held back from a front desk that may not read health records, kept until the client saves on the tablet; each read names the operator', async () => {
    const { client, form } = await phoneProgress('Phoebe');
    const desk = await signIn(app, 'frontdesk@glow.example');
    expect((await desk.get(`/clients/${client}/forms/${form}`)).status).toBe(403);
    await startKiosk(desk, client);
    const fill = await desk.get('/f?lang=en');
    const html = await fill.text();
    expect(html).toContain('Kiosk consent');
    expect(html).not.toContain('Phone-only answer');
    expect(html).toContain('You started this form earlier on another device.');
    expect(await progressOf(form)).toEqual({ note: 'Phone-only answer' });
    const reads = await app.deps.db.ownerQuery(
      `SELECT actor_kind, actor_id, actor_role, client_ids FROM audit_events WHERE request_id = $1 AND action = 'read' AND record_type = 'form_link'`,
      [fill.headers.get('x-request-id')],
    );
    expect(reads.rows).toEqual([{ actor_kind: 'operator', actor_id: ids.frontDesk, actor_role: 'kiosk:front_desk', client_ids: [client] }]);

    app.clock.now = new Date(app.clock.now.getTime() + 1000);
    const saved = await desk.post('/f/progress?lang=en', { form_id: form, lang: 'en', op: 'save', a_note: 'Typed on the tablet' });
    const after = await saved.text();
    expect(after).toContain('Typed on the tablet');
    expect(after).not.toContain('Phone-only answer');
    expect(after).not.toContain('You started this form earlier on another device.');
    expect(await progressOf(form)).toEqual({ note: 'Typed on the tablet' });
  });

  it('are shown as usual on a kiosk started by someone who may read health records', async () => {
    const { client } = await phoneProgress('Olive');
    const owner = await signIn(app, 'owner@glow.example');
    await startKiosk(owner, client);
    const html = await (await owner.get('/f?lang=en')).text();
    expect(html).toContain('Phone-only answer');
    expect(html).not.toContain('You started this form earlier on another device.');
  });
});

describe('when the client has signed everything', () => {
  it('says only “Thank you — please hand the tablet back”; the CRM stays locked until unlocked, then shows the form signed', async () => {
    const desk = await signIn(app, 'frontdesk@glow.example');
    const client = await newClient('Signer');
    const form = await newForm(client);
    await startKiosk(desk, client);
    await desk.get('/f');
    const signed = await desk.post('/f/progress?lang=en', { form_id: form, lang: 'en', op: 'sign', signature: ink, signer_name: 'Signer Kiosktest', signer_consent: 'yes' });
    expect(signed.status).toBe(303);
    const thanks = await desk.get('/f?lang=en');
    const html = await thanks.text();
    expect(html).toContain('Thank you — please hand the tablet back');
    expect(html).not.toMatch(/Kiosk consent|Signed on|Signer|form_id/);
    expect((await desk.get('/f?lang=es')).status).toBe(200);
    expect(await (await desk.get('/f?lang=es')).text()).toContain('Gracias — por favor, devuelva la tableta');
    expect((await desk.get(`/clients/${client}/forms`)).status).toBe(423);
    const back = await desk.post('/f/kiosk/unlock', { password: DEMO_PASSWORD, code: freshCode('frontdesk@glow.example') });
    expect(back.headers.get('location')).toBe(`/clients/${client}/forms?done=unlocked`);
    const tab = await (await desk.get(`/clients/${client}/forms`)).text();
    expect(tab).toContain('Signed');
    expect(await one(`SELECT status FROM client_forms WHERE id = $1`, [form])).toEqual({ status: 'signed' });
  });
});

describe('the kiosk link’s raw token (PUB-1)', () => {
  it('appears nowhere in the database nor in the log', async () => {
    expect(linkTokens.length).toBeGreaterThanOrEqual(3);
    const { rows: cols } = await app.deps.db.ownerQuery<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name IN ('form_links', 'sessions', 'audit_events', 'client_forms', 'form_signatures', 'rate_limits')
          AND data_type IN ('text', 'bytea', 'jsonb', 'ARRAY', 'character varying', 'USER-DEFINED', 'inet')`,
    );
    for (const token of linkTokens) {
      for (const { table_name, column_name } of cols) {
        const { n } = await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table_name} WHERE position($1 IN "${column_name}"::text) > 0`, [token]);
        expect(n, `${table_name}.${column_name}`).toBe(0);
      }
      expect(logLines.filter((line) => line.includes(token))).toEqual([]);
    }
  });
});
