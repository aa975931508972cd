/**
 * Reads the staff schedule forms: a week at one location (work and an optional break per
 * weekday), a one-off day, and time off in a location's zone. Pure: no I/O.
 */
import { z } from 'zod';
import { formatRange, hhmm, minutesOf, readDayRanges, WEEKDAYS, type Range } from '../tenancy/hours.ts';
import { dayNumber, nextDay, zonedInstant } from './zoned-time.ts';

export interface WeekDayHours {
  weekday: number;
  work: Range;
  break: Range | null;
}

/** Week fields per day: `<day>_start`, `_end`, `_break_start`, `_break_end`. A blank day is a day off. */
export function readWeek(values: Record<string, string | undefined>): { days: WeekDayHours[]; errors: Record<string, string> } {
  const days: WeekDayHours[] = [];
  const errors: Record<string, string> = {};
  const get = (name: string) => (values[name] ?? '').trim();
  for (const day of WEEKDAYS) {
    const f = (suffix: string) => `${day.key}_${suffix}`;
    const [start, end, breakStart, breakEnd] = ['start', 'end', 'break_start', 'break_end'].map((s) => get(f(s))) as [string, string, string, string];
    if (!start && !end && !breakStart && !breakEnd) continue;
    const s = minutesOf(start);
    const e = minutesOf(end);
    if (s === null) errors[f('start')] = start ? 'Enter a time like 09:00.' : `Enter when ${day.name}’s work starts, or clear the day.`;
    if (e === null) errors[f('end')] = end ? 'Enter a time like 17:00.' : `Enter when ${day.name}’s work ends.`;
    if (s === null || e === null) continue;
    if (e <= s) {
      errors[f('end')] = `Work must end after it starts (${hhmm(start)}).`;
      continue;
    }
    let pause: Range | null = null;
    if (breakStart || breakEnd) {
      const bs = minutesOf(breakStart);
      const be = minutesOf(breakEnd);
      if (bs === null) errors[f('break_start')] = breakStart ? 'Enter a time like 12:30.' : 'Enter when the break starts, or clear both break times.';
      else if (be === null) errors[f('break_end')] = breakEnd ? 'Enter a time like 13:00.' : 'Enter when the break ends.';
      else if (be <= bs) errors[f('break_end')] = `The break must end after it starts (${hhmm(breakStart)}).`;
      else if (bs <= s || be >= e) errors[f('break_start')] = `The break must fall inside the working hours (${formatRange([start, end])}).`;
      else pause = [hhmm(breakStart), hhmm(breakEnd)];
      if (bs === null || be === null || be <= bs || bs <= s || be >= e) continue;
    }
    days.push({ weekday: day.index, work: [hhmm(start), hhmm(end)], break: pause });
  }
  return { days, errors };
}

/** The week form's fields for stored rows. */
export function weekValues(rows: { weekday: number; kind: 'work' | 'break'; starts: string; ends: string }[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const work = rows.find((r) => r.weekday === day.index && r.kind === 'work');
    const pause = rows.find((r) => r.weekday === day.index && r.kind === 'break');
    if (work) Object.assign(values, { [`${day.key}_start`]: hhmm(work.starts), [`${day.key}_end`]: hhmm(work.ends) });
    if (pause) Object.assign(values, { [`${day.key}_break_start`]: hhmm(pause.starts), [`${day.key}_break_end`]: hhmm(pause.ends) });
  }
  return values;
}

const DAY = z
  .string()
  .trim()
  .min(1, 'Enter a date.')
  .refine((v) => dayNumber(v) !== null, 'Enter a date like 2026-12-24.')
  .refine((v) => v >= '2000-01-01' && v <= '2100-12-31', 'Enter a date between 2000 and 2100.');
const note = z.string().trim().max(120, 'Use at most 120 characters.').refine((v) => !/\p{Cc}/u.test(v), 'Remove the invisible control characters.');
const locationField = z.string().trim().min(1, 'Choose the location.');

export const dayChangeSchema = z.object({ location_id: locationField, on_date: DAY, note, off: z.string().optional() });

/** A one-off day: off, or one or two ranges (`day_open`, `day_close`, `day_open2`, `day_close2`). */
export function readDayChangeHours(values: Record<string, string | undefined>): { hours: Range[]; errors: Record<string, string> } {
  if (values.off) return { hours: [], errors: {} };
  const read = readDayRanges(values, 'day', { open: 'Start', close: 'End' });
  if (Object.keys(read.errors).length) return { hours: [], errors: read.errors };
  if (!read.ranges) return { hours: [], errors: { day_open: 'Enter the hours for that day, or tick “Not working”.' } };
  return { hours: read.ranges, errors: {} };
}

export const timeOffSchema = z.object({
  location_id: locationField,
  starts_on: DAY,
  starts_time: z.string().trim(),
  ends_on: DAY,
  ends_time: z.string().trim(),
  reason: note,
});

/**
 * Time off as instants: the dates and times are read in the zone given. A blank start time is
 * the start of the day; a blank end time is the end of the last day.
 */
export function timeOffRange(zone: string, input: z.infer<typeof timeOffSchema>): { ok: true; from: Date; to: Date } | { ok: false; errors: Record<string, string> } {
  const from = zonedInstant(zone, input.starts_on, input.starts_time || '00:00');
  const to = input.ends_time ? zonedInstant(zone, input.ends_on, input.ends_time) : zonedInstant(zone, nextDay(input.ends_on), '00:00');
  const errors: Record<string, string> = {};
  if (!from.ok) errors[input.starts_time ? 'starts_time' : 'starts_on'] = from.message;
  if (!to.ok) errors[input.ends_time ? 'ends_time' : 'ends_on'] = to.message;
  if (!from.ok || !to.ok) return { ok: false, errors };
  if (to.instant <= from.instant) return { ok: false, errors: { ends_on: 'Time off must end after it starts.' } };
  if (to.instant.getTime() - from.instant.getTime() > 366 * 86_400_000) return { ok: false, errors: { ends_on: 'Record at most a year of time off at once.' } };
  return { ok: true, from: from.instant, to: to.instant };
}
