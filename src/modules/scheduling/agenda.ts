import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { dayIn } from '../identity/spa-time.ts';
import { localToInstant } from './availability/index.ts';
import type { AppointmentStatus } from './booking/status.ts';

/** One line of today's agenda. */
export interface AgendaItem {
  id: string;
  startsAt: Date;
  status: AppointmentStatus;
  clientId: string;
  clientName: string;
  services: string[];
  providers: string[];
  providerIds: string[];
}

export interface LocationAgenda {
  locationId: string;
  locationName: string;
  timeZone: string;
  day: string;
  items: AgendaItem[];
}

function dayBounds(zone: string, day: string): { start: Date; end: Date } {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  // Midnight exists in every zone we book in; if a zone ever skips it, fall back to the UTC day.
  const start = localToInstant(zone, day, '00:00');
  const end = localToInstant(zone, next, '00:00');
  return { start: start.ok ? start.instant : new Date(`${day}T00:00:00Z`), end: end.ok ? end.instant : new Date(`${next}T00:00:00Z`) };
}

/** Today's appointments at each location, in its own zone, with one audit row naming every client listed. */
export async function todaysAgenda(ctx: ServiceCtx, now: Date): Promise<LocationAgenda[]> {
  const { rows: locations } = await ctx.tx.$client.query<{ id: string; name: string; timezone: string }>('SELECT id, name, timezone FROM locations WHERE active ORDER BY name');
  const agendas: LocationAgenda[] = [];
  const shown = new Set<string>();
  for (const loc of locations) {
    const day = dayIn(loc.timezone, now);
    const { start, end } = dayBounds(loc.timezone, day);
    const { rows } = await ctx.tx.$client.query<AgendaItem>(
      `SELECT a.id, a.starts_at AS "startsAt", a.status, c.id AS "clientId", (coalesce(nullif(c.preferred_name, ''), c.first_name) || ' ' || c.last_name) AS "clientName",
              coalesce(array_agg(sv.name ORDER BY s.position) FILTER (WHERE sv.name IS NOT NULL), '{}') AS services,
              coalesce(array_agg(DISTINCT o.full_name) FILTER (WHERE o.full_name IS NOT NULL), '{}') AS providers,
              coalesce(array_agg(DISTINCT s.provider_id) FILTER (WHERE s.provider_id IS NOT NULL), '{}') AS "providerIds"
         FROM appointments a
         JOIN clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
         LEFT JOIN appointment_services s ON s.tenant_id = a.tenant_id AND s.appointment_id = a.id
         LEFT JOIN services sv ON sv.tenant_id = s.tenant_id AND sv.id = s.service_id
         LEFT JOIN operators o ON o.tenant_id = s.tenant_id AND o.id = s.provider_id
        WHERE a.location_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 AND a.status <> 'cancelled'
        GROUP BY a.tenant_id, a.id, c.tenant_id, c.id
        ORDER BY a.starts_at`,
      [loc.id, start, end],
    );
    for (const r of rows) shown.add(r.clientId);
    agendas.push({ locationId: loc.id, locationName: loc.name, timeZone: loc.timezone, day, items: rows });
  }
  ctx.audit({ action: 'read', recordType: 'agenda', clientIds: [...shown] });
  return agendas;
}
