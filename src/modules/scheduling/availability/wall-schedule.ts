/**
 * Turns weekly local ranges, one-off changes and closures into sets of wall
 * minutes (see local-time.ts) over a span of local days. Set operations are
 * done in wall time and mapped to instants once, which keeps daylight-saving
 * changes out of this file entirely.
 */
import type { Interval } from './intervals.ts';
import { normalize, subtract } from './intervals.ts';
import { MINUTES_PER_DAY, weekdayOf } from './local-time.ts';
import type { Weekday } from './types.ts';

/** A local range already parsed: minutes from the midnight of the day it is written on; end may pass 1440. */
export interface DayRange {
  start: number;
  end: number;
}

export type WeeklyDayRanges = Partial<Record<Weekday, readonly DayRange[]>>;

export interface DayOverride {
  hours: readonly DayRange[];
  breaks?: readonly DayRange[];
}

export function rangesOnDay(dayNumber: number, ranges: readonly DayRange[]): Interval[] {
  const base = dayNumber * MINUTES_PER_DAY;
  return ranges.map((r) => ({ start: base + r.start, end: base + r.end }));
}

/** Wall set of the weekly ranges on each day in [firstDay, lastDay]. */
export function weeklyWall(weekly: WeeklyDayRanges, firstDay: number, lastDay: number): Interval[] {
  const pieces: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    pieces.push(...rangesOnDay(day, weekly[weekdayOf(day)] ?? []));
  }
  return normalize(pieces);
}

/**
 * Working wall time: each day's hours (the override's when there is one)
 * minus that day's breaks (the override's when it gives them).
 */
export function workingWall(
  hours: WeeklyDayRanges,
  breaks: WeeklyDayRanges,
  overrides: ReadonlyMap<number, DayOverride>,
  firstDay: number,
  lastDay: number,
): Interval[] {
  const working: Interval[] = [];
  const resting: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = weekdayOf(day);
    const override = overrides.get(day);
    working.push(...rangesOnDay(day, override ? override.hours : (hours[weekday] ?? [])));
    resting.push(...rangesOnDay(day, override?.breaks ?? breaks[weekday] ?? []));
  }
  return subtract(normalize(working), normalize(resting));
}
