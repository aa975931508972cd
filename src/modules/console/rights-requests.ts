/**
 * Prospects' rights over their demo request (MKT-5, MKT-6): to see it, correct it, delete it or
 * have it exported as JSON. Each is opened against a submission with the day it was received,
 * is due 30 days later, and is fulfilled (or declined, with the reason) from the console. Every
 * step is in the console trail; a fulfilled deletion removes the submission with its notes and
 * handling, and leaves only this record of it.
 */
import type { ConsoleCtx } from './context.ts';
import { DEMO_STATUS_WORDS, type DemoStatus } from './demo-requests.ts';

export const RIGHTS_KINDS = ['access', 'correction', 'deletion', 'export'] as const;
export type RightsKind = (typeof RIGHTS_KINDS)[number];

export const RIGHTS_KIND_WORDS: Record<RightsKind, string> = {
  access: 'See their data',
  correction: 'Correct their data',
  deletion: 'Delete their data',
  export: 'Export as JSON',
};

export const RIGHTS_DUE_DAYS = 30;

export type RightsStatus = 'open' | 'fulfilled' | 'declined';

export interface RightsRequestRow {
  id: string;
  demoRequestId: string;
  kind: RightsKind;
  status: RightsStatus;
  receivedOn: string;
  dueOn: string;
  details: string;
  resolution: string | null;
  openedAt: Date;
  openedBy: string;
  closedAt: Date | null;
  closedBy: string | null;
  /** Null once the submission is gone (deleted on request, or by retention). */
  prospectName: string | null;
  spaName: string | null;
}

/** Today's date in UTC (YYYY-MM-DD), the calendar the due dates are kept in. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function isOverdue(r: Pick<RightsRequestRow, 'status' | 'dueOn'>, now: Date): boolean {
  return r.status === 'open' && r.dueOn < utcDay(now);
}

/** Whole days from today to the due date (negative when overdue). */
export function daysLeft(dueOn: string, now: Date): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${utcDay(now)}T00:00:00Z`)) / 86_400_000);
}

const ROW = `r.id, r.demo_request_id AS "demoRequestId", r.kind, r.status, r.received_on::text AS "receivedOn", r.due_on::text AS "dueOn",
  r.details, r.resolution, r.opened_at AS "openedAt", o.full_name AS "openedBy", r.closed_at AS "closedAt", c.full_name AS "closedBy",
  d.name AS "prospectName", d.spa_name AS "spaName"`;
const FROM = `prospect_rights_requests r
  JOIN console_staff o ON o.id = r.opened_by
  LEFT JOIN console_staff c ON c.id = r.closed_by
  LEFT JOIN demo_requests d ON d.id = r.demo_request_id`;

/** Open requests first, soonest due first; then the closed ones, most recent first. */
export async function listRightsRequests(ctx: ConsoleCtx, show: 'open' | 'closed'): Promise<RightsRequestRow[]> {
  const { rows } = await ctx.client.query<RightsRequestRow>(
    show === 'open'
      ? `SELECT ${ROW} FROM ${FROM} WHERE r.status = 'open' ORDER BY r.due_on, r.opened_at`
      : `SELECT ${ROW} FROM ${FROM} WHERE r.status <> 'open' ORDER BY r.closed_at DESC LIMIT 200`,
  );
  ctx.audit({ action: 'read', targetKind: 'rights_list', detail: `${show}: ${rows.length}` });
  return rows;
}

export async function countOpenRights(ctx: ConsoleCtx, now: Date): Promise<{ open: number; overdue: number }> {
  const { rows } = await ctx.client.query<{ open: number; overdue: number }>(
    `SELECT count(*)::int AS open, count(*) FILTER (WHERE due_on < $1::date)::int AS overdue FROM prospect_rights_requests WHERE status = 'open'`,
    [utcDay(now)],
  );
  return rows[0]!;
}

/** The rights requests about one submission, newest first. */
export async function rightsForSubmission(ctx: ConsoleCtx, demoRequestId: string): Promise<RightsRequestRow[]> {
  const { rows } = await ctx.client.query<RightsRequestRow>(`SELECT ${ROW} FROM ${FROM} WHERE r.demo_request_id = $1 ORDER BY r.opened_at DESC`, [demoRequestId]);
  return rows;
}

export interface Submission {
  id: string;
  createdAt: Date;
  name: string;
  email: string;
  phone: string | null;
  spaName: string;
  locations: number;
  providers: number;
  platform: string;
  platformOther: string | null;
  message: string | null;
  status: DemoStatus;
}

async function submission(ctx: ConsoleCtx, id: string, lock = false): Promise<Submission | null> {
  const { rows } = await ctx.client.query<Submission>(
    `SELECT d.id, d.created_at AS "createdAt", d.name, d.email::text AS email, d.phone, d.spa_name AS "spaName", d.locations, d.providers,
            d.current_platform AS platform, d.current_platform_other AS "platformOther", d.message, coalesce(h.status, 'new') AS status
       FROM demo_requests d LEFT JOIN demo_request_handling h ON h.demo_request_id = d.id
      WHERE d.id = $1 ${lock ? 'FOR UPDATE OF d' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function getRightsRequest(ctx: ConsoleCtx, id: string): Promise<{ request: RightsRequestRow; submission: Submission | null } | null> {
  const { rows } = await ctx.client.query<RightsRequestRow>(`SELECT ${ROW} FROM ${FROM} WHERE r.id = $1`, [id]);
  const request = rows[0];
  ctx.audit({ action: 'read', targetKind: 'rights_request', targetId: id, outcome: request ? 'success' : 'not_found' });
  if (!request) return null;
  return { request, submission: await submission(ctx, request.demoRequestId) };
}

export interface NewRightsRequest {
  demoRequestId: string;
  kind: RightsKind;
  receivedOn: string;
  details: string;
}

export type RightsChange<T = object> = ({ ok: true } & T) | { ok: false; status: 404 | 409; message: string };

export async function openRightsRequest(ctx: ConsoleCtx, staffId: string, input: NewRightsRequest, now: Date): Promise<RightsChange<{ id: string }>> {
  const found = await submission(ctx, input.demoRequestId);
  if (!found) return { ok: false, status: 404, message: 'That demo request no longer exists.' };
  const { rows } = await ctx.client.query<{ id: string }>(
    `INSERT INTO prospect_rights_requests (demo_request_id, kind, received_on, details, opened_by, opened_at)
     VALUES ($1, $2, $3::date, $4, $5, $6) RETURNING id`,
    [input.demoRequestId, input.kind, input.receivedOn, input.details, staffId, now],
  );
  const id = rows[0]!.id;
  ctx.audit({ action: 'open', targetKind: 'rights_request', targetId: id, detail: `${input.kind} for demo request ${input.demoRequestId.slice(0, 8)}` });
  return { ok: true, id };
}

async function lockOpen(ctx: ConsoleCtx, id: string): Promise<RightsChange<{ kind: RightsKind; demoRequestId: string }>> {
  const { rows } = await ctx.client.query<{ kind: RightsKind; status: RightsStatus; demo_request_id: string }>(
    'SELECT kind, status, demo_request_id FROM prospect_rights_requests WHERE id = $1 FOR UPDATE',
    [id],
  );
  const row = rows[0];
  if (!row) return { ok: false, status: 404, message: 'No such request.' };
  if (row.status !== 'open') return { ok: false, status: 409, message: `This request was already ${row.status}.` };
  return { ok: true, kind: row.kind, demoRequestId: row.demo_request_id };
}

async function close(ctx: ConsoleCtx, staffId: string, id: string, status: 'fulfilled' | 'declined', resolution: string, now: Date): Promise<void> {
  await ctx.client.query('UPDATE prospect_rights_requests SET status = $2, resolution = $3, closed_by = $4, closed_at = $5 WHERE id = $1', [id, status, resolution, staffId, now]);
}

/**
 * Fulfils an access, export or deletion request. A deletion removes the submission (its notes
 * and handling go with it); it must still exist. Corrections go through `correctSubmission`.
 */
export async function fulfilRightsRequest(ctx: ConsoleCtx, staffId: string, id: string, resolution: string, now: Date): Promise<RightsChange> {
  const open = await lockOpen(ctx, id);
  if (!open.ok) return open;
  if (open.kind === 'correction') return { ok: false, status: 409, message: 'A correction is fulfilled by saving the corrected details.' };
  if (open.kind === 'deletion') {
    const { rowCount } = await ctx.client.query('DELETE FROM demo_requests WHERE id = $1', [open.demoRequestId]);
    if (rowCount) ctx.audit({ action: 'delete', targetKind: 'demo_request', targetId: open.demoRequestId, detail: `rights request ${id.slice(0, 8)}` });
  }
  await close(ctx, staffId, id, 'fulfilled', resolution, now);
  ctx.audit({ action: 'fulfil', targetKind: 'rights_request', targetId: id, detail: open.kind });
  return { ok: true };
}

export interface Correction {
  name: string;
  email: string;
  phone: string | null;
  spaName: string;
}

/** Fulfils a correction: the submission's contact details are replaced and the fields changed are named (not their values). */
export async function correctSubmission(ctx: ConsoleCtx, staffId: string, id: string, correction: Correction, resolution: string, now: Date): Promise<RightsChange<{ changed: string[] }>> {
  const open = await lockOpen(ctx, id);
  if (!open.ok) return open;
  if (open.kind !== 'correction') return { ok: false, status: 409, message: 'Only a correction request changes the submission.' };
  const current = await submission(ctx, open.demoRequestId, true);
  if (!current) return { ok: false, status: 409, message: 'The submission no longer exists, so there is nothing to correct. Decline the request and say why.' };
  const changed = (
    [
      ['name', current.name, correction.name],
      ['email', current.email, correction.email],
      ['phone', current.phone ?? '', correction.phone ?? ''],
      ['spa name', current.spaName, correction.spaName],
    ] as const
  )
    .filter(([, before, after]) => before !== after)
    .map(([field]) => field);
  await ctx.client.query('UPDATE demo_requests SET name = $2, email = $3, phone = $4, spa_name = $5 WHERE id = $1', [
    open.demoRequestId,
    correction.name,
    correction.email,
    correction.phone,
    correction.spaName,
  ]);
  await close(ctx, staffId, id, 'fulfilled', resolution, now);
  ctx.audit({ action: 'update', targetKind: 'demo_request', targetId: open.demoRequestId, detail: changed.length ? `corrected: ${changed.join(', ')}` : 'no change' });
  ctx.audit({ action: 'fulfil', targetKind: 'rights_request', targetId: id, detail: 'correction' });
  return { ok: true, changed };
}

export async function declineRightsRequest(ctx: ConsoleCtx, staffId: string, id: string, reason: string, now: Date): Promise<RightsChange> {
  const open = await lockOpen(ctx, id);
  if (!open.ok) return open;
  await close(ctx, staffId, id, 'declined', reason, now);
  ctx.audit({ action: 'decline', targetKind: 'rights_request', targetId: id, detail: open.kind });
  return { ok: true };
}

/** The submission as the prospect may receive it: what they sent, where Lumè is with it, and the notes about them. */
export async function exportSubmission(ctx: ConsoleCtx, rightsRequestId: string, now: Date): Promise<{ filename: string; json: string } | null> {
  const { rows } = await ctx.client.query<{ demo_request_id: string }>('SELECT demo_request_id FROM prospect_rights_requests WHERE id = $1', [rightsRequestId]);
  const demoId = rows[0]?.demo_request_id;
  const found = demoId ? await submission(ctx, demoId) : null;
  if (!demoId || !found) {
    ctx.audit({ action: 'export', targetKind: 'demo_request', targetId: demoId ?? null, outcome: 'not_found', detail: `rights request ${rightsRequestId.slice(0, 8)}` });
    return null;
  }
  const { rows: notes } = await ctx.client.query<{ createdAt: Date; body: string }>(
    'SELECT created_at AS "createdAt", body FROM demo_request_notes WHERE demo_request_id = $1 ORDER BY created_at, id',
    [demoId],
  );
  const document = {
    about: 'Your request for a Lumè demo, as Lumè holds it.',
    exportedAt: now.toISOString(),
    submission: {
      id: found.id,
      receivedAt: found.createdAt.toISOString(),
      name: found.name,
      workEmail: found.email,
      phone: found.phone,
      spaName: found.spaName,
      locations: found.locations,
      providers: found.providers,
      currentPlatform: found.platform === 'other' ? (found.platformOther ?? 'other') : found.platform,
      message: found.message,
    },
    handling: { status: DEMO_STATUS_WORDS[found.status] },
    notesByLume: notes.map((n) => ({ writtenAt: n.createdAt.toISOString(), text: n.body })),
    retention: 'Deleted automatically 24 months after it was received, unless you became a customer, or earlier at your request.',
  };
  ctx.audit({ action: 'export', targetKind: 'demo_request', targetId: demoId, detail: `rights request ${rightsRequestId.slice(0, 8)}` });
  return { filename: `lume-demo-request-${demoId.slice(0, 8)}.json`, json: `${JSON.stringify(document, null, 2)}\n` };
}
