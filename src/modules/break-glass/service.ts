/**
 * Break-glass windows as the spa's CRM sees them (SEC-9): the one-time link exchanged for a
 * browser cookie, the principal that cookie loads on each request, leaving or ending a window,
 * and the list the spa's owners and managers see. Windows are opened only by the console,
 * through `console_open_break_glass` (db/migrations/20261127T0500_break_glass.sql).
 */
import { hashToken, newToken } from '../../infra/crypto/tokens.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { Principal } from '../identity/sessions.ts';
import { BREAK_GLASS_PERMISSIONS, RECENT_DAYS } from './window.ts';

/** Activity is written at most this often (as for operators' sessions). */
const TOUCH_EVERY_MS = 15 * 1000;

/** The grant a one-time link names, whatever its state; null when no grant of this spa has it. */
export async function findLink(ctx: ServiceCtx, linkToken: string): Promise<{ grantId: string; staffId: string } | null> {
  const { rows } = await ctx.tx.$client.query<{ id: string; staff_id: string }>('SELECT id, staff_id FROM break_glass_grants WHERE link_hash = $1', [hashToken(linkToken)]);
  return rows[0] ? { grantId: rows[0].id, staffId: rows[0].staff_id } : null;
}

/**
 * Spends the link of a grant and starts the window's browser session: only once, only before the
 * window's end, only while the staff member may still use break-glass. Returns the cookie's token
 * (its hash is kept), or null — and records the attempt either way (run with the staff member as actor).
 */
export async function redeemLink(ctx: ServiceCtx, grantId: string, now: Date): Promise<{ token: string; endsAt: Date } | null> {
  const token = newToken();
  const { rows } = await ctx.tx.$client.query<{ ends_at: Date }>(
    `UPDATE break_glass_grants SET link_used_at = $2, session_hash = $3, last_active_at = $2
      WHERE id = $1 AND link_used_at IS NULL AND ended_at IS NULL AND ends_at > $2 AND break_glass_staff_allowed(staff_id)
      RETURNING ends_at`,
    [grantId, now, hashToken(token)],
  );
  const used = rows[0];
  ctx.audit({ action: 'break_glass_use', recordType: 'break_glass', recordId: grantId, outcome: used ? 'success' : 'denied' });
  return used ? { token, endsAt: used.ends_at } : null;
}

interface WindowRow {
  id: string;
  staff_id: string;
  staff_name: string;
  ends_at: Date;
  ended_at: Date | null;
  last_active_at: Date;
  spa_name: string;
  idle_timeout_minutes: number;
  allowed: boolean;
  time_zone: string | null;
}

export type WindowCheck = { ok: true; principal: Principal } | { ok: false; reason: 'none' | 'idle' | 'break_glass' };

/**
 * The principal behind a window's cookie, held to the clock on every request: the window's hard
 * end (activity never extends it), the spa's idle logoff, an early end, and the staff member
 * still being allowed (active, support or admin). An idle window is ended for good.
 */
export async function checkWindow(ctx: ServiceCtx, token: string, now: Date, activity: boolean): Promise<WindowCheck> {
  const { rows } = await ctx.tx.$client.query<WindowRow>(
    `SELECT g.id, g.staff_id, g.staff_name, g.ends_at, g.ended_at, g.last_active_at, t.display_name AS spa_name, t.idle_timeout_minutes,
            break_glass_staff_allowed(g.staff_id) AS allowed,
            (SELECT l.timezone FROM locations l WHERE l.tenant_id = g.tenant_id AND l.active ORDER BY l.name LIMIT 1) AS time_zone
       FROM break_glass_grants g JOIN tenants t ON t.id = g.tenant_id
      WHERE g.session_hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: 'none' };
  if (row.ended_at || now >= row.ends_at || !row.allowed) return { ok: false, reason: 'break_glass' };
  const idleMs = row.idle_timeout_minutes * 60_000;
  if (now.getTime() - row.last_active_at.getTime() > idleMs) {
    await endWindow(ctx, row.id, { kind: 'idle', id: null }, now);
    return { ok: false, reason: 'idle' };
  }
  let lastActive = row.last_active_at;
  if (activity && now.getTime() - lastActive.getTime() >= TOUCH_EVERY_MS) {
    await ctx.tx.$client.query('UPDATE break_glass_grants SET last_active_at = $2 WHERE id = $1', [row.id, now]);
    lastActive = now;
  }
  return {
    ok: true,
    principal: {
      sessionId: row.id,
      stage: 'active',
      operatorId: row.staff_id,
      fullName: row.staff_name,
      email: '',
      spaName: row.spa_name,
      roles: ['break-glass'],
      permissions: BREAK_GLASS_PERMISSIONS,
      idleTimeoutMinutes: row.idle_timeout_minutes,
      idleExpiresAt: new Date(Math.min(lastActive.getTime() + idleMs, row.ends_at.getTime())),
      pendingPolicies: [],
      breakGlass: { grantId: row.id, staffId: row.staff_id, endsAt: row.ends_at, timeZone: validZone(row.time_zone) },
    },
  };
}

function validZone(zone: string | null): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone ?? 'UTC' });
    return zone ?? 'UTC';
  } catch {
    return 'UTC';
  }
}

export type EndedBy = { kind: 'operator' | 'staff'; id: string } | { kind: 'idle'; id: null };

export type EndOutcome = 'ended' | 'over' | 'none';

/**
 * Ends a window before its time: the spa's owner or manager closing it, the staff member leaving,
 * or idle logoff. Recorded in the spa's trail. 'over' when it had already ended or run out, 'none'
 * when this spa has no such window (then the id is not recorded: it may be anything, even another
 * spa's record id); nothing changes in either case.
 */
export async function endWindow(ctx: ServiceCtx, grantId: string, by: EndedBy, now: Date): Promise<EndOutcome> {
  const { rowCount } = await ctx.tx.$client.query(
    `UPDATE break_glass_grants SET ended_at = $2, ended_by_kind = $3, ended_by = $4
      WHERE id = $1 AND ended_at IS NULL AND ends_at > $2`,
    [grantId, now, by.kind, by.id],
  );
  if (rowCount === 1) {
    ctx.audit({ action: 'break_glass_end', recordType: 'break_glass', recordId: grantId });
    return 'ended';
  }
  const exists = ((await ctx.tx.$client.query('SELECT 1 FROM break_glass_grants WHERE id = $1', [grantId])).rowCount ?? 0) === 1;
  ctx.audit({ action: 'break_glass_end', recordType: 'break_glass', recordId: exists ? grantId : null, outcome: exists ? 'failed' : 'not_found' });
  return exists ? 'over' : 'none';
}

/** A window as the spa's owners and managers see it. */
export interface WindowSummary {
  id: string;
  staffId: string;
  staffName: string;
  reason: string;
  openedAt: Date;
  endsAt: Date;
  linkUsedAt: Date | null;
  endedAt: Date | null;
  endedByKind: 'operator' | 'staff' | 'idle' | null;
  endedByName: string | null;
}

/** The spa's windows of the last 30 days, newest first (at most 10): who, why, when, how each ended. */
export async function recentWindows(ctx: ServiceCtx, now: Date): Promise<WindowSummary[]> {
  const { rows } = await ctx.tx.$client.query<WindowSummary>(
    `SELECT g.id, g.staff_id AS "staffId", g.staff_name AS "staffName", g.reason, g.opened_at AS "openedAt", g.ends_at AS "endsAt",
            g.link_used_at AS "linkUsedAt", g.ended_at AS "endedAt", g.ended_by_kind AS "endedByKind", o.full_name AS "endedByName"
       FROM break_glass_grants g
       LEFT JOIN operators o ON g.ended_by_kind = 'operator' AND o.tenant_id = g.tenant_id AND o.id = g.ended_by
      WHERE g.opened_at > $1
      ORDER BY g.opened_at DESC, g.id
      LIMIT 10`,
    [new Date(now.getTime() - RECENT_DAYS * 86_400_000)],
  );
  return rows;
}
