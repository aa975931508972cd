/**
 * Opening hours as the setup forms write them: per weekday, one or two ranges of
 * local wall-clock time ('HH:MM'), or closed. Pure: no I/O.
 */
import type { BusinessHours } from '../../infra/db/schema.ts';
import { rangeLabel } from '../../ui/clock.ts';

export type DayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Monday first, as a spa's week reads; `index` is the database's weekday (0 = Sunday). */
export const WEEKDAYS: readonly { key: DayKey; name: string; short: string; index: number }[] = [
  { key: 'mon', name: 'Monday', short: 'Mon', index: 1 },
  { key: 'tue', name: 'Tuesday', short: 'Tue', index: 2 },
  { key: 'wed', name: 'Wednesday', short: 'Wed', index: 3 },
  { key: 'thu', name: 'Thursday', short: 'Thu', index: 4 },
  { key: 'fri', name: 'Friday', short: 'Fri', index: 5 },
  { key: 'sat', name: 'Saturday', short: 'Sat', index: 6 },
  { key: 'sun', name: 'Sunday', short: 'Sun', index: 0 },
];

export const weekdayName = (index: number): string => WEEKDAYS.find((d) => d.index === index)?.name ?? '';

export type Range = [start: string, end: string];

/** Minutes since midnight of 'HH:MM' (or 'HH:MM:SS' with zero seconds, as some browsers send); null otherwise. */
export function minutesOf(value: string | undefined): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::00)?$/.exec((value ?? '').trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** 'HH:MM' of a time as typed or stored ('09:00:00' → '09:00'). */
export const hhmm = (value: string): string => value.slice(0, 5);

/** A range as read: "9:00 AM–6:00 PM" (ui/clock.ts). */
export const formatRange = ([start, end]: Range): string => rangeLabel(minutesOf(hhmm(start))!, minutesOf(hhmm(end)) ?? 1440);

export function rangesOverlap(a: Range, b: Range): boolean {
  return minutesOf(a[0])! < minutesOf(b[1])! && minutesOf(b[0])! < minutesOf(a[1])!;
}

const TIME_HINT = 'Enter a time like 09:00.';

/**
 * Reads one day's one or two ranges from form fields named `<prefix>_open`, `_close`,
 * `_open2`, `_close2`. Returns the ranges in order, or errors keyed by field name.
 * An entirely blank day is `null` (the caller decides whether that means closed).
 */
export function readDayRanges(values: Record<string, string | undefined>, prefix: string, words = { open: 'Opening', close: 'Closing' }): { ranges: Range[] | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const field = (suffix: string) => (values[`${prefix}_${suffix}`] ?? '').trim();
  const ranges: Range[] = [];
  for (const [open, close, second] of [['open', 'close', false], ['open2', 'close2', true]] as const) {
    const a = field(open);
    const b = field(close);
    if (!a && !b) continue;
    const start = minutesOf(a);
    const end = minutesOf(b);
    if (start === null) errors[`${prefix}_${open}`] = a ? TIME_HINT : `Enter the ${words.open.toLowerCase()} time${second ? ' of the second range' : ''}.`;
    if (end === null) errors[`${prefix}_${close}`] = b ? TIME_HINT : `Enter the ${words.close.toLowerCase()} time${second ? ' of the second range' : ''}.`;
    if (start !== null && end !== null) {
      if (end <= start) errors[`${prefix}_${close}`] = `${words.close} time must be after ${hhmm(a)}.`;
      else ranges.push([hhmm(a), hhmm(b)]);
    }
  }
  if (Object.keys(errors).length) return { ranges: null, errors };
  if (!ranges.length) return { ranges: null, errors };
  ranges.sort((x, y) => minutesOf(x[0])! - minutesOf(y[0])!);
  if (ranges.length === 2 && rangesOverlap(ranges[0]!, ranges[1]!)) {
    return { ranges: null, errors: { [`${prefix}_open2`]: `The two ranges overlap (${formatRange(ranges[0]!)} and ${formatRange(ranges[1]!)}). Make the second start after the first ends.` } };
  }
  return { ranges, errors };
}

/** Business hours from the location form: each weekday closed, or one or two ranges. */
export function readBusinessHours(values: Record<string, string | undefined>): { hours: BusinessHours; errors: Record<string, string> } {
  const hours: BusinessHours = {};
  const errors: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    if (values[`${day.key}_closed`]) {
      hours[day.key] = [];
      continue;
    }
    const read = readDayRanges(values, day.key);
    Object.assign(errors, read.errors);
    if (read.ranges) hours[day.key] = read.ranges;
    else if (!Object.keys(read.errors).length) errors[`${day.key}_open`] = `Enter ${day.name}’s hours, or tick “Closed”.`;
  }
  return { hours, errors };
}

/** The form fields that show stored business hours again. */
export function businessHoursValues(hours: BusinessHours): Record<string, string> {
  const values: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const ranges = hours[day.key] ?? [];
    if (!ranges.length) values[`${day.key}_closed`] = 'on';
    ranges.slice(0, 2).forEach(([start, end], i) => {
      values[`${day.key}_open${i ? '2' : ''}`] = start;
      values[`${day.key}_close${i ? '2' : ''}`] = end;
    });
  }
  return values;
}

/** "Mon–Fri 09:00–18:00" style summary is long to get right; the list shows each open day instead. */
export function hoursSummary(hours: BusinessHours): { day: string; text: string }[] {
  return WEEKDAYS.map((d) => ({ day: d.short, text: (hours[d.key] ?? []).length ? (hours[d.key] ?? []).map((r) => formatRange(r)).join(', ') : 'Closed' }));
}
