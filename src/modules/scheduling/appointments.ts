import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { ClientAccess } from '../clients/access.ts';
import { GUARDIAN_COUNT_SQL, minorStanding, spaCalendar, type Allergy, type MinorStanding } from '../clients/records.ts';
import type { AppointmentStatus } from './booking/status.ts';

/** One appointment as its page shows it: who, what, with whom, where, when, and what the desk must know. */
export interface AppointmentView {
  id: string;
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  walkIn: boolean;
  note: string;
  cancelReason: string | null;
  checkInOverride: string | null;
  location: { id: string; name: string; timeZone: string };
  client: { id: string; name: string; dateOfBirth: string; minor: MinorStanding; allergies: Allergy[] | null };
  lines: { lineId: string; serviceId: string; serviceName: string; providerId: string; providerName: string; startsAt: Date; endsAt: Date; rooms: string[]; chart: { id: string; status: 'draft' | 'signed' } | null }[];
}

type Row = {
  id: string;
  status: AppointmentStatus;
  starts_at: Date;
  ends_at: Date;
  walk_in: boolean;
  note: string;
  cancel_reason: string | null;
  check_in_override: string | null;
  location_id: string;
  location_name: string;
  time_zone: string;
  client_id: string;
  first_name: string;
  last_name: string;
  preferred_name: string;
  date_of_birth: string;
  guardians: number;
  authorized: boolean;
  allergies: Allergy[] | null;
  lines: { lineId: string; serviceId: string; serviceName: string; providerId: string; providerName: string; startsAt: string; endsAt: string; rooms: string[]; chart: { id: string; status: 'draft' | 'signed' } | null }[];
};

/** Reads one appointment with its audit row; null when this spa has no such appointment. */
export async function readAppointment(ctx: ServiceCtx, id: string, access: ClientAccess, now: Date): Promise<AppointmentView | null> {
  const { rows } = await ctx.tx.$client.query<Row>(
    `SELECT a.id, a.status, a.starts_at, a.ends_at, a.walk_in, a.note, a.cancel_reason, a.check_in_override,
            l.id AS location_id, l.name AS location_name, l.timezone AS time_zone,
            c.id AS client_id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth::text AS date_of_birth,
            ${GUARDIAN_COUNT_SQL},
            CASE WHEN $2 THEN (SELECT coalesce(json_agg(json_build_object('id', x.id, 'substance', x.substance, 'reaction', x.reaction, 'severity', x.severity)
                 ORDER BY array_position(ARRAY['severe','moderate','mild','unknown'], x.severity)), '[]')
               FROM client_allergies x WHERE x.tenant_id = c.tenant_id AND x.client_id = c.id AND x.removed_at IS NULL) END AS allergies,
            (SELECT json_agg(json_build_object('lineId', s.id, 'serviceId', s.service_id,
                 'chart', (SELECT json_build_object('id', ch.id, 'status', ch.status) FROM charts ch WHERE ch.tenant_id = s.tenant_id AND ch.appointment_service_id = s.id), 'serviceName', sv.name, 'providerId', s.provider_id, 'providerName', o.full_name,
                 'startsAt', s.starts_at, 'endsAt', s.ends_at,
                 'rooms', (SELECT coalesce(json_agg(r.name ORDER BY r.name), '[]') FROM resources r
                            WHERE r.tenant_id = s.tenant_id AND r.id::text IN (SELECT jsonb_each_text.value FROM jsonb_each_text(s.resources))))
                 ORDER BY s.position)
               FROM appointment_services s
               JOIN services sv ON sv.tenant_id = s.tenant_id AND sv.id = s.service_id
               JOIN operators o ON o.tenant_id = s.tenant_id AND o.id = s.provider_id
              WHERE s.tenant_id = a.tenant_id AND s.appointment_id = a.id) AS lines
       FROM appointments a
       JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id
       JOIN clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
      WHERE a.id = $1`,
    [id, access.allergies],
  );
  const r = rows[0];
  if (!r) return null;
  ctx.audit({ action: 'read', recordType: 'appointment', recordId: id, clientIds: [r.client_id] });
  return {
    id: r.id,
    status: r.status,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    walkIn: r.walk_in,
    note: r.note,
    cancelReason: r.cancel_reason,
    checkInOverride: r.check_in_override,
    location: { id: r.location_id, name: r.location_name, timeZone: r.time_zone },
    client: {
      id: r.client_id,
      name: `${r.preferred_name || r.first_name} ${r.last_name}`,
      dateOfBirth: r.date_of_birth,
      minor: minorStanding(r.date_of_birth, await spaCalendar(ctx, now), r),
      allergies: r.allergies,
    },
    lines: (r.lines ?? []).map((l) => ({ ...l, startsAt: new Date(l.startsAt), endsAt: new Date(l.endsAt) })),
  };
}
