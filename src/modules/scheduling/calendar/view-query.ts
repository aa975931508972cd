/**
 * The calendar's address: which view, day, grouping and location. None of it is PHI, so it
 * lives in the query string (bookmarkable, and what the grid fragment is polled with).
 * Anything unreadable falls back to the default rather than failing the page. Pure.
 */
import { parseLocalDate } from '../availability/local-time.ts';

export type CalendarView = 'day' | 'week';
export type CalendarGrouping = 'provider' | 'room';

export interface CalendarQuery {
  view: CalendarView;
  /** The day shown, or any day of the week shown. */
  date: string;
  by: CalendarGrouping;
  /** A location id when one was asked for (checked by the service: unknown → 404). */
  location: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `today` may be '' when it is not known yet (the service then takes today in the location's zone). */
export function readCalendarQuery(q: Record<string, string | undefined>, today: string): CalendarQuery | { invalidLocation: true } {
  const location = q.location ? q.location.trim() : '';
  if (location && !UUID.test(location)) return { invalidLocation: true };
  return {
    view: q.view === 'week' ? 'week' : 'day',
    date: q.date && parseLocalDate(q.date) !== null ? q.date : today,
    by: q.by === 'room' ? 'room' : 'provider',
    location: location || null,
  };
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => parseLocalDate(date)!;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayIndex(date: string): number {
  return (dayNumber(date) + 3) % 7;
}

/** The days a query shows: one, or Monday to Sunday of its week. */
export function daysShown(q: Pick<CalendarQuery, 'view' | 'date'>): string[] {
  if (q.view === 'day') return [q.date];
  const monday = addDays(q.date, -weekdayIndex(q.date));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The query string of a calendar address (location left out when it is the default one). */
export function calendarSearch(q: CalendarQuery, change: Partial<CalendarQuery> = {}): string {
  const next = { ...q, ...change };
  const params = new URLSearchParams({ view: next.view, date: next.date, by: next.by });
  if (next.location) params.set('location', next.location);
  return params.toString();
}

/** Previous, next and today, for the toolbar. */
export function navigation(q: CalendarQuery, today: string): { prev: string; next: string; today: string } {
  const step = q.view === 'week' ? 7 : 1;
  return {
    prev: calendarSearch(q, { date: addDays(q.date, -step) }),
    next: calendarSearch(q, { date: addDays(q.date, step) }),
    today: calendarSearch(q, { date: today }),
  };
}
