import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { AppointmentStatus } from '../scheduling/booking/status.ts';

/** One of the client's appointments as their record lists it. */
export interface ClientAppointment {
  id: string;
  status: AppointmentStatus;
  startsAt: Date;
  locationName: string;
  timeZone: string;
  services: string[];
  providers: string[];
  cancelReason: string | null;
}

/** Every appointment of a client, newest first, with its audit row (the record's Appointments tab). */
export async function clientAppointments(ctx: ServiceCtx, clientId: string, limit = 200): Promise<ClientAppointment[]> {
  const { rows } = await ctx.tx.$client.query<ClientAppointment>(
    `SELECT a.id, a.status, a.starts_at AS "startsAt", l.name AS "locationName", l.timezone AS "timeZone", a.cancel_reason AS "cancelReason",
            coalesce(array_agg(sv.name ORDER BY s.position) FILTER (WHERE sv.name IS NOT NULL), '{}') AS services,
            coalesce(array_agg(DISTINCT o.full_name) FILTER (WHERE o.full_name IS NOT NULL), '{}') AS providers
       FROM appointments a
       JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id
       LEFT JOIN appointment_services s ON s.tenant_id = a.tenant_id AND s.appointment_id = a.id
       LEFT JOIN services sv ON sv.tenant_id = s.tenant_id AND sv.id = s.service_id
       LEFT JOIN operators o ON o.tenant_id = s.tenant_id AND o.id = s.provider_id
      WHERE a.client_id = $1
      GROUP BY a.tenant_id, a.id, l.name, l.timezone
      ORDER BY a.starts_at DESC LIMIT $2`,
    [clientId, limit],
  );
  ctx.audit({ action: 'read', recordType: 'client_appointments', recordId: clientId, clientIds: [clientId] });
  return rows;
}
