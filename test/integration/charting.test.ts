import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { addVisit, type VisitFixture } from '../support/visits.ts';

// Issue 6, CRM-5 and CRM-6: a chart per service of a visit, products with lot and expiry, points on
// the face diagram, signing (frozen by the database), addenda, co-signature, who may read (SEC-2),
// every read audited (SEC-3), charts to finish, lot traceability.
let app: TestApp;
const ids: Record<string, string> = {};
const as = new Map<string, TestBrowser>();

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

/** A visit with one service given by `provider`. */
const visit = (client: string, provider: string, startsAt: string, status: VisitFixture['status'] = 'checked_in') =>
  addVisit(app.deps.db, { tenantId: app.spas.glow, clientId: client, locationId: ids.location!, serviceId: ids.toxin!, providerId: provider, startsAt, status });

const chartIdOf = (response: Response) => /\/charts\/([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1];

async function startChart(who: TestBrowser, v: { appointment: string; line: string }): Promise<string> {
  await who.get(`/appointments/${v.appointment}`);
  const response = await who.post(`/appointments/${v.appointment}/charts`, { line: v.line });
  expect(response.status).toBe(303);
  return chartIdOf(response)!;
}

const points = (product: string, amounts: number[]) =>
  JSON.stringify(amounts.map((amount, i) => ({ view: 'front', x: 150 + i * 40, y: 140, site: 'Frontalis', product, amount })));

const goodDraft = (extra: Record<string, string> = {}) => ({
  template: 'soap',
  procedure: 'Neurotoxin to the forehead lines.',
  subjective: 'Wants softer forehead lines before a wedding.',
  objective: 'Dynamic horizontal lines, no ptosis.',
  assessment: 'Good candidate.',
  plan: 'Review in two weeks.',
  product_0: ids.botox!,
  lot_0: 'c3709c3',
  expiry_0: '2027-08-31',
  amount_0: '',
  points: points('p0', [4, 4, 4]),
  aftercare: 'Stay upright for four hours.',
  ...extra,
});

const auditRows = async (recordType: string, recordId: string) =>
  (
    await app.deps.db.ownerQuery<{ action: string; outcome: string; client_ids: string[] }>(
      `SELECT action, outcome, client_ids FROM audit_events WHERE tenant_id = $1 AND record_type = $2 AND record_id = $3 ORDER BY id`,
      [app.spas.glow, recordType, recordId],
    )
  ).rows;

beforeAll(async () => {
  app = await startTestApp();
  const t = app.spas.glow;
  app.clock.now = new Date('2026-12-01T20:00:00Z');
  ids.location = await one(`SELECT id FROM locations WHERE tenant_id = $1 ORDER BY name LIMIT 1`, [t]);
  ids.provider = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [t]);
  ids.owner = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'owner@glow.example'`, [t]);
  ids.toxin = await one(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'Chart test toxin', 40000) RETURNING id`, [t]);
  ids.botox = await one(`INSERT INTO products (tenant_id, name, kind, unit) VALUES ($1, 'Chart Botox', 'neurotoxin', 'units') RETURNING id`, [t]);
  ids.filler = await one(`INSERT INTO products (tenant_id, name, kind, unit) VALUES ($1, 'Chart Filler', 'filler', 'mL') RETURNING id`, [t]);
  ids.client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Rosa', 'Charted', '1988-04-04') RETURNING id`, [t]);
  ids.stranger = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Nadia', 'Untreated', '1979-09-09') RETURNING id`, [t]);
  for (const [role, email] of [
    ['owner', 'owner@glow.example'],
    ['manager', 'manager@glow.example'],
    ['provider', 'provider@glow.example'],
    ['front_desk', 'frontdesk@glow.example'],
    ['bookkeeper', 'bookkeeper@glow.example'],
    ['marketing', 'marketing@glow.example'],
  ] as const) {
    as.set(role, await signIn(app, email));
  }
  as.set('outsider', await signIn(app, 'owner@lumen.example', `lumen.localhost:3000`));
});
afterAll(() => app?.close());

describe('charting a neurotoxin treatment', () => {
  let chart: string;
  let first: { appointment: string; line: string };

  it('is started from the appointment by the provider who gave the service, once the client is checked in', async () => {
    first = await visit(ids.client!, ids.provider!, '2026-11-20T18:00:00Z');
    const page = await (await as.get('provider')!.get(`/appointments/${first.appointment}`)).text();
    expect(page).toContain('Chart this treatment');
    chart = await startChart(as.get('provider')!, first);
    // Asking again opens the same chart.
    expect(chartIdOf(await as.get('provider')!.post(`/appointments/${first.appointment}/charts`, { line: first.line }))).toBe(chart);
    expect(await auditRows('chart', chart)).toContainEqual({ action: 'create', outcome: 'success', client_ids: [ids.client] });
    // A booked visit cannot be charted yet; nor can someone else's service.
    const later = await visit(ids.client!, ids.provider!, '2026-12-20T18:00:00Z', 'booked');
    expect((await as.get('provider')!.post(`/appointments/${later.appointment}/charts`, { line: later.line })).status).toBe(409);
    const owners = await visit(ids.client!, ids.owner!, '2026-11-21T18:00:00Z');
    expect((await as.get('provider')!.post(`/appointments/${owners.appointment}/charts`, { line: owners.line })).status).toBe(403);
  });

  it('refuses bad input beside each field and writes nothing', async () => {
    const provider = as.get('provider')!;
    await provider.get(`/charts/${chart}`);
    const response = await provider.post(`/charts/${chart}`, goodDraft({ lot_0: '', expiry_0: '2026-01-31', product_1: ids.filler!, points: '[{"view":"front","x":10,"y":10,"site":"Lip","product":"p9","amount":1}]' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Enter the lot number printed on the box');
    expect(html).toContain('This lot expired on 2026-01-31, before the treatment');
    expect(html).toMatch(/Point 1:/);
    expect(html).toContain('Wants softer forehead lines'); // what was typed is kept
    const stored = await app.deps.db.ownerQuery(`SELECT 1 FROM chart_products WHERE chart_id = $1`, [chart]);
    expect(stored.rowCount).toBe(0);
    expect((await app.deps.db.ownerQuery<{ subjective: string }>(`SELECT subjective FROM charts WHERE id = $1`, [chart])).rows[0]!.subjective).toBe('');
  });

  it('saves the draft: the product totals its points on the face diagram, the lot kept upper-case', async () => {
    const provider = as.get('provider')!;
    await provider.get(`/charts/${chart}`);
    const response = await provider.post(`/charts/${chart}`, goodDraft());
    expect(response.status).toBe(303);
    const row = (await app.deps.db.ownerQuery<{ lot_number: string; amount: string }>(`SELECT lot_number, amount::text FROM chart_products WHERE chart_id = $1`, [chart])).rows;
    expect(row).toEqual([{ lot_number: 'C3709C3', amount: '12.00' }]);
    const page = await (await provider.get(`/charts/${chart}`)).text();
    expect(page).toContain('Draft');
    expect(page).toContain('Chart Botox');
  });

  it('shows the visit’s consent on the chart, and calls it out while unsigned (issue 7)', async () => {
    const consent = (await app.deps.db.ownerQuery<{ id: string; name: string; version: string }>(
      `SELECT t.id, t.name, v.id AS version FROM form_templates t JOIN form_versions v ON v.template_id = t.id WHERE t.tenant_id = $1 AND t.kind = 'consent' ORDER BY t.created_at LIMIT 1`,
      [app.spas.glow],
    )).rows[0]!;
    await app.deps.db.ownerQuery(`INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, appointment_id) VALUES ($1, $2, $3, $4, $5)`, [
      app.spas.glow, ids.client, consent.id, consent.version, first.appointment,
    ]);
    const page = await (await as.get('provider')!.get(`/charts/${chart}`)).text();
    expect(page).toContain('Consent and forms for this visit');
    expect(page).toContain(`This form has not been signed: ${consent.name}.`);
  });

  it('signs only with the attestation, then the chart is frozen and shows its signature', async () => {
    const provider = as.get('provider')!;
    await provider.get(`/charts/${chart}`);
    const unattested = await provider.post(`/charts/${chart}/sign`, goodDraft());
    expect(unattested.status).toBe(400);
    expect(await unattested.text()).toContain('Tick the box to confirm');
    const signed = await provider.post(`/charts/${chart}/sign`, goodDraft({ attest: 'yes' }));
    expect(signed.status).toBe(303);
    const row = (await app.deps.db.ownerQuery<{ status: string; content_sha256: string; signed_name: string }>(`SELECT status, content_sha256, signed_name FROM charts WHERE id = $1`, [chart])).rows[0]!;
    expect(row.status).toBe('signed');
    expect(row.signed_name).toBe('Priya Shah, NP');
    expect(row.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    const page = await (await provider.get(`/charts/${chart}`)).text();
    expect(page).toContain('Signed by <strong>Priya Shah, NP</strong>');
    expect(page).not.toContain('does not match its signature');
    expect(page).not.toContain('Save draft');
    // Saving or signing again is refused by the service.
    expect((await provider.post(`/charts/${chart}`, goodDraft({ plan: 'changed' }))).status).toBe(409);
    expect(await auditRows('chart', chart)).toContainEqual({ action: 'sign', outcome: 'success', client_ids: [ids.client] });
  });

  it('is immutable in the database itself, for the app and for the owner alike', async () => {
    const asApp = (sql: string) => app.deps.db.transaction('app', { 'app.tenant_id': app.spas.glow }, (c) => c.query(sql, [chart]));
    for (const sql of [
      `UPDATE charts SET plan = 'rewritten' WHERE id = $1`,
      `UPDATE charts SET signed_name = 'Someone else' WHERE id = $1`,
      `DELETE FROM charts WHERE id = $1`,
      `UPDATE chart_products SET amount = 99 WHERE chart_id = $1`,
      `DELETE FROM chart_products WHERE chart_id = $1`,
      `INSERT INTO chart_products (tenant_id, chart_id, position, product_id, lot_number, lot_expiry, amount) SELECT tenant_id, id, 5, '${ids.botox}', 'X1', '2030-01-01', 1 FROM charts WHERE id = $1`,
    ]) {
      await expect(asApp(sql), sql).rejects.toThrow(/signed chart|never deleted|permission denied/);
      await expect(app.deps.db.ownerQuery(sql, [chart]), sql).rejects.toThrow(/signed chart|never deleted/);
    }
    // A co-signature only where one is asked (this spa does not), complete, and never by the signer.
    await expect(app.deps.db.ownerQuery(`UPDATE charts SET cosigned_at = now(), cosigned_by = $2, cosigned_name = 'Maya Okafor' WHERE id = $1`, [chart, ids.owner])).rejects.toThrow(/co-signature is asked for/);
  });

  it('takes corrections as addenda that keep the original, which are themselves append-only', async () => {
    const provider = as.get('provider')!;
    await provider.get(`/charts/${chart}`);
    expect((await provider.post(`/charts/${chart}/addenda`, { body: '' })).status).toBe(400);
    expect((await provider.post(`/charts/${chart}/addenda`, { body: 'Correction: 2 units of the 12 went to the glabella.' })).status).toBe(303);
    const page = await (await provider.get(`/charts/${chart}`)).text();
    expect(page).toContain('Correction: 2 units of the 12 went to the glabella.');
    expect(page).toContain('Addendum by Priya Shah, NP');
    expect(page).toContain('Review in two weeks.'); // the signed original is still there
    await expect(app.deps.db.ownerQuery(`UPDATE chart_addenda SET body = 'x' WHERE chart_id = $1`, [chart])).rejects.toThrow(/append-only/);
    await expect(app.deps.db.ownerQuery(`DELETE FROM chart_addenda WHERE chart_id = $1`, [chart])).rejects.toThrow(/append-only/);
  });

  it('fixes the visit once charted: no move, cancellation or no-show', async () => {
    const desk = as.get('front_desk')!;
    await desk.get(`/appointments/${first.appointment}`);
    const moved = await desk.post(`/appointments/${first.appointment}/move`, { date: '2026-11-21', time: '10:00' });
    expect(moved.status).toBe(409);
    expect(await moved.text()).toContain('This visit has been charted');
    const cancelled = await desk.post(`/appointments/${first.appointment}/status`, { action: 'cancel', reason: 'Client asked' });
    expect(cancelled.status).toBe(409);
    const row = (await app.deps.db.ownerQuery<{ status: string; starts_at: Date }>(`SELECT status, starts_at FROM appointments WHERE id = $1`, [first.appointment])).rows[0]!;
    expect(row).toEqual({ status: 'checked_in', starts_at: new Date('2026-11-20T18:00:00Z') });
  });

  it('reports a chart whose stored content no longer matches its signature', async () => {
    const t = app.spas.glow;
    await app.deps.db.ownerQuery(`ALTER TABLE charts DISABLE TRIGGER charts_signed_frozen`);
    try {
      await app.deps.db.ownerQuery(`UPDATE charts SET plan = 'tampered' WHERE tenant_id = $1 AND id = $2`, [t, chart]);
      expect(await (await as.get('manager')!.get(`/charts/${chart}`)).text()).toContain('does not match its signature');
      await app.deps.db.ownerQuery(`UPDATE charts SET plan = 'Review in two weeks.' WHERE tenant_id = $1 AND id = $2`, [t, chart]);
    } finally {
      await app.deps.db.ownerQuery(`ALTER TABLE charts ENABLE TRIGGER charts_signed_frozen`);
    }
    expect(await (await as.get('manager')!.get(`/charts/${chart}`)).text()).not.toContain('does not match its signature');
    // The visit's time is sealed too: moved behind the app's back, the chart says so.
    await app.deps.db.ownerQuery(`UPDATE appointments SET starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day' WHERE id = $1`, [first.appointment]);
    expect(await (await as.get('manager')!.get(`/charts/${chart}`)).text()).toContain('does not match its signature');
    await app.deps.db.ownerQuery(`UPDATE appointments SET starts_at = starts_at - interval '1 day', ends_at = ends_at - interval '1 day' WHERE id = $1`, [first.appointment]);
  });

  it('copies the last treatment of the same service into a new draft, lot numbers left for today’s boxes', async () => {
    const provider = as.get('provider')!;
    const second = await visit(ids.client!, ids.provider!, '2026-11-30T18:00:00Z');
    const next = await startChart(provider, second);
    await provider.get(`/charts/${next}`);
    const copied = await (await provider.post(`/charts/${next}/copy-last`, {})).text();
    expect(copied).toContain('Filled from the previous chart');
    expect(copied).toContain('Neurotoxin to the forehead lines.');
    expect(copied).toMatch(new RegExp(`<option value="${ids.botox}" selected`));
    expect(copied).not.toContain('C3709C3');
    expect(copied).toContain('&quot;amount&quot;:4'); // the points travel in the hidden input
    // Copying reads the earlier chart: audited.
    expect((await auditRows('chart', chart)).filter((r) => r.action === 'read').length).toBeGreaterThan(1);
    // A draft keeps a product whose points are not marked yet; signing asks for its amount first.
    expect((await provider.post(`/charts/${next}`, goodDraft({ points: '' }))).status).toBe(303);
    expect((await app.deps.db.ownerQuery<{ amount: string | null }>(`SELECT amount FROM chart_products WHERE chart_id = $1`, [next])).rows).toEqual([{ amount: null }]);
    const unsigned = await provider.post(`/charts/${next}/sign`, goodDraft({ points: '', attest: 'yes' }));
    expect(unsigned.status).toBe(400);
    expect(await unsigned.text()).toContain('Enter the total given for product 1');
  });
});

describe('who reads charts (SEC-2) and the audit of every read (SEC-3)', () => {
  let chart: string;
  beforeAll(async () => {
    chart = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM charts WHERE tenant_id = $1 AND status = 'signed' LIMIT 1`, [app.spas.glow])).rows[0]!.id;
  });

  it('lets the manager and owner read, and never the front desk, bookkeeper or marketing', async () => {
    for (const role of ['manager', 'owner']) {
      expect((await as.get(role)!.get(`/charts/${chart}`)).status, role).toBe(200);
      expect((await as.get(role)!.get(`/clients/${ids.client}/charts`)).status, role).toBe(200);
    }
    for (const role of ['front_desk', 'bookkeeper', 'marketing']) {
      const response = await as.get(role)!.get(`/charts/${chart}`);
      expect(response.status, role).toBe(403);
      expect(await response.text()).not.toContain('Rosa');
      expect((await as.get(role)!.get(`/clients/${ids.client}/charts`)).status, role).toBe(403);
    }
  });

  it('limits a provider to the clients they treat, and records the refusal', async () => {
    const other = await one(
      `INSERT INTO operators (tenant_id, email, full_name, status, password_hash, password_changed_at)
       SELECT tenant_id, 'injector2@glow.example', 'Lena Park, RN', 'active', password_hash, now() FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example' RETURNING id`,
      [app.spas.glow],
    );
    await app.deps.db.ownerQuery(
      `INSERT INTO operator_roles (tenant_id, operator_id, role_id) SELECT $1, $2, id FROM roles WHERE tenant_id = $1 AND key = 'provider'`,
      [app.spas.glow, other],
    );
    const lena = await signIn(app, 'injector2@glow.example');
    expect((await lena.get(`/charts/${chart}`)).status).toBe(403);
    expect((await lena.get(`/clients/${ids.client}/charts`)).status).toBe(403);
    expect((await auditRows('chart', chart)).some((r) => r.outcome === 'denied')).toBe(true);
    expect((await lena.get(`/clients/${ids.client}/photos`)).status).toBe(403); // photos are scoped the same way
    // A booking of her own weeks ahead opens nothing (any provider can book).
    await visit(ids.client!, other, '2027-01-20T18:00:00Z', 'booked');
    expect((await lena.get(`/charts/${chart}`)).status).toBe(403);
    // Once she has seen the client, she may read the client's charts — not edit or add to another's.
    await visit(ids.client!, other, '2026-11-25T18:00:00Z', 'completed');
    const page = await lena.get(`/charts/${chart}`);
    expect(page.status).toBe(200);
    expect((await lena.get(`/clients/${ids.client}/photos`)).status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('Save draft');
    expect(html).not.toContain('Add an addendum');
    const deniedBefore = (await app.deps.db.ownerQuery(`SELECT 1 FROM audit_events WHERE tenant_id = $1 AND outcome = 'denied' AND record_id = 'POST /charts/:id/addenda'`, [app.spas.glow])).rowCount;
    expect((await lena.post(`/charts/${chart}/addenda`, { body: 'Not mine to add.' })).status).toBe(403);
    expect((await app.deps.db.ownerQuery(`SELECT 1 FROM audit_events WHERE tenant_id = $1 AND outcome = 'denied' AND record_id = 'POST /charts/:id/addenda'`, [app.spas.glow])).rowCount).toBe(deniedBefore! + 1);
  });

  it('writes an audit row naming the client for every chart read', async () => {
    const before = (await auditRows('chart', chart)).length;
    await as.get('manager')!.get(`/charts/${chart}`);
    const rows = await auditRows('chart', chart);
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toEqual({ action: 'read', outcome: 'success', client_ids: [ids.client] });
  });

  it('answers 404 to another spa, even with the exact address', async () => {
    const outsider = as.get('outsider')!;
    expect((await outsider.get(`/charts/${chart}`)).status).toBe(404);
    expect((await outsider.get(`/clients/${ids.client}/charts`)).status).toBe(404);
  });
});

describe('co-signature by the supervising physician', () => {
  it('is asked when the spa requires it: the owner co-signs once, the provider cannot', async () => {
    // The owner turns it on in Settings.
    const settings = as.get('owner')!;
    await settings.get('/settings');
    expect((await settings.post('/settings', { idle_timeout_minutes: '15', age_of_majority: '18', chart_cosign: 'yes' })).status).toBe(303);
    expect(await (await settings.get('/settings')).text()).toMatch(/name="chart_cosign"[^>]*checked/);
    try {
      const provider = as.get('provider')!;
      const v = await visit(ids.client!, ids.provider!, '2026-11-27T18:00:00Z');
      const chart = await startChart(provider, v);
      await provider.get(`/charts/${chart}`);
      expect((await provider.post(`/charts/${chart}/sign`, goodDraft({ attest: 'yes' }))).status).toBe(303);
      const page = await (await provider.get(`/charts/${chart}`)).text();
      expect(page).toContain('Waiting for the supervising physician');
      expect((await provider.post(`/charts/${chart}/cosign`, {})).status).toBe(403);
      expect((await as.get('manager')!.post(`/charts/${chart}/cosign`, {})).status).toBe(403);
      const owner = as.get('owner')!;
      expect(await (await owner.get(`/charts/${chart}`)).text()).toContain('Co-sign as supervising physician');
      expect((await owner.post(`/charts/${chart}/cosign`, {})).status).toBe(303);
      expect(await (await owner.get(`/charts/${chart}`)).text()).toContain('Co-signed by <strong>Maya Okafor</strong>');
      expect((await owner.post(`/charts/${chart}/cosign`, {})).status).toBe(409);
      await expect(app.deps.db.ownerQuery(`UPDATE charts SET cosigned_name = 'x' WHERE id = $1`, [chart])).rejects.toThrow(/co-signature cannot be changed/);
    } finally {
      await app.deps.db.ownerQuery(`UPDATE tenants SET chart_cosign_required = false WHERE id = $1`, [app.spas.glow]);
    }
  });
});

describe('charts to finish', () => {
  it('lists services given over 72 hours ago whose chart is unsigned or missing, the provider’s own', async () => {
    const old = await visit(ids.stranger!, ids.provider!, '2026-11-10T18:00:00Z', 'completed');
    const draftVisit = await visit(ids.stranger!, ids.provider!, '2026-11-12T18:00:00Z', 'completed');
    await startChart(as.get('provider')!, draftVisit);
    const recent = await visit(ids.stranger!, ids.provider!, '2026-12-01T16:00:00Z', 'completed');
    const html = await (await as.get('provider')!.get('/charts/follow-up')).text();
    expect(html).toContain(`/appointments/${old.appointment}`);
    expect(html).toContain('Not started');
    expect(html).toContain('Unsigned draft');
    expect(html).not.toContain(`/appointments/${recent.appointment}`);
    expect((await as.get('front_desk')!.get('/charts/follow-up')).status).toBe(403);
    // Today says how many, without naming anyone.
    const today = await (await as.get('provider')!.get('/')).text();
    expect(today).toMatch(/\d+ charts to finish/);
    expect(await (await as.get('front_desk')!.get('/')).text()).not.toContain('to finish');
  });
});

describe('lot traceability', () => {
  it('lists every client treated with a lot, whatever its case, and exports it as CSV, both audited', async () => {
    const manager = as.get('manager')!;
    const page = await manager.get(`/charts/lots?product=${ids.botox}&lot=c3709c3`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Rosa Charted');
    expect(html).toMatch(/treatments? with lot C3709C3/);
    const csv = await manager.get(`/charts/lots/export?product=${ids.botox}&lot=C3709C3`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="lot-C3709C3.csv"');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('"Date","Client","Mobile","Email","Product","Lot","Lot expiry","Amount","Unit","Provider","Chart signed"');
    expect(text).toContain('"Rosa Charted"');
    const audit = (await app.deps.db.ownerQuery<{ action: string; client_ids: string[] }>(`SELECT action, client_ids FROM audit_events WHERE tenant_id = $1 AND record_type = 'product_lot' ORDER BY id`, [app.spas.glow])).rows;
    expect(audit.map((a) => a.action)).toEqual(['read', 'export']);
    expect(audit[1]!.client_ids).toContain(ids.client);
    expect((await manager.get(`/charts/lots?product=${ids.botox}&lot=%3Cscript%3E`)).status).toBe(400);
    expect((await as.get('provider')!.get(`/charts/lots?product=${ids.botox}&lot=C3709C3`)).status).toBe(403);
  });
});

describe('the products screen', () => {
  it('adds a product with its unit, refuses a duplicate name, and retires one without touching charts', async () => {
    const owner = as.get('owner')!;
    await owner.get('/settings/products');
    expect((await owner.post('/settings/products', { name: 'Daxxify', kind: 'neurotoxin', unit: 'units' })).status).toBe(303);
    const again = await owner.post('/settings/products', { name: 'Daxxify', kind: 'neurotoxin', unit: 'units' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('There is already a product with that name.');
    const bad = await owner.post('/settings/products', { name: '', kind: 'potion', unit: 'cups' });
    expect(bad.status).toBe(400);
    expect((await owner.post(`/settings/products/${ids.botox}/retire`, {})).status).toBe(303);
    expect((await app.deps.db.ownerQuery(`SELECT 1 FROM chart_products WHERE product_id = $1`, [ids.botox])).rowCount).toBeGreaterThan(0);
    expect((await as.get('provider')!.get('/settings/products')).status).toBe(403);
  });
});
