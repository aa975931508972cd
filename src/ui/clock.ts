/**
 * Times of day as people read them on every page, the way a US spa writes them: "9:30 AM".
 * Forms, URLs and data attributes keep "HH:MM" (24-hour); only what is read goes through here.
 * Pure and dependency-free: the server's views and the browser's scripts both use it.
 */

/** Minutes since local midnight (1440 is the next midnight) as hour, minutes and half of day. */
function parts(minute: number): { hour: number; minutes: string; half: 'AM' | 'PM' } {
  const h24 = Math.floor(minute / 60) % 24;
  return { hour: h24 % 12 || 12, minutes: String(minute % 60).padStart(2, '0'), half: h24 < 12 ? 'AM' : 'PM' };
}

/** Every minute of a day and the next midnight, written once: a calendar week labels a thousand cards. */
const BARE = Array.from({ length: 1441 }, (_, m) => {
  const p = parts(m);
  return `${p.hour}:${p.minutes}`;
});
const HALF = Array.from({ length: 1441 }, (_, m) => parts(m).half);
const FULL = BARE.map((bare, m) => `${bare} ${HALF[m]}`);
const inDay = (minute: number) => (minute >= 0 && minute <= 1440 ? minute : ((minute % 1440) + 1440) % 1440);

/** 570 → "9:30 AM", 1440 → "12:00 AM". */
export function minuteLabel(minute: number): string {
  return FULL[inDay(minute)]!;
}

/** "HH:MM" (or "HH:MM:SS") → "9:30 AM". */
export function clockLabel(hhmm: string): string {
  return minuteLabel(Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)));
}

/** A span, short: "10:00–10:50 AM" within a half of the day, "11:30 AM–12:20 PM" across. */
export function rangeLabel(from: number, to: number): string {
  const a = inDay(from);
  const b = inDay(to);
  return HALF[a] === HALF[b] ? `${BARE[a]}–${FULL[b]}` : `${FULL[a]}–${FULL[b]}`;
}

/** The calendar's hour marks: "9 AM", "12 PM". */
export function hourLabel(minute: number): string {
  const p = parts(minute);
  return `${p.hour} ${p.half}`;
}
