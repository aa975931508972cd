/**
 * Staff schedules (CRM-2): each person's week per location (work and breaks), one-off days,
 * and time off. One person cannot work at two locations at the same time.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { getStaffMember, listStaff, type StaffMember, type StaffSummary } from '../identity/staff.ts';
import { formatRange, hhmm, rangesOverlap, weekdayName, type Range } from '../tenancy/hours.ts';
import type { WeekDayHours } from './schedule-form.ts';
import { dayNumber } from './zoned-time.ts';
import { dayIn } from '../identity/spa-time.ts';

export type Refusal = { ok: false; status: 400 | 409; field?: string; message: string };
export type Change<T = object> = ({ ok: true } & T) | Refusal;
const refuse = (status: Refusal['status'], message: string, field?: string): Refusal => ({ ok: false, status, message, field });

export interface HoursRow {
  locationId: string;
  weekday: number;
  kind: 'work' | 'break';
  starts: string;
  ends: string;
}

export interface ScheduleLocation {
  id: string;
  name: string;
  timezone: string;
}

export interface DayChange {
  id: string;
  locationId: string;
  onDate: string;
  hours: Range[];
  note: string;
}

export interface TimeOff {
  id: string;
  from: Date;
  to: Date;
  reason: string;
}

async function activeLocations(ctx: ServiceCtx): Promise<ScheduleLocation[]> {
  const { rows } = await ctx.tx.$client.query<ScheduleLocation>('SELECT id, name, timezone FROM locations WHERE active ORDER BY lower(name)');
  return rows;
}

async function hoursOf(ctx: ServiceCtx, operatorId?: string): Promise<(HoursRow & { operatorId: string })[]> {
  const { rows } = await ctx.tx.$client.query<HoursRow & { operatorId: string }>(
    `SELECT operator_id AS "operatorId", location_id AS "locationId", weekday, kind, to_char(starts, 'HH24:MI') AS starts, to_char(ends, 'HH24:MI') AS ends
       FROM staff_hours ${operatorId ? 'WHERE operator_id = $1' : ''} ORDER BY weekday, starts`,
    operatorId ? [operatorId] : [],
  );
  return rows;
}

export interface ScheduleListEntry {
  person: StaffSummary;
  /** Per location they work at: the weekdays (0 = Sunday) they work there. */
  locations: { id: string; name: string; weekdays: number[] }[];
}

/** Everyone active, with where and on which days they work. */
export async function listSchedules(ctx: ServiceCtx, now: Date): Promise<{ entries: ScheduleListEntry[]; locations: ScheduleLocation[] }> {
  const { people } = await listStaff(ctx, now);
  const locations = await activeLocations(ctx);
  const hours = await hoursOf(ctx);
  const entries = people
    .filter((p) => p.status === 'active')
    .map((person) => ({
      person,
      locations: locations
        .map((l) => ({ id: l.id, name: l.name, weekdays: [...new Set(hours.filter((h) => h.operatorId === person.id && h.locationId === l.id && h.kind === 'work').map((h) => h.weekday))] }))
        .filter((l) => l.weekdays.length),
    }));
  return { entries, locations };
}

export interface SchedulePage {
  person: StaffMember;
  timeZone: string;
  locations: ScheduleLocation[];
  hours: HoursRow[];
  dayChanges: DayChange[];
  timeOff: TimeOff[];
}

/** One person's schedule from today on; null when no such person is at this spa. */
export async function getSchedulePage(ctx: ServiceCtx, operatorId: string, now: Date): Promise<SchedulePage | null> {
  const member = await getStaffMember(ctx, operatorId, now);
  if (!member) return null;
  const locations = await activeLocations(ctx);
  const today = dayIn(member.timeZone, now);
  const { rows: dayChanges } = await ctx.tx.$client.query<DayChange>(
    `SELECT id, location_id AS "locationId", on_date::text AS "onDate", hours, note FROM staff_day_changes
      WHERE operator_id = $1 AND on_date >= $2::date ORDER BY on_date, location_id`,
    [operatorId, today],
  );
  const { rows: timeOff } = await ctx.tx.$client.query<TimeOff>(
    `SELECT id, lower(during) AS "from", upper(during) AS "to", reason FROM staff_time_off
      WHERE operator_id = $1 AND upper(during) > $2 ORDER BY lower(during)`,
    [operatorId, now],
  );
  return { person: member.person, timeZone: member.timeZone, locations, hours: await hoursOf(ctx, operatorId), dayChanges, timeOff };
}

/** Locks the person (serialising schedule changes for them) and checks they are this spa's. */
async function lockPerson(ctx: ServiceCtx, operatorId: string): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query('SELECT 1 FROM operators WHERE id = $1 FOR UPDATE', [operatorId]);
  return (rowCount ?? 0) > 0;
}

async function location(ctx: ServiceCtx, id: string): Promise<ScheduleLocation | null> {
  const { rows } = await ctx.tx.$client.query<ScheduleLocation>('SELECT id, name, timezone FROM locations WHERE id = $1 AND active', [id]);
  return rows[0] ?? null;
}

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Replaces the person's week at one location. Refused when a day's work overlaps their work
 * at another location on the same weekday. Null when the person or the location is not this spa's.
 */
export async function saveWeek(ctx: ServiceCtx, operatorId: string, locationId: string, days: WeekDayHours[]): Promise<Change | null> {
  if (!(await lockPerson(ctx, operatorId))) return null;
  const here = await location(ctx, locationId);
  if (!here) return null;
  const others = (await hoursOf(ctx, operatorId)).filter((h) => h.locationId !== locationId && h.kind === 'work');
  const names = new Map((await activeLocations(ctx)).map((l) => [l.id, l.name]));
  for (const day of days) {
    const clash = others.find((o) => o.weekday === day.weekday && rangesOverlap([o.starts, o.ends], day.work));
    if (clash) {
      const where = names.get(clash.locationId) ?? 'another location';
      return refuse(409, `On ${weekdayName(day.weekday)}s they already work at ${where} ${formatRange([clash.starts, clash.ends])}. Nobody can be at two locations at once: shorten one of the two.`, `${DAY_KEYS[day.weekday]}_start`);
    }
  }
  await ctx.tx.$client.query('DELETE FROM staff_hours WHERE operator_id = $1 AND location_id = $2', [operatorId, locationId]);
  for (const day of days) {
    for (const [kind, range] of [['work', day.work], ['break', day.break]] as const) {
      if (!range) continue;
      await ctx.tx.$client.query(
        `INSERT INTO staff_hours (tenant_id, operator_id, location_id, weekday, kind, starts, ends) VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6)`,
        [operatorId, locationId, day.weekday, kind, range[0], range[1]],
      );
    }
  }
  ctx.audit({ action: 'update', recordType: 'staff_hours', recordId: operatorId });
  return { ok: true };
}

/** The work ranges a person has at each other location on one date: that day's change, else their week. */
async function otherWorkOn(ctx: ServiceCtx, operatorId: string, locationId: string, onDate: string): Promise<{ locationId: string; range: Range }[]> {
  const weekday = (((dayNumber(onDate)! + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const { rows: changes } = await ctx.tx.$client.query<{ location_id: string; hours: Range[] }>(
    'SELECT location_id, hours FROM staff_day_changes WHERE operator_id = $1 AND on_date = $2 AND location_id <> $3',
    [operatorId, onDate, locationId],
  );
  const changed = new Set(changes.map((c) => c.location_id));
  const weekly = (await hoursOf(ctx, operatorId)).filter((h) => h.locationId !== locationId && !changed.has(h.locationId) && h.kind === 'work' && h.weekday === weekday);
  return [...changes.flatMap((c) => c.hours.map((range) => ({ locationId: c.location_id, range }))), ...weekly.map((h) => ({ locationId: h.locationId, range: [h.starts, h.ends] as Range }))];
}

/** Sets (or replaces) one date's hours at a location; no hours = not working there that day. */
export async function setDayChange(ctx: ServiceCtx, operatorId: string, input: { locationId: string; onDate: string; hours: Range[]; note: string }): Promise<Change | null> {
  if (!(await lockPerson(ctx, operatorId))) return null;
  const here = await location(ctx, input.locationId);
  if (!here) return refuse(400, 'Choose a location from the list.', 'location_id');
  const names = new Map((await activeLocations(ctx)).map((l) => [l.id, l.name]));
  for (const other of await otherWorkOn(ctx, operatorId, input.locationId, input.onDate)) {
    const clash = input.hours.find((r) => rangesOverlap(r, other.range));
    if (clash) return refuse(409, `That day they work at ${names.get(other.locationId) ?? 'another location'} ${formatRange(other.range)}. Nobody can be at two locations at once.`, 'day_open');
  }
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO staff_day_changes (tenant_id, operator_id, location_id, on_date, hours, note) VALUES (current_tenant_id(), $1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, operator_id, location_id, on_date) DO UPDATE SET hours = EXCLUDED.hours, note = EXCLUDED.note RETURNING id`,
    [operatorId, input.locationId, input.onDate, JSON.stringify(input.hours.map(([a, b]) => [hhmm(a), hhmm(b)])), input.note],
  );
  ctx.audit({ action: 'update', recordType: 'staff_day_change', recordId: rows[0]!.id });
  return { ok: true };
}

export async function removeDayChange(ctx: ServiceCtx, operatorId: string, changeId: string): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query('DELETE FROM staff_day_changes WHERE id = $1 AND operator_id = $2', [changeId, operatorId]);
  if (!rowCount) return false;
  ctx.audit({ action: 'delete', recordType: 'staff_day_change', recordId: changeId });
  return true;
}

/** The zone a time-off form speaks in: the chosen active location's. Null when there is no such location. */
export async function zoneOfLocation(ctx: ServiceCtx, locationId: string): Promise<string | null> {
  return (await location(ctx, locationId))?.timezone ?? null;
}

export async function addTimeOff(ctx: ServiceCtx, operatorId: string, input: { from: Date; to: Date; reason: string }): Promise<Change | null> {
  if (!(await lockPerson(ctx, operatorId))) return null;
  const { rowCount } = await ctx.tx.$client.query(`SELECT 1 FROM staff_time_off WHERE operator_id = $1 AND during && tstzrange($2, $3, '[)')`, [operatorId, input.from, input.to]);
  if (rowCount) return refuse(409, 'This overlaps time off already recorded. Remove that one first, or change the dates.', 'starts_on');
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO staff_time_off (tenant_id, operator_id, during, reason) VALUES (current_tenant_id(), $1, tstzrange($2, $3, '[)'), $4) RETURNING id`,
    [operatorId, input.from, input.to, input.reason],
  );
  ctx.audit({ action: 'create', recordType: 'staff_time_off', recordId: rows[0]!.id });
  return { ok: true };
}

export async function removeTimeOff(ctx: ServiceCtx, operatorId: string, timeOffId: string): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query('DELETE FROM staff_time_off WHERE id = $1 AND operator_id = $2', [timeOffId, operatorId]);
  if (!rowCount) return false;
  ctx.audit({ action: 'delete', recordType: 'staff_time_off', recordId: timeOffId });
  return true;
}
