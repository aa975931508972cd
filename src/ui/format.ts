/** Dates and times as the spa's pages show them, in the spa's time zone. */

export function formatDateTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

/** A calendar day stored as YYYY-MM-DD: "Mar 4, 2027". */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago", then the date. */
export function timeAgo(at: Date, now: Date, timeZone: string): string {
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days} day${days === 1 ? '' : 's'} ago`;
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(at);
}

/** A time of day as the pages show it: "9:30 AM". */
export function formatTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);
}

/**
 * A span of time in a zone: whole local days as days ("Sat, Nov 28, 2026, all day",
 * "Sat, Nov 28, 2026 – Mon, Nov 30, 2026"), anything else with its times and the zone's name.
 */
export function formatSpan(from: Date, to: Date, timeZone: string): string {
  const at = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (clock.format(from) !== '00:00' || clock.format(to) !== '00:00') return `${at.format(from)} – ${at.format(to)}`;
  const last = new Date(to.getTime() - 12 * 3_600_000); // inside the last day, whatever the clocks did that night
  return day.format(from) === day.format(last) ? `${day.format(from)}, all day` : `${day.format(from)} – ${day.format(last)}`;
}
