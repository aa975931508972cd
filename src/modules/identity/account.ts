import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { hashPassword, verifyPassword } from './security/password-hash.ts';
import { checkPassword } from './security/password-policy.ts';
import type { Principal, SessionStage } from './sessions.ts';
import { dayIn, spaTimeZone } from './spa-time.ts';
import { credentialStanding } from './credential-catalogue.ts';
import type { StaffCredential } from './staff.ts';
import { describeUserAgent } from './user-agent.ts';

/** Wrong current passwords allowed per person on the change-password form before it pauses. */
export const PASSWORD_CHANGE_FAILURES = { name: 'password-change-fail', limit: 5, windowSeconds: 15 * 60 };

export interface OwnSession {
  id: string;
  stage: SessionStage;
  createdAt: Date;
  lastActiveAt: Date;
  ip: string | null;
  browser: string;
  current: boolean;
}

export interface AccountOverview {
  email: string;
  fullName: string;
  roles: { name: string; description: string }[];
  credentials: StaffCredential[];
  sessions: OwnSession[];
  totpEnrolledAt: Date | null;
  passwordChangedAt: Date | null;
  timeZone: string;
}

/** The signed-in person's own account: live sessions (newest activity first), roles, licences. */
export async function accountOverview(ctx: ServiceCtx, principal: Principal, now: Date): Promise<AccountOverview> {
  const q = ctx.tx.$client;
  const { rows: me } = await q.query<{ totp_enrolled_at: Date | null; password_changed_at: Date | null }>(
    'SELECT totp_enrolled_at, password_changed_at FROM operators WHERE id = $1',
    [principal.operatorId],
  );
  const { rows: sessions } = await q.query<{ id: string; stage: SessionStage; created_at: Date; last_active_at: Date; ip: string | null; user_agent: string | null }>(
    `SELECT s.id, s.stage, s.created_at, s.last_active_at, host(s.ip) AS ip, s.user_agent
       FROM sessions s, tenants t
      WHERE s.operator_id = $1 AND s.expires_at > $2 AND s.last_active_at > $2 - make_interval(mins => t.idle_timeout_minutes)
      ORDER BY s.id = $3 DESC, s.last_active_at DESC`,
    [principal.operatorId, now, principal.sessionId],
  );
  const { rows: roles } = await q.query<{ name: string; description: string }>(
    `SELECT r.name, r.description FROM operator_roles orl JOIN roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id
      WHERE orl.operator_id = $1 ORDER BY r.name`,
    [principal.operatorId],
  );
  const timeZone = await spaTimeZone(ctx);
  const today = dayIn(timeZone, now);
  const { rows: credentials } = await q.query<{ id: string; kind: string; licence_number: string; licence_state: string; expires_on: string | null }>(
    `SELECT id, kind, licence_number, licence_state, expires_on::text AS expires_on FROM credentials WHERE operator_id = $1 ORDER BY kind, licence_state`,
    [principal.operatorId],
  );
  return {
    email: principal.email,
    fullName: principal.fullName,
    roles,
    credentials: credentials.map((c) => ({
      id: c.id,
      kind: c.kind,
      licenceNumber: c.licence_number,
      licenceState: c.licence_state,
      expiresOn: c.expires_on,
      standing: credentialStanding(c.expires_on, today),
    })),
    sessions: sessions.map((s) => ({
      id: s.id,
      stage: s.stage,
      createdAt: s.created_at,
      lastActiveAt: s.last_active_at,
      ip: s.ip,
      browser: describeUserAgent(s.user_agent),
      current: s.id === principal.sessionId,
    })),
    totpEnrolledAt: me[0]?.totp_enrolled_at ?? null,
    passwordChangedAt: me[0]?.password_changed_at ?? null,
    timeZone,
  };
}

/** Ends one of the person's own sessions; false when they have no session with that id. */
export async function endOwnSession(ctx: ServiceCtx, operatorId: string, sessionId: string): Promise<boolean> {
  const result = await ctx.tx.$client.query('DELETE FROM sessions WHERE id = $1 AND operator_id = $2', [sessionId, operatorId]);
  if (!result.rowCount) return false;
  ctx.audit({ action: 'session_end', recordType: 'session', recordId: sessionId });
  return true;
}

export type PasswordChange = { ok: true; sessionsEnded: number } | { ok: false; field: 'current_password' | 'password'; message: string };

/**
 * Changes the person's own password after checking the current one; every other
 * session of theirs ends (this one stays).
 */
export async function changeOwnPassword(ctx: ServiceCtx, principal: Principal, input: { current: string; next: string }, now: Date): Promise<PasswordChange> {
  const { rows } = await ctx.tx.$client.query<{ password_hash: string | null }>('SELECT password_hash FROM operators WHERE id = $1 FOR UPDATE', [principal.operatorId]);
  const stored = rows[0]?.password_hash;
  if (!stored || !(await verifyPassword(stored, input.current))) {
    ctx.audit({ action: 'password_change', recordType: 'operator', recordId: principal.operatorId, outcome: 'failed' });
    return { ok: false, field: 'current_password', message: 'That is not your current password.' };
  }
  if (input.next === input.current) return { ok: false, field: 'password', message: 'Choose a password different from your current one.' };
  const verdict = checkPassword(input.next, { email: principal.email, spaName: principal.spaName, fullName: principal.fullName });
  if (!verdict.ok) return { ok: false, field: 'password', message: verdict.reason };
  const hash = await hashPassword(input.next);
  await ctx.tx.$client.query('UPDATE operators SET password_hash = $2, password_changed_at = $3 WHERE id = $1', [principal.operatorId, hash, now]);
  const ended = await ctx.tx.$client.query('DELETE FROM sessions WHERE operator_id = $1 AND id <> $2', [principal.operatorId, principal.sessionId]);
  ctx.audit({ action: 'password_change', recordType: 'operator', recordId: principal.operatorId });
  return { ok: true, sessionsEnded: ended.rowCount ?? 0 };
}
