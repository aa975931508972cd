import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../src/infra/http/router.ts';
import { DEFAULT_ROLES, withImplied } from '../../src/modules/identity/permissions.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { addSamplePhoto, imageLinks } from '../support/photos.ts';
import { signNeurotoxinConsent } from '../support/signed-consent.ts';
import { signFormDirectly } from '../support/signed-form.ts';

// SEC-2, checklist #25 and #26: route × role × own/other record → status, enumerated from the router.
let app: TestApp;
const browsers = new Map<string, TestBrowser>();
let outsider: TestBrowser;
const samples: Record<string, string> = {};

const EMAIL: Record<string, string> = {
  owner: 'owner',
  manager: 'manager',
  provider: 'provider',
  front_desk: 'frontdesk',
  bookkeeper: 'bookkeeper',
  marketing: 'marketing',
};

beforeAll(async () => {
  app = await startTestApp();
  for (const role of DEFAULT_ROLES) browsers.set(role.key, await signIn(app, `${EMAIL[role.key]}@glow.example`));
  outsider = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
  const one = async (sql: string) => (await app.deps.db.ownerQuery<{ id: string }>(sql, [app.spas.glow])).rows[0]!.id;
  samples.operator = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'manager@glow.example'`);
  samples.role = await one(`SELECT id FROM roles WHERE tenant_id = $1 AND key = 'front_desk'`);
  samples.credential = await one(`SELECT id FROM credentials WHERE tenant_id = $1`);
  samples.client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Matrix', 'Sample', '1985-05-05') RETURNING id`);
  samples.location = await one(`SELECT id FROM locations WHERE tenant_id = $1 ORDER BY name LIMIT 1`);
  samples.service = await one(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'Matrix sample service', 0) RETURNING id`);
  samples.appointment = await one(
    `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at)
     SELECT $1, c.id, l.id, '2026-12-07 17:00Z', '2026-12-07 18:00Z' FROM clients c, locations l WHERE c.tenant_id = $1 AND l.tenant_id = $1 LIMIT 1 RETURNING id`,
  );
  samples.photo = await addSamplePhoto(app, app.spas.glow, samples.client);
  // A chart of the sample client's visit, given by the demo provider: she treats the client, so her
  // read:chart:own opens the client's charts as read:chart:any opens them to managers.
  const provider = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`);
  const visit = (await app.deps.db.ownerQuery<{ id: string }>(
    `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at, status) VALUES ($1, $2, $3, '2026-11-20 17:00Z', '2026-11-20 17:30Z', 'completed') RETURNING id`,
    [app.spas.glow, samples.client, samples.location],
  )).rows[0]!.id;
  const line = (await app.deps.db.ownerQuery<{ id: string }>(
    `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
     VALUES ($1, $2, 0, $3, $4, '2026-11-20 17:00Z', '2026-11-20 17:30Z', '{}', 0) RETURNING id`,
    [app.spas.glow, visit, samples.service, provider],
  )).rows[0]!.id;
  samples.chart = (await app.deps.db.ownerQuery<{ id: string }>(
    `INSERT INTO charts (tenant_id, appointment_id, appointment_service_id, service_id, provider_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [app.spas.glow, visit, line, samples.service, provider],
  )).rows[0]!.id;
  samples.product = await one(`INSERT INTO products (tenant_id, name, kind, unit) VALUES ($1, 'Matrix toxin', 'neurotoxin', 'units') RETURNING id`);
  // A form template (the demo spa's copy of the neurotoxin consent) and a form asked of the sample client.
  samples.form = await one(`SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'neurotoxin-consent'`);
  samples.clientForm = (await app.deps.db.ownerQuery<{ id: string }>(
    `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) SELECT tenant_id, $2, template_id, id FROM form_versions WHERE tenant_id = $1 AND template_id = $3 RETURNING id`,
    [app.spas.glow, samples.client, samples.form],
  )).rows[0]!.id;
  // And one the client signed: a signed form's page, signature image and PDF need a signature.
  samples.signedForm = await signNeurotoxinConsent(app, { tenantId: app.spas.glow, clientId: samples.client, lang: 'en' });
  samples.session = await one(`SELECT s.id FROM sessions s JOIN operators o ON o.id = s.operator_id WHERE s.tenant_id = $1 AND o.email = 'owner@glow.example' AND s.stage = 'active'`);
});
afterAll(() => app?.close());

/** The signed form's page and what hangs off it (issue 7): they show a signature, so they are given the signed form. */
const SIGNED_FORM_ROUTE = /^\/clients\/:id\/forms\/:formId(\/(signature\.png|pdf|email))?$/;

/** A concrete path for a route pattern, using records of the glow spa. */
function concrete(route: RouteSpec): string {
  if (route.path === '/charts/lots/export') return `/charts/lots/export?product=${samples.product}&lot=MX1`;
  return route.path
    .replace(':credentialId', samples.credential!)
    .replace(':clientId', randomUUID())
    .replace(':itemId', randomUUID())
    .replace(':guardianId', randomUUID())
    .replace(':section', 'contact')
    .replace(':photoId', samples.photo!)
    .replace(':locationId', samples.location!)
    .replace(':formId', SIGNED_FORM_ROUTE.test(route.path) ? samples.signedForm! : samples.clientForm!)
    .replace(':linkId', randomUUID())
    .replace(':key', 'neurotoxin-consent')
    .replace(':version', '1')
    .replace(/:(closureId|resourceId|changeId|timeOffId)\b/, () => randomUUID())
    .replace(':id', route.path.startsWith('/settings/roles') ? samples.role! : route.path.startsWith('/account/sessions') ? samples.session! : route.path.startsWith('/clients/') ? samples.client! : route.path.startsWith('/settings/locations/') ? samples.location! : route.path.startsWith('/settings/services/') ? samples.service! : route.path.startsWith('/appointments/') ? samples.appointment! : route.path.startsWith('/charts/') ? samples.chart! : route.path.startsWith('/settings/forms/') ? samples.form! : route.path.startsWith('/settings/products/') ? randomUUID() : samples.operator!);
}

/**
 * A GET path for a route as this browser would reach it. A photo's image is reached only through
 * the short-lived link its page draws for the viewer's session; a browser that may not open the
 * page gets the owner's link (the exact address, without the right to use it).
 */
async function reach(route: RouteSpec, browser: TestBrowser): Promise<string> {
  if (!route.path.endsWith('/image')) return concrete(route);
  for (const b of [browser, browsers.get('owner')!]) {
    const page = await b.get(concrete({ ...route, path: route.path.slice(0, -'/image'.length) }));
    if (page.status === 200) return imageLinks(await page.text())[0]!;
  }
  throw new Error('no photo link could be drawn');
}

const guarded = () => app.http.routes.filter((r) => r.surface === 'spa' && r.access !== 'public' && r.access !== 'link-token');

describe('route × role', () => {
  it('gives each role exactly the routes its permissions open: 403 for the rest, with nothing changed', async () => {
    const wrong: string[] = [];
    for (const route of guarded()) {
      for (const role of DEFAULT_ROLES) {
        const allowed = withImplied(role.permissions).has(route.access);
        if (allowed && route.method !== 'GET') continue; // permitted writes are proven by each feature's own tests
        const browser = browsers.get(role.key)!;
        const response = route.method === 'GET' ? await browser.get(await reach(route, browser)) : await browser.post(concrete(route), {});
        const expected = allowed ? 200 : 403;
        if (response.status !== expected) wrong.push(`${role.key} ${route.method} ${route.path}: ${response.status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every guarded route to someone not signed in (sign-in page for pages, 401 otherwise)', async () => {
    const { TestBrowser } = await import('../support/http-client.ts');
    for (const route of guarded()) {
      const anonymous = new TestBrowser(app.http, `glow.${APEX}`);
      await anonymous.get('/login');
      const response = route.method === 'GET' ? await anonymous.get(await reach(route, anonymous)) : await anonymous.post(concrete(route), {});
      expect([303, 401], `${route.method} ${route.path}`).toContain(response.status);
      if (route.method === 'GET') expect(response.headers.get('location')).toBe('/login');
    }
  });
});

describe('voiding a client’s form (issue 7): a pending one by those who send forms, a signed consent only by those who manage forms', () => {
  it('answers each role by its permissions, and a refused void changes nothing', async () => {
    const ask = async () =>
      (
        await app.deps.db.ownerQuery<{ id: string }>(
          `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) SELECT tenant_id, $2, template_id, id FROM form_versions WHERE tenant_id = $1 AND template_id = $3 RETURNING id`,
          [app.spas.glow, samples.client, samples.form],
        )
      ).rows[0]!.id;
    const wrong: string[] = [];
    for (const role of DEFAULT_ROLES) {
      const held = withImplied(role.permissions);
      const sends = held.has('read:form-status:any') && (held.has('manage:form:any') || held.has('write:client:any'));
      const browser = browsers.get(role.key)!;
      await browser.get('/');
      for (const signed of [false, true]) {
        const form = await ask();
        if (signed) await signFormDirectly(app.deps.db, app.spas.glow, form);
        const expected = (signed ? held.has('manage:form:any') : sends) ? 303 : 403;
        const response = await browser.post(`/clients/${samples.client}/forms/${form}/void`, { reason: 'Permission matrix check' });
        const { rows } = await app.deps.db.ownerQuery<{ status: string }>(`SELECT status FROM client_forms WHERE id = $1`, [form]);
        const status = expected === 303 ? 'voided' : signed ? 'signed' : 'pending';
        if (response.status !== expected || rows[0]!.status !== status) wrong.push(`${role.key} ${signed ? 'signed' : 'pending'}: ${response.status} ${rows[0]!.status}, expected ${expected} ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('records of another spa or outside the operator’s scope', () => {
  it('answers 404 to another spa’s owner for every route that names one of glow’s records, and changes nothing', async () => {
    const before = await app.deps.db.ownerQuery(`SELECT status, (SELECT count(*) FROM operator_roles r WHERE r.operator_id = o.id) AS roles FROM operators o WHERE id = $1`, [samples.operator]);
    const wrong: string[] = [];
    for (const route of guarded().filter((r) => /:(id|credentialId)\b/.test(r.path))) {
      const response = route.method === 'GET' ? await outsider.get(await reach(route, outsider)) : await outsider.post(concrete(route), {});
      if (response.status !== 404) wrong.push(`${route.method} ${route.path}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
    const after = await app.deps.db.ownerQuery(`SELECT status, (SELECT count(*) FROM operator_roles r WHERE r.operator_id = o.id) AS roles FROM operators o WHERE id = $1`, [samples.operator]);
    expect(after.rows).toEqual(before.rows);
  });

  it('answers 404 when an operator tries to end someone else’s session', async () => {
    const response = await browsers.get('front_desk')!.post(`/account/sessions/${samples.session}/end`, {});
    expect(response.status).toBe(404);
    const { rows } = await app.deps.db.ownerQuery('SELECT count(*)::int AS n FROM sessions WHERE id = $1', [samples.session]);
    expect(rows[0]!.n).toBe(1);
  });

  it('shows another spa’s owner nothing of glow’s audit trail', async () => {
    const html = await (await outsider.get('/audit')).text();
    const glowOperators = (await app.deps.db.ownerQuery<{ id: string }>('SELECT id FROM operators WHERE tenant_id = $1', [app.spas.glow])).rows;
    expect(html).toContain('signed in');
    for (const { id } of glowOperators) expect(html).not.toContain(id);
  });
});
