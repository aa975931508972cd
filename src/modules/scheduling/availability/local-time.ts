/**
 * Local calendar arithmetic and the mapping between local wall-clock time and
 * instants. Both are counted in whole minutes: an instant as minutes since the
 * Unix epoch, a wall-clock time as "wall minutes" — the local day number (days
 * since 1970-01-01) × 1440 + minutes since local midnight. At an instant t,
 * wall(t) = t + utcOffset(t). Offsets come from the tz database through Intl;
 * everything else here is integer arithmetic.
 */
import { IANAZone } from 'luxon';
import type { Interval, IntervalSet } from './intervals.ts';
import { normalize } from './intervals.ts';
import type { LocalDate, LocalTime, Weekday } from './types.ts';

export const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Wider than any UTC offset (±14 h): pads instant windows so every wall time in range is covered. */
export const OFFSET_MARGIN_MINUTES = 1500;

/**
 * Probe spacing when looking for offset changes. The tz database has no two
 * changes of one zone this close together in the years people book, so a
 * change and its reversal cannot hide between two probes.
 */
const PROBE_STEP_MINUTES = 180;

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD', otherwise null. */
export function parseLocalDate(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 02-30 over to March; a round trip catches it (and years below 100).
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

export function formatLocalDate(dayNumber: number): LocalDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Minutes since midnight for 'HH:MM'; '24:00' only when `allowEndOfDay`. Otherwise null. */
export function parseLocalTime(text: string, allowEndOfDay = false): number | null {
  const match = TIME_PATTERN.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return null;
  if (hours === 24 && minutes === 0 && allowEndOfDay) return MINUTES_PER_DAY;
  if (hours > 23) return null;
  return hours * 60 + minutes;
}

export function formatMinuteOfDay(minuteOfDay: number): LocalTime {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): Weekday {
  return WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7]!;
}

export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

export function isValidTimeZone(zone: string): boolean {
  // IANAZone.create caches one instance per name, so validity is checked once per zone.
  return typeof zone === 'string' && zone.length > 0 && IANAZone.create(zone).isValid;
}

export function instantToMinuteFloor(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_MINUTE);
}

export function instantToMinuteCeil(date: Date): number {
  return Math.ceil(date.getTime() / MS_PER_MINUTE);
}

export function minuteToDate(minute: number): Date {
  return new Date(minute * MS_PER_MINUTE);
}

/** One formatter per zone whose text ends with the zone's offset: "GMT-07:00", "GMT+05:45", "GMT" at zero. */
const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();
const GMT_OFFSET = /GMT(?:([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The UTC offset in minutes at an instant in epoch milliseconds (fractional for the local mean
 * times before standard time), NaN for an unknown zone. The same values as luxon's
 * `IANAZone.offset`, read from one formatted string instead of a date taken apart: a quarter
 * of the cost, and a calendar week asks a few hundred times.
 */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  let format = offsetFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      format = null;
    }
    offsetFormats.set(zone, format);
  }
  if (!format) return NaN;
  const m = GMT_OFFSET.exec(format.format(ms));
  if (!m) return IANAZone.create(zone).offset(ms);
  if (!m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60;
  return m[1] === '-' ? -minutes : minutes;
}

/** The UTC offset in whole minutes at an instant given in epoch minutes. */
export function offsetAt(zone: string, minute: number): number {
  return Math.round(zoneOffsetMinutes(zone, minute * MS_PER_MINUTE));
}

interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

/**
 * A zone's UTC offsets over a window of instants, as segments of constant
 * offset. Converts between instants and wall minutes inside that window.
 */
export class ZoneClock {
  readonly segments: readonly OffsetSegment[];

  constructor(
    readonly zone: string,
    readonly windowStart: number,
    readonly windowEnd: number,
  ) {
    this.segments = findOffsetSegments(zone, windowStart, windowEnd);
  }

  /** A clock covering every instant whose wall time lies in [wallStart, wallEnd). */
  static forWallRange(zone: string, wallStart: number, wallEnd: number): ZoneClock {
    return new ZoneClock(zone, wallStart - OFFSET_MARGIN_MINUTES, wallEnd + OFFSET_MARGIN_MINUTES);
  }

  offsetAt(minute: number): number {
    const segments = this.segments;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.start <= minute) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo]!.offset;
  }

  wallOf(minute: number): number {
    return minute + this.offsetAt(minute);
  }

  /**
   * Every instant (inside the window) whose wall time is in the given wall
   * set. A wall time skipped by a spring-forward change has no instant; one
   * repeated by a fall-back change has two.
   */
  instantsOfWall(wall: IntervalSet): Interval[] {
    const pieces: Interval[] = [];
    for (const segment of this.segments) {
      for (const range of wall) {
        const start = Math.max(segment.start, range.start - segment.offset);
        const end = Math.min(segment.end, range.end - segment.offset);
        if (end > start) pieces.push({ start, end });
      }
    }
    return normalize(pieces);
  }
}

function findOffsetSegments(zone: string, windowStart: number, windowEnd: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let segmentStart = windowStart;
  let segmentOffset = offsetAt(zone, windowStart);
  let known = windowStart; // last probed minute whose offset is segmentOffset
  while (known < windowEnd) {
    const probe = Math.min(known + PROBE_STEP_MINUTES, windowEnd);
    let probeOffset = offsetAt(zone, probe);
    while (probeOffset !== segmentOffset) {
      // The first minute after `known` with another offset: the change.
      let lo = known;
      let hi = probe;
      while (hi - lo > 1) {
        const mid = lo + ((hi - lo) >> 1);
        if (offsetAt(zone, mid) === segmentOffset) lo = mid;
        else hi = mid;
      }
      segments.push({ start: segmentStart, end: hi, offset: segmentOffset });
      segmentStart = hi;
      segmentOffset = offsetAt(zone, hi);
      known = hi;
      probeOffset = offsetAt(zone, probe);
    }
    known = probe;
  }
  segments.push({ start: segmentStart, end: windowEnd, offset: segmentOffset });
  return segments;
}

export type LocalToInstantResult =
  | {
      ok: true;
      instant: Date;
      utcOffsetMinutes: number;
      /** Set when a fall-back change repeats the time: the second occurrence (`instant` is the first). */
      repeatedInstant?: Date;
    }
  | { ok: false; reason: 'invalid-zone' | 'invalid-date' | 'invalid-time' | 'nonexistent-time'; message: string };

/**
 * The instant of a local date and time in a zone. A time skipped when clocks
 * spring forward is an error with a message a booking form can show; a time
 * repeated when clocks fall back resolves to its first occurrence.
 */
export function localToInstant(zone: string, date: LocalDate, time: LocalTime): LocalToInstantResult {
  if (!isValidTimeZone(zone)) return { ok: false, reason: 'invalid-zone', message: `Unknown time zone "${zone}".` };
  const day = parseLocalDate(date);
  if (day === null) return { ok: false, reason: 'invalid-date', message: `"${date}" is not a date (expected YYYY-MM-DD).` };
  const minuteOfDay = parseLocalTime(time);
  if (minuteOfDay === null) return { ok: false, reason: 'invalid-time', message: `"${time}" is not a time (expected HH:MM).` };
  const wall = day * MINUTES_PER_DAY + minuteOfDay;
  const clock = ZoneClock.forWallRange(zone, wall, wall + 1);
  const matches = clock.instantsOfWall([{ start: wall, end: wall + 1 }]);
  const first = matches[0];
  if (!first) {
    const resumes = clock.instantsOfWall([{ start: wall, end: wall + MINUTES_PER_DAY }])[0];
    const next = resumes ? ` The next valid time is ${formatMinuteOfDay(mod(clock.wallOf(resumes.start), MINUTES_PER_DAY))}.` : '';
    return {
      ok: false,
      reason: 'nonexistent-time',
      message: `${time} on ${date} does not exist in ${zone}: the clocks skip it when daylight saving time begins.${next}`,
    };
  }
  const second = matches[1];
  return {
    ok: true,
    instant: minuteToDate(first.start),
    utcOffsetMinutes: clock.offsetAt(first.start),
    ...(second ? { repeatedInstant: minuteToDate(second.start) } : {}),
  };
}

/**
 * The first instant of a local day: its midnight, or where the day resumes when a
 * daylight-saving change skips midnight (as in zones that change at 00:00).
 */
export function startOfLocalDay(zone: string, date: LocalDate): Date {
  const day = parseLocalDate(date);
  if (day === null) throw new Error(`"${date}" is not a date (expected YYYY-MM-DD).`);
  const wall = day * MINUTES_PER_DAY;
  const clock = ZoneClock.forWallRange(zone, wall, wall + MINUTES_PER_DAY);
  return minuteToDate(clock.instantsOfWall([{ start: wall, end: wall + MINUTES_PER_DAY }])[0]!.start);
}
