import { z } from 'zod';
import type { AuditOutcome } from '../../infra/audit/event.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';

/**
 * Finding audit rows (SEC-3): the filters of the audit screen and its CSV export,
 * keyset pages over the primary key (tenant_id, occurred_at, id) — never OFFSET —
 * and the per-client access report. The first half of this file is pure (parsing,
 * cursors, local dates, SQL); the second half runs it.
 *
 * Clients are found through `audit_event_keys_for_clients`, which reaches the GIN
 * index on client_ids as the owner (docs/adr/009): under row-level security only
 * leakproof operators reach an index, and array overlap is not one.
 */

export const PAGE_SIZE = 50;
export const REPORT_PAGE_SIZE = 100;
export const OUTCOMES = ['success', 'denied', 'not_found', 'failed'] as const satisfies readonly AuditOutcome[];
/** Who acted, when it was not an operator: the "person" filter offers these too. */
export const OTHER_ACTORS = ['client', 'staff', 'system', 'anonymous'] as const;
/** Actions Lumè writes today; the action filter offers these plus any seen in the newest rows. */
export const KNOWN_ACTIONS = [
  'read', 'create', 'update', 'delete', 'export', 'print', 'send', 'login', 'login_failed', 'logout', 'mfa_enrol', 'mfa_reset',
  'recovery_code_used', 'access', 'invite', 'invitation_accept', 'roles_change', 'deactivate', 'reactivate', 'settings_change',
  'password_change', 'password_reset_request', 'session_end', 'break_glass_open', 'break_glass_use', 'break_glass_end',
  'kiosk_start', 'kiosk_unlock', 'kiosk_unlock_failed', 'kiosk_end',
];
/** How far back the action list looks for actions outside KNOWN_ACTIONS (one bounded index scan). */
const RECENT_ACTION_ROWS = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z][a-z_]{1,39}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_(\d{1,19})$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

// ── Filters ──────────────────────────────────────────────────────────────────

/** What was typed or chosen, kept as text so the form shows it again, valid or not. */
export interface FilterValues {
  person: string;
  client: string;
  action: string;
  from: string;
  to: string;
  outcome: string;
}

export const FILTER_FIELDS = ['person', 'client', 'action', 'from', 'to', 'outcome'] as const satisfies readonly (keyof FilterValues)[];

export interface AuditFilter {
  /** An operator's id, or one of OTHER_ACTORS. */
  person?: string;
  client?: string;
  action?: string;
  /** Local dates (the spa's timezone), inclusive. */
  from?: string;
  to?: string;
  outcome?: AuditOutcome;
}

/** A keyset position: the page continues after (older) or before (newer) this row. */
export interface PageCursor {
  direction: 'older' | 'newer';
  /** occurred_at in UTC with microseconds, as PostgreSQL prints it. */
  at: string;
  id: string;
}

export interface AuditQuery {
  values: FilterValues;
  filter: AuditFilter;
  cursor: PageCursor | null;
  /** One message per field that did not parse; no query runs while there is one. */
  errors: Partial<Record<keyof FilterValues | 'page', string>>;
}

/** A real calendar date between 2000 and 2100, written YYYY-MM-DD. */
export function isLocalDate(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v), schema.optional());

const filterSchema = z.object({
  person: optional(
    z.string().refine((v) => isUuid(v) || (OTHER_ACTORS as readonly string[]).includes(v), 'Choose a person from the list.').transform((v) => v.toLowerCase()),
  ),
  client: optional(
    z
      .string()
      .refine(isUuid, 'Enter a client id like 3f2c8a4e-1b7d-4c2a-9e5f-0a1b2c3d4e5f, not a name.')
      .transform((v) => v.toLowerCase()),
  ),
  action: optional(z.string().regex(ACTION, 'Choose an action from the list.')),
  from: optional(z.string().refine(isLocalDate, 'Enter the start date as a date, like 2026-11-01.')),
  to: optional(z.string().refine(isLocalDate, 'Enter the end date as a date, like 2026-11-30.')),
  outcome: optional(z.enum(OUTCOMES, { error: 'Choose an outcome from the list.' })),
});

const pageSchema = z.object({
  older: optional(z.string().regex(CURSOR, 'bad cursor')),
  newer: optional(z.string().regex(CURSOR, 'bad cursor')),
});

/** Reads the audit screen's query string. Never throws: bad values come back as messages, with what was typed. */
export function parseAuditQuery(query: Record<string, string | undefined>): AuditQuery {
  const values = Object.fromEntries(FILTER_FIELDS.map((f) => [f, (query[f] ?? '').slice(0, 200)])) as unknown as FilterValues;
  const errors: AuditQuery['errors'] = {};
  let filter: AuditFilter = {};
  const parsed = filterSchema.safeParse(values);
  if (parsed.success) {
    filter = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as AuditFilter;
  } else {
    for (const issue of parsed.error.issues) errors[String(issue.path[0]) as keyof FilterValues] ??= issue.message;
  }
  if (filter.from && filter.to && filter.to < filter.from) errors.to = 'The end date is before the start date.';

  let cursor: PageCursor | null = null;
  const page = pageSchema.safeParse({ older: query.older, newer: query.newer });
  if (!page.success || (page.data.older && page.data.newer)) {
    errors.page = 'That page link is no longer valid. Start again from the newest entries.';
  } else {
    const raw = page.data.older ?? page.data.newer;
    if (raw) cursor = decodeCursor(raw, page.data.older ? 'older' : 'newer');
  }
  return { values, filter, cursor, errors };
}

/** The person and action must be ones the lists offer; returns a message per field that is not. */
export function checkChoices(filter: AuditFilter, choices: { operatorIds: ReadonlySet<string>; actions: readonly string[] }): AuditQuery['errors'] {
  const errors: AuditQuery['errors'] = {};
  if (filter.person && isUuid(filter.person) && !choices.operatorIds.has(filter.person)) errors.person = 'That person is not on this spa’s staff list.';
  if (filter.action && !choices.actions.includes(filter.action)) errors.action = 'Choose an action from the list.';
  return errors;
}

/** The filters as a query string (empty values left out), for page links and the CSV link. */
export function filterQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = filter[field];
    if (value) params.set(field, value);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function encodeCursor(at: string, id: string): string {
  return `${at}_${id}`;
}

export function decodeCursor(text: string, direction: PageCursor['direction']): PageCursor | null {
  const m = CURSOR.exec(text);
  return m ? { direction, at: m[1]!, id: m[2]! } : null;
}

// ── Local dates ──────────────────────────────────────────────────────────────

/** How far the wall clock of `timeZone` is ahead of UTC at `instant`, in ms. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a local date begins in `timeZone` (midnight, or the first moment after a skipped midnight). */
export function localDayStart(day: string, timeZone: string): Date {
  const m = DAY.exec(day);
  if (!m) throw new Error('localDayStart needs YYYY-MM-DD');
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

/** The day after a local date, as YYYY-MM-DD. */
export function nextDay(day: string): string {
  const m = DAY.exec(day);
  if (!m) throw new Error('nextDay needs YYYY-MM-DD');
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

/** The local date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

// ── SQL ──────────────────────────────────────────────────────────────────────

export interface SqlPart {
  text: string;
  values: unknown[];
}

/**
 * The WHERE clause of a search, with the tenant first so every plan starts from an
 * index that leads with it. Dates become half-open UTC ranges: [from 00:00, day after `to` 00:00).
 */
/** A client's id and every record merged into theirs, however deep: a client's trail includes the reads of those records (SEC-3). */
function clientAndMerged(param: string): string {
  return `WITH RECURSIVE merged(id) AS (SELECT ${param}::uuid UNION SELECT m.merged_id FROM client_merges m JOIN merged ON m.survivor_id = merged.id) SELECT id FROM merged`;
}

/** The keys of the rows that name a client or a record merged into theirs (the merges read under row-level security). */
function rowsOfClient(param: string): string {
  return `SELECT x.occurred_at, x.id FROM audit_event_keys_for_clients(ARRAY(${clientAndMerged(param)})) x`;
}

export function whereSql(tenantId: string, filter: AuditFilter, timeZone: string, cursor: PageCursor | null = null): SqlPart {
  const values: unknown[] = [tenantId];
  const where = ['e.tenant_id = $1'];
  const add = (sql: (n: string) => string, value: unknown) => {
    values.push(value);
    where.push(sql(`$${values.length}`));
  };
  if (filter.person) {
    if (isUuid(filter.person)) add((n) => `e.actor_kind = 'operator' AND e.actor_id = ${n}::uuid`, filter.person);
    else add((n) => `e.actor_kind = ${n}`, filter.person);
  }
  if (filter.client) add((n) => `(e.occurred_at, e.id) IN (${rowsOfClient(n)})`, filter.client);
  if (filter.action) add((n) => `e.action = ${n}`, filter.action);
  if (filter.outcome) add((n) => `e.outcome = ${n}`, filter.outcome);
  if (filter.from) add((n) => `e.occurred_at >= ${n}::timestamptz`, localDayStart(filter.from, timeZone).toISOString());
  if (filter.to) add((n) => `e.occurred_at < ${n}::timestamptz`, localDayStart(nextDay(filter.to), timeZone).toISOString());
  if (cursor) {
    values.push(cursor.at, cursor.id);
    const op = cursor.direction === 'older' ? '<' : '>';
    where.push(`(e.occurred_at, e.id) ${op} ($${values.length - 1}::timestamptz, $${values.length}::bigint)`);
  }
  return { text: where.join(' AND '), values };
}

/** Operators whose names a row may show: the actor, and the account a sign-in concerned. */
const ACCOUNT_RECORDS = `('password', 'second_factor', 'session', 'operator')`;

/**
 * One page of rows plus one more (to know whether there is another page), newest
 * first — or oldest first when walking towards newer rows, reversed by the caller.
 * The page is cut before the names are joined, so the joins touch `limit` rows only.
 */
export function pageSql(where: SqlPart, direction: 'older' | 'newer', limit: number): SqlPart {
  const order = direction === 'older' ? 'DESC' : 'ASC';
  return {
    text: `WITH page AS (
      SELECT e.id, e.occurred_at, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
             e.actor_kind, e.actor_id, e.actor_role, e.action, e.record_type, e.record_id, e.client_ids::text[] AS client_ids,
             host(e.ip) AS ip, e.user_agent, e.surface, e.outcome, e.request_id
        FROM audit_events e
       WHERE ${where.text}
       ORDER BY e.occurred_at ${order}, e.id ${order}
       LIMIT ${Number(limit)})
    SELECT page.*, coalesce(actor.full_name, staff.staff_name) AS actor_name, account.full_name AS record_name
      FROM page
      LEFT JOIN operators actor ON page.actor_kind = 'operator' AND actor.id = page.actor_id
      LEFT JOIN LATERAL (SELECT g.staff_name FROM break_glass_grants g
                          WHERE page.actor_kind = 'staff' AND g.staff_id = page.actor_id ORDER BY g.opened_at DESC LIMIT 1) staff ON true
      LEFT JOIN operators account ON page.record_type IN ${ACCOUNT_RECORDS} AND account.id::text = page.record_id
     ORDER BY page.occurred_at ${order}, page.id ${order}`,
    values: where.values,
  };
}

// ── Reading ──────────────────────────────────────────────────────────────────

export interface AuditRow {
  id: string;
  occurredAt: Date;
  /** UTC with microseconds: the keyset position and the CSV's time. */
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  /** The operator a sign-in row concerns, when record_id names one. */
  recordName: string | null;
  clientIds: string[];
  ip: string | null;
  userAgent: string | null;
  surface: string;
  outcome: string;
  requestId: string | null;
}

interface RowText {
  id: string;
  occurred_at: Date;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  record_name: string | null;
  client_ids: string[];
  ip: string | null;
  user_agent: string | null;
  surface: string;
  outcome: string;
  request_id: string | null;
}

export function toAuditRow(r: RowText): AuditRow {
  return {
    id: r.id,
    occurredAt: r.occurred_at,
    at: r.at,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    recordName: r.record_name,
    clientIds: r.client_ids,
    ip: r.ip,
    userAgent: r.user_agent,
    surface: r.surface,
    outcome: r.outcome,
    requestId: r.request_id,
  };
}

export async function queryRows(ctx: ServiceCtx, sql: SqlPart): Promise<AuditRow[]> {
  const { rows } = await ctx.tx.$client.query<RowText>(sql.text, sql.values);
  return rows.map(toAuditRow);
}

export interface AuditPage {
  rows: AuditRow[];
  /** Cursor of the next older page, if there is one. */
  older: string | null;
  /** Cursor of the next newer page; null on the first page. */
  newer: string | null;
}

/**
 * One keyset page of `size` rows, newest first. It reads one row more than it shows to
 * know whether the walk can go on in its direction; the other direction is open whenever
 * the page was reached through a cursor (the cursor's own row lies that way).
 */
export async function readPage(ctx: ServiceCtx, where: (cursor: PageCursor | null) => SqlPart, cursor: PageCursor | null, size: number): Promise<AuditPage> {
  const direction = cursor?.direction ?? 'older';
  const fetched = await queryRows(ctx, pageSql(where(cursor), direction, size + 1));
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (direction === 'newer') rows.reverse();
  const newest = rows[0];
  const oldest = rows.at(-1);
  const olderOpen = direction === 'older' ? more : true;
  const newerOpen = direction === 'newer' ? more : cursor !== null;
  return {
    rows,
    older: olderOpen && oldest ? encodeCursor(oldest.at, oldest.id) : null,
    newer: newerOpen && newest ? encodeCursor(newest.at, newest.id) : null,
  };
}

/** Every client id a set of rows shows (as a client concerned, or as the client who acted). */
export function clientsShown(rows: readonly AuditRow[], also: readonly (string | undefined)[] = []): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    for (const id of row.clientIds) ids.add(id);
    if (row.actorKind === 'client' && row.actorId) ids.add(row.actorId);
  }
  for (const id of also) if (id) ids.add(id);
  return [...ids];
}

export interface Person {
  id: string;
  name: string;
  active: boolean;
}

export interface SealStatus {
  latest: { seq: string; sealedAt: Date } | null;
  /** Rows written since the last seal, counted up to UNSEALED_COUNT_CAP + 1. */
  waiting: number;
  /** A row has waited more than ten minutes: the sealer may have stopped (the verifier reports it too). */
  stale: boolean;
}

export const UNSEALED_COUNT_CAP = 10_000;

/** What every audit page needs around its rows: the spa's timezone and the names of roles. */
export interface AuditContext {
  timeZone: string;
  roleNames: Record<string, string>;
}

/** The first location's timezone (UTC when the spa has none yet) and the role names by key. */
export async function auditContext(ctx: ServiceCtx): Promise<AuditContext> {
  const { rows } = await ctx.tx.$client.query<{ kind: string; key: string; value: string }>(
    `(SELECT 'tz' AS kind, '' AS key, timezone AS value FROM locations ORDER BY created_at, id LIMIT 1)
     UNION ALL
     SELECT 'role', key, name FROM roles`,
  );
  const timeZone = rows.find((r) => r.kind === 'tz')?.value ?? 'UTC';
  const roleNames = Object.fromEntries(rows.filter((r) => r.kind === 'role').map((r) => [r.key, r.value]));
  return { timeZone: validTimeZone(timeZone), roleNames };
}

function validTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** The latest seal and how many rows wait for the next one: two index lookups (PK of audit_seals, (tenant_id, xid)). */
export async function sealStatus(ctx: ServiceCtx): Promise<SealStatus> {
  const head = await ctx.tx.$client.query<{ seq: string; sealed_at: Date; xid_to: string }>(
    `SELECT seq::text AS seq, sealed_at, xid_to::text AS xid_to FROM audit_seals WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
    [ctx.tenantId],
  );
  const latest = head.rows[0];
  const tail = await ctx.tx.$client.query<{ n: number; stale: boolean | null }>(
    `SELECT count(*)::int AS n, min(occurred_at) < now() - interval '10 minutes' AS stale
       FROM (SELECT occurred_at FROM audit_events WHERE tenant_id = $1 AND xid >= $2::xid8 LIMIT ${UNSEALED_COUNT_CAP + 1}) AS t`,
    [ctx.tenantId, latest?.xid_to ?? '0'],
  );
  return {
    latest: latest ? { seq: latest.seq, sealedAt: latest.sealed_at } : null,
    waiting: tail.rows[0]!.n,
    stale: tail.rows[0]!.stale === true,
  };
}

/** The spa's operators (for the person filter) and the actions to offer. */
async function choices(ctx: ServiceCtx): Promise<{ people: Person[]; actions: string[] }> {
  const people = await ctx.tx.$client.query<Person>(`SELECT id::text AS id, full_name AS name, status = 'active' AS active FROM operators ORDER BY full_name, id`);
  const recent = await ctx.tx.$client.query<{ action: string }>(
    `SELECT DISTINCT action FROM (SELECT action FROM audit_events WHERE tenant_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT ${RECENT_ACTION_ROWS}) AS r`,
    [ctx.tenantId],
  );
  const actions = [...new Set([...KNOWN_ACTIONS, ...recent.rows.map((r) => r.action)])];
  return { people: people.rows, actions };
}

export interface AuditScreen extends AuditContext {
  people: Person[];
  actions: string[];
  seal: SealStatus;
  errors: AuditQuery['errors'];
  /** Null when the filters had errors: no query runs with them. */
  page: AuditPage | null;
}

/**
 * The audit screen: its filter choices, the seal status, and one page of rows when the
 * filters are valid. Showing the page is itself audited (it shows client ids).
 */
export async function auditTrail(ctx: ServiceCtx, query: AuditQuery): Promise<AuditScreen> {
  const [context, options, seal] = [await auditContext(ctx), await choices(ctx), await sealStatus(ctx)];
  const errors = { ...query.errors, ...checkChoices(query.filter, { operatorIds: new Set(options.people.map((p) => p.id)), actions: options.actions }) };
  let page: AuditPage | null = null;
  if (Object.keys(errors).length === 0) {
    page = await readPage(ctx, (cursor) => whereSql(ctx.tenantId, query.filter, context.timeZone, cursor), query.cursor, PAGE_SIZE);
    ctx.audit({ action: 'read', recordType: 'audit_log', clientIds: clientsShown(page.rows, [query.filter.client]) });
  }
  return { ...context, ...options, seal, errors, page };
}

/** Checks the filters against the spa's lists; what the export uses before reading anything. */
export async function validateFilters(ctx: ServiceCtx, query: AuditQuery): Promise<AuditQuery['errors']> {
  const options = await choices(ctx);
  return { ...query.errors, ...checkChoices(query.filter, { operatorIds: new Set(options.people.map((p) => p.id)), actions: options.actions }) };
}

// ── Per-client access report ─────────────────────────────────────────────────

/** A row is a list appearance when it concerns several clients, or its record is a list or a search. */
export function isListAppearance(row: Pick<AuditRow, 'clientIds' | 'recordType'>): boolean {
  return row.clientIds.length > 1 || row.recordType.endsWith('_list') || row.recordType.endsWith('search');
}

export interface ClientReportSummary {
  accesses: number;
  people: number;
  listAppearances: number;
  first: Date | null;
  last: Date | null;
}

export interface ClientReport extends AuditContext {
  clientId: string;
  summary: ClientReportSummary;
  page: AuditPage;
}

/** Who saw one client, when and how: every row that names the client (or a record merged into theirs), newest first. */
export async function clientAccessReport(ctx: ServiceCtx, clientId: string, cursor: PageCursor | null): Promise<ClientReport> {
  const context = await auditContext(ctx);
  const { rows } = await ctx.tx.$client.query<{ accesses: number; people: number; lists: number; first: Date | null; last: Date | null }>(
    `SELECT count(*)::int AS accesses,
            count(DISTINCT (actor_kind, actor_id)) FILTER (WHERE actor_kind IN ('operator', 'staff', 'client'))::int AS people,
            count(*) FILTER (WHERE cardinality(client_ids) > 1 OR record_type LIKE '%\\_list' OR record_type LIKE '%search')::int AS lists,
            min(occurred_at) AS first, max(occurred_at) AS last
       FROM audit_events
      WHERE tenant_id = $1 AND (occurred_at, id) IN (${rowsOfClient('$2')})`,
    [ctx.tenantId, clientId],
  );
  const s = rows[0]!;
  const page = await readPage(ctx, (c) => whereSql(ctx.tenantId, { client: clientId }, context.timeZone, c), cursor, REPORT_PAGE_SIZE);
  ctx.audit({ action: 'read', recordType: 'audit_log', recordId: clientId, clientIds: [clientId] });
  return { ...context, clientId, summary: { accesses: s.accesses, people: s.people, listAppearances: s.lists, first: s.first, last: s.last }, page };
}
