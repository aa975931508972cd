/**
 * Turns a location's calendar data into columns of positioned items (pure; time zones
 * through luxon). Day view: one column per provider working that day (or on a card), or
 * one per room and device. Week view: one column per day, every card of the day in it,
 * labelled with its provider or its room — ten providers × seven days side by side would
 * not fit a tablet.
 */
import { DateTime, IANAZone } from 'luxon';
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
  /** Local 'HH:MM'–'HH:MM' of the part shown. */
  from: string;
  to: string;
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
  from: string;
  to: string;
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
  nowTime: string;
}

/** A local wall clock: the day (days since 1970-01-01 on the zone's calendar) and the minute of that day. */
type Wall = { day: number; minute: number };

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/**
 * Wall clocks of instants in a zone for one arrangement: the zone's offset is asked once per
 * quarter hour (offsets change on quarter hours in every zone of the tz database), the rest is
 * arithmetic on numbers — a week has a thousand cards and seven columns, and formatting a date
 * per card cost more than placing it.
 */
function wallClock(zone: string): (ms: number) => Wall {
  const offsets = new Map<number, number>();
  const iana = IANAZone.create(zone);
  return (ms) => {
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    let offset = offsets.get(quarter);
    if (offset === undefined) offsets.set(quarter, (offset = iana.offset(quarter * QUARTER_HOUR_MS)));
    const local = ms + offset * 60_000;
    const day = Math.floor(local / DAY_MS);
    return { day, minute: Math.floor((local - day * DAY_MS) / 60_000) };
  };
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Local minutes [from, to) of an instant range on a given day (clipped to that day). */
function spanOn(day: number, s: Wall, e: Wall): { from: number; to: number } | null {
  if (s.day > day || e.day < day || (e.day === day && e.minute === 0 && s.day < day)) return null;
  const from = s.day < day ? 0 : s.minute;
  const to = e.day > day ? 1440 : e.minute;
  return { from, to: Math.max(to, from + MINUTES_PER_ROW) };
}

const formatClock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** Every 'HH:MM' a card can show (a span ends at most a row past midnight), built once. */
const CLOCKS = Array.from({ length: 1440 + MINUTES_PER_ROW + 1 }, (_, m) => formatClock(m));
const clockOf = (m: number) => CLOCKS[m] ?? formatClock(m);

/** The distinct values of a short list, in order of first appearance. */
const distinct = (xs: string[]) => (xs.length < 2 ? xs : [...new Set(xs)]);

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

/** The lines of an appointment shown in one column, their start and the wall clocks of their extent. */
type Part = { lines: CalendarAppointment['lines']; start: Date; s: Wall; e: Wall };

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

  // Columns and their open time, in minutes.
  const columns: { key: string; date: string; day: number; label: string; providerId: string | null; open: { from: number; to: number }[] }[] = [];
  const hoursOf = (day: string) => subtract(data.openHours[day] ?? [], []);
  if (week) {
    for (const day of data.days) columns.push({ key: day, date: day, day: dayNumber(day), label: DateTime.fromISO(day).toFormat('ccc d LLL'), providerId: null, open: hoursOf(day) });
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

  // The columns an appointment may fall in: its days (week), or its providers' or rooms' columns (day).
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const candidates = (a: CalendarAppointment) => {
    if (!week) return [...new Set(a.lines.flatMap((l) => (byRoom ? l.resourceIds : [l.providerId])))].map((k) => byKey.get(k)).filter((c) => c !== undefined);
    const first = wall(a.start.getTime()).day;
    const last = wall(a.end.getTime()).day;
    return columns.filter((c) => c.day >= first && c.day <= last);
  };

  // Every item with its column and local minutes. In the week view an appointment's lines, and
  // so its extent and wall clocks, are the same in every column it touches: worked out once.
  const pending: Pending[] = [];
  for (const a of data.appointments) {
    let shared: Part | null = null;
    for (const column of candidates(a)) {
      let part: Part | null = shared;
      if (!part) {
        const lines = week ? a.lines : a.lines.filter((l) => (byRoom ? l.resourceIds.includes(column.key) : l.providerId === column.key));
        if (!lines.length) continue;
        let startMs = Infinity;
        let endMs = -Infinity;
        for (const l of lines) {
          startMs = Math.min(startMs, l.start.getTime());
          endMs = Math.max(endMs, l.end.getTime());
        }
        part = { lines, start: new Date(startMs), s: wall(startMs), e: wall(endMs) };
        if (week) shared = part;
      }
      const { lines } = part;
      const span = spanOn(column.day, part.s, part.e);
      if (!span) continue;
      const who = byRoom
        ? distinct(lines.flatMap((l) => l.resourceIds.filter((id) => rooms.has(id) && id !== column.key))).map((id) => names.get(id) ?? '')
        : week
          ? distinct(lines.map((l) => names.get(l.providerId) ?? ''))
          : [];
      const others = byRoom && !week ? distinct(lines.map((l) => names.get(l.providerId) ?? '')) : who;
      pending.push({ column: column.key, from: span.from, to: span.to, kind: 'appointment', appointment: a, lines, detail: others.filter(Boolean).join(', '), partStart: part.start });
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

  const window = windowFor([...columns.flatMap((c) => c.open), ...pending]);
  const nowWall = wall(now.getTime());
  const today = dateOf(nowWall.day);
  const byColumn = new Map<string, Pending[]>();
  for (const p of pending) (byColumn.get(p.column) ?? byColumn.set(p.column, []).get(p.column)!).push(p);
  const out: CalendarColumn[] = columns.map((c) => {
    const mine = byColumn.get(c.key) ?? [];
    const items: (PlacedCard | PlacedBlock)[] = [];
    for (const { item, lane, lanes } of assignLanes(mine)) {
      const rows = rowsOf(window, item.from, item.to);
      if (!rows) continue;
      const from = clockOf(item.from);
      const to = clockOf(item.to);
      items.push(
        item.kind === 'appointment'
          ? { kind: 'appointment', appointment: item.appointment, serviceNames: item.lines.map((l) => l.serviceName), detail: item.detail, row: rows.row, span: rows.span, lane, lanes, from, to, partStart: item.partStart }
          : { kind: 'block', id: item.id, reason: item.reason, row: rows.row, span: rows.span, lane, lanes, from, to },
      );
    }
    return { key: c.key, date: c.date, label: c.label, providerId: c.providerId, open: c.open.map((o) => rowsOf(window, o.from, o.to)).filter((r) => r !== null), items };
  });
  const nowRows = data.days.includes(today) ? rowsOf(window, nowWall.minute, nowWall.minute + MINUTES_PER_ROW) : null;
  return {
    window,
    rows: (window.endMinute - window.startMinute) / MINUTES_PER_ROW,
    columns: out,
    today,
    nowRow: nowRows && nowWall.minute < window.endMinute && nowWall.minute >= window.startMinute ? nowRows.row : null,
    nowTime: clockOf(nowWall.minute),
  };
}
