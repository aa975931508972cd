import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { auditContext, clientsShown, localDate, queryRows, validateFilters, whereSql, type AuditQuery, type AuditRow } from './search.ts';

/**
 * The audit trail as CSV (SEC-3: "operators with the right permission can search and
 * export it"). The export is itself audited, in the same transaction as the read that
 * produced it, naming every client in the file.
 */

export const EXPORT_ROW_CAP = 100_000;

export const CSV_HEADER = [
  'occurred_at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'role',
  'action',
  'record_type',
  'record_id',
  'client_ids',
  'ip',
  'user_agent',
  'surface',
  'outcome',
  'request_id',
] as const;

/**
 * One CSV cell. Text a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or CR) gets a leading apostrophe (OWASP "CSV injection"); then the cell is quoted
 * when it holds a quote, comma or line break (RFC 4180).
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvRow(row: AuditRow): string {
  return csvLine([
    row.at,
    row.actorKind,
    row.actorId,
    row.actorName,
    row.actorRole,
    row.action,
    row.recordType,
    row.recordId,
    row.clientIds.join(' '),
    row.ip,
    row.userAgent,
    row.surface,
    row.outcome,
    row.requestId,
  ]);
}

/** The whole file: a byte-order mark (so spreadsheets read names as UTF-8), the header, the rows. */
export function toCsv(rows: readonly AuditRow[]): string {
  return `\uFEFF${csvLine(CSV_HEADER)}${rows.map(csvRow).join('')}`;
}

/** `audit-trail-<spa>-<from>-to-<to>.csv`; the parts are a slug and dates, so the name needs no quoting. */
export function exportFileName(spaSlug: string, from: string, to: string): string {
  const safe = spaSlug.replace(/[^a-z0-9-]/gi, '').toLowerCase() || 'spa';
  return from === to ? `audit-trail-${safe}-${from}.csv` : `audit-trail-${safe}-${from}-to-${to}.csv`;
}

export type AuditExport =
  | { ok: true; csv: string; rows: number; from: string; to: string }
  | { ok: false; reason: 'invalid'; errors: AuditQuery['errors'] }
  | { ok: false; reason: 'too_many' };

/**
 * Every row matching the filters, oldest first, up to EXPORT_ROW_CAP. More than that
 * exports nothing (a silently cut audit file would mislead) and is recorded as a failed export.
 * `today` names the file when no dates were chosen and nothing matched.
 */
export async function exportAudit(ctx: ServiceCtx, query: AuditQuery, today: Date): Promise<AuditExport> {
  const errors = await validateFilters(ctx, query);
  delete errors.page; // the export ignores page links
  if (Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
  const { timeZone } = await auditContext(ctx);
  const where = whereSql(ctx.tenantId, query.filter, timeZone);
  const rows = await queryRows(ctx, {
    text: `SELECT e.id, e.occurred_at, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
                  e.actor_kind, e.actor_id::text AS actor_id, actor.full_name AS actor_name, e.actor_role, e.action, e.record_type, e.record_id,
                  NULL AS record_name, e.client_ids::text[] AS client_ids, host(e.ip) AS ip, e.user_agent, e.surface, e.outcome, e.request_id
             FROM audit_events e
             LEFT JOIN operators actor ON e.actor_kind = 'operator' AND actor.id = e.actor_id
            WHERE ${where.text}
            ORDER BY e.occurred_at, e.id
            LIMIT ${EXPORT_ROW_CAP + 1}`,
    values: where.values,
  });
  if (rows.length > EXPORT_ROW_CAP) {
    ctx.audit({ action: 'export', recordType: 'audit_log', outcome: 'failed' });
    return { ok: false, reason: 'too_many' };
  }
  ctx.audit({ action: 'export', recordType: 'audit_log', clientIds: clientsShown(rows, [query.filter.client]) });
  const fallback = localDate(today, timeZone);
  const from = query.filter.from ?? (rows[0] ? localDate(rows[0].occurredAt, timeZone) : fallback);
  const to = query.filter.to ?? (rows.at(-1) ? localDate(rows.at(-1)!.occurredAt, timeZone) : fallback);
  return { ok: true, csv: toCsv(rows), rows: rows.length, from, to };
}
