import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVisit } from '../support/visits.ts';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { bookAppointment } from '../../src/modules/scheduling/booking/book.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';

// CRM-4, CRM-7 and issue 5: an appointment's day — move, check in, start, complete, no-show, cancel — as the front desk and a manager do it.
let app: TestApp;
let desk: TestBrowser;
let manager: TestBrowser;
const ids: Record<string, string> = {};

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}
const rows = async <T,>(sql: string, values: unknown[] = []) => (await app.deps.db.ownerQuery(sql, values)).rows as T[];

beforeAll(async () => {
  app = await startTestApp();
  const t = app.spas.glow;
  ids.location = await one(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Santa Monica'`, [t]);
  ids.room = await one(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Treatment Room 1'`, [t]);
  ids.nurse = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [t]);
  for (const weekday of [1, 2, 3, 4, 5]) {
    await app.deps.db.ownerQuery(`INSERT INTO staff_hours (tenant_id, operator_id, location_id, weekday, starts, ends) VALUES ($1, $2, $3, $4, '09:00', '17:00')`, [t, ids.nurse, ids.location, weekday]);
  }
  ids.facial = await one(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'HydraFacial', 20000) RETURNING id`, [t]);
  await app.deps.db.ownerQuery(`INSERT INTO service_requirements (tenant_id, service_id, label, resource_ids) VALUES ($1, $2, 'Room', ARRAY[$3::uuid])`, [t, ids.facial, ids.room]);
  await app.deps.db.ownerQuery(`INSERT INTO service_phases (tenant_id, service_id, position, label, minutes, uses_provider, requirement_labels) VALUES ($1, $2, 0, 'Facial', 60, true, '{Room}')`, [t, ids.facial]);
  ids.adult = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Iris', 'Moreno', '1985-02-02') RETURNING id`, [t]);
  ids.minor = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Teo', 'Moreno', '2012-02-02') RETURNING id`, [t]);
  await app.deps.db.ownerQuery(`INSERT INTO client_guardians (tenant_id, client_id, full_name, relationship, phone) VALUES ($1, $2, 'Iris Moreno', 'Mother', '+13105550111')`, [t, ids.minor]);
  app.clock.now = new Date('2026-12-04T18:00:00Z'); // a Friday; the bookings are on the Monday after
  desk = await signIn(app, 'frontdesk@glow.example');
  manager = await signIn(app, 'manager@glow.example');
});
afterAll(() => app?.close());

async function book(clientId: string, time: string, date = '2026-12-07'): Promise<string> {
  const result = await withTenant(app.deps.db, { tenantId: app.spas.glow, requestId: 'test', actor: { kind: 'operator', id: ids.nurse! } }, (ctx) =>
    bookAppointment(ctx, { clientId, locationId: ids.location!, date, time, lines: [{ serviceId: ids.facial!, providerId: ids.nurse! }] }, app.clock.now),
  );
  if (!result.ok) throw new Error(result.message);
  return result.appointmentId;
}
const status = async (id: string) => (await rows<{ status: string }>('SELECT status FROM appointments WHERE id = $1', [id]))[0]!.status;
const heldCount = async (id: string) => (await rows<{ n: number }>('SELECT count(*)::int AS n FROM occupancy WHERE appointment_id = $1 AND held', [id]))[0]!.n;
const act = async (browser: TestBrowser, id: string, action: string, extra: Record<string, string> = {}) => {
  await browser.get(`/appointments/${id}`);
  return browser.post(`/appointments/${id}/status`, { action, ...extra });
};

describe('an appointment’s day', () => {
  it('shows the appointment (audited) and takes it through check-in, start and completion', async () => {
    const id = await book(ids.adult!, '09:00');
    const page = await desk.get(`/appointments/${id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Iris Moreno · 9:00 AM');
    expect(html).toContain('HydraFacial');
    expect(html).toContain('Treatment Room 1');
    expect((await rows(`SELECT 1 FROM audit_events WHERE action = 'read' AND record_type = 'appointment' AND record_id = $1 AND $2::uuid = ANY(client_ids)`, [id, ids.adult])).length).toBe(1);

    expect((await act(desk, id, 'start')).status).toBe(409); // not checked in yet
    for (const action of ['check_in', 'start', 'complete']) expect((await act(desk, id, action)).status, action).toBe(303);
    expect(await status(id)).toBe('completed');
    expect(await (await desk.get(`/clients/${ids.adult}`)).text()).toContain('1 visit, last Dec 7, 2026');
  });

  it('cancels only with a reason, frees the time and keeps the record', async () => {
    const id = await book(ids.adult!, '11:00');
    const missing = await act(desk, id, 'cancel', { reason: ' ' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Say why the appointment is cancelled.');
    expect(await status(id)).toBe('booked');
    expect((await act(desk, id, 'cancel', { reason: 'Client has the flu' })).status).toBe(303);
    expect(await status(id)).toBe('cancelled');
    expect(await heldCount(id)).toBe(0);
    expect((await rows('SELECT 1 FROM occupancy WHERE appointment_id = $1', [id])).length).toBeGreaterThan(0);
    await book(ids.adult!, '11:00'); // the time is free again
  });

  it('marks a no-show once its time has come, and frees the time', async () => {
    const id = await book(ids.adult!, '13:00'); // next Monday
    const early = await act(desk, id, 'no_show');
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('Not yet: a client is a no-show only once the appointment’s start time has passed.');
    expect(await (await desk.get(`/appointments/${id}`)).text()).not.toContain('No-show…');
    expect(await status(id)).toBe('booked');
    // One that started an hour ago (written as the owner: the booking service books no past time).
    const late = (await addVisit(app.deps.db, { tenantId: app.spas.glow, clientId: ids.adult!, locationId: ids.location!, serviceId: ids.facial!, providerId: ids.nurse!, startsAt: new Date(app.clock.now.getTime() - 3_600_000), status: 'booked' })).appointment;
    await app.deps.db.ownerQuery(
      `INSERT INTO occupancy (tenant_id, appointment_id, appointment_service_id, provider_id, during) SELECT tenant_id, appointment_id, id, provider_id, tstzrange(starts_at, ends_at) FROM appointment_services WHERE appointment_id = $1`,
      [late],
    );
    expect(await (await desk.get(`/appointments/${late}`)).text()).toContain('No-show…');
    expect((await act(desk, late, 'no_show')).status).toBe(303);
    expect(await status(late)).toBe('no_show');
    expect(await heldCount(late)).toBe(0);
  });

  it('moves an appointment to a free time, and refuses a taken one with the nearest free times', async () => {
    const id = await book(ids.adult!, '14:00', '2026-12-08');
    await book(ids.minor!, '16:00', '2026-12-08');
    await desk.get(`/appointments/${id}/move`);
    const moved = await desk.post(`/appointments/${id}/move`, { date: '2026-12-08', time: '15:00', provider_id: ids.nurse! });
    expect(moved.status).toBe(303);
    expect((await rows<{ starts: string }>(`SELECT to_char(starts_at AT TIME ZONE 'America/Los_Angeles', 'HH24:MI') AS starts FROM appointments WHERE id = $1`, [id]))[0]!.starts).toBe('15:00');
    expect(await heldCount(id)).toBe(2);

    await desk.get(`/appointments/${id}/move`);
    const taken = await desk.post(`/appointments/${id}/move`, { date: '2026-12-08', time: '15:30', provider_id: ids.nurse! });
    expect(taken.status).toBe(409);
    const html = await taken.text();
    expect(html).toContain('already booked');
    expect(html).toContain('Nearest free times');
    expect((await rows<{ starts: string }>(`SELECT to_char(starts_at AT TIME ZONE 'America/Los_Angeles', 'HH24:MI') AS starts FROM appointments WHERE id = $1`, [id]))[0]!.starts).toBe('15:00');

    const gap = await desk.post(`/appointments/${id}/move`, { date: '2026-03-08', time: '02:30', provider_id: ids.nurse! });
    expect(gap.status).toBe(400);
    expect(await gap.text()).toContain('does not exist in America/Los_Angeles');
  });
});

describe('changing an appointment’s length', () => {
  it('makes it longer or shorter in place, holding the provider and room for the new length, and refuses what does not fit', async () => {
    const id = await book(ids.adult!, '09:00', '2026-12-15');
    await book(ids.minor!, '10:30', '2026-12-15');
    await desk.get(`/appointments/${id}`);
    expect((await desk.post(`/appointments/${id}/resize`, { ends: '10:30' })).status).toBe(303);
    const held = await rows<{ ends: string }>(`SELECT max(to_char(upper(during) AT TIME ZONE 'America/Los_Angeles', 'HH24:MI')) AS ends FROM occupancy WHERE appointment_id = $1 AND held`, [id]);
    expect(held[0]!.ends).toBe('10:30');
    const tooLong = await desk.post(`/appointments/${id}/resize`, { ends: '11:00' }); // runs into the next booking
    expect(tooLong.status).toBe(409);
    expect(await tooLong.text()).toContain('already booked');
    const tooShort = await desk.post(`/appointments/${id}/resize`, { ends: '09:02' });
    expect(tooShort.status).toBe(400);
    expect(await tooShort.text()).toContain('shorter than 5 minutes');
    expect((await desk.post(`/appointments/${id}/resize`, { ends: '09:45' })).status).toBe(303);
    expect((await rows<{ ends: string }>(`SELECT to_char(ends_at AT TIME ZONE 'America/Los_Angeles', 'HH24:MI') AS ends FROM appointments WHERE id = $1`, [id]))[0]!.ends).toBe('09:45');
    // Moving it keeps its new length.
    await desk.get(`/appointments/${id}/move`);
    expect((await desk.post(`/appointments/${id}/move`, { date: '2026-12-15', time: '13:00', provider_id: ids.nurse! })).status).toBe(303);
    expect((await rows<{ ends: string }>(`SELECT to_char(ends_at AT TIME ZONE 'America/Los_Angeles', 'HH24:MI') AS ends FROM appointments WHERE id = $1`, [id]))[0]!.ends).toBe('13:45');
  });
});

describe('blocked time', () => {
  it('blocks a provider’s hour so nobody is booked into it, and refuses a block over a booking or with bad times', async () => {
    await desk.get(`/calendar/block?location=${ids.location}`);
    const base = { location_id: ids.location!, subject: `provider:${ids.nurse}`, date: '2026-12-11', reason: 'Team training' };
    const backwards = await desk.post('/calendar/block', { ...base, from: '14:00', to: '13:00' });
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain('The end must be after the start.');
    const stranger = await desk.post('/calendar/block', { ...base, subject: `provider:00000000-0000-4000-8000-000000000000`, from: '13:00', to: '14:00' });
    expect(stranger.status).toBe(400);
    expect((await desk.post('/calendar/block', { ...base, from: '13:00', to: '14:00' })).status).toBe(303);
    // The engine knows the block: the time is refused with a reason, not left to the database to catch.
    await expect(book(ids.adult!, '13:30', '2026-12-11')).rejects.toThrow(/already booked/);
    await book(ids.adult!, '10:00', '2026-12-11');
    await desk.get(`/calendar/block?location=${ids.location}`);
    const over = await desk.post('/calendar/block', { ...base, from: '10:30', to: '11:00' });
    expect(over.status).toBe(409);
    expect(await over.text()).toContain('already booked or blocked');
  });
});

describe('a series', () => {
  it('repeats an appointment every few weeks, booking each free date and reporting the taken one', async () => {
    const id = await book(ids.adult!, '12:00', '2026-12-14');
    await book(ids.minor!, '12:00', '2026-12-28'); // the second repeat's time is taken
    await desk.get(`/appointments/${id}`);
    const bad = await desk.post(`/appointments/${id}/repeat`, { every_weeks: '0', times: '3' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('At least every week.');
    const response = await desk.post(`/appointments/${id}/repeat`, { every_weeks: '1', times: '4' });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('2 of 3 more appointments booked');
    expect(html).toMatch(/Dec 28, 2026 at 12:00 PM: <span>not booked/);
    const series = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM appointments WHERE series_id = (SELECT series_id FROM appointments WHERE id = $1)`, [id]);
    expect(series[0]!.n).toBe(3);
  });
});

describe('minors at check-in (CRM-7)', () => {
  it('refuses to check in a minor without guardian authorization; a manager may override with a reason, audited', async () => {
    const id = await book(ids.minor!, '10:00', '2026-12-09');
    const refused = await act(desk, id, 'check_in');
    expect(refused.status).toBe(409);
    const deskHtml = await refused.text();
    expect(deskHtml).toContain('no guardian authorization is on file');
    expect(deskHtml).not.toContain('Why check in anyway');
    expect((await act(desk, id, 'check_in', { override_reason: 'Mother is here' })).status).toBe(409); // front desk cannot override
    expect(await status(id)).toBe('booked');

    const asked = await act(manager, id, 'check_in');
    expect(asked.status).toBe(409);
    expect(await asked.text()).toContain('Why check in anyway');
    expect((await act(manager, id, 'check_in', { override_reason: 'Mother present and signed the paper consent at the desk' })).status).toBe(303);
    expect(await status(id)).toBe('checked_in');
    const [row] = await rows<{ check_in_override: string }>('SELECT check_in_override FROM appointments WHERE id = $1', [id]);
    expect(row!.check_in_override).toContain('Mother present');
    expect((await rows(`SELECT 1 FROM audit_events WHERE action = 'override' AND record_id = $1`, [id])).length).toBe(1);
  });
});

describe('the client record', () => {
  it('lists the client’s appointments on its own tab, audited, for those who may see the calendar', async () => {
    const html = await (await desk.get(`/clients/${ids.adult}/appointments`)).text();
    expect(html).toContain('Coming up');
    expect(html).toContain('HydraFacial');
    expect(html).toContain('Client has the flu');
    expect((await rows(`SELECT 1 FROM audit_events WHERE record_type = 'client_appointments' AND $1::uuid = ANY(client_ids)`, [ids.adult])).length).toBeGreaterThan(0);
    const bookkeeper = await signIn(app, 'bookkeeper@glow.example');
    expect((await bookkeeper.get(`/clients/${ids.adult}/appointments`)).status).toBe(403);
    expect(await (await bookkeeper.get(`/clients/${ids.adult}`)).text()).not.toContain('>Appointments<');
  });
});

describe('who may do what', () => {
  it('keeps bookkeeping and marketing out, and answers 404 to another spa', async () => {
    const id = await book(ids.adult!, '09:00', '2026-12-10');
    for (const email of ['bookkeeper@glow.example', 'marketing@glow.example']) {
      const browser = await signIn(app, email);
      expect((await browser.get(`/appointments/${id}`)).status, email).toBe(403);
    }
    const outsider = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
    expect((await outsider.get(`/appointments/${id}`)).status).toBe(404);
    await outsider.get('/');
    expect((await outsider.post(`/appointments/${id}/status`, { action: 'cancel', reason: 'x' })).status).toBe(404);
    expect(await status(id)).toBe('booked');
  });
});

describe('forms at check-in (CRM-7, PUB-3)', () => {
  const DEF = {
    title: { en: 'Facial consent', es: 'Consentimiento facial' },
    items: [{ type: 'acknowledgement', id: 'risks', label: { en: 'I understand the risks.', es: 'Entiendo los riesgos.' }, required: true }],
  };
  async function template(name: string, kind: string, rule: string, renewal: number | null): Promise<string> {
    const t = app.spas.glow;
    const id = await one(`INSERT INTO form_templates (tenant_id, name, kind, rule, renewal_months) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [t, name, kind, rule, renewal]);
    await app.deps.db.ownerQuery(`INSERT INTO form_versions (tenant_id, template_id, version, definition) VALUES ($1, $2, 1, $3::jsonb)`, [t, id, JSON.stringify(DEF)]);
    return id;
  }
  const formOf = async (appointmentId: string, templateId: string) =>
    one(`SELECT id FROM client_forms WHERE appointment_id = $1 AND template_id = $2`, [appointmentId, templateId]);

  it('refuses check-in while the visit’s consent is unsigned, warns about an unsigned intake, and lets a manager override with a reason', async () => {
    const t = app.spas.glow;
    ids.consent = await template('Facial consent (check-in)', 'consent', 'per_service', null);
    await app.deps.db.ownerQuery(`INSERT INTO service_forms (tenant_id, service_id, template_id) VALUES ($1, $2, $3)`, [t, ids.facial, ids.consent]);
    ids.intake = await template('Intake (check-in)', 'intake', 'once_per_client', 12);

    const id = await book(ids.adult!, '11:00', '2026-12-11');
    const page = await (await desk.get(`/appointments/${id}`)).text();
    expect(page).toContain('Check-in needs a signature');
    expect(page).toContain('Facial consent (check-in)');
    expect(page).toMatch(/Still to sign: [^<]*Intake \(check-in\)\./);
    // The front desk sees which forms are signed; only those who read health records open them.
    const consentForm = await formOf(id, ids.consent!);
    expect(page).not.toContain(`/forms/${consentForm}`);
    expect(await (await manager.get(`/appointments/${id}`)).text()).toContain(`/clients/${ids.adult}/forms/${consentForm}`);

    const refused = await act(desk, id, 'check_in');
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('This form has not been signed: Facial consent (check-in).');
    expect(html).not.toContain('Intake (check-in).</p>'); // the intake only warns
    expect(html).not.toContain('Why check in anyway');
    expect(await status(id)).toBe('booked');

    expect((await act(manager, id, 'check_in')).status).toBe(409);
    for (const reason of ['ok', '   ']) {
      const terse = await act(manager, id, 'check_in', { override_reason: reason });
      expect(terse.status, reason).toBe(400);
      expect(await terse.text()).toContain('Say why you check them in anyway, in a few words.');
    }
    expect(await status(id)).toBe('booked');
    expect((await act(manager, id, 'check_in', { override_reason: 'Signed the paper consent at the desk; scanning it later' })).status).toBe(303);
    expect(await status(id)).toBe('checked_in');
    expect((await rows(`SELECT 1 FROM audit_events WHERE action = 'override' AND record_id = $1 AND $2::uuid = ANY(client_ids)`, [id, ids.adult])).length).toBe(1);
  });

  it('keeps refusing when the front desk voids the unsigned consent instead of having it signed', async () => {
    const id = await book(ids.adult!, '11:00', '2026-12-16');
    const form = await formOf(id, ids.consent!);
    await desk.get(`/clients/${ids.adult}/forms`);
    expect((await desk.post(`/clients/${ids.adult}/forms/${form}/void`, { reason: 'Client declined to sign' })).status).toBe(303);
    const refused = await act(desk, id, 'check_in');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('This form has not been signed: Facial consent (check-in) (voided).');
    expect(await status(id)).toBe('booked');
  });

  it('checks in once the consent is signed, still naming the unsigned intake', async () => {
    const id = await book(ids.adult!, '11:00', '2026-12-14');
    const form = await formOf(id, ids.consent!);
    const t = app.spas.glow;
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(80)]);
    await app.deps.db.ownerQuery(
      `INSERT INTO form_signatures (tenant_id, client_form_id, content, content_sha256, image_png, typed_name, signer_kind) VALUES ($1, $2, '{"definition": {}, "answers": {}}', $3, $4, 'Iris Moreno', 'client')`,
      [t, form, 'a'.repeat(64), png],
    );
    await app.deps.db.ownerQuery(`UPDATE client_forms SET status = 'signed', signed_at = now() WHERE id = $1`, [form]);

    expect((await act(desk, id, 'check_in')).status).toBe(303);
    const page = await (await desk.get(`/appointments/${id}`)).text();
    expect(page).not.toContain('Check-in needs a signature');
    expect(page).toMatch(/Still to sign: [^<]*Intake \(check-in\)\./);
    const provider = await signIn(app, 'provider@glow.example');
    expect(await (await provider.get(`/appointments/${id}`)).text()).toContain('Intake (check-in)');
  });
});

// Last: moves the clock to the Monday of the bookings.
describe('the Today page', () => {
  it('lists the day’s appointments per location in its own zone, audited with every client listed', async () => {
    app.clock.now = new Date('2026-12-07T16:00:00Z'); // 08:00 in Los Angeles
    const frontDesk = await signIn(app, 'frontdesk@glow.example');
    const response = await frontDesk.get('/');
    const html = await response.text();
    expect(html).toContain('Today’s appointments');
    expect(html).toMatch(/9:00 AM<\/strong> <a href="\/appointments\/[0-9a-f-]{36}">Iris Moreno<\/a>/);
    const requestId = response.headers.get('x-request-id');
    const audit = await rows<{ client_ids: string[] }>(`SELECT client_ids::text[] AS client_ids FROM audit_events WHERE request_id = $1 AND record_type = 'agenda'`, [requestId]);
    expect(audit[0]!.client_ids).toContain(ids.adult);
    const bookkeeper = await signIn(app, 'bookkeeper@glow.example');
    expect(await (await bookkeeper.get('/')).text()).not.toContain('Iris Moreno');
    // The front desk treats nobody: no "your appointments". The nurse sees hers first.
    expect(html).not.toContain('Your appointments today');
    const nurse = await (await (await signIn(app, 'provider@glow.example')).get('/')).text();
    expect(nurse).toMatch(/Your appointments today[^]*?9:00 AM<\/strong> <a href="\/appointments\/[0-9a-f-]{36}">Iris Moreno<\/a>[^]*?Santa Monica/);
  });
});
