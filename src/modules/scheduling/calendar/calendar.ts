import type { BusinessHours } from '../../../infra/db/schema.ts';
import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import { isMinorOn } from '../../clients/age.ts';
import { displayName } from '../../clients/profile.ts';
import { localToInstant } from '../availability/index.ts';
import { localDay } from '../zoned-time.ts';
import { addDays, daysShown, type CalendarQuery } from './view-query.ts';

/**
 * The calendar of one location for a day or a week (CRM-4): its appointments with
 * client, services, providers, rooms and flags; blocked time; who works there each day
 * and when the doors are open. Every client shown is named in one audit row written
 * with the same transaction (§6a: "appeared in a list").
 *
 * A handful of statements whatever the size of the spa: locations, the appointments of
 * the window (their services, flags and client in the same statement, through the
 * (tenant, location, start) index), blocks, staff hours and one-off days, rooms, closures.
 */

export type AppointmentStatus = 'booked' | 'checked_in' | 'in_progress' | 'completed' | 'cancelled' | 'no_show';

export interface CalendarLine {
  serviceName: string;
  providerId: string;
  start: Date;
  end: Date;
  /** Resource ids held by this service (rooms, devices). */
  resourceIds: string[];
}

export interface CalendarAppointment {
  id: string;
  clientId: string;
  clientName: string;
  status: AppointmentStatus;
  walkIn: boolean;
  start: Date;
  end: Date;
  lines: CalendarLine[];
  flags: {
    /** No completed appointment before this one. */
    newClient: boolean;
    /** Null when the reader may not see allergies. */
    allergies: boolean | null;
    /** A minor with no guardian, or whose guardian has not authorized treatment (CRM-7). */
    minor: 'needs_guardian' | 'needs_authorization' | null;
  };
}

export interface CalendarBlock {
  id: string;
  providerId: string | null;
  resourceId: string | null;
  start: Date;
  end: Date;
  reason: string;
}

export interface StaffDay {
  providerId: string;
  date: string;
  /** Working ranges that day ('HH:MM'), breaks already taken out by the arrangement. */
  work: [string, string][];
  breaks: [string, string][];
}

export interface CalendarData {
  query: CalendarQuery;
  location: { id: string; name: string; timeZone: string };
  locations: { id: string; name: string }[];
  days: string[];
  providers: { id: string; name: string }[];
  resources: { id: string; name: string; kind: 'room' | 'device' }[];
  /** Business hours per day shown ([] on a closed day). */
  openHours: Record<string, [string, string][]>;
  staffDays: StaffDay[];
  appointments: CalendarAppointment[];
  blocks: CalendarBlock[];
}

type LocationRow = { id: string; name: string; timezone: string; business_hours: BusinessHours };
type AppointmentRow = {
  id: string;
  client_id: string;
  status: AppointmentStatus;
  walk_in: boolean;
  starts_at: Date;
  ends_at: Date;
  first_name: string;
  last_name: string;
  preferred_name: string;
  date_of_birth: string;
  lines: { serviceName: string; providerId: string; start: string; end: string; resources: Record<string, string> }[];
  new_client: boolean;
  allergies: boolean | null;
  guardians: number;
  authorized: boolean;
  age_of_majority: number;
};

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

// Cancelled appointments keep their record but leave the grid; no-shows stay, coloured.
const APPOINTMENTS_SQL = `
  SELECT a.id, a.client_id, a.status, a.walk_in, a.starts_at, a.ends_at,
         c.first_name, c.last_name, c.preferred_name, c.date_of_birth::text AS date_of_birth,
         (SELECT json_agg(json_build_object('serviceName', s.name, 'providerId', l.provider_id, 'start', l.starts_at, 'end', l.ends_at, 'resources', l.resources) ORDER BY l.position)
            FROM appointment_services l JOIN services s ON s.tenant_id = l.tenant_id AND s.id = l.service_id
           WHERE l.tenant_id = a.tenant_id AND l.appointment_id = a.id) AS lines,
         NOT EXISTS (SELECT 1 FROM appointments p
                      WHERE p.tenant_id = a.tenant_id AND p.client_id = a.client_id AND p.status = 'completed' AND p.starts_at < a.starts_at) AS new_client,
         CASE WHEN $4::boolean THEN EXISTS (SELECT 1 FROM client_allergies x
                      WHERE x.tenant_id = a.tenant_id AND x.client_id = a.client_id AND x.removed_at IS NULL) END AS allergies,
         g.guardians, g.authorized, t.age_of_majority
    FROM appointments a
    JOIN clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
    CROSS JOIN (SELECT age_of_majority FROM tenants WHERE id = current_tenant_id()) t
    CROSS JOIN LATERAL (SELECT count(*)::int AS guardians, coalesce(bool_or(gd.authorized_at IS NOT NULL), false) AS authorized
                          FROM client_guardians gd WHERE gd.tenant_id = c.tenant_id AND gd.client_id = c.id AND gd.removed_at IS NULL) g
   WHERE a.location_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 AND a.status <> 'cancelled'
   ORDER BY a.starts_at, a.id`;

/** The instants that bound the local days shown (a day before and after, for appointments across midnight). */
function windowOf(zone: string, days: string[]): { from: Date; to: Date } {
  const first = localToInstant(zone, addDays(days[0]!, -1), '00:00');
  const last = localToInstant(zone, addDays(days[days.length - 1]!, 1), '23:00');
  const from = first.ok ? first.instant : new Date(Date.parse(`${days[0]}T00:00:00Z`) - 2 * 86_400_000);
  const to = last.ok ? new Date(last.instant.getTime() + 3_600_000) : new Date(Date.parse(`${days[days.length - 1]}T00:00:00Z`) + 3 * 86_400_000);
  return { from, to };
}

/**
 * Null when the location asked for is not one of this spa's active locations (the route
 * answers 404), or when the spa has no location yet and none was asked for.
 */
export async function loadCalendar(ctx: ServiceCtx, asked: CalendarQuery, access: { allergies: boolean }, now: Date): Promise<CalendarData | null> {
  const q = ctx.tx.$client;
  const locations = (await q.query<LocationRow>('SELECT id, name, timezone, business_hours FROM locations WHERE active ORDER BY name, id')).rows;
  const location = asked.location ? locations.find((l) => l.id === asked.location) : locations[0];
  if (!location) return null;
  const zone = location.timezone;
  // No date asked for: today where the location is.
  const query = { ...asked, date: asked.date || localDay(zone, now) };
  const days = daysShown(query);
  const { from, to } = windowOf(zone, days);

  const appointments = await q.query<AppointmentRow>(APPOINTMENTS_SQL, [location.id, from, to, access.allergies]);
  const blocks = await q.query<{ id: string; operator_id: string | null; resource_id: string | null; starts: Date; ends: Date; reason: string }>(
    `SELECT id, operator_id, resource_id, lower(during) AS starts, upper(during) AS ends, reason
       FROM time_blocks WHERE location_id = $1 AND active AND during && tstzrange($2, $3) ORDER BY lower(during)`,
    [location.id, from, to],
  );
  // Who works here: weekly hours, one-off days in the range, and the names of everyone on a card.
  const staff = await q.query<{ operator_id: string; full_name: string; weekday: number | null; kind: 'work' | 'break' | null; starts: string | null; ends: string | null }>(
    `SELECT op.id AS operator_id, op.full_name, h.weekday, h.kind, h.starts::text AS starts, h.ends::text AS ends
       FROM operators op
       LEFT JOIN staff_hours h ON h.tenant_id = op.tenant_id AND h.operator_id = op.id AND h.location_id = $1
      WHERE op.status = 'active' AND (h.id IS NOT NULL OR op.id = ANY($2::uuid[]) OR EXISTS (
              SELECT 1 FROM staff_day_changes d WHERE d.tenant_id = op.tenant_id AND d.operator_id = op.id AND d.location_id = $1 AND d.on_date BETWEEN $3 AND $4))
      ORDER BY op.full_name, op.id`,
    [location.id, [...new Set(appointments.rows.flatMap((a) => (a.lines ?? []).map((l) => l.providerId)))], days[0], days[days.length - 1]],
  );
  const changes = await q.query<{ operator_id: string; on_date: string; hours: [string, string][] }>(
    'SELECT operator_id, on_date::text AS on_date, hours FROM staff_day_changes WHERE location_id = $1 AND on_date BETWEEN $2 AND $3',
    [location.id, days[0], days[days.length - 1]],
  );
  const resources = await q.query<{ id: string; name: string; kind: 'room' | 'device' }>(
    `SELECT id, name, kind FROM resources WHERE location_id = $1 AND active ORDER BY kind DESC, name, id`,
    [location.id],
  );
  const closures = await q.query<{ starts_on: string; ends_on: string }>(
    'SELECT starts_on::text AS starts_on, ends_on::text AS ends_on FROM location_closures WHERE location_id = $1 AND ends_on >= $2 AND starts_on <= $3',
    [location.id, days[0], days[days.length - 1]],
  );

  // The query reads a day either side (appointments across midnight); only the days shown are shown and audited.
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const shown = appointments.rows
    .filter((row) => localDay(zone, row.starts_at) <= last && localDay(zone, new Date(row.ends_at.getTime() - 1)) >= first)
    .map((row) => toAppointment(row, first, access.allergies));
  const clientIds = [...new Set(shown.map((a) => a.clientId))];
  ctx.audit(clientIds.length ? { action: 'read', recordType: 'calendar', recordId: location.id, clientIds } : { action: 'read', recordType: 'calendar', recordId: location.id });

  const providers = new Map<string, string>();
  for (const s of staff.rows) providers.set(s.operator_id, s.full_name);
  const openHours: Record<string, [string, string][]> = {};
  for (const day of days) {
    const closed = closures.rows.some((c) => c.starts_on <= day && c.ends_on >= day);
    openHours[day] = closed ? [] : (location.business_hours[WEEKDAYS[weekday(day)]!] ?? []).map(([a, b]) => [a.slice(0, 5), b.slice(0, 5)]);
  }
  const staffDays: StaffDay[] = [];
  for (const [providerId] of providers) {
    for (const day of days) {
      const rows = staff.rows.filter((s) => s.operator_id === providerId && s.weekday === weekday(day));
      const change = changes.rows.find((c) => c.operator_id === providerId && c.on_date === day);
      const work = change ? change.hours.map(([a, b]) => [a.slice(0, 5), b.slice(0, 5)] as [string, string]) : rows.filter((r) => r.kind === 'work').map((r) => [r.starts!.slice(0, 5), r.ends!.slice(0, 5)] as [string, string]);
      const breaks = rows.filter((r) => r.kind === 'break').map((r) => [r.starts!.slice(0, 5), r.ends!.slice(0, 5)] as [string, string]);
      if (work.length || breaks.length) staffDays.push({ providerId, date: day, work, breaks });
    }
  }

  return {
    query,
    location: { id: location.id, name: location.name, timeZone: zone },
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    days,
    providers: [...providers].map(([id, name]) => ({ id, name })),
    resources: resources.rows,
    openHours,
    staffDays,
    appointments: shown,
    blocks: blocks.rows.map((b) => ({ id: b.id, providerId: b.operator_id, resourceId: b.resource_id, start: b.starts, end: b.ends, reason: b.reason })),
  };
}

/** 0 = Sunday, as staff_hours counts. */
function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

function toAppointment(row: AppointmentRow, firstDay: string, allergies: boolean): CalendarAppointment {
  const minor = isMinorOn(row.date_of_birth, firstDay, row.age_of_majority);
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: displayName(row),
    status: row.status,
    walkIn: row.walk_in,
    start: row.starts_at,
    end: row.ends_at,
    lines: (row.lines ?? []).map((l) => ({ serviceName: l.serviceName, providerId: l.providerId, start: new Date(l.start), end: new Date(l.end), resourceIds: Object.values(l.resources ?? {}) })),
    flags: {
      newClient: row.new_client,
      allergies: allergies ? Boolean(row.allergies) : null,
      minor: !minor ? null : row.guardians === 0 ? 'needs_guardian' : row.authorized ? null : 'needs_authorization',
    },
  };
}
