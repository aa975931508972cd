import { SYSTEM_ACTOR_ID } from '../../infra/audit/event.ts';
import type { Database } from '../../infra/db/database.ts';
import { withTenant } from '../../infra/db/tenant.ts';
import { dayIn } from '../identity/spa-time.ts';
import { computeAvailability } from './availability/index.ts';
import { bookAppointment } from './booking/book.ts';
import { loadAvailabilityRequest, loadLocation, loadServices } from './booking/request-loader.ts';

/**
 * A week of bookings for the demo spa (development only), made the way the front desk makes
 * them: the engine offers free starts, the booking service takes them, holds and audit rows
 * included. Spread over both locations so the calendar and Today have something to show.
 */
/** Spread over the day: the first free start after each of these. */
const STARTS = ['09:00', '10:30', '12:00', '13:30', '15:00', '16:30'];

export async function seedDemoAppointments(db: Database, tenantId: string, now: Date): Promise<number> {
  const scope = { tenantId, requestId: 'demo-seed', actor: { kind: 'system' as const, id: SYSTEM_ACTOR_ID }, surface: 'job' as const };
  return withTenant(db, scope, async (ctx) => {
    const q = ctx.tx.$client;
    const clients = (await q.query<{ id: string }>(`SELECT c.id FROM clients c WHERE c.date_of_birth < now() - interval '18 years' ORDER BY c.last_name, c.first_name`)).rows.map((r) => r.id);
    const services = (await q.query<{ id: string }>('SELECT id FROM services WHERE active ORDER BY name')).rows.map((r) => r.id);
    const locations = (await q.query<{ id: string }>('SELECT id FROM locations WHERE active ORDER BY name')).rows.map((r) => r.id);
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
