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

type Wall = { date: string; minute: number };

const QUARTER_HOUR_MS = 900_000;

/**
 * Wall clocks of instants in a zone for one arrangement: the zone's offset is asked once per
 * quarter hour (offsets change on quarter hours in every zone of the tz database), the rest is
 * arithmetic — a week has a thousand cards and seven columns.
 */
function wallClock(zone: string): (at: Date) => Wall {
  const offsets = new Map<number, number>();
  const iana = IANAZone.create(zone);
  return (at) => {
    const ms = at.getTime();
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    let offset = offsets.get(quarter);
    if (offset === undefined) offsets.set(quarter, (offset = iana.offset(quarter * QUARTER_HOUR_MS)));
    const local = new Date(ms + offset * 60_000);
    return { date: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
  };
}

/** Local minutes [from, to) of an instant range on a given day (clipped to that day). */
function spanOn(wall: (at: Date) => Wall, date: string, start: Date, end: Date): { from: number; to: number } | null {
  const s = wall(start);
  const e = wall(end);
  if (s.date > date || e.date < date || (e.date === date && e.minute === 0 && s.date < date)) return null;
  const from = s.date < date ? 0 : s.minute;
  const to = e.date > date ? 1440 : e.minute;
  return { from, to: Math.max(to, from + MINUTES_PER_ROW) };
}

const clockOf = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

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

type Pending = { column: string; from: number; to: number; make: (rows: { row: number; span: number }, lane: number, lanes: number) => PlacedCard | PlacedBlock };

export function arrange(data: CalendarData, now: Date): Arranged {
  const zone = data.location.timeZone;
  const wall = wallClock(zone);
  const names = new Map([...data.providers.map((p) => [p.id, p.name] as const), ...data.resources.map((r) => [r.id, r.name] as const)]);
  const rooms = new Set(data.resources.map((r) => r.id));
  const week = data.query.view === 'week';
  const byRoom = data.query.by === 'room';

  // Columns and their open time, in minutes.
  const columns: { key: string; date: string; label: string; providerId: string | null; open: { from: number; to: number }[] }[] = [];
  const hoursOf = (day: string) => subtract(data.openHours[day] ?? [], []);
  if (week) {
    for (const day of data.days) columns.push({ key: day, date: day, label: DateTime.fromISO(day).toFormat('ccc d LLL'), providerId: null, open: hoursOf(day) });
  } else if (byRoom) {
    const day = data.days[0]!;
    for (const r of data.resources) columns.push({ key: r.id, date: day, label: r.name, providerId: null, open: hoursOf(day) });
  } else {
    const day = data.days[0]!;
    const onCards = new Set(data.appointments.flatMap((a) => a.lines.map((l) => l.providerId)));
    for (const p of data.providers) {
      const staffDay = data.staffDays.find((s) => s.providerId === p.id && s.date === day);
      if (!staffDay?.work.length && !onCards.has(p.id)) continue;
      columns.push({ key: p.id, date: day, label: p.name, providerId: p.id, open: staffDay ? subtract(staffDay.work, staffDay.breaks) : [] });
    }
  }

  // The columns an appointment may fall in: its days (week), or its providers' or rooms' columns (day).
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const candidates = (a: (typeof data.appointments)[number]) => {
    if (!week) return [...new Set(a.lines.flatMap((l) => (byRoom ? l.resourceIds : [l.providerId])))].map((k) => byKey.get(k)).filter((c) => c !== undefined);
    const first = wall(a.start).date;
    const last = wall(a.end).date;
    return columns.filter((c) => c.date >= first && c.date <= last);
  };

  // Every item with its column and local minutes.
  const pending: Pending[] = [];
  for (const a of data.appointments) {
    for (const column of candidates(a)) {
      const lines = week ? a.lines : a.lines.filter((l) => (byRoom ? l.resourceIds.includes(column.key) : l.providerId === column.key));
      if (!lines.length) continue;
      const start = new Date(Math.min(...lines.map((l) => l.start.getTime())));
      const end = new Date(Math.max(...lines.map((l) => l.end.getTime())));
      const span = spanOn(wall, column.date, start, end);
      if (!span) continue;
      const who = byRoom
        ? [...new Set(lines.flatMap((l) => l.resourceIds.filter((id) => rooms.has(id) && id !== column.key)))].map((id) => names.get(id) ?? '')
        : week
          ? [...new Set(lines.map((l) => names.get(l.providerId) ?? ''))]
          : [];
      const others = byRoom && !week ? [...new Set(lines.map((l) => names.get(l.providerId) ?? ''))] : who;
      pending.push({
        column: column.key,
        ...span,
        make: (rows, lane, lanes) => ({
          kind: 'appointment',
          appointment: a,
          serviceNames: lines.map((l) => l.serviceName),
          detail: others.filter(Boolean).join(', '),
          ...rows,
          lane,
          lanes,
          from: clockOf(span.from),
          to: clockOf(span.to),
          partStart: start,
        }),
      });
    }
  }
  for (const b of data.blocks) {
    for (const column of columns) {
      const mine = week || (byRoom ? b.resourceId === column.key : b.providerId === column.key);
      if (!mine) continue;
      const span = spanOn(wall, column.date, b.start, b.end);
      if (!span) continue;
      const label = week ? `${names.get(b.providerId ?? b.resourceId ?? '') ?? ''}: ${b.reason || 'Blocked'}` : b.reason || 'Blocked';
      pending.push({ column: column.key, ...span, make: (rows, lane, lanes) => ({ kind: 'block', id: b.id, reason: label, ...rows, lane, lanes, from: clockOf(span.from), to: clockOf(span.to) }) });
    }
  }

  const window = windowFor([...columns.flatMap((c) => c.open), ...pending]);
  const nowWall = wall(now);
  const byColumn = new Map<string, Pending[]>();
  for (const p of pending) (byColumn.get(p.column) ?? byColumn.set(p.column, []).get(p.column)!).push(p);
  const out: CalendarColumn[] = columns.map((c) => {
    const mine = byColumn.get(c.key) ?? [];
    const items: (PlacedCard | PlacedBlock)[] = [];
    for (const { item, lane, lanes } of assignLanes(mine)) {
      const rows = rowsOf(window, item.from, item.to);
      if (rows) items.push(item.make(rows, lane, lanes));
    }
    return { key: c.key, date: c.date, label: c.label, providerId: c.providerId, open: c.open.map((o) => rowsOf(window, o.from, o.to)).filter((r) => r !== null), items };
  });
  const nowRows = data.days.includes(nowWall.date) ? rowsOf(window, nowWall.minute, nowWall.minute + MINUTES_PER_ROW) : null;
  return {
    window,
    rows: (window.endMinute - window.startMinute) / MINUTES_PER_ROW,
    columns: out,
    today: nowWall.date,
    nowRow: nowRows && nowWall.minute < window.endMinute && nowWall.minute >= window.startMinute ? nowRows.row : null,
    nowTime: clockOf(nowWall.minute),
  };
}
