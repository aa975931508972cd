import type { Database } from '../../src/infra/db/database.ts';

export interface VisitFixture {
  tenantId: string;
  clientId: string;
  locationId: string;
  serviceId: string;
  providerId: string;
  startsAt: Date | string;
  minutes?: number;
  status?: 'booked' | 'checked_in' | 'in_progress' | 'completed' | 'cancelled' | 'no_show';
}

/**
 * A visit written directly, as the owner: an appointment with one service given by `providerId`
 * (no holds: for suites about what happens at and after a visit, not about booking it).
 */
export async function addVisit(db: Database, v: VisitFixture): Promise<{ appointment: string; line: string }> {
  const starts = new Date(v.startsAt);
  const ends = new Date(starts.getTime() + (v.minutes ?? 30) * 60_000);
  const status = v.status ?? 'checked_in';
  const appointment = (
    await db.ownerQuery<{ id: string }>(
      `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at, status, cancel_reason)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 = 'cancelled' THEN 'Fixture' END) RETURNING id`,
      [v.tenantId, v.clientId, v.locationId, starts, ends, status],
    )
  ).rows[0]!.id;
  const line = (
    await db.ownerQuery<{ id: string }>(
      `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
       VALUES ($1, $2, 0, $3, $4, $5, $6, '{}', 0) RETURNING id`,
      [v.tenantId, appointment, v.serviceId, v.providerId, starts, ends],
    )
  ).rows[0]!.id;
  return { appointment, line };
}
