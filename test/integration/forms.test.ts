import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { assignFormsForBooking } from '../../src/modules/forms/assignment.ts';
import { askBookedVisits } from '../../src/modules/forms/booked-visits.ts';
import { saveTemplate } from '../../src/modules/forms/templates.ts';
import { testBackend } from '../support/test-db.ts';
import { draftFromDefinition, fieldsOf, type TemplateSettings } from '../../src/modules/forms/builder-form.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { NEUROTOXIN_CONSENT } from '../../src/modules/forms/starters/neurotoxin.ts';
import { bookSeries } from '../../src/modules/scheduling/booking/series.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { signFormDirectly } from '../support/signed-form.ts';

// Issue 7 (first slice), PUB-2, PUB-3, CRM-7: templates copied from the starter library and edited in
// the builder (nothing invalid saved), versions frozen by the database once used, forms asked at
// booking by their rules, the client's Forms tab with voiding, who may do what, and the audit rows.
let app: TestApp;
const ids: Record<string, string> = {};
const as = new Map<string, TestBrowser>();

async function one<T = { id: string }>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.deps.db.ownerQuery(sql, values)).rows[0] as T;
}
const id = async (sql: string, values: unknown[] = []) => (await one(sql, values)).id;

const auditRows = async (recordType: string, recordId?: string) =>
  (
    await app.deps.db.ownerQuery<{ action: string; record_id: string; client_ids: string[]; actor_id: string; request_id: string }>(
      `SELECT action, record_id, client_ids, actor_id, request_id FROM audit_events WHERE tenant_id = $1 AND record_type = $2 AND ($3::text IS NULL OR record_id = $3) ORDER BY occurred_at, id`,
      [app.spas.glow, recordType, recordId ?? null],
    )
  ).rows;

/** The fields the builder page posts for this definition and these settings, with some changed. */
function builderFields(def: FormDefinition, settings: TemplateSettings, change: Record<string, string> = {}, extra: [string, string][] = []): [string, string][] {
  return [...fieldsOf(draftFromDefinition(def, settings)).map(([k, v]): [string, string] => [k, k in change ? change[k]! : v]), ...extra];
}

const versions = (templateId: string) =>
  app.deps.db.ownerQuery<{ id: string; version: number; definition: FormDefinition; updated_at: Date }>(`SELECT id, version, definition, updated_at FROM form_versions WHERE template_id = $1 ORDER BY version`, [templateId]).then((r) => r.rows);

const formsOf = (clientId: string) =>
  app.deps.db
    .ownerQuery<{ name: string; status: string; appointment_id: string | null; version: number; form_version_id: string }>(
      `SELECT t.name, f.status, f.appointment_id, v.version, f.form_version_id FROM client_forms f JOIN form_templates t ON t.id = f.template_id JOIN form_versions v ON v.id = f.form_version_id
        WHERE f.client_id = $1 ORDER BY f.created_at, t.name`,
      [clientId],
    )
    .then((r) => r.rows);

/** Books the linked service through the front desk's booking form. */
const book = (client: string, time: string, date = '2026-12-07') =>
  as.get('front_desk')!.post('/calendar/book', { location_id: ids.location!, date, time, client_id: client, service_0: ids.toxin!, provider_0: ids.nurse!, intent: 'book' });

const SETTINGS: TemplateSettings = { name: 'Neurotoxin consent (2)', kind: 'consent', rule: 'per_service', renewalMonths: null };

beforeAll(async () => {
  app = await startTestApp();
  const t = app.spas.glow;
  // Monday 7 December 2026, 09:00 in Los Angeles is 17:00 UTC; "now" is the Friday before.
  app.clock.now = new Date('2026-12-04T18:00:00Z');
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
  as.set('outsider', await signIn(app, 'owner@lumen.example', `lumen.${APEX}`));
  ids.location = await id(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Santa Monica'`, [t]);
  ids.room = await id(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Treatment Room 1'`, [t]);
  ids.nurse = await id(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [t]);
  ids.owner = await id(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'owner@glow.example'`, [t]);
  ids.frontDesk = await id(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
  for (const weekday of [1, 2, 3, 4, 5]) {
    await app.deps.db.ownerQuery(`INSERT INTO staff_hours (tenant_id, operator_id, location_id, weekday, starts, ends) VALUES ($1, $2, $3, $4, '09:00', '17:00')`, [t, ids.nurse, ids.location, weekday]);
  }
  ids.intake = await id(`SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'general-intake'`, [t]);
  ids.release = await id(`SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'photo-release'`, [t]);
  ids.guardian = await id(`SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'guardian-authorization'`, [t]);
  for (const [name, born] of [['Ines', '1990-03-03'], ['Jo', '1985-07-07'], ['Kai', '1979-01-01']] as const) {
    ids[name] = await id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, $2, 'Formtest', $3) RETURNING id`, [t, name, born]);
  }
  ids.minor = await id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Lia', 'Formtest', '2012-05-05') RETURNING id`, [t]);
});
afterAll(() => app?.close());

describe('the forms list and the starter library', () => {
  it('shows the demo spa’s six forms, and the library marks each as already added', async () => {
    const list = await (await as.get('owner')!.get('/settings/forms')).text();
    for (const name of ['Health history and intake', 'Neurotoxin consent', 'Dermal filler consent', 'Laser and IPL consent', 'Photo release', 'Guardian authorization for a minor']) expect(list).toContain(name);
    expect(list).toContain('Link a service to ask it');
    const library = await (await as.get('owner')!.get('/settings/forms/library')).text();
    expect(library.match(/Already in your forms/g)).toHaveLength(6);
    const preview = await as.get('owner')!.get('/settings/forms/library/neurotoxin-consent');
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Consent to neurotoxin treatment');
    expect(html).toContain('Consentimiento para tratamiento con neurotoxina');
    expect((await as.get('owner')!.get('/settings/forms/library/no-such-form')).status).toBe(404);
  });

  it('copies a starter into the spa’s forms as version 1, under a name of its own, audited', async () => {
    const response = await as.get('owner')!.post('/settings/forms/library/neurotoxin-consent', {});
    expect(response.status).toBe(303);
    ids.toxinForm = /\/settings\/forms\/([0-9a-f-]{36})\?done=copied$/.exec(response.headers.get('location') ?? '')![1]!;
    const copy = await one<{ name: string; kind: string; rule: string; starter_key: string; created_by: string }>(`SELECT name, kind, rule, starter_key, created_by FROM form_templates WHERE id = $1`, [ids.toxinForm]);
    expect(copy).toEqual({ name: 'Neurotoxin consent (2)', kind: 'consent', rule: 'per_service', starter_key: 'neurotoxin-consent', created_by: ids.owner });
    const [v1] = await versions(ids.toxinForm!);
    expect(v1!.version).toBe(1);
    expect(v1!.definition).toEqual(NEUROTOXIN_CONSENT.definition);
    expect((await auditRows('form_template', ids.toxinForm)).map((r) => [r.action, r.actor_id])).toEqual([['create', ids.owner]]);
    expect(await auditRows('form_version', v1!.id)).toHaveLength(1);
    const page = await (await as.get('owner')!.get(response.headers.get('location')!)).text();
    expect(page).toContain('Added from the starter library');
  });
});

describe('the builder', () => {
  it('posts exactly the fields the reader reads', async () => {
    const html = await (await as.get('owner')!.get(`/settings/forms/${ids.toxinForm}`)).text();
    const form = html.slice(html.indexOf('<form id="builder"'), html.indexOf('</form>', html.indexOf('<form id="builder"')));
    const onPage = new Set([...form.matchAll(/name="([^"]+)"/g)].map((m) => m[1]!));
    for (const [name] of builderFields(NEUROTOXIN_CONSENT.definition, SETTINGS)) expect(onPage, name).toContain(name);
    for (const name of onPage) expect(name).toMatch(/^(_csrf|op|add_type|name|kind|rule|renewal_months|(title|intro)_(en|es)|i\d+_[a-z0-9_]+)$/);
  });

  it('refuses bad input with a message beside the item, keeps what was typed, and saves nothing', async () => {
    const before = await versions(ids.toxinForm!);
    const owner = as.get('owner')!;
    await owner.get(`/settings/forms/${ids.toxinForm}`);
    const response = await owner.postPairs(`/settings/forms/${ids.toxinForm}`, builderFields(NEUROTOXIN_CONSENT.definition, SETTINGS, { i1_label_en: '', title_es: 'Consentimiento (nuevo)', i8_follow_en: '' }, [['op', 'save']]));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Nothing was saved');
    expect(html).toMatch(/id="field-i1_label_en-error"[^]*Write the paragraph in English\./);
    expect(html).toContain('Consentimiento (nuevo)');
    expect(html).toContain('Needs another look');
    expect(await versions(ids.toxinForm!)).toEqual(before);
    expect(await auditRows('form_version', before[0]!.id)).toHaveLength(1); // only its creation
  });

  it('makes edits without saving them: add, move, remove', async () => {
    const before = await versions(ids.toxinForm!);
    const owner = as.get('owner')!;
    const added = await owner.postPairs(`/settings/forms/${ids.toxinForm}`, builderFields(NEUROTOXIN_CONSENT.definition, SETTINGS, {}, [['op', 'add'], ['add_type', 'yes_no']]));
    expect(added.status).toBe(200);
    const html = await added.text();
    const count = NEUROTOXIN_CONSENT.definition.items.length;
    // The new question goes before the signature, open and ready to type into.
    expect(html).toContain(`name="i${count - 1}_type" value="yes_no"`);
    expect(html).toContain(`name="i${count}_type" value="signature"`);
    expect(html).toMatch(new RegExp(`<details class="builder-item__details" open=""><summary[^]*?Yes / no[^]*?name="i${count - 1}_label_en"[^>]*autofocus`));
    const moved = await owner.postPairs(`/settings/forms/${ids.toxinForm}`, builderFields(NEUROTOXIN_CONSENT.definition, SETTINGS, {}, [['op', 'up:3']]));
    expect(await moved.text()).toMatch(/name="i2_id" value="common-effects"[^]*name="i3_id" value="risks"/);
    expect((await owner.postPairs(`/settings/forms/${ids.toxinForm}`, builderFields(NEUROTOXIN_CONSENT.definition, SETTINGS, {}, [['op', 'drop:1']]))).status).toBe(400);
    expect(await versions(ids.toxinForm!)).toEqual(before);
  });

  it('draws the live preview from what is typed, in both languages, without saving', async () => {
    const response = await as.get('owner')!.postPairs(`/settings/forms/${ids.toxinForm}/preview`, builderFields(NEUROTOXIN_CONSENT.definition, SETTINGS, { title_en: 'Toxin consent <draft>', title_es: '' }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Toxin consent &lt;draft&gt;');
    expect(html).toContain('Sobre el tratamiento');
    expect(html).toContain('One item has no Spanish yet');
    expect(html).not.toContain('<html');
  });

  it('saves a template no client has been asked into its current version, with a new question in both languages', async () => {
    const count = NEUROTOXIN_CONSENT.definition.items.length;
    const fields = builderFields(NEUROTOXIN_CONSENT.definition, SETTINGS, {}, [['op', 'save']]);
    // A yes/no question with a follow-up, inserted before the signature (as the page's Add does).
    const at = fields.findIndex(([k]) => k === `i${count - 1}_type`);
    const renamed = fields.map(([k, v]): [string, string] => (k.startsWith(`i${count - 1}_`) ? [k.replace(`i${count - 1}_`, `i${count}_`), v] : [k, v]));
    renamed.splice(at, 0, ['i' + (count - 1) + '_type', 'yes_no'], [`i${count - 1}_id`, ''], [`i${count - 1}_label_en`, 'Do you bruise easily?'], [`i${count - 1}_label_es`, '¿Le salen moretones con facilidad?'], [`i${count - 1}_required`, 'on'], [`i${count - 1}_follow_en`, 'Since when?'], [`i${count - 1}_follow_es`, '¿Desde cuándo?']);
    const response = await as.get('owner')!.postPairs(`/settings/forms/${ids.toxinForm}`, renamed);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/settings/forms/${ids.toxinForm}?done=saved`);
    const [only, ...more] = await versions(ids.toxinForm!);
    expect(more).toEqual([]);
    expect(only!.definition.items.at(-2)).toEqual({ type: 'yes_no', id: 'do-you-bruise-easily', label: { en: 'Do you bruise easily?', es: '¿Le salen moretones con facilidad?' }, required: true, followUp: { label: { en: 'Since when?', es: '¿Desde cuándo?' } } });
    expect((await auditRows('form_version', only!.id)).map((r) => r.action)).toEqual(['create', 'update']);
    expect((await auditRows('form_template', ids.toxinForm)).map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('refuses a name another form has, and keeps the rest', async () => {
    const def = (await versions(ids.toxinForm!))[0]!.definition;
    const response = await as.get('owner')!.postPairs(`/settings/forms/${ids.toxinForm}`, builderFields(def, { ...SETTINGS, name: 'health history and intake' }, {}, [['op', 'save']]));
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('Another form is already called “health history and intake”');
    expect((await one<{ name: string }>(`SELECT name FROM form_templates WHERE id = $1`, [ids.toxinForm])).name).toBe('Neurotoxin consent (2)');
  });
});

describe('linking services and asking for forms at booking (PUB-3)', () => {
  it('links the consent to a service from the services screen', async () => {
    const owner = as.get('owner')!;
    await owner.get('/settings/services/new');
    const response = await owner.postPairs('/settings/services', [
      ['name', 'Neurotoxin, forms test'],
      ['price', '450'],
      ['req_0_label', 'Room'],
      ['req_0_resources', ids.room!],
      ['phase_0_label', 'Treatment'],
      ['phase_0_minutes', '30'],
      ['phase_0_provider', 'on'],
      ['phase_0_client', 'on'],
      ['phase_0_holds', 'Room'],
      ['forms_shown', '1'],
      ['forms', ids.toxinForm!],
    ]);
    expect(response.status).toBe(303);
    ids.toxin = /\/settings\/services\/([0-9a-f-]{36})/.exec(response.headers.get('location')!)![1]!;
    const page = await (await owner.get(`/settings/services/${ids.toxin}`)).text();
    expect(page).toMatch(new RegExp(`value="${ids.toxinForm}"[^>]*checked`));
    expect(await auditRows('service_forms', ids.toxin)).toHaveLength(1);
    // A form that is not the spa's is refused, and nothing of the save is kept.
    const refused = await owner.postPairs(`/settings/services/${ids.toxin}`, [['name', 'Renamed'], ['price', '450'], ['req_0_label', 'Room'], ['req_0_resources', ids.room!], ['phase_0_label', 'Treatment'], ['phase_0_minutes', '30'], ['phase_0_provider', 'on'], ['phase_0_holds', 'Room'], ['forms_shown', '1'], ['forms', '00000000-0000-4000-8000-000000000000']]);
    expect(refused.status).toBe(400);
    expect((await one<{ name: string }>(`SELECT name FROM services WHERE id = $1`, [ids.toxin])).name).toBe('Neurotoxin, forms test');
  });

  it('asks the consent at each booking of the service, and the intake and the photo release once, in the booking’s transaction', async () => {
    await as.get('front_desk')!.get('/calendar/book');
    const first = await book(ids.Ines!, '09:00');
    expect(first.status).toBe(303);
    const appointment = await id(`SELECT id FROM appointments WHERE client_id = $1`, [ids.Ines]);
    expect(await formsOf(ids.Ines!)).toEqual([
      { name: 'Health history and intake', status: 'pending', appointment_id: appointment, version: 1, form_version_id: expect.any(String) },
      { name: 'Neurotoxin consent (2)', status: 'pending', appointment_id: appointment, version: 1, form_version_id: expect.any(String) },
      { name: 'Photo release', status: 'pending', appointment_id: appointment, version: 1, form_version_id: expect.any(String) },
    ]);
    // Each is audited naming the client, by the same request that booked.
    const booked = (await auditRows('appointment', appointment))[0]!;
    const created = (await auditRows('client_form')).filter((r) => r.request_id === booked.request_id);
    expect(created).toHaveLength(3);
    expect(created.every((r) => r.client_ids.length === 1 && r.client_ids[0] === ids.Ines && r.actor_id === ids.frontDesk)).toBe(true);

    expect((await book(ids.Ines!, '11:00')).status).toBe(303);
    const names = (await formsOf(ids.Ines!)).map((f) => f.name);
    expect(names.filter((n) => n === 'Neurotoxin consent (2)')).toHaveLength(2);
    expect(names.filter((n) => n === 'Health history and intake')).toHaveLength(1);
    expect(names.filter((n) => n === 'Photo release')).toHaveLength(1);
    expect(names).not.toContain('Guardian authorization for a minor');
  });

  it('asks the intake again only when the last signed one is older than its renewal age at the visit', async () => {
    // Kai signed the intake 13 months before the visit, Jo 2 months before (written as the signing work will).
    for (const [client, signedAt] of [[ids.Kai, '2025-11-06T17:00:00Z'], [ids.Jo, '2026-10-07T17:00:00Z']] as const) {
      await app.deps.db.ownerQuery(
        `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, status, signed_at)
         SELECT tenant_id, $2, template_id, id, 'signed', $3 FROM form_versions WHERE template_id = $1`,
        [ids.intake, client, signedAt],
      );
    }
    expect((await book(ids.Kai!, '13:00')).status).toBe(303);
    expect((await book(ids.Jo!, '14:00')).status).toBe(303);
    expect((await formsOf(ids.Kai!)).filter((f) => f.name === 'Health history and intake').map((f) => f.status)).toEqual(['signed', 'pending']);
    expect((await formsOf(ids.Jo!)).filter((f) => f.name === 'Health history and intake').map((f) => f.status)).toEqual(['signed']);
    // On the Forms tab, Kai's old intake shows as expired.
    const tab = await (await as.get('front_desk')!.get(`/clients/${ids.Kai}/forms`)).text();
    expect(tab).toMatch(/Expired[^]*Health history and intake[^]*renewal due Nov 6, 2026/);
  });

  it('asks a guardian’s authorization for a minor, and nothing from an archived form', async () => {
    await app.deps.db.ownerQuery(`INSERT INTO client_guardians (tenant_id, client_id, full_name, relationship, phone) VALUES ($1, $2, 'Ana Formtest', 'Mother', '+13105550199')`, [app.spas.glow, ids.minor]);
    expect((await as.get('owner')!.post(`/settings/forms/${ids.release}/archive`, {})).status).toBe(303);
    expect((await book(ids.minor!, '15:00')).status).toBe(303);
    expect((await formsOf(ids.minor!)).map((f) => f.name).sort()).toEqual(['Guardian authorization for a minor', 'Health history and intake', 'Neurotoxin consent (2)']);
    expect((await auditRows('form_template', ids.release)).map((r) => r.action)).toEqual(['archive']);
    expect((await as.get('owner')!.post(`/settings/forms/${ids.release}/restore`, {})).status).toBe(303);
  });

  it('asks for the consent at every occurrence of a series', async () => {
    const scope = { tenantId: app.spas.glow, requestId: 'forms-series', actor: { kind: 'operator' as const, id: ids.frontDesk! } };
    const series = await withTenant(app.deps.db, scope, (ctx) =>
      bookSeries(ctx, { clientId: ids.Jo!, locationId: ids.location!, date: '2026-12-08', time: '10:00', lines: [{ serviceId: ids.toxin!, providerId: ids.nurse! }] }, ['2026-12-08', '2026-12-15', '2026-12-22'], app.clock.now),
    );
    const booked = series.occurrences.filter((o) => o.ok).map((o) => (o as { appointmentId: string }).appointmentId);
    expect(booked).toHaveLength(3);
    const consents = (await formsOf(ids.Jo!)).filter((f) => f.name === 'Neurotoxin consent (2)');
    expect(consents.map((f) => f.appointment_id).slice(-3)).toEqual(booked);
  });

  it('tells the owner which visits were booked before a form was linked, and asks them on request', async () => {
    const owner = as.get('owner')!;
    const filler = await id(`SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'dermal-filler-consent'`, [app.spas.glow]);
    const upcoming = (await app.deps.db.ownerQuery<{ id: string }>(
      `SELECT a.id FROM appointments a WHERE a.status = 'booked' AND a.starts_at > $1 AND EXISTS (SELECT 1 FROM appointment_services s WHERE s.appointment_id = a.id AND s.service_id = $2) ORDER BY a.starts_at`,
      [app.clock.now, ids.toxin],
    )).rows.map((r) => r.id);
    expect(upcoming.length).toBeGreaterThan(3);
    const fillerOn = async (visit: string) => (await app.deps.db.ownerQuery(`SELECT 1 FROM client_forms WHERE appointment_id = $1 AND template_id = $2`, [visit, filler])).rowCount;
    // One visit was already asked it (and it was voided there): a decision, not a gap.
    const voided = await one<{ id: string; client_id: string }>(`SELECT id, client_id FROM appointments WHERE id = $1`, [upcoming[0]]);
    await app.deps.db.ownerQuery(
      `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, appointment_id, status, voided_at, voided_by, void_reason)
       SELECT tenant_id, $2, template_id, id, $3, 'voided', now(), $4, 'Not needed' FROM form_versions WHERE template_id = $1`,
      [filler, voided.client_id, voided.id, ids.owner],
    );

    const page = await owner.get(`/settings/services/${ids.toxin}`);
    const html = await page.text();
    expect(html).not.toContain('Visits already booked');
    const linked = await owner.postPairs(`/settings/services/${ids.toxin}`, [
      ['name', 'Neurotoxin, forms test'], ['price', '450'], ['req_0_label', 'Room'], ['req_0_resources', ids.room!], ['phase_0_label', 'Treatment'], ['phase_0_minutes', '30'],
      ['phase_0_provider', 'on'], ['phase_0_client', 'on'], ['phase_0_holds', 'Room'], ['forms_shown', '1'], ['forms', ids.toxinForm!], ['forms', filler],
    ]);
    expect(linked.status).toBe(303);
    const after = await (await owner.get(linked.headers.get('location')!)).text();
    const gap = upcoming.length - 1;
    expect(after).toContain(`${gap} visits with Neurotoxin, forms test, the first on Dec 7, 2026, 11:00 AM, were booked before Dermal filler consent was linked here. They do not ask for it, and check-in will not wait for it.`);
    expect(after).toContain(`Ask those ${gap} visits`);
    // Nothing is asked until the owner says so.
    expect(await fillerOn(upcoming[1]!)).toBe(0);

    // Only someone who manages the schedule may ask them.
    expect((await as.get('front_desk')!.post(`/settings/services/${ids.toxin}/ask-booked`, {})).status).toBe(403);
    const asked = await owner.post(`/settings/services/${ids.toxin}/ask-booked`, {});
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe(`/settings/services/${ids.toxin}?done=asked`);
    for (const visit of upcoming.slice(1)) expect(await fillerOn(visit), visit).toBe(1);
    expect(await fillerOn(upcoming[0]!)).toBe(1); // only the voided one
    const formRows = await auditRows('client_form');
    const made = formRows.filter((r) => r.request_id === formRows.at(-1)!.request_id);
    expect(made).toHaveLength(gap);
    expect(made.every((r) => r.client_ids.length === 1 && r.actor_id === ids.owner)).toBe(true);
    // The visits now wait for it like any other: their count of pending forms went up.
    const pending = await one<{ n: number }>(`SELECT pending_forms AS n FROM appointments WHERE id = $1`, [upcoming[1]]);
    expect(pending.n).toBeGreaterThan(0);
    const done = await (await owner.get(asked.headers.get('location')!)).text();
    expect(done).toContain('The visits already booked now ask for these forms.');
    expect(done).not.toContain('Visits already booked');
    // Asking again asks nothing more.
    expect((await owner.post(`/settings/services/${ids.toxin}/ask-booked`, {})).status).toBe(303);
    for (const visit of upcoming) expect(await fillerOn(visit)).toBe(1);
  });
});

describe('versions are frozen once used', () => {
  it('refuses any change or deletion of a used version, to the app and to the owner alike', async () => {
    const [v1] = await versions(ids.toxinForm!);
    const asApp = withTenant(app.deps.db, { tenantId: app.spas.glow, requestId: 'forms-frozen', actor: { kind: 'operator', id: ids.owner! } }, (ctx) =>
      ctx.tx.$client.query(`UPDATE form_versions SET definition = jsonb_set(definition, '{title,en}', '"Changed"') WHERE id = $1`, [v1!.id]),
    );
    await expect(asApp).rejects.toMatchObject({ code: '42501' });
    await expect(app.deps.db.ownerQuery(`UPDATE form_versions SET definition = jsonb_set(definition, '{title,en}', '"Changed"') WHERE id = $1`, [v1!.id])).rejects.toMatchObject({ code: '42501' });
    await expect(app.deps.db.ownerQuery(`DELETE FROM form_versions WHERE id = $1`, [v1!.id])).rejects.toMatchObject({ code: '42501' });
    await expect(app.deps.db.ownerQuery(`UPDATE client_forms SET form_version_id = form_version_id, appointment_id = NULL WHERE form_version_id = $1`, [v1!.id])).rejects.toMatchObject({ code: '42501' });
    expect((await versions(ids.toxinForm!))[0]).toEqual(v1);
  });

  it('makes a new version when a used template is edited; forms already asked keep theirs', async () => {
    const [v1] = await versions(ids.toxinForm!);
    const asked = (await formsOf(ids.Ines!)).filter((f) => f.name === 'Neurotoxin consent (2)');
    const response = await as.get('manager')!.postPairs(`/settings/forms/${ids.toxinForm}`, builderFields(v1!.definition, SETTINGS, { title_en: 'Consent to neurotoxin treatment (2027)' }, [['op', 'save']]));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/settings/forms/${ids.toxinForm}?done=versioned`);
    const [old, next] = await versions(ids.toxinForm!);
    expect(old).toEqual(v1);
    expect(next!.version).toBe(2);
    expect(next!.definition.title.en).toBe('Consent to neurotoxin treatment (2027)');
    expect((await formsOf(ids.Ines!)).filter((f) => f.name === 'Neurotoxin consent (2)')).toEqual(asked);
    // The next booking asks on version 2; the history shows both.
    expect((await book(ids.Ines!, '16:00')).status).toBe(303);
    expect((await formsOf(ids.Ines!)).filter((f) => f.name === 'Neurotoxin consent (2)').map((f) => f.version)).toEqual([1, 1, 2]);
    const page = await (await as.get('owner')!.get(`/settings/forms/${ids.toxinForm}`)).text();
    expect(page).toContain('Version 2 has been asked of clients, so saving makes version 3');
    const first = await as.get('owner')!.get(`/settings/forms/${ids.toxinForm}/versions/1`);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('An earlier version, kept exactly as clients were asked it');
    expect(html).not.toContain('(2027)');
    expect((await as.get('owner')!.get(`/settings/forms/${ids.toxinForm}/versions/9`)).status).toBe(404);
    expect((await auditRows('form_version', next!.id)).map((r) => r.action)).toEqual(['create']);
  });
});

describe.skipIf(testBackend() !== 'postgres')('a save racing a booking (PostgreSQL)', () => {
  it('waits for the booking that is asking the version, then saves a new version instead of changing it', async () => {
    const t = app.spas.glow;
    const laser = await id(`SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'laser-consent'`, [t]);
    const [v1] = await versions(laser);
    expect(v1!.version).toBe(1);
    await app.deps.db.ownerQuery(`INSERT INTO service_forms (tenant_id, service_id, template_id) VALUES ($1, $2, $3)`, [t, ids.toxin, laser]);
    const appointment = await id(
      `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at) VALUES ($1, $2, $3, '2026-12-21 17:00Z', '2026-12-21 17:30Z') RETURNING id`,
      [t, ids.Kai, ids.location],
    );
    const scope = (requestId: string) => ({ tenantId: t, requestId, actor: { kind: 'operator' as const, id: ids.owner! } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked!: () => void;
    const askedNow = new Promise<void>((resolve) => (asked = resolve));
    // The booking asks for the laser consent on version 1 and is still open …
    const booking = withTenant(app.deps.db, scope('race-booking'), async (ctx) => {
      await assignFormsForBooking(ctx, { appointmentId: appointment, clientId: ids.Kai!, serviceIds: [ids.toxin!], startsAt: new Date('2026-12-21T17:00:00Z'), localDate: '2026-12-21' });
      asked();
      await held;
    });
    await askedNow;
    // … when the owner saves an edit of version 1, which no committed form uses yet.
    const edited = { ...v1!.definition, title: { ...v1!.definition.title, en: 'Consent to laser treatment (edited)' } };
    let settled = false;
    const saving = withTenant(app.deps.db, scope('race-save'), (ctx) => saveTemplate(ctx, laser, { name: 'Laser and IPL consent', kind: 'consent', rule: 'per_service', renewalMonths: null }, edited)).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false); // the save waits for the booking's hold on the version
    release();
    await booking;
    expect(await saving).toMatchObject({ ok: true, newVersion: true, version: 2 });
    const [old, next] = await versions(laser);
    expect(old).toEqual(v1);
    expect(next!.definition.title.en).toBe('Consent to laser treatment (edited)');
    expect((await formsOf(ids.Kai!)).filter((f) => f.name === 'Laser and IPL consent').map((f) => f.version)).toEqual([1]);
  });

  it('asks booked visits after a move in progress finishes, instead of deadlocking with it', async () => {
    const t = app.spas.glow;
    const visit = await id(
      `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at) VALUES ($1, $2, $3, '2026-12-28 17:00Z', '2026-12-28 17:30Z') RETURNING id`,
      [t, ids.Jo, ids.location],
    );
    await app.deps.db.ownerQuery(
      `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents) VALUES ($1, $2, 0, $3, $4, '2026-12-28 17:00Z', '2026-12-28 17:30Z', '{}', 0)`,
      [t, visit, ids.toxin, ids.nurse],
    );
    const scope = (requestId: string) => ({ tenantId: t, requestId, actor: { kind: 'operator' as const, id: ids.owner! } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const visitLocked = new Promise<void>((resolve) => (locked = resolve));
    // A move holds the visit, and will take its client next (lifecycle.ts) …
    const move = withTenant(app.deps.db, scope('race-move'), async (ctx) => {
      await ctx.tx.$client.query('SELECT 1 FROM appointments WHERE id = $1 FOR UPDATE', [visit]);
      locked();
      await held;
      await ctx.tx.$client.query('SELECT 1 FROM clients WHERE id = $1 FOR NO KEY UPDATE', [ids.Jo]);
    });
    await visitLocked;
    // … when the owner asks the service's booked visits: that waits for the visit, holding no client.
    let settled = false;
    const asking = withTenant(app.deps.db, scope('race-ask'), (ctx) => askBookedVisits(ctx, ids.toxin!, app.clock.now)).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    release();
    await move;
    expect(await asking).toBeGreaterThan(0);
    expect((await app.deps.db.ownerQuery(`SELECT 1 FROM client_forms WHERE appointment_id = $1`, [visit])).rowCount).toBeGreaterThan(0);
  });
});

describe('the client’s Forms tab', () => {
  it('lists the forms with their template, version and visit, audited as a read naming the client', async () => {
    const response = await as.get('front_desk')!.get(`/clients/${ids.Ines}/forms`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/To be signed[^]*Neurotoxin consent \(2\)[^]*Version 2/);
    expect(html).toContain('Neurotoxin, forms test, Dec 7, 2026, 9:00 AM');
    expect(html).toMatch(/<a class="tabs__tab" href="\/clients\/[^"]+\/forms" aria-current="page">Forms<\/a>/);
    const requestId = response.headers.get('x-request-id');
    const rows = await app.deps.db.ownerQuery<{ record_type: string; client_ids: string[] }>(`SELECT record_type, client_ids FROM audit_events WHERE request_id = $1 ORDER BY id`, [requestId]);
    expect(rows.rows).toContainEqual({ record_type: 'client_forms', client_ids: [ids.Ines] });
  });

  it('lets the front desk void a pending form with a reason, kept on the record and audited; never without one', async () => {
    const desk = as.get('front_desk')!;
    const form = await id(`SELECT f.id FROM client_forms f JOIN form_templates t ON t.id = f.template_id WHERE f.client_id = $1 AND t.id = $2 AND f.status = 'pending' ORDER BY f.created_at LIMIT 1`, [ids.Ines, ids.toxinForm]);
    await desk.get(`/clients/${ids.Ines}/forms`);
    const empty = await desk.post(`/clients/${ids.Ines}/forms/${form}/void`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write why this form is voided');
    expect((await one<{ status: string }>(`SELECT status FROM client_forms WHERE id = $1`, [form])).status).toBe('pending');
    const done = await desk.post(`/clients/${ids.Ines}/forms/${form}/void`, { reason: 'Booked twice by mistake' });
    expect(done.status).toBe(303);
    expect(await one(`SELECT status, void_reason, voided_by FROM client_forms WHERE id = $1`, [form])).toEqual({ status: 'voided', void_reason: 'Booked twice by mistake', voided_by: ids.frontDesk });
    expect((await auditRows('client_form', form)).map((r) => [r.action, r.client_ids])).toEqual([
      ['create', [ids.Ines]],
      ['void', [ids.Ines]],
    ]);
    const tab = await (await desk.get(`/clients/${ids.Ines}/forms`)).text();
    expect(tab).toMatch(/Voided[^]*Booked twice by mistake/);
    // Final: voiding again is refused, and the database refuses any change or deletion.
    expect((await desk.post(`/clients/${ids.Ines}/forms/${form}/void`, { reason: 'Again' })).status).toBe(409);
    await expect(app.deps.db.ownerQuery(`UPDATE client_forms SET status = 'pending', voided_at = NULL, voided_by = NULL, void_reason = NULL WHERE id = $1`, [form])).rejects.toMatchObject({ code: '42501' });
    await expect(app.deps.db.ownerQuery(`DELETE FROM client_forms WHERE id = $1`, [form])).rejects.toMatchObject({ code: '42501' });
  });

  it('voids a signed form only for those who manage forms, with a reason of 3–500 characters; the signature stays, the tab shows who, when and why', async () => {
    const form = await id(`SELECT id FROM client_forms WHERE client_id = $1 AND status = 'pending' ORDER BY created_at LIMIT 1`, [ids.Ines]);
    await signFormDirectly(app.deps.db, app.spas.glow, form);
    const row = (html: string) => new RegExp(`id="form-${form}"[^]*?</li>`).exec(html)![0];
    const desk = as.get('front_desk')!;
    const deskRow = row(await (await desk.get(`/clients/${ids.Ines}/forms`)).text());
    // The front desk sees the form's standing; its answers and signature open only for those who read health records.
    expect(deskRow).toContain('Signed');
    expect(deskRow).not.toContain(`href="/clients/${ids.Ines}/forms/${form}"`);
    expect(deskRow).not.toContain('/void"');
    // The front desk may void a pending form, not a signed consent.
    const refused = await desk.post(`/clients/${ids.Ines}/forms/${form}/void`, { reason: 'Signed the wrong version' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Voiding a signed form needs the right to manage forms');
    expect(await one(`SELECT status FROM client_forms WHERE id = $1`, [form])).toEqual({ status: 'signed' });

    const manager = as.get('manager')!;
    const managerRow = row(await (await manager.get(`/clients/${ids.Ines}/forms`)).text());
    expect(managerRow).toContain(`href="/clients/${ids.Ines}/forms/${form}"`);
    expect(managerRow).toContain(`action="/clients/${ids.Ines}/forms/${form}/void"`);
    for (const [reason, message] of [
      ['ab', 'Write why this form is voided'],
      ['x'.repeat(501), 'Keep the reason to 500 characters at most.'],
    ] as const) {
      const bad = await manager.post(`/clients/${ids.Ines}/forms/${form}/void`, { reason });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain(message);
      expect(await one(`SELECT status FROM client_forms WHERE id = $1`, [form])).toEqual({ status: 'signed' });
    }
    const done = await manager.post(`/clients/${ids.Ines}/forms/${form}/void`, { reason: 'Signed on the old version by mistake' });
    expect(done.status).toBe(303);
    expect(await one(`SELECT status, void_reason, signed_at IS NOT NULL AS still_dated FROM client_forms WHERE id = $1`, [form])).toEqual({ status: 'voided', void_reason: 'Signed on the old version by mistake', still_dated: true });
    expect(await one(`SELECT count(*)::int AS n FROM form_signatures WHERE client_form_id = $1`, [form])).toEqual({ n: 1 });
    expect((await auditRows('client_form', form)).map((r) => r.action)).toContain('void');
    const shown = row(await (await desk.get(`/clients/${ids.Ines}/forms`)).text());
    expect(shown).toMatch(/Voided[^]*by Daniel Reyes: “Signed on the old version by mistake”/);
  });

  it('is closed to bookkeeping and marketing, and to another spa (404)', async () => {
    for (const role of ['bookkeeper', 'marketing']) expect((await as.get(role)!.get(`/clients/${ids.Ines}/forms`)).status, role).toBe(403);
    const form = await id(`SELECT id FROM client_forms WHERE client_id = $1 AND status = 'pending' LIMIT 1`, [ids.Ines]);
    const outsider = as.get('outsider')!;
    expect((await outsider.get(`/clients/${ids.Ines}/forms`)).status).toBe(404);
    await outsider.get('/settings/forms');
    expect((await outsider.post(`/clients/${ids.Ines}/forms/${form}/void`, { reason: 'Not yours' })).status).toBe(404);
    expect((await one<{ status: string }>(`SELECT status FROM client_forms WHERE id = $1`, [form])).status).toBe('pending');
  });
});

describe('who may build forms', () => {
  it('refuses front desk, bookkeeping, marketing and (by default) providers; another spa gets 404', async () => {
    const paths = ['/settings/forms', '/settings/forms/library', `/settings/forms/${ids.toxinForm}`, `/settings/forms/${ids.toxinForm}/versions/1`];
    for (const role of ['front_desk', 'bookkeeper', 'marketing', 'provider']) {
      for (const path of paths) expect((await as.get(role)!.get(path)).status, `${role} ${path}`).toBe(403);
      const before = await versions(ids.toxinForm!);
      expect((await as.get(role)!.postPairs(`/settings/forms/${ids.toxinForm}`, builderFields(before.at(-1)!.definition, SETTINGS, { title_en: 'Hijacked' }, [['op', 'save']]))).status).toBe(403);
      expect(await versions(ids.toxinForm!)).toEqual(before);
    }
    const outsider = as.get('outsider')!;
    expect((await outsider.get(`/settings/forms/${ids.toxinForm}`)).status).toBe(404);
    expect((await outsider.get(`/settings/forms/${ids.toxinForm}/versions/1`)).status).toBe(404);
    await outsider.get('/settings/forms');
    expect((await outsider.postPairs(`/settings/forms/${ids.toxinForm}`, builderFields(NEUROTOXIN_CONSENT.definition, SETTINGS, {}, [['op', 'save']]))).status).toBe(404);
    expect((await outsider.post(`/settings/forms/${ids.toxinForm}/archive`, {})).status).toBe(404);
    // The other spa's own list holds none of glow's forms.
    expect(await (await outsider.get('/settings/forms')).text()).not.toContain(ids.toxinForm);
  });

  it('opens the builder to a provider once the spa gives their role manage:form:any', async () => {
    await app.deps.db.ownerQuery(`UPDATE roles SET permissions = array_append(permissions, 'manage:form:any') WHERE tenant_id = $1 AND key = 'provider'`, [app.spas.glow]);
    expect((await as.get('provider')!.get(`/settings/forms/${ids.toxinForm}`)).status).toBe(200);
  });
});
