import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import { lastAdultBirthDate } from '../../clients/age.ts';
import { displayName } from '../../clients/profile.ts';
import { startOfLocalDay } from '../availability/local-time.ts';
import type { AppointmentStatus } from '../booking/status.ts';
import { addDays } from './view-query.ts';

export interface CalendarLine {
  serviceName: string;
  providerId: string;
  start: Date;
  end: Date;
  /** Resource ids held by this service (rooms, devices); loaded only for the views by room, [] otherwise. */
  resourceIds: readonly string[];
}

export interface CalendarAppointment {
  id: string;
  clientId: string;
  clientName: string;
  status: AppointmentStatus;
  walkIn: boolean;
  start: Date;
  end: Date;
  lines: CalendarLine[];
  flags: {
    /** No completed appointment before this one. */
    newClient: boolean;
    /** Null when the reader may not see allergies. */
    allergies: boolean | null;
    /** A minor with no guardian, or whose guardian has not authorized treatment (CRM-7). */
    minor: 'needs_guardian' | 'needs_authorization' | null;
    /** How many of this visit's forms wait for a signature (issue 7); null when the reader may not see form status. */
    unsignedForms: number | null;
  };
}

/** What the reader may see on a card beyond name, time and services. */
export interface CardAccess {
  allergies: boolean;
  forms: boolean;
}

/**
 * The appointments of a location's window with what their cards show: client name, services,
 * providers, rooms and flags. One statement for a week of a thousand cards, one row per service
 * line: the appointments by (location, start), with their count of pending forms; their services
 * by one range scan of (tenant, start) — an appointment's services start within it — hashed
 * against them rather than probed per appointment; their clients, with the first visit and the
 * count of allergies (both kept on the client by triggers), by one index scan of `= ANY` of the
 * ids, hashed in too (probed per card, the row-level security check alone is re-evaluated a
 * thousand times). Only minors' guardians need a second statement.
 *
 * Each column of a thousand rows costs the server its output and node-postgres its parsing, so
 * the rows carry only what the cards use: instants as epoch milliseconds (floored, as a Date holds
 * them; parsing a thousand rows of timestamps cost about as much as the query that read them), a
 * line's only when they differ from its appointment's; a line's rooms only for the views by room;
 * whether the client is a minor rather than the birth date (compared with lastAdultBirthDate of
 * the first day shown).
 */

/**
 * SQL for the epoch milliseconds of a timestamptz, floored as `new Date()` truncates microseconds;
 * as float8 (exact for whole milliseconds), which node-postgres parses straight into a number.
 */
export const epochMs = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::float8`;

type Ms = number;
type CardRow = {
  id: string;
  client_id: string;
  status: AppointmentStatus;
  walk_in: boolean;
  starts: Ms;
  ends: Ms;
  /** The service line; null for an appointment without one. */
  service_name: string | null;
  provider_id: string | null;
  /** Null when the line starts (ends) with the appointment, as most do. */
  line_starts: Ms | null;
  line_ends: Ms | null;
  /** Null unless asked for (views by room). */
  resources: Record<string, string> | null;
  first_name: string;
  last_name: string;
  preferred_name: string;
  minor: boolean;
  new_client: boolean;
  allergic: boolean | null;
  unsigned_forms: number | null;
};

// $1 location, $2 window start, $3 end of the last day shown (or of the window, if sooner), $4
// start of the first day shown, $5 the last birth date of an adult that day, $6 whether to send
// the lines' rooms: cancelled appointments keep their record but leave the grid
// (no-shows stay, coloured), and the window's day either side (for appointments across
// midnight) only shows what reaches into a day shown. The CTEs are materialized so that each
// is read once and joined by hashing (left to itself, the planner probes per appointment).
const cardsSql = ({ allergies, forms }: CardAccess) => `
  WITH a AS MATERIALIZED (
    SELECT id, client_id, status, walk_in, starts_at, ends_at, pending_forms FROM appointments
     WHERE location_id = $1 AND starts_at >= $2 AND starts_at < $3 AND ends_at > $4 AND status <> 'cancelled'
  ), r AS MATERIALIZED (
    SELECT appointment_id, position, service_id, provider_id, starts_at, ends_at, resources FROM appointment_services
     WHERE starts_at >= (SELECT min(starts_at) FROM a) AND starts_at < (SELECT max(ends_at) FROM a)
  ), c AS MATERIALIZED (
    SELECT id, first_name, last_name, preferred_name, date_of_birth, first_visit_at, active_allergies FROM clients WHERE id = ANY(ARRAY(SELECT client_id FROM a))
  )
  SELECT a.id, a.client_id, a.status, a.walk_in, ${epochMs('a.starts_at')} AS starts, ${epochMs('a.ends_at')} AS ends,
         s.name AS service_name, r.provider_id, CASE WHEN $6::boolean THEN r.resources END AS resources,
         CASE WHEN r.starts_at <> a.starts_at THEN ${epochMs('r.starts_at')} END AS line_starts,
         CASE WHEN r.ends_at <> a.ends_at THEN ${epochMs('r.ends_at')} END AS line_ends,
         c.first_name, c.last_name, c.preferred_name, c.date_of_birth > $5::date AS minor,
         -- No completed visit before this one, compared to the millisecond as the instants are shown.
         (c.first_visit_at IS NULL OR date_trunc('milliseconds', c.first_visit_at) >= date_trunc('milliseconds', a.starts_at)) AS new_client,
         ${allergies ? 'c.active_allergies > 0' : 'NULL::boolean'} AS allergic,
         ${forms ? 'a.pending_forms' : 'NULL::int'} AS unsigned_forms
    FROM a JOIN c ON c.id = a.client_id
    LEFT JOIN (r JOIN services s ON s.id = r.service_id) ON r.appointment_id = a.id
   ORDER BY a.starts_at, a.id, r.position`;
// Named: prepared once per connection rather than parsed and planned on every view.
const statements = new Map<string, { name: string; text: string }>();
function cardsStatement(access: CardAccess): { name: string; text: string } {
  const name = `calendar-cards${access.allergies ? '-allergies' : ''}${access.forms ? '-forms' : ''}`;
  let statement = statements.get(name);
  if (!statement) statements.set(name, (statement = { name, text: cardsSql(access) }));
  return statement;
}

/** Lines without rooms (all of them, outside the views by room) share one empty list. */
const NO_ROOMS: readonly string[] = [];

/**
 * One string for each distinct value of a column that repeats across a week (a handful of services,
 * providers and statuses): the cards then keep a few strings instead of a thousand copies, which
 * the collector would copy while the view is being drawn.
 */
function interner(): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, value);
    return value;
  };
}

/** A service line from its row; most run with their appointment and share its Dates (nothing changes a card's Dates). */
function lineOf(a: CardRow, start: Date, end: Date, shared: (value: string) => string): CalendarLine {
  return {
    serviceName: shared(a.service_name!),
    providerId: shared(a.provider_id!),
    start: a.line_starts === null ? start : new Date(a.line_starts),
    end: a.line_ends === null ? end : new Date(a.line_ends),
    resourceIds: a.resources ? Object.values(a.resources) : NO_ROOMS,
  };
}

export async function loadCards(
  ctx: ServiceCtx,
  o: { locationId: string; from: Date; to: Date; zone: string; days: string[]; access: CardAccess; ageOfMajority: number; rooms: boolean },
): Promise<CalendarAppointment[]> {
  const q = ctx.tx.$client;
  const first = o.days[0]!;
  const last = o.days[o.days.length - 1]!;
  const opens = startOfLocalDay(o.zone, first);
  const closes = startOfLocalDay(o.zone, addDays(last, 1));
  const lastAdult = lastAdultBirthDate(first, o.ageOfMajority);
  const { rows } = await q.query<CardRow>({ ...cardsStatement(o.access), values: [o.locationId, o.from, closes < o.to ? closes : o.to, opens, lastAdult, o.rooms] });
  if (!rows.length) return [];

  const minors = [...new Set(rows.filter((c) => c.minor).map((c) => c.client_id))];
  const guardians = new Map<string, { count: number; authorized: boolean }>();
  if (minors.length) {
    const g = await q.query<{ client_id: string; count: number; authorized: boolean }>(
      `SELECT client_id, count(*)::int AS count, bool_or(authorized_at IS NOT NULL) AS authorized
         FROM client_guardians WHERE client_id = ANY($1::uuid[]) AND removed_at IS NULL GROUP BY client_id`,
      [minors],
    );
    for (const r of g.rows) guardians.set(r.client_id, r);
  }

  const shared = interner();
  const cards: CalendarAppointment[] = [];
  let card: CalendarAppointment | undefined;
  for (const a of rows) {
    // An appointment's lines are consecutive rows, in position order.
    if (card?.id === a.id) {
      card.lines.push(lineOf(a, card.start, card.end, shared));
      continue;
    }
    const g = a.minor ? guardians.get(a.client_id) : undefined;
    const start = new Date(a.starts);
    const end = new Date(a.ends);
    card = {
      id: a.id,
      clientId: a.client_id,
      clientName: displayName(a),
      status: shared(a.status) as AppointmentStatus,
      walkIn: a.walk_in,
      start,
      end,
      // Most cards have one line: an array of exactly one rather than one grown by push.
      lines: a.service_name === null ? [] : [lineOf(a, start, end, shared)],
      flags: {
        newClient: a.new_client,
        allergies: a.allergic,
        minor: !a.minor ? null : !g ? 'needs_guardian' : g.authorized ? null : 'needs_authorization',
        unsignedForms: a.unsigned_forms,
      },
    };
    cards.push(card);
  }
  return cards;
}
