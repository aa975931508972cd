/**
 * Where cards go on the calendar grid, as plain arithmetic (no I/O, no zones):
 * the grid has one row per five minutes of local wall-clock time from the top
 * of the view's first hour, and overlapping cards in one column share it in lanes.
 *
 * The page cannot position cards with inline `style` (the CSP's style-src is 'self'
 * only), so positions travel as classes from a fixed set in calendar.css —
 * `cal-at-<row>` (grid-row-start) and `cal-len-<rows>` (grid-row-end: span) — which
 * works without JavaScript and without a layout shift once the page arrives.
 */

export const MINUTES_PER_ROW = 5;
export const ROWS_PER_DAY = 1440 / MINUTES_PER_ROW;
/** calendar.css defines lane classes up to this many; more overlaps share the last lane. */
export const MAX_LANES = 4;

/** The local hours a view shows: whole hours, [startMinute, endMinute) of the day. */
export interface DayWindow {
  startMinute: number;
  endMinute: number;
}

/** The grid rows of a local span [from, to) in minutes of the day, clipped to the window; null when outside it. */
export function rowsOf(window: DayWindow, from: number, to: number): { row: number; span: number } | null {
  const start = Math.max(from, window.startMinute);
  const end = Math.min(Math.max(to, from + MINUTES_PER_ROW), window.endMinute);
  if (end <= start) return null;
  const row = Math.floor((start - window.startMinute) / MINUTES_PER_ROW) + 1;
  const last = Math.ceil((end - window.startMinute) / MINUTES_PER_ROW);
  return { row, span: Math.max(1, last - row + 1) };
}

/** Rows in the window (the grid's height). */
export const rowCount = (window: DayWindow) => (window.endMinute - window.startMinute) / MINUTES_PER_ROW;

/**
 * The window that shows everything: the given opening ranges and the cards, widened to whole
 * hours; 08:00–18:00 when there is nothing to show.
 */
export function windowFor(...lists: (readonly { from: number; to: number }[])[]): DayWindow {
  let from = Infinity;
  let to = -Infinity;
  for (const spans of lists) {
    for (const s of spans) {
      if (s.from < from) from = s.from;
      to = Math.max(to, s.to, s.from + MINUTES_PER_ROW);
    }
  }
  if (from === Infinity) return { startMinute: 8 * 60, endMinute: 18 * 60 };
  const startMinute = Math.max(0, Math.floor(from / 60) * 60);
  const endMinute = Math.min(1440, Math.max(startMinute + 60, Math.ceil(to / 60) * 60));
  return { startMinute, endMinute };
}

/**
 * Lanes for overlapping items of one column (greedy, in start order): each item gets the
 * first lane free at its start; `lanes` is how many lanes its overlapping group uses, so an
 * item alone in its group takes the whole width.
 */
export function assignLanes<T extends { from: number; to: number }>(items: readonly T[]): { item: T; lane: number; lanes: number }[] {
  // Array#sort is stable: items that tie keep their given order.
  const order = [...items].sort((a, b) => a.from - b.from || b.to - a.to);
  const out: { item: T; lane: number; lanes: number }[] = [];
  let group: { item: T; lane: number; lanes: number }[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const close = () => {
    const lanes = Math.min(MAX_LANES, laneEnds.length);
    for (const g of group) g.lanes = lanes;
    out.push(...group);
    group = [];
    laneEnds = [];
  };
  for (const item of order) {
    const to = Math.max(item.to, item.from + MINUTES_PER_ROW);
    if (item.from >= groupEnd && group.length) close();
    let lane = laneEnds.findIndex((end) => end <= item.from);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(to);
    } else laneEnds[lane] = to;
    group.push({ item, lane: Math.min(lane, MAX_LANES - 1) + 1, lanes: 0 });
    groupEnd = Math.max(groupEnd, to);
  }
  if (group.length) close();
  return out;
}

/** The 'HH:MM' of a minute of the day. */
export function clock(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes of the day of 'HH:MM' or 'HH:MM:SS' ('24:00' is 1440). */
export function minuteOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** A time rounded up to the next multiple of five minutes (a walk-in's start). */
export function roundUpToRow(minute: number): number {
  return Math.ceil(minute / MINUTES_PER_ROW) * MINUTES_PER_ROW;
}
