/**
 * A provider's booked appointments from now on: what must be reassigned before they leave
 * ("Deactivating a provider lists their future appointments for reassignment").
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { displayName } from '../clients/profile.ts';

export interface FutureAppointment {
  appointmentId: string;
  startsAt: Date;
  endsAt: Date;
  status: 'booked' | 'checked_in';
  locationName: string;
  timeZone: string;
  serviceName: string;
  clientId: string;
  /** Present only when the reader may see clients (`withClients`). */
  clientName: string | null;
}

/**
 * The appointments, booked or checked in, in which the operator performs a service that has not
 * ended by `now`, soonest first. Client names are read (and the read audited) only on request.
 */
export async function futureAppointmentsOf(ctx: ServiceCtx, operatorId: string, now: Date, options: { withClients?: boolean; limit?: number } = {}): Promise<FutureAppointment[]> {
  const { rows } = await ctx.tx.$client.query<{
    appointment_id: string; starts_at: Date; ends_at: Date; status: 'booked' | 'checked_in'; location_name: string; timezone: string;
    service_name: string; client_id: string; first_name: string; last_name: string; preferred_name: string;
  }>(
    `SELECT a.id AS appointment_id, min(s.starts_at) AS starts_at, max(s.ends_at) AS ends_at, a.status, l.name AS location_name, l.timezone,
            string_agg(sv.name, ', ' ORDER BY s.position) AS service_name, a.client_id, c.first_name, c.last_name, c.preferred_name
       FROM appointment_services s
       JOIN appointments a ON a.tenant_id = s.tenant_id AND a.id = s.appointment_id
       JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id
       JOIN services sv ON sv.tenant_id = s.tenant_id AND sv.id = s.service_id
       JOIN clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
      WHERE s.provider_id = $1 AND s.ends_at > $2 AND a.status IN ('booked', 'checked_in')
      GROUP BY a.tenant_id, a.id, l.name, l.timezone, c.first_name, c.last_name, c.preferred_name
      ORDER BY min(s.starts_at), a.id
      LIMIT $3`,
    [operatorId, now, options.limit ?? 200],
  );
  if (options.withClients && rows.length) ctx.audit({ action: 'read', recordType: 'appointment_list', recordId: operatorId, clientIds: [...new Set(rows.map((r) => r.client_id))] });
  return rows.map((r) => ({
    appointmentId: r.appointment_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    status: r.status,
    locationName: r.location_name,
    timeZone: r.timezone,
    serviceName: r.service_name,
    clientId: r.client_id,
    clientName: options.withClients ? displayName(r) : null,
  }));
}
