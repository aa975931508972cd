/**
 * Local wall-clock time in a zone → the instant it names, for the setup forms: the
 * availability engine's `localToInstant` does the conversion; this adds the messages a
 * manager reads beside a field, and a few calendar helpers.
 */
import { isValidTimeZone, localToInstant, parseLocalDate } from './availability/local-time.ts';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True when the zone is one the tz database knows. */
export function isKnownTimeZone(zone: string): boolean {
  return isValidTimeZone(zone);
}

/** Days since 1970-01-01 of a real calendar date 'YYYY-MM-DD', else null. */
export function dayNumber(date: string): number | null {
  return parseLocalDate(date);
}

export type ZonedResult = { ok: true; instant: Date } | { ok: false; message: string };

/**
 * The instant of a local date and time ('HH:MM') in a zone. A time the clocks skip in spring is
 * refused with a message; a time they repeat in autumn is its first occurrence.
 */
export function zonedInstant(zone: string, date: string, time: string): ZonedResult {
  if (!isKnownTimeZone(zone)) return { ok: false, message: 'That location’s time zone is not one we know.' };
  if (dayNumber(date) === null) return { ok: false, message: 'Enter a date like 2027-03-31.' };
  if (!TIME.test(time)) return { ok: false, message: 'Enter a time like 09:30.' };
  const result = localToInstant(zone, date, time);
  if (!result.ok) return { ok: false, message: result.message };
  return { ok: true, instant: result.instant };
}

/** The next calendar day of 'YYYY-MM-DD'. */
export function nextDay(date: string): string {
  return new Date((dayNumber(date)! + 1) * 86_400_000).toISOString().slice(0, 10);
}
