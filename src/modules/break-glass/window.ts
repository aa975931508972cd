/**
 * Break-glass access (SPEC SEC-9, docs/adr/006-break-glass.md), the pure part: what a Lumè staff
 * member may do inside a spa during a window, how long a window lasts, and how its times read.
 * No I/O here.
 */
import { withImplied } from '../identity/permissions.ts';

/** The cookie a one-time link is exchanged for: host-only, Secure, HttpOnly, SameSite=Strict. */
export const BREAK_GLASS_COOKIE = '__Host-lume_break_glass';

/** The audit rows of a window carry actor kind 'staff', the staff member's id and this role. */
export const BREAK_GLASS_ACTOR_ROLE = 'lume_break_glass';

/** How long a window may last, in minutes; the database refuses anything else. */
export const WINDOW_MINUTES = [15, 30, 60] as const;
export type WindowMinutes = (typeof WINDOW_MINUTES)[number];

/** How far back the spa's Today page lists windows. */
export const RECENT_DAYS = 30;
export const RECENT_DAYS_LABEL = '30 days';

export const REASON_MIN = 20;
export const REASON_MAX = 1000;

/**
 * Read only, and only what support needs to see to help: the spa's clients, their safety facts,
 * charts and photos, the calendar. Never audit, staff, roles, settings, invoices or exports, and
 * no `write`, `manage`, `sign` or `export` permission at all.
 */
export const BREAK_GLASS_PERMISSIONS: ReadonlySet<string> = withImplied([
  'use:crm:any',
  'read:client:any',
  'read:allergy:any',
  'read:health:any',
  'read:form-status:any',
  'read:appointment:any',
  'read:chart:any',
  'read:photo:any',
]);

/** Requests a window allows besides reading: leaving it, and the "stay signed in" refresh (which changes nothing). */
const ALLOWED_WRITES = new Set(['POST /logout', 'POST /session/keepalive']);
/** Pages that belong to one operator's own account: a staff member has none in the spa. */
const PERSONAL_PAGES = new Set(['GET /account']);

export type WindowVerdict = 'allowed' | 'read_only' | 'not_in_window';

/**
 * Whether a request (method and route pattern) and its declared access may be used inside a
 * window: reads the window's permissions open, plus leaving. Everything else is refused.
 */
export function windowAllows(method: string, routePath: string, access: string): WindowVerdict {
  const route = `${method === 'HEAD' ? 'GET' : method} ${routePath}`;
  if (ALLOWED_WRITES.has(route)) return 'allowed';
  if (method !== 'GET' && method !== 'HEAD') return 'read_only';
  if (PERSONAL_PAGES.has(route) || !BREAK_GLASS_PERMISSIONS.has(access)) return 'not_in_window';
  return 'allowed';
}

/** "14:35 PST": the time of day in the spa's zone, 24-hour, with the zone's short name. */
export function clockTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('hour')}:${get('minute')} ${get('timeZoneName')}`.trim();
}

/** "Nov 27, 14:05 PST": a day and time in the spa's zone, for lists. */
export function dayAndTime(at: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' }).format(at);
  return `${day}, ${clockTime(at, timeZone)}`;
}

/** "2026-11-27 at 14:05 UTC", for email (the reader's zone is unknown). */
export function utcStamp(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' at ')} UTC`;
}

export type WindowState = 'waiting' | 'open' | 'ended' | 'expired';

/** Where a window stands: link not used yet, in use, ended early, or past its end. */
export function windowState(w: { endsAt: Date; linkUsedAt: Date | null; endedAt: Date | null }, now: Date): WindowState {
  if (w.endedAt) return 'ended';
  if (now >= w.endsAt) return 'expired';
  return w.linkUsedAt ? 'open' : 'waiting';
}
