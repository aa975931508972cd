import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type ServiceCtx } from '../../src/infra/db/tenant.ts';
import { bookAppointment, SlotTakenError, type BookingRequest } from '../../src/modules/scheduling/booking/book.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { testBackend } from '../support/test-db.ts';

// CRM-4 and issue 5: booking checks the time with the availability engine; the database makes a double booking impossible.
let app: TestApp;
const ids: Record<string, string> = {};

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

beforeAll(async () => {
  app = await startTestApp();
  const t = app.spas.glow;
  ids.location = await one(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Santa Monica'`, [t]);
  ids.roomA = await one(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Treatment Room 1'`, [t]);
  ids.roomB = await one(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Treatment Room 2'`, [t]);
  ids.nurse = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [t]);
  ids.manager = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'manager@glow.example'`, [t]);
  for (const op of [ids.nurse, ids.manager]) {
    for (const weekday of [1, 2, 3, 4, 5]) {
      await app.deps.db.ownerQuery(`INSERT INTO staff_hours (tenant_id, operator_id, location_id, weekday, starts, ends) VALUES ($1, $2, $3, $4, '09:00', '17:00')`, [t, op, ids.location, weekday]);
    }
  }
  await app.deps.db.ownerQuery(`INSERT INTO credentials (tenant_id, operator_id, kind, licence_number, licence_state, expires_on) VALUES ($1, $2, 'RN', 'RN-1', 'CA', '2030-01-01')`, [t, ids.nurse]);
  ids.toxin = await one(`INSERT INTO services (tenant_id, name, price_cents, required_credentials) VALUES ($1, 'Neurotoxin', 45000, '{RN,NP,MD}') RETURNING id`, [t]);
  await app.deps.db.ownerQuery(`INSERT INTO service_requirements (tenant_id, service_id, label, resource_ids) VALUES ($1, $2, 'Room', ARRAY[$3::uuid, $4::uuid])`, [t, ids.toxin, ids.roomA, ids.roomB]);
  await app.deps.db.ownerQuery(
    `INSERT INTO service_phases (tenant_id, service_id, position, label, minutes, uses_provider, requirement_labels) VALUES
       ($1, $2, 0, 'Numbing', 20, false, '{Room}'), ($1, $2, 1, 'Treatment', 30, true, '{Room}')`,
    [t, ids.toxin],
  );
  for (const name of ['Ava', 'Bea', 'Cy']) {
    ids[name] = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, $2, 'Client', '1990-01-01') RETURNING id`, [t, name]);
  }
  // Monday 7 December 2026, 09:00 in Los Angeles is 17:00 UTC; "now" is the Friday before.
  app.clock.now = new Date('2026-12-04T18:00:00Z');
});
afterAll(() => app?.close());

const scope = () => ({ tenantId: app.spas.glow, requestId: 'booking-test', actor: { kind: 'operator' as const, id: ids.manager! } });
const book = (req: Partial<BookingRequest>) =>
  withTenant(app.deps.db, scope(), (ctx: ServiceCtx) =>
    bookAppointment(ctx, { clientId: ids.Ava!, locationId: ids.location!, date: '2026-12-07', time: '09:00', lines: [{ serviceId: ids.toxin!, providerId: ids.nurse! }], ...req }, app.clock.now),
  );
const holds = async (appointmentId: string) =>
  (
    await app.deps.db.ownerQuery<{ who: string; starts: string; ends: string }>(
      `SELECT coalesce(provider_id, resource_id)::text AS who, to_char(lower(during) AT TIME ZONE 'UTC', 'HH24:MI') AS starts, to_char(upper(during) AT TIME ZONE 'UTC', 'HH24:MI') AS ends
         FROM occupancy WHERE appointment_id = $1 ORDER BY lower(during), 1`,
      [appointmentId],
    )
  ).rows;

describe('booking', () => {
  it('holds the room for the whole service and the provider only while treating', async () => {
    const result = await book({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [room] = result.slot.assignment[0]!.resources;
    expect(await holds(result.appointmentId)).toEqual([
      { who: room!.resourceId, starts: '17:00', ends: '17:50' },
      { who: ids.nurse, starts: '17:20', ends: '17:50' },
    ]);
    expect((await app.deps.db.ownerQuery(`SELECT 1 FROM audit_events WHERE record_type = 'appointment' AND record_id = $1 AND $2::uuid = ANY(client_ids)`, [result.appointmentId, ids.Ava])).rowCount).toBe(1);
  });

  it('lets the provider treat a second client while the first is numbing, in the other room', async () => {
    const second = await book({ clientId: ids.Bea!, time: '08:40' });
    expect(second.ok, JSON.stringify(second)).toBe(false); // 08:40 is before opening: refused with a reason
    const result = await book({ clientId: ids.Bea!, time: '09:20' });
    // The nurse treats Ava 09:20–09:50, so Bea's treatment (09:40–10:10) cannot start then …
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toBe(409);
    // … but Bea can start numbing at 09:30 in the second room and be treated 09:50–10:20.
    const fits = await book({ clientId: ids.Bea!, time: '09:30' });
    expect(fits.ok, JSON.stringify(fits)).toBe(true);
    if (!fits.ok) return;
    const avaRoom = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT resource_id AS id FROM occupancy WHERE resource_id IS NOT NULL AND during @> '2026-12-07 17:30Z'::timestamptz AND appointment_id <> $1`, [fits.appointmentId])).rows[0]!.id;
    expect(fits.slot.assignment[0]!.resources[0]!.resourceId).not.toBe(avaRoom);
    expect(fits.slot.assignment[0]!.providerId).toBe(ids.nurse);
  });

  it('refuses bad requests with a clear message and writes nothing', async () => {
    const before = (await app.deps.db.ownerQuery('SELECT count(*)::int AS n FROM appointments')).rows[0]!.n;
    const cases: [Partial<BookingRequest>, RegExp][] = [
      [{ time: '08:00' }, /outside Santa Monica’s hours or the provider’s schedule/],
      [{ date: '2026-12-06' }, /outside Santa Monica’s hours/], // a Sunday
      [{ lines: [{ serviceId: ids.toxin!, providerId: ids.manager! }] }, /cannot perform Neurotoxin: it needs a valid licence \(RN, NP, MD\)/],
      [{ time: '25:00' }, /Enter a date like/],
      [{ date: '2026-03-08', time: '02:30' }, /does not exist in America\/Los_Angeles/],
      [{ clientId: '00000000-0000-4000-8000-000000000000' }, /client was not found/],
      [{ date: '2026-12-03', time: '10:00' }, /That time has passed/],
    ];
    for (const [req, message] of cases) {
      const result = await book(req);
      expect(result.ok, JSON.stringify(req)).toBe(false);
      if (!result.ok) expect(result.message, JSON.stringify(req)).toMatch(message);
    }
    expect((await app.deps.db.ownerQuery('SELECT count(*)::int AS n FROM appointments')).rows[0]!.n).toBe(before);
  });

  it('offers only free times when the time asked is outside the hours, each of which books', async () => {
    const refused = await book({ clientId: ids.Cy!, time: '08:00' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.message).toMatch(/outside Santa Monica’s hours/);
    expect(refused.alternatives?.length).toBeGreaterThan(0);
    // 09:00 is within hours but the nurse treats Ava then: never offered.
    expect(refused.alternatives!.map((a) => a.local.time)).not.toContain('09:00');
    for (const alternative of refused.alternatives!) {
      const tried = await withTenant(app.deps.db, scope(), async (ctx: ServiceCtx) => {
        const result = await bookAppointment(ctx, { clientId: ids.Cy!, locationId: ids.location!, date: '2026-12-07', time: alternative.local.time, lines: [{ serviceId: ids.toxin!, providerId: ids.nurse! }] }, app.clock.now);
        throw Object.assign(new Error('roll back'), { booked: result.ok });
      }).catch((e: { booked?: boolean }) => e.booked);
      expect(tried, alternative.local.time).toBe(true);
    }
  });

  it('offers the nearest free times when the time is taken', async () => {
    const taken = await book({ clientId: ids.Cy!, time: '09:00' });
    expect(taken.ok).toBe(false);
    if (taken.ok) return;
    expect(taken.status).toBe(409);
    expect(taken.alternatives?.length).toBeGreaterThan(0);
  });
});

// PGlite runs one transaction at a time, so the race only exists on PostgreSQL (DESIGN §9).
describe.skipIf(testBackend() !== 'postgres')('racing bookings (PostgreSQL)', () => {
  it('lets exactly one of 50 simultaneous bookings of one provider at overlapping times succeed', async () => {
    const clients: string[] = [];
    for (let i = 0; i < 50; i++) clients.push(await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Racer', $2, '1990-01-01') RETURNING id`, [app.spas.glow, `No ${i}`]));
    const times = ['14:00', '14:05', '14:10', '14:15', '14:20'];
    const outcomes = await Promise.allSettled(clients.map((clientId, i) => book({ clientId, date: '2026-12-08', time: times[i % times.length]! })));
    const won = outcomes.filter((o) => o.status === 'fulfilled' && o.value.ok);
    const lost = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof SlotTakenError);
    const refused = outcomes.filter((o) => o.status === 'fulfilled' && !o.value.ok);
    expect(won.length).toBe(1);
    expect(lost.length + refused.length).toBe(49);
    const overlaps = await app.deps.db.ownerQuery(
      `SELECT count(*)::int AS n FROM occupancy a JOIN occupancy b ON a.provider_id = b.provider_id AND a.id < b.id AND a.during && b.during AND a.held AND b.held WHERE a.provider_id = $1`,
      [ids.nurse],
    );
    expect(overlaps.rows[0]!.n).toBe(0);
  });

  it('lets exactly one of 50 simultaneous bookings of one room succeed, whoever the provider', async () => {
    const suite = await one(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Laser Suite'`, [app.spas.glow]);
    const laser = await one(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'Laser facial', 30000) RETURNING id`, [app.spas.glow]);
    await app.deps.db.ownerQuery(`INSERT INTO service_requirements (tenant_id, service_id, label, resource_ids) VALUES ($1, $2, 'Suite', ARRAY[$3::uuid])`, [app.spas.glow, laser, suite]);
    await app.deps.db.ownerQuery(`INSERT INTO service_phases (tenant_id, service_id, position, label, minutes, uses_provider, requirement_labels) VALUES ($1, $2, 0, 'Treatment', 40, true, '{Suite}')`, [app.spas.glow, laser]);
    const clients: string[] = [];
    for (let i = 0; i < 50; i++) clients.push(await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Laser', $2, '1990-01-01') RETURNING id`, [app.spas.glow, `No ${i}`]));
    const providers = [ids.nurse!, ids.manager!];
    const outcomes = await Promise.allSettled(
      clients.map((clientId, i) => book({ clientId, date: '2026-12-09', time: ['11:00', '11:10', '11:20'][i % 3]!, lines: [{ serviceId: laser, providerId: providers[i % 2]! }] })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value.ok).length).toBe(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && !(o.reason instanceof SlotTakenError)).map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
  });
});
