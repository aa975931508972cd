import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchedule } from '../../src/modules/scheduling/demo-schedule.ts';
import { seedDemoAppointments, seedDemoHistory } from '../../src/modules/scheduling/demo-appointments.ts';
import { seedDemoClients } from '../../src/modules/clients/demo-clients.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';

// CRM-1 to CRM-3, SEC-2: locations, services with phases and staff schedules, set up by owners and managers.
let app: TestApp;
let owner: TestBrowser;
const ids: Record<string, string> = {};

async function rows<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await app.deps.db.ownerQuery(sql, values)).rows as T[];
}
const count = async (table: string, where = 'true', values: unknown[] = []) =>
  (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND ${where}`, [app.spas.glow, ...values]))[0]!.n;

/** The inline error shown beside a control (by the control's id). */
function errorBeside(html: string, controlId: string): string | undefined {
  const m = new RegExp(`id="${controlId}-error"[^>]*>[\\s\\S]*?<span>([\\s\\S]*?)</span>`).exec(html);
  return m?.[1];
}

const WEEK = {
  mon_open: '09:00', mon_close: '18:00',
  tue_open: '09:00', tue_close: '19:00',
  wed_open: '09:00', wed_close: '19:00',
  thu_open: '09:00', thu_close: '19:00',
  fri_open: '09:00', fri_close: '17:00',
  sat_open: '10:00', sat_close: '13:00', sat_open2: '14:00', sat_close2: '16:00',
  sun_closed: 'on',
};
const LOCATION = { name: 'Beverly Hills', timezone: 'America/Los_Angeles', address_line1: '9454 Wilshire Blvd', address_line2: 'Suite 300', city: 'Beverly Hills', region: 'CA', postal_code: '90212', phone: '+1 310 555 0199', ...WEEK };

beforeAll(async () => {
  app = await startTestApp();
  owner = await signIn(app, 'owner@glow.example');
  const one = async (sql: string) => (await rows<{ id: string }>(sql, [app.spas.glow]))[0]!.id;
  ids.santaMonica = await one(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Santa Monica'`);
  ids.pasadena = await one(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Pasadena'`);
  ids.room1 = await one(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Treatment Room 1'`);
  ids.room2 = await one(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Treatment Room 2'`);
  ids.laser = await one(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Laser 1 (Nd:YAG)'`);
  ids.provider = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`);
});
afterAll(() => app?.close());

describe('locations', () => {
  it('creates a location with its hours, edits it, and records a closure and a room', async () => {
    await owner.get('/settings/locations/new');
    const created = await owner.post('/settings/locations', LOCATION);
    expect(created.status, (await created.clone().text()).slice(0, 200)).toBe(303);
    const id = /^\/settings\/locations\/([0-9a-f-]{36})\?done=created$/.exec(created.headers.get('location') ?? '')![1]!;
    const [stored] = await rows<{ business_hours: Record<string, string[][]>; timezone: string }>('SELECT business_hours, timezone FROM locations WHERE id = $1', [id]);
    expect(stored!.business_hours.sat).toEqual([['10:00', '13:00'], ['14:00', '16:00']]);
    expect(stored!.business_hours.sun).toEqual([]);

    const edited = await owner.post(`/settings/locations/${id}`, { ...LOCATION, name: 'Beverly Hills — Wilshire', timezone: 'America/New_York', mon_closed: 'on' });
    expect(edited.status).toBe(303);
    const [after] = await rows<{ name: string; business_hours: Record<string, string[][]>; timezone: string }>('SELECT name, business_hours, timezone FROM locations WHERE id = $1', [id]);
    expect(after).toMatchObject({ name: 'Beverly Hills — Wilshire', timezone: 'America/New_York' });
    expect(after!.business_hours.mon).toEqual([]);

    const year = app.clock.now.getUTCFullYear() + 1;
    expect((await owner.post(`/settings/locations/${id}/closures`, { starts_on: `${year}-12-24`, ends_on: `${year}-12-26`, reason: 'Winter holidays' })).status).toBe(303);
    expect((await owner.post(`/settings/locations/${id}/resources`, { kind: 'room', name: 'Suite A' })).status).toBe(303);
    const page = await (await owner.get(`/settings/locations/${id}`)).text();
    expect(page).toContain('Winter holidays');
    expect(page).toContain('Suite A');
    expect(page).not.toContain('still booked');
    // A visit booked before the closure (10:00 on Christmas Day in New York): the closure says so.
    const [client] = await rows<{ id: string }>(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Holly', 'Closed', '1985-05-05') RETURNING id`, [app.spas.glow]);
    const [visit] = await rows<{ id: string }>(`INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [app.spas.glow, client!.id, id, `${year}-12-25T15:00:00Z`, `${year}-12-25T15:30:00Z`]);
    const warned = await (await owner.get(`/settings/locations/${id}`)).text();
    expect(warned).toMatch(/Winter holidays[^]*1 appointment still booked[^]*Move or cancel them on the calendar/);
    expect(warned).toContain(`/calendar?view=week&amp;date=${year}-12-24&amp;location=${id}`);
    expect(warned).not.toContain('Holly'); // a count, no client read
    await rows('DELETE FROM appointments WHERE id = $1', [visit!.id]);
    const [room] = await rows<{ id: string }>(`SELECT id FROM resources WHERE location_id = $1`, [id]);
    expect((await owner.post(`/settings/locations/${id}/resources/${room!.id}`, { name: 'Suite B' })).status).toBe(303);
    expect((await owner.post(`/settings/locations/${id}/resources/${room!.id}/deactivate`, {})).status).toBe(303);
    expect(await rows('SELECT name, active FROM resources WHERE id = $1', [room!.id])).toEqual([{ name: 'Suite B', active: false }]);
    const [closure] = await rows<{ id: string }>('SELECT id FROM location_closures WHERE location_id = $1', [id]);
    expect((await owner.post(`/settings/locations/${id}/closures/${closure!.id}/delete`, {})).status).toBe(303);
    expect(await count('location_closures', 'location_id = $2', [id])).toBe(0);
    const audit = await rows<{ action: string; record_type: string }>(`SELECT action, record_type FROM audit_events WHERE tenant_id = $1 AND record_type IN ('location', 'resource', 'location_closure') ORDER BY occurred_at`, [app.spas.glow]);
    expect(audit.map((a) => `${a.action} ${a.record_type}`)).toEqual(['create location', 'update location', 'create location_closure', 'create resource', 'update resource', 'deactivate resource', 'delete location_closure']);
  });

  it('refuses bad hours, an unknown zone and overlapping ranges beside the field, keeps the input, and writes nothing', async () => {
    const before = await count('locations');
    await owner.get('/settings/locations/new');
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ tue_open: '18:00', tue_close: '09:00' }, 'tue_close', /must be after 18:00/],
      [{ timezone: 'Mars/Olympus_Mons' }, 'field-timezone', /time zone/],
      [{ wed_open: '09:00', wed_close: '14:00', wed_open2: '13:00', wed_close2: '18:00' }, 'wed_open2', /overlap/],
      [{ thu_open: '', thu_close: '' }, 'thu_open', /Thursday/],
    ];
    for (const [change, field, message] of cases) {
      const response = await owner.post('/settings/locations', { ...LOCATION, name: 'Culver City', ...change });
      const html = await response.text();
      expect(response.status, field).toBe(400);
      expect(errorBeside(html, field), field).toMatch(message);
      expect(html).toContain('value="Culver City"');
      expect(html).toContain('value="9454 Wilshire Blvd"');
    }
    const edit = await owner.post(`/settings/locations/${ids.santaMonica}`, { ...LOCATION, name: 'Santa Monica', fri_open: '17:00', fri_close: '09:00' });
    expect(edit.status).toBe(400);
    expect(await count('locations')).toBe(before);
    expect((await rows<{ business_hours: Record<string, unknown> }>('SELECT business_hours FROM locations WHERE id = $1', [ids.santaMonica]))[0]!.business_hours.fri).toEqual([['09:00', '17:00']]);
  });
});

const NEUROTOXIN: [string, string][] = [
  ['name', 'Neurotoxin — crow’s feet'],
  ['category', 'Injectables'],
  ['price', '$450'],
  ['online_bookable', 'on'],
  ['credentials', 'RN'],
  ['credentials', 'NP'],
  ['credentials', 'MD'],
  ['req_0_label', 'Room'],
  ['req_0_resources', ''],
  ['req_1_label', 'Laser'],
  ['req_1_resources', ''],
  ['phase_0_label', 'Numbing'],
  ['phase_0_minutes', '20'],
  ['phase_0_client', 'on'],
  ['phase_0_holds', 'Room'],
  ['phase_1_label', 'Treatment'],
  ['phase_1_minutes', '30'],
  ['phase_1_provider', 'on'],
  ['phase_1_client', 'on'],
  ['phase_1_holds', 'Room, Laser'],
  ['phase_2_label', ''],
  ['phase_2_minutes', ''],
  ['phase_2_client', 'on'],
];
/** The service form with the rooms filled in and any fields replaced. */
function serviceForm(change: Record<string, string> = {}): [string, string][] {
  const pairs = NEUROTOXIN.flatMap(([k, v]): [string, string][] => {
    if (k === 'req_0_resources') return [[k, ids.room1!], [k, ids.room2!]];
    if (k === 'req_1_resources') return [[k, ids.laser!]];
    return [[k, k in change ? change[k]! : v]];
  });
  for (const [k, v] of Object.entries(change)) if (!pairs.some(([p]) => p === k)) pairs.push([k, v]);
  return pairs;
}

describe('services', () => {
  it('saves a service with requirements and phases, shows its timeline, replaces phases on edit, and deactivates it', async () => {
    await owner.get('/settings/services/new');
    const created = await owner.postPairs('/settings/services', serviceForm());
    expect(created.status, (await created.clone().text()).replace(/\s+/g, ' ').slice(0, 400)).toBe(303);
    const id = /^\/settings\/services\/([0-9a-f-]{36})\?done=created$/.exec(created.headers.get('location') ?? '')![1]!;
    expect(await rows('SELECT price_cents, online_bookable, required_credentials FROM services WHERE id = $1', [id])).toEqual([{ price_cents: 45000, online_bookable: true, required_credentials: ['RN', 'NP', 'MD'] }]);
    expect(await rows('SELECT label, resource_ids FROM service_requirements WHERE service_id = $1 ORDER BY label', [id])).toEqual([
      { label: 'Laser', resource_ids: [ids.laser] },
      { label: 'Room', resource_ids: [ids.room1, ids.room2] },
    ]);
    expect(await rows('SELECT position, label, minutes, uses_provider, uses_client, requirement_labels FROM service_phases WHERE service_id = $1 ORDER BY position', [id])).toEqual([
      { position: 0, label: 'Numbing', minutes: 20, uses_provider: false, uses_client: true, requirement_labels: ['Room'] },
      { position: 1, label: 'Treatment', minutes: 30, uses_provider: true, uses_client: true, requirement_labels: ['Room', 'Laser'] },
    ]);

    const page = await (await owner.get(`/settings/services/${id}`)).text();
    expect(page).toContain('class="phase-timeline"');
    expect(page).toMatch(/<strong>Numbing<\/strong> · 20 min/);
    expect(page).toMatch(/<strong>Treatment<\/strong> · 30 min <span class="muted">\(provider \+ client \+ Room \+ Laser\)<\/span>/);
    expect(page).toContain('50 min in all');
    const list = await (await owner.get('/settings/services')).text();
    expect(list).toContain('Injectables');
    expect(list).toContain('$450');

    const edited = await owner.postPairs(`/settings/services/${id}`, serviceForm({ phase_0_label: '', phase_0_minutes: '', phase_0_holds: '', price: '475.50' }));
    expect(edited.status).toBe(303);
    expect(await rows('SELECT position, label FROM service_phases WHERE service_id = $1', [id])).toEqual([{ position: 0, label: 'Treatment' }]);
    expect((await rows<{ price_cents: number }>('SELECT price_cents FROM services WHERE id = $1', [id]))[0]!.price_cents).toBe(47550);

    expect((await owner.post(`/settings/services/${id}/deactivate`, {})).status).toBe(303);
    expect((await rows<{ active: boolean }>('SELECT active FROM services WHERE id = $1', [id]))[0]!.active).toBe(false);
    const audit = await rows<{ action: string }>(`SELECT action FROM audit_events WHERE tenant_id = $1 AND record_type = 'service' AND record_id = $2 ORDER BY occurred_at`, [app.spas.glow, id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'deactivate']);
  });

  it('refuses a bad price, an unknown requirement and a service nobody performs, beside the field, keeping the input', async () => {
    const before = await count('services');
    await owner.get('/settings/services/new');
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ price: 'abc' }, 'field-price', /dollars/],
      [{ phase_1_holds: 'Room, Mirror' }, 'field-phase_1_holds', /“Mirror” is not one of this service’s requirements/],
      [{ phase_1_provider: '' }, 'phases', /must use the provider/],
      [{ phase_0_minutes: '500', phase_1_minutes: '300' }, 'phases', /at most 12 hours/],
    ];
    for (const [change, field, message] of cases) {
      const response = await owner.postPairs('/settings/services', serviceForm({ name: 'Glass skin facial', ...change }));
      const html = await response.text();
      expect(response.status, field).toBe(400);
      expect(errorBeside(html, field), field).toMatch(message);
      expect(html).toContain('value="Glass skin facial"');
      expect(html).toContain(`value="${change.price ?? '$450'}"`);
    }
    expect(await count('services')).toBe(before);
    expect(await count('service_phases')).toBe(1);
  });
});

describe('staff schedules', () => {
  const week = (location: string, fields: Record<string, string>) => owner.post(`/settings/schedules/${ids.provider}/hours/${location}`, fields);

  it('saves a week with a break, and refuses the same hours at a second location', async () => {
    await owner.get(`/settings/schedules/${ids.provider}`);
    expect((await week(ids.santaMonica!, { tue_start: '09:00', tue_end: '17:00', tue_break_start: '12:30', tue_break_end: '13:00', thu_start: '09:00', thu_end: '13:00' })).status).toBe(303);
    expect(await rows(`SELECT weekday, kind, to_char(starts, 'HH24:MI') AS starts, to_char(ends, 'HH24:MI') AS ends FROM staff_hours WHERE operator_id = $1 ORDER BY weekday, starts`, [ids.provider])).toEqual([
      { weekday: 2, kind: 'work', starts: '09:00', ends: '17:00' },
      { weekday: 2, kind: 'break', starts: '12:30', ends: '13:00' },
      { weekday: 4, kind: 'work', starts: '09:00', ends: '13:00' },
    ]);

    const clash = await week(ids.pasadena!, { tue_start: '16:00', tue_end: '20:00', thu_start: '14:00', thu_end: '19:00' });
    const html = await clash.text();
    expect(clash.status).toBe(409);
    expect(errorBeside(html, `l-${ids.pasadena!.slice(0, 8)}-tue_start`)).toMatch(/On Tuesdays they already work at Santa Monica 9:00 AM–5:00 PM/);
    expect(html).toContain('value="20:00"');
    expect(await count('staff_hours', 'location_id = $2', [ids.pasadena])).toBe(0);

    expect((await week(ids.pasadena!, { thu_start: '14:00', thu_end: '19:00' })).status).toBe(303);
    const bad = await week(ids.pasadena!, { fri_start: '10:00', fri_end: '18:00', fri_break_start: '09:00', fri_break_end: '10:30' });
    expect(bad.status).toBe(400);
    expect(errorBeside(await bad.text(), `l-${ids.pasadena!.slice(0, 8)}-fri_break_start`)).toMatch(/inside the working hours/);
    const list = await (await owner.get('/settings/schedules')).text();
    expect(list).toMatch(/Santa Monica: Tue, Thu/);
  });

  it('refuses a one-off day that overlaps work at another location, and accepts a day off', async () => {
    await owner.get(`/settings/schedules/${ids.provider}`);
    const tuesday = `${app.clock.now.getUTCFullYear() + 1}-06-01`; // a Tuesday in 2027; the check below keeps the test honest
    expect(new Date(`${tuesday}T12:00:00Z`).getUTCDay()).toBe(2);
    const clash = await owner.post(`/settings/schedules/${ids.provider}/day-changes`, { location_id: ids.pasadena!, on_date: tuesday, day_open: '08:00', day_close: '10:00', note: '' });
    expect(clash.status).toBe(409);
    expect(errorBeside(await clash.text(), 'field-day_open')).toMatch(/Santa Monica 9:00 AM–5:00 PM/);
    expect((await owner.post(`/settings/schedules/${ids.provider}/day-changes`, { location_id: ids.santaMonica!, on_date: tuesday, off: 'on', note: 'Conference' })).status).toBe(303);
    expect((await owner.post(`/settings/schedules/${ids.provider}/day-changes`, { location_id: ids.pasadena!, on_date: tuesday, day_open: '08:00', day_close: '10:00', note: 'Covering' })).status).toBe(303);
    expect(await rows('SELECT location_id, hours FROM staff_day_changes WHERE operator_id = $1 ORDER BY note', [ids.provider])).toEqual([
      { location_id: ids.santaMonica, hours: [] },
      { location_id: ids.pasadena, hours: [['08:00', '10:00']] },
    ]);
  });

  it('stores time off as the instants of the location’s zone, across a daylight-saving change', async () => {
    await owner.get(`/settings/schedules/${ids.provider}`);
    const response = await owner.post(`/settings/schedules/${ids.provider}/time-off`, { location_id: ids.santaMonica!, starts_on: '2026-11-01', starts_time: '00:00', ends_on: '2026-11-02', ends_time: '00:00', reason: 'Family' });
    expect(response.status).toBe(303);
    expect(await rows(`SELECT lower(during) AS "from", upper(during) AS "to", extract(epoch FROM upper(during) - lower(during))::int / 3600 AS hours FROM staff_time_off WHERE operator_id = $1`, [ids.provider])).toEqual([
      { from: new Date('2026-11-01T07:00:00Z'), to: new Date('2026-11-02T08:00:00Z'), hours: 25 },
    ]);
    const gap = await owner.post(`/settings/schedules/${ids.provider}/time-off`, { location_id: ids.santaMonica!, starts_on: '2027-03-14', starts_time: '02:30', ends_on: '2027-03-14', ends_time: '', reason: '' });
    expect(gap.status).toBe(400);
    expect(errorBeside(await gap.text(), 'field-starts_time')).toMatch(/does not exist/);
    const backwards = await owner.post(`/settings/schedules/${ids.provider}/time-off`, { location_id: ids.santaMonica!, starts_on: '2027-03-20', starts_time: '', ends_on: '2027-03-19', ends_time: '', reason: '' });
    expect(backwards.status).toBe(400);
    expect(await count('staff_time_off')).toBe(1);
  });

  it('lists the provider’s future appointments on their schedule and on the deactivation confirmation', async () => {
    const [client] = await rows<{ id: string }>(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Rosalind', 'Achterberg', '1980-02-02') RETURNING id`, [app.spas.glow]);
    const [service] = await rows<{ id: string }>(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'Skin check', 0) RETURNING id`, [app.spas.glow]);
    const at = new Date(app.clock.now.getTime() + 3 * 86_400_000);
    const later = new Date(at.getTime() + 30 * 60_000);
    for (const [status, start] of [['booked', at], ['cancelled', at], ['completed', new Date(app.clock.now.getTime() - 86_400_000)]] as const) {
      const end = new Date(start.getTime() + 30 * 60_000);
      const [appointment] = await rows<{ id: string }>(
        `INSERT INTO appointments (tenant_id, client_id, location_id, status, starts_at, ends_at, cancel_reason) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [app.spas.glow, client!.id, ids.santaMonica, status, start, end, status === 'cancelled' ? 'Client asked' : null],
      );
      await rows(`INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, price_cents) VALUES ($1, $2, 0, $3, $4, $5, $6, 0)`, [
        app.spas.glow, appointment!.id, service!.id, ids.provider, start, end,
      ]);
    }
    expect(later > at).toBe(true);
    const schedule = await (await owner.get(`/settings/schedules/${ids.provider}`)).text();
    expect(schedule.match(/Skin check · Rosalind Achterberg/g)).toHaveLength(1);
    const staff = await (await owner.get(`/settings/staff/${ids.provider}`)).text();
    expect(staff).toContain('They have 1 upcoming appointment.');
    expect(staff).toContain('Skin check · Rosalind Achterberg');
    const audited = await rows<{ client_ids: string[] }>(`SELECT client_ids FROM audit_events WHERE tenant_id = $1 AND record_type = 'appointment_list' AND record_id = $2`, [app.spas.glow, ids.provider]);
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited.every((a) => a.client_ids.includes(client!.id))).toBe(true);

    // Time off recorded over it afterwards: the schedule says so and marks the appointment to move.
    expect(schedule).not.toContain('During time off');
    await rows(`INSERT INTO staff_time_off (tenant_id, operator_id, during, reason) VALUES ($1, $2, tstzrange($3, $4), 'Course')`, [app.spas.glow, ids.provider, new Date(at.getTime() - 3_600_000), new Date(at.getTime() + 7_200_000)]);
    const after = await (await owner.get(`/settings/schedules/${ids.provider}`)).text();
    expect(after).toContain('1 booked appointment falls in their time off');
    expect(after).toMatch(/Skin check · Rosalind Achterberg <span class="badge[^"]*">During time off<\/span>/);
  });
});

describe('who may set up', () => {
  const setupRoutes = () => app.http.routes.filter((r) => r.surface === 'spa' && /^\/settings\/(locations|services|schedules)/.test(r.path));
  const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, () => randomUUID());

  it('declares manage:schedule:any on every setup route', () => {
    expect(setupRoutes().length).toBeGreaterThanOrEqual(20);
    expect(setupRoutes().filter((r) => r.access !== 'manage:schedule:any')).toEqual([]);
  });

  it('answers 403 to front desk, providers, bookkeepers and marketing on every setup route, and changes nothing', async () => {
    const before = await count('services');
    for (const who of ['frontdesk', 'provider', 'bookkeeper', 'marketing']) {
      const browser = await signIn(app, `${who}@glow.example`);
      expect(await browser.get('/')).toBeTruthy();
      for (const route of setupRoutes()) {
        const response = route.method === 'GET' ? await browser.get(concrete(route.path)) : await browser.postPairs(concrete(route.path), serviceForm({ name: 'Sneaky' }));
        expect(response.status, `${who} ${route.method} ${route.path}`).toBe(403);
      }
      const home = await (await browser.get('/')).text();
      expect(home).not.toContain('href="/settings/services"');
    }
    expect(await count('services')).toBe(before);
  });

  it('shows the manager the setup sections', async () => {
    const manager = await signIn(app, 'manager@glow.example');
    const home = await (await manager.get('/')).text();
    for (const href of ['/settings/services', '/settings/schedules', '/settings/locations']) expect(home).toContain(`href="${href}"`);
    expect((await manager.get('/settings/services')).status).toBe(200);
  });

  it('answers 404 to another spa for glow’s locations, services and staff, and changes nothing', async () => {
    const outsider = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
    const [service] = await rows<{ id: string }>(`SELECT id FROM services WHERE tenant_id = $1 LIMIT 1`, [app.spas.glow]);
    await outsider.get('/settings/services');
    const probes: [string, string, [string, string][]][] = [
      ['GET', `/settings/locations/${ids.santaMonica}`, []],
      ['POST', `/settings/locations/${ids.santaMonica}`, Object.entries({ ...LOCATION, name: 'Taken over' })],
      ['POST', `/settings/locations/${ids.santaMonica}/resources`, [['kind', 'room'], ['name', 'Intruder']]],
      ['POST', `/settings/locations/${ids.santaMonica}/resources/${ids.room1}/deactivate`, []],
      ['GET', `/settings/services/${service!.id}`, []],
      ['POST', `/settings/services/${service!.id}`, serviceForm({ name: 'Taken over' })],
      ['POST', `/settings/services/${service!.id}/deactivate`, []],
      ['GET', `/settings/schedules/${ids.provider}`, []],
      ['POST', `/settings/schedules/${ids.provider}/hours/${ids.santaMonica}`, [['mon_start', '09:00'], ['mon_end', '10:00']]],
      ['POST', `/settings/schedules/${ids.provider}/time-off`, Object.entries({ location_id: ids.santaMonica!, starts_on: '2027-01-01', starts_time: '', ends_on: '2027-01-02', ends_time: '', reason: '' })],
    ];
    const before = await rows(`SELECT (SELECT count(*) FROM resources) AS resources, (SELECT count(*) FROM staff_hours) AS hours, (SELECT count(*) FROM staff_time_off) AS off,
      (SELECT name FROM locations WHERE id = $1) AS location, (SELECT name || active FROM services WHERE id = $2) AS service`, [ids.santaMonica, service!.id]);
    for (const [method, path, pairs] of probes) {
      const response = method === 'GET' ? await outsider.get(path) : await outsider.postPairs(path, pairs);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(await rows(`SELECT (SELECT count(*) FROM resources) AS resources, (SELECT count(*) FROM staff_hours) AS hours, (SELECT count(*) FROM staff_time_off) AS off,
      (SELECT name FROM locations WHERE id = $1) AS location, (SELECT name || active FROM services WHERE id = $2) AS service`, [ids.santaMonica, service!.id])).toEqual(before);
  });
});

describe('the demo spa', () => {
  it('gets a menu of services with phases and weeks for its clinicians, through the same services', async () => {
    await app.deps.db.ownerQuery('DELETE FROM staff_hours WHERE tenant_id = $1', [app.spas.glow]); // as on a fresh demo spa
    await seedDemoSchedule(app.deps.db, app.spas.glow, app.clock.now);
    const [toxin] = await rows<{ id: string; required_credentials: string[] }>(`SELECT id, required_credentials FROM services WHERE tenant_id = $1 AND name = 'Neurotoxin — forehead & glabella'`, [app.spas.glow]);
    expect(toxin!.required_credentials).toEqual(['RN', 'NP', 'MD', 'PA', 'DO']);
    expect(await rows('SELECT label, minutes, uses_provider, uses_client, requirement_labels FROM service_phases WHERE service_id = $1 ORDER BY position', [toxin!.id])).toEqual([
      { label: 'Numbing', minutes: 15, uses_provider: false, uses_client: true, requirement_labels: ['Room'] },
      { label: 'Treatment', minutes: 20, uses_provider: true, uses_client: true, requirement_labels: ['Room'] },
    ]);
    expect(await count('service_requirements', `label = 'Laser' AND service_id = (SELECT id FROM services WHERE name = 'Laser hair removal — underarms')`)).toBe(1);
    const list = await (await owner.get('/settings/services')).text();
    for (const name of ['Dermal filler — lips', 'Laser hair removal — underarms', 'HydraFacial', 'Consultation']) expect(list).toContain(name);
    const schedules = await (await owner.get('/settings/schedules')).text();
    expect(schedules).toMatch(/Pasadena: Tue/);
    expect(await count('credentials', `kind = 'MD'`)).toBe(1);
  });

  it('gets a week of bookings made through the booking service, with their holds, at both locations', async () => {
    await seedDemoClients(app.deps.db, app.spas.glow, app.clock.now);
    const booked = await seedDemoAppointments(app.deps.db, app.spas.glow, app.clock.now);
    expect(booked).toBeGreaterThan(15);
    expect(await count('appointments', `created_at >= now() - interval '1 minute'`)).toBeGreaterThanOrEqual(booked);
    const locations = await rows<{ n: number }>(`SELECT count(DISTINCT location_id)::int AS n FROM appointments WHERE tenant_id = $1`, [app.spas.glow]);
    expect(locations[0]!.n).toBe(2);
    const overlaps = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM occupancy a JOIN occupancy b ON a.tenant_id = b.tenant_id AND a.id < b.id AND a.held AND b.held AND a.during && b.during
        AND (a.provider_id = b.provider_id OR a.resource_id = b.resource_id) WHERE a.tenant_id = $1`,
      [app.spas.glow],
    );
    expect(overlaps[0]!.n).toBe(0);
  });

  it('gets completed visits in the weeks before, so "New client" marks only those who never came', async () => {
    const written = await seedDemoHistory(app.deps.db, app.spas.glow, app.clock.now);
    expect(written).toBeGreaterThan(5);
    const seen = await rows<{ been: number; adults: number }>(
      `SELECT count(*) FILTER (WHERE first_visit_at IS NOT NULL)::int AS been, count(*)::int AS adults FROM clients WHERE tenant_id = $1 AND date_of_birth < now() - interval '18 years'`,
      [app.spas.glow],
    );
    expect(seen[0]!.been).toBeGreaterThanOrEqual(written); // each a different client, kept by the first-visit trigger
    expect(seen[0]!.been).toBeLessThan(seen[0]!.adults);
    const past = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM appointments WHERE tenant_id = $1 AND status = 'completed' AND ends_at < $2`, [app.spas.glow, app.clock.now]);
    expect(past[0]!.n).toBeGreaterThanOrEqual(written);
  });
});
