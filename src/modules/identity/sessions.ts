import { hashToken, newToken } from '../../infra/crypto/tokens.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { PENDING_NOTICES_COLUMN, type PolicyNotice } from './policy-notices.ts';
import { LOGO_VERSION_COLUMN } from './logo/spa-logo.ts';
import { withImplied } from './permissions.ts';

/** Absolute lifetime of a session, whatever the activity (SPEC §6a). */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** A half-signed-in session (password passed, code not yet) lasts this long. */
export const PENDING_LIFETIME_MS = 10 * 60 * 1000;
/** Activity is written at most this often, so browsing does not write on every click. */
const TOUCH_EVERY_MS = 15 * 1000;

export type SessionStage = 'mfa' | 'enrol' | 'active';

/** The signed-in operator as the database says right now: roles and permissions are read on every request (SEC-2). */
export interface Principal {
  sessionId: string;
  stage: SessionStage;
  operatorId: string;
  fullName: string;
  email: string;
  spaName: string;
  /** The spa's logo version, when it has one, read with its name (src/modules/identity/logo). */
  spaLogoVersion?: string | null;
  roles: string[];
  permissions: ReadonlySet<string>;
  idleTimeoutMinutes: number;
  /** When the session ends if nothing else happens (idle), for the warning shown before it. */
  idleExpiresAt: Date;
  /** Material policy versions this operator has not acknowledged yet (LIFE-6), read with the session. */
  pendingPolicies: readonly PolicyNotice[];
  /**
   * Set only for Lumè staff inside a break-glass window (SEC-9, src/modules/break-glass): then
   * `operatorId` is the staff member's id, the permissions are read-only, and every audit row of
   * the request names the staff member (actor kind 'staff').
   */
  breakGlass?: { grantId: string; staffId: string; endsAt: Date; timeZone: string };
  /**
   * Set while this session is lent to a kiosk (src/modules/kiosk, ADR 012): the tablet is with a
   * client, every CRM route refuses it, and only the operator's password and code lift it.
   */
  kiosk?: { linkId: string; startedAt: Date; unlockFailures: number };
}

/** A session lent to a kiosk: kept aside from the request's principal, so it opens nothing. */
export type KioskHold = Principal & { kiosk: NonNullable<Principal['kiosk']> };

interface SessionRow {
  session_id: string;
  stage: SessionStage;
  last_active_at: Date;
  expires_at: Date;
  operator_id: string;
  full_name: string;
  email: string;
  status: string;
  spa_name: string;
  spa_logo_version: string | null;
  idle_timeout_minutes: number;
  roles: string[];
  permissions: string[];
  pending_policies: PolicyNotice[];
  kiosk_link_id: string | null;
  kiosk_started_at: Date | null;
  kiosk_unlock_failures: number;
}

const LOAD = `
  SELECT s.id AS session_id, s.stage, s.last_active_at, s.expires_at, s.kiosk_link_id, s.kiosk_started_at, s.kiosk_unlock_failures,
         o.id AS operator_id, o.full_name, o.email::text AS email, o.status, t.display_name AS spa_name, ${LOGO_VERSION_COLUMN} AS spa_logo_version, t.idle_timeout_minutes,
         coalesce(array_agg(DISTINCT r.key) FILTER (WHERE r.key IS NOT NULL), '{}') AS roles,
         coalesce(array_agg(DISTINCT p.permission) FILTER (WHERE p.permission IS NOT NULL), '{}') AS permissions,
         ${PENDING_NOTICES_COLUMN} AS pending_policies
    FROM sessions s
    JOIN operators o ON o.tenant_id = s.tenant_id AND o.id = s.operator_id
    JOIN tenants t ON t.id = s.tenant_id
    LEFT JOIN operator_roles orl ON orl.tenant_id = o.tenant_id AND orl.operator_id = o.id
    LEFT JOIN roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id
    LEFT JOIN LATERAL unnest(r.permissions) AS p(permission) ON true
   WHERE s.token_hash = $1
   GROUP BY s.tenant_id, s.id, o.tenant_id, o.id, t.id`;

export type SessionCheck = { ok: true; principal: Principal } | { ok: false; reason: 'none' | 'idle' | 'expired' | 'inactive' };

/**
 * Finds the session behind a cookie and checks it against the clock: idle
 * logoff and the absolute lifetime end it (the row is deleted), as does an
 * operator who is no longer active. `activity` is false for background refreshes,
 * which must not keep a session alive.
 */
export async function checkSession(ctx: ServiceCtx, token: string, now: Date, activity: boolean): Promise<SessionCheck> {
  // Named, so each connection plans this join once instead of on every request (bench/README.md).
  const { rows } = await ctx.tx.$client.query<SessionRow>({ name: 'session-load', text: LOAD, values: [hashToken(token)] });
  const row = rows[0];
  if (!row) return { ok: false, reason: 'none' };
  const idleMs = row.idle_timeout_minutes * 60_000;
  const reason =
    now >= row.expires_at ? 'expired' : now.getTime() - row.last_active_at.getTime() > idleMs ? 'idle' : row.status !== 'active' ? 'inactive' : null;
  if (reason) {
    const ended = await ctx.tx.$client.query<EndedSession>('DELETE FROM sessions WHERE id = $1 RETURNING operator_id, kiosk_link_id', [row.session_id]);
    await closeLentKiosks(ctx, ended.rows, now);
    return { ok: false, reason };
  }
  let lastActive = row.last_active_at;
  // A session lent to a kiosk is never kept alive by what happens on the tablet (ADR 012).
  if (activity && !row.kiosk_link_id && now.getTime() - lastActive.getTime() >= TOUCH_EVERY_MS) {
    await ctx.tx.$client.query('UPDATE sessions SET last_active_at = $2 WHERE id = $1', [row.session_id, now]);
    lastActive = now;
  }
  return {
    ok: true,
    principal: {
      sessionId: row.session_id,
      stage: row.stage,
      operatorId: row.operator_id,
      fullName: row.full_name,
      email: row.email,
      spaName: row.spa_name,
      spaLogoVersion: row.spa_logo_version,
      roles: row.roles,
      permissions: withImplied(row.permissions),
      idleTimeoutMinutes: row.idle_timeout_minutes,
      idleExpiresAt: new Date(Math.min(lastActive.getTime() + idleMs, row.expires_at.getTime())),
      pendingPolicies: row.pending_policies,
      ...(row.kiosk_link_id && row.kiosk_started_at
        ? { kiosk: { linkId: row.kiosk_link_id, startedAt: row.kiosk_started_at, unlockFailures: row.kiosk_unlock_failures } }
        : {}),
    },
  };
}

export interface NewSession {
  operatorId: string;
  stage: SessionStage;
  now: Date;
  ip: string | null;
  userAgent: string | null;
  pendingTotpSecret?: Buffer | null;
}

/** Starts a session and returns the cookie's token (only its hash is stored). */
export async function startSession(ctx: ServiceCtx, s: NewSession): Promise<string> {
  const token = newToken();
  const lifetime = s.stage === 'active' ? SESSION_LIFETIME_MS : PENDING_LIFETIME_MS;
  await ctx.tx.$client.query(
    `INSERT INTO sessions (tenant_id, operator_id, token_hash, stage, pending_totp_secret, created_at, last_active_at, expires_at, ip, user_agent)
     VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $5, $6, $7, $8)`,
    [s.operatorId, hashToken(token), s.stage, s.pendingTotpSecret ?? null, s.now, new Date(s.now.getTime() + lifetime), s.ip, s.userAgent?.slice(0, 256) ?? null],
  );
  return token;
}

/** Replaces a session by a fresh one at a new stage: a new id at every privilege change. */
export async function rotateSession(ctx: ServiceCtx, principal: Principal, stage: SessionStage, meta: Omit<NewSession, 'operatorId' | 'stage'>): Promise<string> {
  await ctx.tx.$client.query('DELETE FROM sessions WHERE id = $1', [principal.sessionId]);
  return startSession(ctx, { ...meta, operatorId: principal.operatorId, stage });
}

/** Ends every session of an operator (sign-out, password change, deactivation), closing any kiosk lent from one. Returns how many ended. */
export async function endAllSessions(ctx: ServiceCtx, operatorId: string, now = new Date()): Promise<number> {
  const result = await ctx.tx.$client.query<EndedSession>('DELETE FROM sessions WHERE operator_id = $1 RETURNING operator_id, kiosk_link_id', [operatorId]);
  await closeLentKiosks(ctx, result.rows, now);
  return result.rowCount ?? 0;
}

interface EndedSession {
  operator_id: string;
  kiosk_link_id: string | null;
}

/**
 * A kiosk never outlives the session lent to it (ADR 012): when that session ends, its link is
 * revoked, so the tablet shows the next person nothing of the client. Audited naming the client.
 * (A session deleted elsewhere is caught when the tablet next asks: see kiosk/kiosk.ts.)
 */
async function closeLentKiosks(ctx: ServiceCtx, ended: readonly EndedSession[], now: Date): Promise<void> {
  for (const s of ended) {
    if (!s.kiosk_link_id) continue;
    const { rows } = await ctx.tx.$client.query<{ client_id: string }>(
      'UPDATE form_links SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL AND used_at IS NULL RETURNING client_id',
      [s.kiosk_link_id, now, s.operator_id],
    );
    if (rows[0]) ctx.audit({ action: 'kiosk_end', recordType: 'form_link', recordId: s.kiosk_link_id, clientIds: [rows[0].client_id] });
  }
}
