/**
 * Turns a location's calendar data into columns of positioned items (pure; time zones
 * through luxon). Day view: one column per provider working that day (or on a card), or
 * one per room and device. Week view: one column per day, every card of the day in it,
 * labelled with its provider or its room — ten providers × seven days side by side would
 * not fit a tablet.
 */
import { DateTime } from 'luxon';
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

function wallOf(zone: string, at: Date): Wall {
  const t = DateTime.fromJSDate(at, { zone });
  return { date: t.toISODate()!, minute: t.hour * 60 + t.minute };
}

/** Local minutes [from, to) of an instant range on a given day (clipped to that day). */
function spanOn(zone: string, date: string, start: Date, end: Date): { from: number; to: number } | null {
  const s = wallOf(zone, start);
  const e = wallOf(zone, end);
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

  // Every item with its column and local minutes.
  const pending: Pending[] = [];
  for (const a of data.appointments) {
    for (const column of columns) {
      const lines = week ? a.lines : a.lines.filter((l) => (byRoom ? l.resourceIds.includes(column.key) : l.providerId === column.key));
      if (!lines.length) continue;
      const start = new Date(Math.min(...lines.map((l) => l.start.getTime())));
      const end = new Date(Math.max(...lines.map((l) => l.end.getTime())));
      const span = spanOn(zone, column.date, start, end);
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
      const span = spanOn(zone, column.date, b.start, b.end);
      if (!span) continue;
      const label = week ? `${names.get(b.providerId ?? b.resourceId ?? '') ?? ''}: ${b.reason || 'Blocked'}` : b.reason || 'Blocked';
      pending.push({ column: column.key, ...span, make: (rows, lane, lanes) => ({ kind: 'block', id: b.id, reason: label, ...rows, lane, lanes, from: clockOf(span.from), to: clockOf(span.to) }) });
    }
  }

  const window = windowFor([...columns.flatMap((c) => c.open), ...pending]);
  const nowWall = wallOf(zone, now);
  const out: CalendarColumn[] = columns.map((c) => {
    const mine = pending.filter((p) => p.column === c.key);
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
