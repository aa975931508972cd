/**
 * Demo requests as Lumè staff work them (issue 8): search, a status from "new" to "converted" or
 * "closed", and notes. The submission itself is the marketing module's row (demo_requests); the
 * console adds its handling beside it and keeps `converted` in step, which exempts a customer's
 * submission from the 24-month retention (MKT-5). Every view and change is in the console trail.
 */
import type { ConsoleCtx } from './context.ts';

export const DEMO_STATUSES = ['new', 'contacted', 'demo_scheduled', 'converted', 'closed'] as const;
export type DemoStatus = (typeof DEMO_STATUSES)[number];

export const DEMO_STATUS_WORDS: Record<DemoStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  demo_scheduled: 'Demo scheduled',
  converted: 'Converted',
  closed: 'Closed',
};

export function isDemoStatus(value: string): value is DemoStatus {
  return (DEMO_STATUSES as readonly string[]).includes(value);
}

export const DEMO_PAGE_SIZE = 50;

export interface DemoRequestRow {
  id: string;
  createdAt: Date;
  name: string;
  email: string;
  spaName: string;
  locations: number;
  providers: number;
  platform: string;
  platformOther: string | null;
  status: DemoStatus;
  notes: number;
  openRights: number;
}

export interface DemoRequestDetail extends DemoRequestRow {
  phone: string | null;
  message: string | null;
  emailSentAt: Date | null;
  emailFailedAt: Date | null;
  statusUpdatedAt: Date | null;
  statusUpdatedBy: string | null;
}

export interface DemoNote {
  id: string;
  body: string;
  createdAt: Date;
  staffName: string;
}

export interface DemoFilter {
  q: string;
  status: DemoStatus | '';
  page: number;
}

const ROW = `d.id, d.created_at AS "createdAt", d.name, d.email::text AS email, d.spa_name AS "spaName", d.locations, d.providers,
  d.current_platform AS platform, d.current_platform_other AS "platformOther", coalesce(h.status, 'new') AS status,
  (SELECT count(*)::int FROM demo_request_notes n WHERE n.demo_request_id = d.id) AS notes,
  (SELECT count(*)::int FROM prospect_rights_requests r WHERE r.demo_request_id = d.id AND r.status = 'open') AS "openRights"`;

/** One page of requests, newest first, matching a search on name, email or spa name and a status. */
export async function listDemoRequests(ctx: ConsoleCtx, filter: DemoFilter): Promise<{ rows: DemoRequestRow[]; total: number; counts: Record<DemoStatus, number> }> {
  const where = `($1 = '' OR strpos(lower(d.name), lower($1)) > 0 OR strpos(lower(d.email::text), lower($1)) > 0 OR strpos(lower(d.spa_name), lower($1)) > 0)
    AND ($2 = '' OR coalesce(h.status, 'new') = $2)`;
  const { rows } = await ctx.client.query<DemoRequestRow & { total: number }>(
    `SELECT ${ROW}, count(*) OVER ()::int AS total
       FROM demo_requests d LEFT JOIN demo_request_handling h ON h.demo_request_id = d.id
      WHERE ${where}
      ORDER BY d.created_at DESC, d.id
      LIMIT $3 OFFSET $4`,
    [filter.q, filter.status, DEMO_PAGE_SIZE, (filter.page - 1) * DEMO_PAGE_SIZE],
  );
  const { rows: countRows } = await ctx.client.query<{ status: DemoStatus; n: number }>(
    `SELECT coalesce(h.status, 'new') AS status, count(*)::int AS n
       FROM demo_requests d LEFT JOIN demo_request_handling h ON h.demo_request_id = d.id GROUP BY 1`,
  );
  const counts = Object.fromEntries(DEMO_STATUSES.map((s) => [s, 0])) as Record<DemoStatus, number>;
  for (const r of countRows) counts[r.status] = r.n;
  ctx.audit({ action: 'read', targetKind: 'demo_list', detail: `${rows.length} shown${filter.q ? ', searched' : ''}` });
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0, counts };
}

export async function getDemoRequest(ctx: ConsoleCtx, id: string): Promise<{ request: DemoRequestDetail; notes: DemoNote[] } | null> {
  const { rows } = await ctx.client.query<DemoRequestDetail>(
    `SELECT ${ROW}, d.phone, d.message, d.email_sent_at AS "emailSentAt", d.email_failed_at AS "emailFailedAt",
            h.updated_at AS "statusUpdatedAt", s.full_name AS "statusUpdatedBy"
       FROM demo_requests d
       LEFT JOIN demo_request_handling h ON h.demo_request_id = d.id
       LEFT JOIN console_staff s ON s.id = h.updated_by
      WHERE d.id = $1`,
    [id],
  );
  const request = rows[0];
  ctx.audit({ action: 'read', targetKind: 'demo_request', targetId: id, outcome: request ? 'success' : 'not_found' });
  if (!request) return null;
  const { rows: notes } = await ctx.client.query<DemoNote>(
    `SELECT n.id, n.body, n.created_at AS "createdAt", s.full_name AS "staffName"
       FROM demo_request_notes n JOIN console_staff s ON s.id = n.staff_id
      WHERE n.demo_request_id = $1 ORDER BY n.created_at DESC, n.id`,
    [id],
  );
  return { request, notes };
}

/** Moves a request to a status; false when there is no such request. */
export async function setDemoStatus(ctx: ConsoleCtx, staffId: string, id: string, status: DemoStatus, now: Date): Promise<boolean> {
  const { rows } = await ctx.client.query<{ old: DemoStatus }>(
    `SELECT coalesce(h.status, 'new') AS old FROM demo_requests d LEFT JOIN demo_request_handling h ON h.demo_request_id = d.id WHERE d.id = $1 FOR UPDATE OF d`,
    [id],
  );
  const old = rows[0]?.old;
  if (!old) return false;
  if (old === status) return true;
  await ctx.client.query(
    `INSERT INTO demo_request_handling (demo_request_id, status, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (demo_request_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [id, status, now, staffId],
  );
  await ctx.client.query('UPDATE demo_requests SET converted = $2 WHERE id = $1 AND converted <> $2', [id, status === 'converted']);
  ctx.audit({ action: 'status_change', targetKind: 'demo_request', targetId: id, detail: `${old} → ${status}` });
  return true;
}

export async function addDemoNote(ctx: ConsoleCtx, staffId: string, id: string, body: string, now: Date): Promise<boolean> {
  const { rowCount } = await ctx.client.query(
    'INSERT INTO demo_request_notes (demo_request_id, staff_id, body, created_at) SELECT id, $2, $3, $4 FROM demo_requests WHERE id = $1',
    [id, staffId, body, now],
  );
  if (rowCount) ctx.audit({ action: 'note', targetKind: 'demo_request', targetId: id });
  return Boolean(rowCount);
}
