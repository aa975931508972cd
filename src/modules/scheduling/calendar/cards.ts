import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import { isMinorOn } from '../../clients/age.ts';
import { displayName } from '../../clients/profile.ts';
import { startOfLocalDay } from '../availability/local-time.ts';
import { addDays } from './view-query.ts';
import type { AppointmentStatus, CalendarAppointment } from './calendar.ts';

/**
 * The appointments of a location's window with what their cards show: client name, services,
 * providers, rooms and flags. Set-based, so a week of a thousand cards costs a few index range
 * scans rather than four probes per card: the appointments by (location, start), then their
 * services, clients (with their first visit, kept on the client by a trigger), allergies and —
 * for minors only — guardians, each by `= ANY` of the ids found.
 */

type AppointmentRow = { id: string; client_id: string; status: AppointmentStatus; walk_in: boolean; starts_at: Date; ends_at: Date };
type LineRow = { appointment_id: string; service_name: string; provider_id: string; starts_at: Date; ends_at: Date; resources: Record<string, string> };
type ClientRow = { id: string; first_name: string; last_name: string; preferred_name: string; date_of_birth: string; first_visit_at: Date | null };

export async function loadCards(
  ctx: ServiceCtx,
  o: { locationId: string; from: Date; to: Date; zone: string; days: string[]; allergies: boolean },
): Promise<CalendarAppointment[]> {
  const q = ctx.tx.$client;
  const first = o.days[0]!;
  const last = o.days[o.days.length - 1]!;
  // Cancelled appointments keep their record but leave the grid; no-shows stay, coloured.
  const { rows } = await q.query<AppointmentRow>(
    `SELECT id, client_id, status, walk_in, starts_at, ends_at FROM appointments
      WHERE location_id = $1 AND starts_at >= $2 AND starts_at < $3 AND status <> 'cancelled' ORDER BY starts_at, id`,
    [o.locationId, o.from, o.to],
  );
  // The window reads a day either side (appointments across midnight); only those that touch a day shown are shown.
  const opens = startOfLocalDay(o.zone, first).getTime();
  const closes = startOfLocalDay(o.zone, addDays(last, 1)).getTime();
  const shown = rows.filter((a) => a.starts_at.getTime() < closes && a.ends_at.getTime() > opens);
  if (!shown.length) return [];
  const ids = shown.map((a) => a.id);
  const clientIds = [...new Set(shown.map((a) => a.client_id))];

  // The services of the window's appointments, by one range scan of (tenant, start) — an
  // appointment's services start within it — rather than a probe per appointment; the other
  // locations' rows in that range are dropped by a hashed `= ANY` filter.
  const lines = await q.query<LineRow>(
    `SELECT l.appointment_id, s.name AS service_name, l.provider_id, l.starts_at, l.ends_at, l.resources
       FROM appointment_services l JOIN services s ON s.tenant_id = l.tenant_id AND s.id = l.service_id
      WHERE l.starts_at >= $1 AND l.starts_at < $2 AND l.appointment_id = ANY($3::uuid[]) ORDER BY l.appointment_id, l.position`,
    [shown[0]!.starts_at, new Date(Math.max(...shown.map((a) => a.ends_at.getTime()))), ids],
  );
  const clients = await q.query<ClientRow>(
    'SELECT id, first_name, last_name, preferred_name, date_of_birth::text AS date_of_birth, first_visit_at FROM clients WHERE id = ANY($1::uuid[])',
    [clientIds],
  );
  const allergic = o.allergies
    ? new Set((await q.query<{ client_id: string }>('SELECT DISTINCT client_id FROM client_allergies WHERE client_id = ANY($1::uuid[]) AND removed_at IS NULL', [clientIds])).rows.map((r) => r.client_id))
    : null;
  const ageOfMajority = (await q.query<{ age: number }>('SELECT age_of_majority AS age FROM tenants WHERE id = current_tenant_id()')).rows[0]?.age ?? 18;
  const minors = clients.rows.filter((c) => isMinorOn(c.date_of_birth, first, ageOfMajority)).map((c) => c.id);
  const guardians = new Map<string, { count: number; authorized: boolean }>();
  if (minors.length) {
    const g = await q.query<{ client_id: string; count: number; authorized: boolean }>(
      `SELECT client_id, count(*)::int AS count, bool_or(authorized_at IS NOT NULL) AS authorized
         FROM client_guardians WHERE client_id = ANY($1::uuid[]) AND removed_at IS NULL GROUP BY client_id`,
      [minors],
    );
    for (const r of g.rows) guardians.set(r.client_id, r);
  }

  const byAppointment = new Map<string, LineRow[]>();
  for (const l of lines.rows) (byAppointment.get(l.appointment_id) ?? byAppointment.set(l.appointment_id, []).get(l.appointment_id)!).push(l);
  const byClient = new Map(clients.rows.map((c) => [c.id, c]));
  const minorSet = new Set(minors);
  return shown.map((a) => {
    const c = byClient.get(a.client_id)!;
    const g = guardians.get(a.client_id);
    return {
      id: a.id,
      clientId: a.client_id,
      clientName: displayName(c),
      status: a.status,
      walkIn: a.walk_in,
      start: a.starts_at,
      end: a.ends_at,
      lines: (byAppointment.get(a.id) ?? []).map((l) => ({ serviceName: l.service_name, providerId: l.provider_id, start: l.starts_at, end: l.ends_at, resourceIds: Object.values(l.resources ?? {}) })),
      flags: {
        newClient: !c.first_visit_at || c.first_visit_at >= a.starts_at,
        allergies: allergic ? allergic.has(a.client_id) : null,
        minor: !minorSet.has(a.client_id) ? null : !g ? 'needs_guardian' : g.authorized ? null : 'needs_authorization',
      },
    };
  });
}
