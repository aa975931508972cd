import type { BusinessHours } from '../../../infra/db/schema.ts';
import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import { localToInstant } from '../availability/index.ts';
import { dayIn } from '../../identity/spa-time.ts';
import { epochMs as ms, loadCards, type CalendarAppointment, type CardAccess } from './cards.ts';
import { addDays, daysShown, type CalendarQuery } from './view-query.ts';

export type { CalendarAppointment, CalendarLine, CardAccess } from './cards.ts';

/**
 * The calendar of one location for a day or a week (CRM-4): its appointments with
 * client, services, providers, rooms and flags; blocked time; who works there each day
 * and when the doors are open. Every client shown is named in one audit row written
 * with the same transaction (§6a: "appeared in a list").
 *
 * Three statements whatever the size of the spa: locations, the cards of the window (cards.ts:
 * set-based, through the (tenant, location, start) index), and what surrounds them — blocks,
 * staff hours and one-off days, rooms, closures — in one row.
 */

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

type LocationRow = { id: string; name: string; timezone: string; business_hours: BusinessHours; age_of_majority: number };

/** What surrounds the cards, each kind as one JSON array of arrays (one row, one round trip). */
type AroundRow = {
  /** [id, operator, resource, start ms, end ms, reason] */
  blocks: [string, string | null, string | null, number, number, string][];
  /** Who works here: weekly hours (none: a row of nulls), one-off days in the range, and everyone on a card. */
  staff: [string, string, number | null, 'work' | 'break' | null, string | null, string | null][];
  changes: [string, string, [string, string][]][];
  resources: [string, string, 'room' | 'device'][];
  closures: [string, string][];
};

// $1 location, $2 and $3 the window, $4 the providers on cards, $5 and $6 the first and last day shown.
const AROUND_SQL = `
  SELECT
    (SELECT coalesce(json_agg(json_build_array(id, operator_id, resource_id, ${ms('lower(during)')}, ${ms('upper(during)')}, reason) ORDER BY lower(during)), '[]')
       FROM time_blocks WHERE location_id = $1 AND active AND during && tstzrange($2, $3)) AS blocks,
    (SELECT coalesce(json_agg(json_build_array(op.id, op.full_name, h.weekday, h.kind, h.starts::text, h.ends::text) ORDER BY op.full_name, op.id), '[]')
       FROM operators op
       LEFT JOIN staff_hours h ON h.tenant_id = op.tenant_id AND h.operator_id = op.id AND h.location_id = $1
      WHERE op.status = 'active' AND (h.id IS NOT NULL OR op.id = ANY($4::uuid[]) OR EXISTS (
              SELECT 1 FROM staff_day_changes d WHERE d.tenant_id = op.tenant_id AND d.operator_id = op.id AND d.location_id = $1 AND d.on_date BETWEEN $5 AND $6))) AS staff,
    (SELECT coalesce(json_agg(json_build_array(operator_id, on_date::text, hours)), '[]')
       FROM staff_day_changes WHERE location_id = $1 AND on_date BETWEEN $5 AND $6) AS changes,
    (SELECT coalesce(json_agg(json_build_array(id, name, kind) ORDER BY kind DESC, name, id), '[]')
       FROM resources WHERE location_id = $1 AND active) AS resources,
    (SELECT coalesce(json_agg(json_build_array(starts_on::text, ends_on::text)), '[]')
       FROM location_closures WHERE location_id = $1 AND ends_on >= $5 AND starts_on <= $6) AS closures`;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

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
export async function loadCalendar(ctx: ServiceCtx, asked: CalendarQuery, access: CardAccess, now: Date): Promise<CalendarData | null> {
  const q = ctx.tx.$client;
  // With the spa's age of majority (for the minor flag), in the same round trip.
  const locations = (await q.query<LocationRow>({
    name: 'calendar-locations',
    text: `SELECT id, name, timezone, business_hours, (SELECT age_of_majority FROM tenants WHERE id = current_tenant_id()) AS age_of_majority FROM locations WHERE active ORDER BY name, id`,
  })).rows;
  const location = asked.location ? locations.find((l) => l.id === asked.location) : locations[0];
  if (!location) return null;
  const zone = location.timezone;
  // No date asked for: today where the location is.
  const query = { ...asked, date: asked.date || dayIn(zone, now) };
  const days = daysShown(query);
  const { from, to } = windowOf(zone, days);

  const shown = await loadCards(ctx, { locationId: location.id, from, to, zone, days, access, ageOfMajority: location.age_of_majority, rooms: query.by === 'room' });
  const providersShown = [...new Set(shown.flatMap((a) => a.lines.map((l) => l.providerId)))];
  const around = (await q.query<AroundRow>({ name: 'calendar-around', text: AROUND_SQL, values: [location.id, from, to, providersShown, days[0], days[days.length - 1]] })).rows[0]!;
  const staff = around.staff.map(([operator_id, full_name, weekday, kind, starts, ends]) => ({ operator_id, full_name, weekday, kind, starts, ends }));
  const changes = around.changes.map(([operator_id, on_date, hours]) => ({ operator_id, on_date, hours }));
  const closures = around.closures.map(([starts_on, ends_on]) => ({ starts_on, ends_on }));

  const clientIds = [...new Set(shown.map((a) => a.clientId))];
  ctx.audit(clientIds.length ? { action: 'read', recordType: 'calendar', recordId: location.id, clientIds } : { action: 'read', recordType: 'calendar', recordId: location.id });

  const providers = new Map<string, string>();
  for (const s of staff) providers.set(s.operator_id, s.full_name);
  const openHours: Record<string, [string, string][]> = {};
  for (const day of days) {
    const closed = closures.some((c) => c.starts_on <= day && c.ends_on >= day);
    openHours[day] = closed ? [] : (location.business_hours[WEEKDAYS[weekday(day)]!] ?? []).map(([a, b]) => [a.slice(0, 5), b.slice(0, 5)]);
  }
  // Each provider's weekly rows by weekday, and one-off days by date: looked up, not searched, per day shown.
  const weekly = new Map<string, typeof staff>();
  for (const s of staff) {
    const key = `${s.operator_id} ${s.weekday}`;
    (weekly.get(key) ?? weekly.set(key, []).get(key)!).push(s);
  }
  const oneOff = new Map(changes.map((c) => [`${c.operator_id} ${c.on_date}`, c]));
  const weekdays = days.map(weekday);
  const staffDays: StaffDay[] = [];
  for (const [providerId] of providers) {
    for (const [i, day] of days.entries()) {
      const rows = weekly.get(`${providerId} ${weekdays[i]}`) ?? [];
      const change = oneOff.get(`${providerId} ${day}`);
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
    resources: around.resources.map(([id, name, kind]) => ({ id, name, kind })),
    openHours,
    staffDays,
    appointments: shown,
    blocks: around.blocks.map(([id, providerId, resourceId, start, end, reason]) => ({ id, providerId, resourceId, start: new Date(start), end: new Date(end), reason })),
  };
}

/** 0 = Sunday, as staff_hours counts. */
function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

