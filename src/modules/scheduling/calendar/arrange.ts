/**
 * Turns a location's calendar data into columns of positioned items (pure; time zones
 * through luxon). Day view: one column per provider working that day (or on a card), or
 * one per room and device. Week view: one column per day, every card of the day in it,
 * labelled with its provider or its room — ten providers × seven days side by side would
 * not fit a tablet.
 */
import { DateTime } from 'luxon';
import { minuteLabel, rangeLabel } from '../../../ui/clock.ts';
import { zoneOffsetMinutes } from '../availability/local-time.ts';
import type { CalendarAppointment, CalendarData } from './calendar.ts';
import { assignLanes, minuteOf, MINUTES_PER_ROW, rowsOf, windowFor, type DayWindow } from './layout.ts';

export interface PlacedCard {
  kind: 'appointment';
  appointment: CalendarAppointment;
  /** The services of this appointment in this column. */
  serviceNames: string[];
  /** Who or where, as the column does not already say it. */
  detail: string;
  row: number;
  span: number;
  lane: number;
  lanes: number;
  /** The local time of the part shown, as read: "10:00–10:50 AM". */
  time: string;
  /** When the part shown starts (a later service of the appointment may start after it). */
  partStart: Date;
}

export interface PlacedBlock {
  kind: 'block';
  id: string;
  reason: string;
  row: number;
  span: number;
  lane: number;
  lanes: number;
  /** As read: "12:00–1:00 PM". */
  time: string;
}

export interface CalendarColumn {
  key: string;
  date: string;
  label: string;
  /** The provider a drop or an empty slot in this column books with; null for room and week columns. */
  providerId: string | null;
  /** Open time (location hours, or the provider's hours less breaks), as grid rows. */
  open: { row: number; span: number }[];
  items: (PlacedCard | PlacedBlock)[];
}

export interface Arranged {
  window: DayWindow;
  rows: number;
  columns: CalendarColumn[];
  today: string;
  /** The now-line's row in today's column(s), when today is shown and now is inside the window. */
  nowRow: number | null;
  /** Now, as read: "2:31 PM". */
  nowTime: string;
}

/** A local wall clock as minutes since 1970-01-01 00:00 on the zone's calendar (a number: no object per instant). */
type Wall = number;

const MINUTES_PER_DAY = 1440;
const QUARTER_HOUR_MS = 900_000;
const DAY_MS = 86_400_000;

/**
 * Wall clocks of instants in a zone for one arrangement: the zone's offset is asked once per
 * quarter hour (offsets change on quarter hours in every zone of the tz database), the rest is
 * arithmetic on numbers — a week has a thousand cards and seven columns, and formatting a date
 * per card cost more than placing it.
 */
function wallClock(zone: string): (ms: number) => Wall {
  const offsets = new Map<number, number>();
  return (ms) => {
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    let offset = offsets.get(quarter);
    if (offset === undefined) offsets.set(quarter, (offset = zoneOffsetMinutes(zone, quarter * QUARTER_HOUR_MS)));
    return Math.floor((ms + offset * 60_000) / 60_000);
  };
}
const dayOfWall = (w: Wall) => Math.floor(w / MINUTES_PER_DAY);

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Local minutes [from, to) of an instant range on a given day (clipped to that day). */
function spanOn(day: number, s: Wall, e: Wall): { from: number; to: number } | null {
  const sDay = dayOfWall(s);
  const eDay = dayOfWall(e);
  const eMinute = e - eDay * MINUTES_PER_DAY;
  if (sDay > day || eDay < day || (eDay === day && eMinute === 0 && sDay < day)) return null;
  const from = sDay < day ? 0 : s - sDay * MINUTES_PER_DAY;
  const to = eDay > day ? MINUTES_PER_DAY : eMinute;
  return { from, to: Math.max(to, from + MINUTES_PER_ROW) };
}


/** The distinct values of a short list, in order of first appearance. */
const distinct = (xs: string[]) => (xs.length < 2 ? xs : [...new Set(xs)]);
/** A card's "who or where": the distinct non-empty names, joined. */
const detailOf = (names: string[]) => distinct(names).filter(Boolean).join(', ');

/** Ranges less the breaks inside them, in minutes. */
function subtract(ranges: [string, string][], breaks: [string, string][]): { from: number; to: number }[] {
  let out = ranges.map(([a, b]) => ({ from: minuteOf(a), to: minuteOf(b) <= minuteOf(a) ? 1440 : minuteOf(b) }));
  for (const [a, b] of breaks) {
    const bf = minuteOf(a);
    const bt = minuteOf(b);
    out = out.flatMap((r) => (bt <= r.from || bf >= r.to ? [r] : [...(bf > r.from ? [{ from: r.from, to: bf }] : []), ...(bt < r.to ? [{ from: bt, to: r.to }] : [])]));
  }
  return out;
}

/** An item with its column and local minutes, before its rows and lane are known. */
type Pending = { column: string; from: number; to: number } & (
  | { kind: 'appointment'; appointment: CalendarAppointment; lines: CalendarAppointment['lines']; detail: string; partStart: Date }
  | { kind: 'block'; id: string; reason: string }
);

export function arrange(data: CalendarData, now: Date): Arranged {
  const zone = data.location.timeZone;
  const wall = wallClock(zone);
  const names = new Map([...data.providers.map((p) => [p.id, p.name] as const), ...data.resources.map((r) => [r.id, r.name] as const)]);
  const rooms = new Set(data.resources.map((r) => r.id));
  const week = data.query.view === 'week';
  const byRoom = data.query.by === 'room';
  /** When lines start (the earliest line's own Date), and the wall clocks of their start and end. */
  const extentOf = (lines: CalendarAppointment['lines']) => {
    let start = lines[0]!.start;
    let endMs = -Infinity;
    for (const l of lines) {
      if (l.start.getTime() < start.getTime()) start = l.start;
      endMs = Math.max(endMs, l.end.getTime());
    }
    return { start, s: wall(start.getTime()), e: wall(endMs) };
  };
  /** The providers of lines, named (most appointments have one line: no list to build). */
  const providersOf = (lines: CalendarAppointment['lines']) =>
    lines.length === 1 ? (names.get(lines[0]!.providerId) ?? '') : detailOf(lines.map((l) => names.get(l.providerId) ?? ''));
  /** The rooms the lines hold, named. */
  const roomsOf = (lines: CalendarAppointment['lines']) =>
    distinct(lines.flatMap((l) => l.resourceIds.filter((id) => rooms.has(id))))
      .map((id) => names.get(id) ?? '')
      .filter(Boolean)
      .join(', ');

  // Columns and their open time, in minutes.
  const columns: { key: string; date: string; day: number; label: string; providerId: string | null; open: { from: number; to: number }[] }[] = [];
  const hoursOf = (day: string) => subtract(data.openHours[day] ?? [], []);
  if (week) {
    for (const day of data.days) columns.push({ key: day, date: day, day: dayNumber(day), label: DateTime.fromISO(day).toFormat('ccc, LLL d'), providerId: null, open: hoursOf(day) });
  } else if (byRoom) {
    const day = data.days[0]!;
    for (const r of data.resources) columns.push({ key: r.id, date: day, day: dayNumber(day), label: r.name, providerId: null, open: hoursOf(day) });
  } else {
    const day = data.days[0]!;
    const onCards = new Set(data.appointments.flatMap((a) => a.lines.map((l) => l.providerId)));
    for (const p of data.providers) {
      const staffDay = data.staffDays.find((s) => s.providerId === p.id && s.date === day);
      if (!staffDay?.work.length && !onCards.has(p.id)) continue;
      columns.push({ key: p.id, date: day, day: dayNumber(day), label: p.name, providerId: p.id, open: staffDay ? subtract(staffDay.work, staffDay.breaks) : [] });
    }
  }

  // Every item with its column and local minutes. Week: an appointment falls in the columns of
  // its days, with all its lines, so its extent, wall clocks and label are worked out once. Day:
  // in its providers' (or rooms') columns, with the lines of each.
  const pending: Pending[] = [];
  const byKey = new Map(columns.map((c) => [c.key, c]));
  for (const a of data.appointments) {
    if (week) {
      const lines = a.lines;
      if (!lines.length) continue;
      const first = dayOfWall(wall(a.start.getTime()));
      const last = dayOfWall(wall(a.end.getTime()));
      const { start, s, e } = extentOf(lines);
      const detail = byRoom ? roomsOf(lines) : providersOf(lines);
      for (const column of columns) {
        if (column.day < first || column.day > last) continue;
        const span = spanOn(column.day, s, e);
        if (span) pending.push({ column: column.key, from: span.from, to: span.to, kind: 'appointment', appointment: a, lines, detail, partStart: start });
      }
      continue;
    }
    for (const key of new Set(a.lines.flatMap((l) => (byRoom ? l.resourceIds : [l.providerId])))) {
      const column = byKey.get(key);
      if (!column) continue;
      const lines = a.lines.filter((l) => (byRoom ? l.resourceIds.includes(column.key) : l.providerId === column.key));
      if (!lines.length) continue;
      const { start, s, e } = extentOf(lines);
      const span = spanOn(column.day, s, e);
      if (!span) continue;
      const detail = byRoom ? providersOf(lines) : '';
      pending.push({ column: column.key, from: span.from, to: span.to, kind: 'appointment', appointment: a, lines, detail, partStart: start });
    }
  }
  for (const b of data.blocks) {
    const s = wall(b.start.getTime());
    const e = wall(b.end.getTime());
    for (const column of columns) {
      const mine = week || (byRoom ? b.resourceId === column.key : b.providerId === column.key);
      if (!mine) continue;
      const span = spanOn(column.day, s, e);
      if (!span) continue;
      const label = week ? `${names.get(b.providerId ?? b.resourceId ?? '') ?? ''}: ${b.reason || 'Blocked'}` : b.reason || 'Blocked';
      pending.push({ column: column.key, from: span.from, to: span.to, kind: 'block', id: b.id, reason: label });
    }
  }

  const byColumn = new Map<string, Pending[]>();
  for (const p of pending) (byColumn.get(p.column) ?? byColumn.set(p.column, []).get(p.column)!).push(p);
  // A week leaves out the days the location is closed with nothing on them: a tablet then fits the open ones.
  const shown = week ? columns.filter((c) => c.open.length || byColumn.has(c.key)) : columns;
  const window = windowFor(shown.flatMap((c) => c.open), pending);
  const nowWall = wall(now.getTime());
  const today = dateOf(dayOfWall(nowWall));
  const nowMinute = nowWall - dayOfWall(nowWall) * MINUTES_PER_DAY;
  const out: CalendarColumn[] = shown.map((c) => {
    const mine = byColumn.get(c.key) ?? [];
    const items: (PlacedCard | PlacedBlock)[] = [];
    for (const { item, lane, lanes } of assignLanes(mine)) {
      const rows = rowsOf(window, item.from, item.to);
      if (!rows) continue;
      const time = rangeLabel(item.from, item.to);
      items.push(
        item.kind === 'appointment'
          ? { kind: 'appointment', appointment: item.appointment, serviceNames: item.lines.map((l) => l.serviceName), detail: item.detail, row: rows.row, span: rows.span, lane, lanes, time, partStart: item.partStart }
          : { kind: 'block', id: item.id, reason: item.reason, row: rows.row, span: rows.span, lane, lanes, time },
      );
    }
    return { key: c.key, date: c.date, label: c.label, providerId: c.providerId, open: c.open.map((o) => rowsOf(window, o.from, o.to)).filter((r) => r !== null), items };
  });
  const nowRows = data.days.includes(today) ? rowsOf(window, nowMinute, nowMinute + MINUTES_PER_ROW) : null;
  return {
    window,
    rows: (window.endMinute - window.startMinute) / MINUTES_PER_ROW,
    columns: out,
    today,
    nowRow: nowRows && nowMinute < window.endMinute && nowMinute >= window.startMinute ? nowRows.row : null,
    nowTime: minuteLabel(nowMinute),
  };
}
