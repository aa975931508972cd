import { hashToken, newToken } from '../../infra/crypto/tokens.ts';
import type { ConsoleCtx } from './context.ts';
import { permissionsOf, type ConsolePermission } from './permissions.ts';

/** The same limits as the spas' operators (SPEC §6a): 15 idle minutes, 12 hours in all. */
export const CONSOLE_IDLE_MS = 15 * 60 * 1000;
export const CONSOLE_SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** A half-signed-in session (password passed, the rest not yet) lasts this long. */
export const CONSOLE_PENDING_LIFETIME_MS = 10 * 60 * 1000;
/** Activity is written at most this often. */
const TOUCH_EVERY_MS = 15 * 1000;

export type ConsoleStage = 'password' | 'enrol' | 'mfa' | 'active';

/** The signed-in staff member as the database says right now: the role is read on every request (SEC-2). */
export interface StaffPrincipal {
  sessionId: string;
  stage: ConsoleStage;
  staffId: string;
  fullName: string;
  email: string;
  role: string;
  permissions: ReadonlySet<ConsolePermission>;
  totpEnrolled: boolean;
  idleExpiresAt: Date;
}

interface SessionRow {
  session_id: string;
  stage: ConsoleStage;
  last_active_at: Date;
  expires_at: Date;
  staff_id: string;
  full_name: string;
  email: string;
  role: string;
  status: string;
  totp_enrolled: boolean;
}

export type ConsoleSessionCheck = { ok: true; principal: StaffPrincipal } | { ok: false; reason: 'none' | 'idle' | 'expired' | 'inactive' };

/**
 * Finds the session behind a cookie and holds it to the clock: idle logoff, the absolute
 * lifetime and a deactivated account end it (the row is deleted). Background refreshes
 * (`activity` false) do not keep it alive.
 */
export async function checkConsoleSession(ctx: ConsoleCtx, token: string, now: Date, activity: boolean): Promise<ConsoleSessionCheck> {
  const { rows } = await ctx.client.query<SessionRow>(
    `SELECT s.id AS session_id, s.stage, s.last_active_at, s.expires_at,
            st.id AS staff_id, st.full_name, st.email::text AS email, st.role, st.status, st.totp_enrolled_at IS NOT NULL AS totp_enrolled
       FROM console_sessions s JOIN console_staff st ON st.id = s.staff_id
      WHERE s.token_hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: 'none' };
  const reason =
    now >= row.expires_at ? 'expired' : now.getTime() - row.last_active_at.getTime() > CONSOLE_IDLE_MS ? 'idle' : row.status !== 'active' ? 'inactive' : null;
  if (reason) {
    await ctx.client.query('DELETE FROM console_sessions WHERE id = $1', [row.session_id]);
    return { ok: false, reason };
  }
  let lastActive = row.last_active_at;
  if (activity && now.getTime() - lastActive.getTime() >= TOUCH_EVERY_MS) {
    await ctx.client.query('UPDATE console_sessions SET last_active_at = $2 WHERE id = $1', [row.session_id, now]);
    lastActive = now;
  }
  return {
    ok: true,
    principal: {
      sessionId: row.session_id,
      stage: row.stage,
      staffId: row.staff_id,
      fullName: row.full_name,
      email: row.email,
      role: row.role,
      permissions: permissionsOf(row.role),
      totpEnrolled: row.totp_enrolled,
      idleExpiresAt: new Date(Math.min(lastActive.getTime() + CONSOLE_IDLE_MS, row.expires_at.getTime())),
    },
  };
}

export interface SessionMeta {
  now: Date;
  ip: string | null;
  userAgent: string | null;
}

/** Starts a session at a stage and returns the cookie's token (only its hash is stored). */
export async function startConsoleSession(ctx: ConsoleCtx, staffId: string, stage: ConsoleStage, meta: SessionMeta): Promise<string> {
  const token = newToken();
  const lifetime = stage === 'active' ? CONSOLE_SESSION_LIFETIME_MS : CONSOLE_PENDING_LIFETIME_MS;
  await ctx.client.query(
    `INSERT INTO console_sessions (staff_id, token_hash, stage, created_at, last_active_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
    [staffId, hashToken(token), stage, meta.now, new Date(meta.now.getTime() + lifetime), meta.ip, meta.userAgent?.slice(0, 256) ?? null],
  );
  return token;
}

/** Replaces a session by a fresh one at the next stage: a new token at every step of sign-in. */
export async function rotateConsoleSession(ctx: ConsoleCtx, principal: StaffPrincipal, stage: ConsoleStage, meta: SessionMeta): Promise<string> {
  await ctx.client.query('DELETE FROM console_sessions WHERE id = $1', [principal.sessionId]);
  return startConsoleSession(ctx, principal.staffId, stage, meta);
}

/** Ends every session of a staff member (sign-out, reset, deactivation). Returns how many ended. */
export async function endAllConsoleSessions(ctx: ConsoleCtx, staffId: string): Promise<number> {
  const result = await ctx.client.query('DELETE FROM console_sessions WHERE staff_id = $1', [staffId]);
  return result.rowCount ?? 0;
}
