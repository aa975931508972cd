import { SYSTEM_ACTOR_ID } from '../../infra/audit/event.ts';
import type { Database } from '../../infra/db/database.ts';
import { withTenant, type ServiceCtx } from '../../infra/db/tenant.ts';
import { dayIn } from '../identity/spa-time.ts';
import { computeAvailability } from './availability/index.ts';
import { bookAppointment } from './booking/book.ts';
import { loadAvailabilityRequest, loadLocation, loadServices } from './booking/request-loader.ts';

/**
 * A week of bookings for the demo spa (development only), made the way the front desk makes
 * them: the engine offers free starts, the booking service takes them, holds and audit rows
 * included. Spread over both locations so the calendar and Today have something to show.
 */
const demoScope = (tenantId: string) => ({ tenantId, requestId: 'demo-seed', actor: { kind: 'system' as const, id: SYSTEM_ACTOR_ID }, surface: 'job' as const });

/** The demo's adult clients, active services and locations, each in a stable order. */
async function demoSubjects(ctx: ServiceCtx): Promise<{ clients: string[]; services: string[]; locations: string[] }> {
  const ids = async (sql: string) => (await ctx.tx.$client.query<{ id: string }>(sql)).rows.map((r) => r.id);
  return {
    clients: await ids(`SELECT c.id FROM clients c WHERE c.date_of_birth < now() - interval '18 years' ORDER BY c.last_name, c.first_name`),
    services: await ids('SELECT id FROM services WHERE active ORDER BY name'),
    locations: await ids('SELECT id FROM locations WHERE active ORDER BY name'),
  };
}

/** Spread over the day: the first free start after each of these. */
const STARTS = ['09:00', '10:30', '12:00', '13:30', '15:00', '16:30'];

export async function seedDemoAppointments(db: Database, tenantId: string, now: Date): Promise<number> {
  const scope = demoScope(tenantId);
  return withTenant(db, scope, async (ctx) => {
    const { clients, services, locations } = await demoSubjects(ctx);
    let booked = 0;
    let turn = 0;
    for (let offset = 0; offset < 6; offset++) {
      for (const locationId of locations) {
        const location = (await loadLocation(ctx, locationId))!;
        const date = dayIn(location.timeZone, new Date(now.getTime() + offset * 86_400_000));
        for (let i = 0; i < STARTS.length && clients.length && services.length; i++, turn++) {
          const serviceId = services[turn % services.length]!;
          const loaded = await loadServices(ctx, [serviceId]);
          if (!loaded) continue;
          const request = await loadAvailabilityRequest(ctx, { location, dates: { from: date, to: date }, services: loaded, providerSelection: { kind: 'any', sameForAll: true }, now, minimumNoticeMinutes: 30 });
          const slots = computeAvailability(request).slots;
          const wanted = STARTS[i]!;
          const slot = slots.find((s) => s.local.time >= wanted);
          const providerId = slot?.assignment[0]?.providerId;
          if (!slot || !providerId) continue;
          const result = await bookAppointment(
            ctx,
            { clientId: clients[turn % clients.length]!, locationId, date, time: slot.local.time, lines: [{ serviceId, providerId }] },
            now,
          );
          if (result.ok) booked++;
        }
      }
    }
    return booked;
  });
}

/**
 * Visits in the weeks before (development only): two clients in three have been before, so the
 * calendar's "New client" marks the others. Times and providers come from the engine as for a
 * booking; the rows are written as such a visit ends up — completed, its holds released — without
 * the forms a booking would have asked then.
 */
export async function seedDemoHistory(db: Database, tenantId: string, now: Date): Promise<number> {
  const scope = demoScope(tenantId);
  return withTenant(db, scope, async (ctx) => {
    const q = ctx.tx.$client;
    const { clients, services, locations } = await demoSubjects(ctx);
    let written = 0;
    for (const [n, clientId] of clients.entries()) {
      if (n % 3 === 2 || !services.length || !locations.length) continue;
      const location = (await loadLocation(ctx, locations[n % locations.length]!))!;
      const loaded = await loadServices(ctx, [services[n % services.length]!]);
      if (!loaded) continue;
      const then = new Date(now.getTime() - (21 + (n % 6) * 7) * 86_400_000);
      const date = dayIn(location.timeZone, then);
      const request = await loadAvailabilityRequest(ctx, { location, dates: { from: date, to: date }, services: loaded, providerSelection: { kind: 'any', sameForAll: true }, now: new Date(then.getTime() - 86_400_000), ignoreOccupancy: true });
      const slots = computeAvailability(request).slots;
      const slot = slots[(n * 7) % Math.max(slots.length, 1)];
      const line = slot?.assignment[0];
      if (!slot || !line?.providerId) continue;
      const { rows } = await q.query<{ id: string }>(
        `INSERT INTO appointments (tenant_id, client_id, location_id, status, starts_at, ends_at, checked_in_at, started_at, completed_at)
         VALUES (current_tenant_id(), $1, $2, 'completed', $3, $4, $3, $3, $4) RETURNING id`,
        [clientId, location.id, slot.start, slot.end],
      );
      await q.query(
        `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
         SELECT current_tenant_id(), $1, 0, $2, $3, $4, $5, '{}', price_cents FROM services WHERE id = $2`,
        [rows[0]!.id, loaded[0]!.id, line.providerId, line.start, line.end],
      );
      written++;
    }
    return written;
  });
}
