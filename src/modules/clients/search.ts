import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { ClientAccess } from './access.ts';
import { ageOn } from './age.ts';
import { formatPhone } from './phone.ts';
import { displayName } from './profile.ts';
import { calendarFrom, minorStanding, type MinorStanding, type SpaCalendar } from './records.ts';
import { parseSearchQuery, type SearchQuery } from './search-query.ts';

/**
 * "Find a client": typo-tolerant search by name, phone, email or date of birth,
 * showing only what the reader's role may see, and auditing every list shown
 * with the ids of the clients in it (SEC-3, §6a).
 *
 * One statement: the matching ids come from the client_search_* functions (see
 * their migration: under row-level security the trigram indexes are reachable
 * only that way), or for a date of birth straight from the btree index; the rows
 * shown are then read through row-level security, with what each row needs
 * (guardians for the minor flag, allergies when permitted) and the spa's calendar.
 */

export interface AllergyBrief {
  substance: string;
  severity: 'mild' | 'moderate' | 'severe' | 'unknown';
}

export interface ClientSearchHit {
  id: string;
  /** The name the client goes by ("Jen Lopez"). */
  name: string;
  /** The legal name, only when it differs from `name`. */
  legalName: string | null;
  dateOfBirth: string;
  age: number;
  /** Mobile phone as shown ((310) 555-0123), or null. */
  phone: string | null;
  email: string | null;
  minor: MinorStanding;
  /** Current allergies, most severe first; null when the reader may not see them. */
  allergies: AllergyBrief[] | null;
}

export interface ClientSearchResult {
  query: SearchQuery;
  /** False when nothing was searched (empty, too short, not a date): no list, no audit row. */
  searched: boolean;
  hits: ClientSearchHit[];
  /** More clients matched than are shown: typing more narrows it down. */
  more: boolean;
}

type Source = { sql: string; values: unknown[] };

/** Where the ids come from, for each kind of query. Only these fixed fragments reach the SQL text. */
function hitSource(query: SearchQuery, fetch: number): Source | null {
  switch (query.kind) {
    case 'name':
      return { sql: 'client_search_by_name($1, $2, $3, $4)', values: [query.fuzzy, query.starts, query.words, fetch] };
    case 'phone':
    case 'email':
      return { sql: 'client_search_by_contact($1, $2)', values: [query.pattern, fetch] };
    case 'birth':
      // Date equality is leakproof: the (tenant_id, date_of_birth) index works under row-level security.
      return {
        sql: `(SELECT b.id, 1::real AS rank FROM clients b WHERE b.date_of_birth = $1::date AND b.status = 'active'
                ORDER BY b.last_name, b.first_name, b.id LIMIT $2)`,
        values: [query.date, fetch],
      };
    default:
      return null;
  }
}

function searchSql(source: string, allergiesParam: number): string {
  return `
  SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth::text AS date_of_birth, c.mobile_phone, c.email::text AS email,
    gd.guardians, gd.authorized,
    CASE WHEN $${allergiesParam}::boolean THEN (
      SELECT coalesce(json_agg(json_build_object('substance', a.substance, 'severity', a.severity)
               ORDER BY array_position(ARRAY['severe','moderate','mild','unknown'], a.severity), a.substance), '[]')
        FROM client_allergies a WHERE a.tenant_id = c.tenant_id AND a.client_id = c.id AND a.removed_at IS NULL) END AS allergies,
    (SELECT age_of_majority FROM tenants WHERE id = current_tenant_id()) AS age_of_majority,
    (SELECT timezone FROM locations WHERE active ORDER BY name LIMIT 1) AS time_zone
  FROM ${source} h
  JOIN clients c ON c.tenant_id = current_tenant_id() AND c.id = h.id AND c.status = 'active'
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS guardians, coalesce(bool_or(g.authorized_at IS NOT NULL), false) AS authorized
      FROM client_guardians g WHERE g.tenant_id = c.tenant_id AND g.client_id = c.id AND g.removed_at IS NULL) gd
  ORDER BY h.rank DESC, c.last_name, c.first_name, c.id`;
}

interface HitRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string;
  date_of_birth: string;
  mobile_phone: string | null;
  email: string | null;
  guardians: number;
  authorized: boolean;
  allergies: AllergyBrief[] | null;
  age_of_majority: number;
  time_zone: string | null;
}

export async function searchClients(ctx: ServiceCtx, typed: string, access: ClientAccess, now: Date, limit = 20): Promise<ClientSearchResult> {
  const query = parseSearchQuery(typed, now.toISOString().slice(0, 10));
  const source = access.profile ? hitSource(query, limit + 1) : null;
  if (!source) return { query, searched: false, hits: [], more: false };

  const { rows } = await ctx.tx.$client.query<HitRow>(searchSql(source.sql, source.values.length + 1), [...source.values, access.allergies]);
  const shown = rows.slice(0, limit);
  const ids = shown.map((r) => r.id);
  ctx.audit(ids.length ? { action: 'search', recordType: 'client', clientIds: ids } : { action: 'search', recordType: 'client' });
  if (!shown.length) return { query, searched: true, hits: [], more: false };

  const calendar = calendarFrom(shown[0]!, now);
  return { query, searched: true, hits: shown.map((r) => toHit(r, calendar, access)), more: rows.length > limit };
}

function toHit(r: HitRow, calendar: SpaCalendar, access: ClientAccess): ClientSearchHit {
  const name = displayName(r);
  const legal = `${r.first_name} ${r.last_name}`;
  return {
    id: r.id,
    name,
    legalName: legal === name ? null : legal,
    dateOfBirth: r.date_of_birth,
    age: ageOn(r.date_of_birth, calendar.today),
    phone: r.mobile_phone ? formatPhone(r.mobile_phone) : null,
    email: r.email,
    minor: minorStanding(r.date_of_birth, calendar, r),
    allergies: access.allergies ? (r.allergies ?? []) : null,
  };
}

/** "Lidocaine (severe), Latex (mild)": what a list row shows of a client's allergies. */
export function allergySummary(allergies: readonly AllergyBrief[]): string {
  return allergies.map((a) => (a.severity === 'unknown' ? a.substance : `${a.substance} (${a.severity})`)).join(', ');
}
