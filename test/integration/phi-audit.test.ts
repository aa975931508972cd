import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { createClient } from '../../src/modules/clients/records.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { addSamplePhoto, imageLinks } from '../support/photos.ts';
import { signNeurotoxinConsent } from '../support/signed-consent.ts';

// SEC-3 and §6a: every page that shows a client's data writes its audit row, naming the client,
// in the same request. The routes are read from the router, so a new page under these paths is
// covered the day it is added; one that shows no client data must be named below, with why.
const PHI_PATHS = /^\/(clients|appointments|calendar|charts)(\/|$)/;
const NO_CLIENT_DATA: Record<string, string> = {
  '/clients': 'the empty search page; results come by POST and are audited there',
  '/clients/new': 'an empty form',
  '/calendar/book': 'an empty booking form until a client is chosen',
  '/calendar/block': 'providers, rooms and times only',
  '/charts/lots': 'the empty lot search until a product and lot are asked; a search is audited (charting.test.ts)',
  '/charts/lots/export': 'refused without a product and lot; an export is audited as one (charting.test.ts)',
};

let app: TestApp;
let owner: TestBrowser;
const samples: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  owner = await signIn(app, 'owner@glow.example');
  const t = app.spas.glow;
  const operator = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'owner@glow.example'`, [t])).rows[0]!.id;
  const created = await withTenant(app.deps.db, { tenantId: t, requestId: 'phi-audit', actor: { kind: 'operator', id: operator } }, (ctx) =>
    createClient(
      ctx,
      {
        profile: {
          first_name: 'Audit', last_name: 'Subject', preferred_name: '', pronouns: '', date_of_birth: '1980-01-01', sex: 'unknown', gender_identity: '', preferred_language: 'en',
          email: null, mobile_phone: null, other_phone: null, address_line1: '', address_line2: '', city: '', region: '', postal_code: '',
        },
        consent: { sms_consent: false, email_consent: false },
        guardian: null,
        allergies: [{ substance: 'Latex', reaction: '', severity: 'mild' }],
      },
      new Date(),
    ),
  );
  if (!created.ok) throw new Error('fixture client refused');
  samples.client = created.id;
  samples.photo = await addSamplePhoto(app, t, samples.client);
  samples.form = await signNeurotoxinConsent(app, { tenantId: t, clientId: samples.client, lang: 'en', typedName: 'Audit Subject' });
  samples.location = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM locations WHERE tenant_id = $1 ORDER BY name LIMIT 1`, [t])).rows[0]!.id;
  samples.appointment = (
    await app.deps.db.ownerQuery<{ id: string }>(
      `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at) VALUES ($1, $2, $3, now() + interval '1 hour', now() + interval '2 hours') RETURNING id`,
      [t, samples.client, samples.location],
    )
  ).rows[0]!.id;
  const one = async (sql: string, values: unknown[]) => (await app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
  const service = await one(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'Audit service', 0) RETURNING id`, [t]);
  const line = await one(
    `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
     SELECT tenant_id, id, 0, $2, $3, starts_at, ends_at, '{}', 0 FROM appointments WHERE id = $1 RETURNING id`,
    [samples.appointment, service, operator],
  );
  samples.chart = await one(
    `INSERT INTO charts (tenant_id, appointment_id, appointment_service_id, service_id, provider_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [t, samples.appointment, line, service, operator],
  );
});
afterAll(() => app?.close());

function concrete(path: string): string {
  return path.replace(':id', path.startsWith('/appointments') ? samples.appointment! : path.startsWith('/charts') ? samples.chart! : samples.client!).replace(':photoId', samples.photo!).replace(':formId', samples.form!);
}

/** A photo's image is reached only through the short-lived link its page draws for this session: taken from there, as a browser does. */
async function reachable(path: string): Promise<string> {
  if (!path.endsWith('/image')) return concrete(path);
  const page = await owner.get(concrete(path.slice(0, -'/image'.length)));
  return imageLinks(await page.text())[0]!;
}

describe('audit rows for every page that shows client data (SEC-3)', () => {
  it('writes, in the same request, a row naming the client for each GET under /clients, /appointments, /calendar and /charts', async () => {
    const routes = app.http.routes.filter((r) => r.surface === 'spa' && r.method === 'GET' && PHI_PATHS.test(r.path) && !(r.path in NO_CLIENT_DATA));
    expect(routes.length).toBeGreaterThan(5);
    const missing: string[] = [];
    for (const route of routes) {
      const response = await owner.get(await reachable(route.path));
      if (response.status !== 200) {
        missing.push(`${route.path}: status ${response.status}`);
        continue;
      }
      const requestId = response.headers.get('x-request-id');
      const { rows } = await app.deps.db.ownerQuery<{ n: number; named: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE $2::uuid = ANY(client_ids))::int AS named FROM audit_events WHERE request_id = $1`,
        [requestId, samples.client],
      );
      const html = await response.text();
      if (rows[0]!.n === 0) missing.push(`${route.path}: no audit row`);
      else if (html.includes('Subject') && rows[0]!.named === 0) missing.push(`${route.path}: shows the client but its audit row does not name them`);
    }
    expect(missing).toEqual([]);
  });

  it('names only pages that exist in the allowlist', () => {
    const paths = new Set(app.http.routes.map((r) => r.path));
    for (const path of Object.keys(NO_CLIENT_DATA)) expect(paths.has(path), path).toBe(true);
  });
});
