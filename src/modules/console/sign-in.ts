import { createHash } from 'node:crypto';
import { decrypt, encrypt } from '../../infra/crypto/envelope.ts';
import type { ConsoleCtx } from './context.ts';
import { checkPassword } from '../identity/security/password-policy.ts';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from '../identity/security/recovery-codes.ts';
import { newTotpSecret, verifyTotp } from '../identity/security/totp.ts';
import type { ConsoleStage } from './sessions.ts';

/** Sign-in failures per email (known or not, so a lock reveals nothing), then a 15-minute pause. */
export const CONSOLE_ACCOUNT_FAILURES = { name: 'console-signin-fail', limit: 10, windowSeconds: 15 * 60 };
/** Sign-in attempts per address. */
export const CONSOLE_SIGN_IN_PER_IP = { name: 'console-signin-ip', limit: 30, windowSeconds: 60 };
/** Wrong codes allowed on one half-signed-in session before it is thrown away. */
export const MAX_CODE_FAILURES = 5;
/** How long a handed-out password works before it must have been replaced. */
export const ONE_TIME_PASSWORD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface StaffCandidate {
  id: string;
  fullName: string;
  email: string;
  role: string;
  passwordHash: string;
  status: 'active' | 'deactivated';
  mustChange: boolean;
  passwordChangedAt: Date;
  totpEnrolled: boolean;
}

/** The rate-limit subject for a console email: hashed, so the counter table holds no addresses. */
export function consoleAccountSubject(email: string): string {
  return createHash('sha256').update(`console|${email.trim().toLowerCase()}`).digest('hex').slice(0, 32);
}

/** TOTP secrets are sealed with the master key (no spa key exists here), bound to the staff member. */
export function sealTotpSecret(masterKey: Buffer, staffId: string, secret: string): Buffer {
  return encrypt(masterKey, Buffer.from(secret, 'utf8'), `console-totp|${staffId}`);
}

export function openTotpSecret(masterKey: Buffer, staffId: string, sealed: Buffer): string {
  return decrypt(masterKey, sealed, `console-totp|${staffId}`).toString('utf8');
}

export async function findStaffByEmail(ctx: ConsoleCtx, email: string): Promise<StaffCandidate | null> {
  const { rows } = await ctx.client.query<StaffCandidate>(
    `SELECT id, full_name AS "fullName", email::text AS email, role, password_hash AS "passwordHash", status,
            password_must_change AS "mustChange", password_changed_at AS "passwordChangedAt", totp_enrolled_at IS NOT NULL AS "totpEnrolled"
       FROM console_staff WHERE email = $1`,
    [email.trim()],
  );
  return rows[0] ?? null;
}

/** Whether a handed-out password is past its week. */
export function oneTimePasswordExpired(candidate: StaffCandidate, now: Date): boolean {
  return candidate.mustChange && now.getTime() - candidate.passwordChangedAt.getTime() > ONE_TIME_PASSWORD_TTL_MS;
}

/** The step after a correct password: replace a handed-out password, then set up or use the authenticator. */
export function stageAfterPassword(candidate: Pick<StaffCandidate, 'mustChange' | 'totpEnrolled'>): Exclude<ConsoleStage, 'active'> {
  if (candidate.mustChange) return 'password';
  return candidate.totpEnrolled ? 'mfa' : 'enrol';
}

export const STAGE_PATH: Record<ConsoleStage, string> = { password: '/login/password', enrol: '/login/enrol', mfa: '/login/totp', active: '/' };

/** A failed attempt, recorded as anonymous (no session yet) against the account if there is one. */
export async function recordConsoleSignInFailure(ctx: ConsoleCtx, staffId: string | null, step: 'password' | 'code'): Promise<void> {
  if (staffId) await ctx.client.query('UPDATE console_staff SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1', [staffId]);
  ctx.audit({ action: 'login_failed', targetKind: step === 'password' ? 'password' : 'second_factor', targetId: staffId, outcome: 'failed' });
}

export async function recordConsoleSignInSuccess(ctx: ConsoleCtx, staffId: string, now: Date): Promise<void> {
  await ctx.client.query('UPDATE console_staff SET failed_sign_ins = 0, last_sign_in_at = $2 WHERE id = $1', [staffId, now]);
  ctx.audit({ action: 'login', targetKind: 'session', targetId: staffId });
}

/** Checks an authenticator code; an accepted code (and any older one) can never be used again. */
export async function verifyStaffCode(ctx: ConsoleCtx, masterKey: Buffer, staffId: string, code: string, now: Date): Promise<boolean> {
  const { rows } = await ctx.client.query<{ secret: Buffer | null; last: string | null }>(
    'SELECT totp_secret AS secret, totp_last_step AS last FROM console_staff WHERE id = $1 FOR UPDATE',
    [staffId],
  );
  const row = rows[0];
  if (!row?.secret) return false;
  const result = verifyTotp(openTotpSecret(masterKey, staffId, row.secret), code, { now, lastUsedStep: row.last === null ? null : Number(row.last) });
  if (!result.ok) return false;
  await ctx.client.query('UPDATE console_staff SET totp_last_step = $2 WHERE id = $1', [staffId, result.step]);
  return true;
}

/** Spends one of the staff member's unused recovery codes. */
export async function useStaffRecoveryCode(ctx: ConsoleCtx, secret: string, staffId: string, input: string, now: Date): Promise<boolean> {
  const normalised = normaliseRecoveryCode(input);
  if (!normalised) return false;
  const result = await ctx.client.query(
    'UPDATE console_recovery_codes SET used_at = $3 WHERE staff_id = $1 AND code_hash = $2 AND used_at IS NULL',
    [staffId, hashRecoveryCode(normalised, secret), now],
  );
  if (result.rowCount) ctx.audit({ action: 'recovery_code_used', targetKind: 'staff', targetId: staffId });
  return Boolean(result.rowCount);
}

/** The secret being enrolled on this half-signed-in session, created on first view. */
export async function pendingStaffSecret(ctx: ConsoleCtx, masterKey: Buffer, sessionId: string, staffId: string): Promise<string> {
  const { rows } = await ctx.client.query<{ pending: Buffer | null }>('SELECT pending_totp_secret AS pending FROM console_sessions WHERE id = $1', [sessionId]);
  if (rows[0]?.pending) return openTotpSecret(masterKey, staffId, rows[0].pending);
  const secret = newTotpSecret();
  await ctx.client.query('UPDATE console_sessions SET pending_totp_secret = $2 WHERE id = $1', [sessionId, sealTotpSecret(masterKey, staffId, secret)]);
  return secret;
}

/**
 * Finishes TOTP enrolment when the first code matches: the secret moves to the staff member,
 * and ten new recovery codes replace any old ones (returned once, to show; only HMACs are kept).
 */
export async function completeStaffEnrolment(
  ctx: ConsoleCtx,
  keys: { masterKey: Buffer; secret: string },
  sessionId: string,
  staffId: string,
  code: string,
  now: Date,
): Promise<string[] | null> {
  const secret = await pendingStaffSecret(ctx, keys.masterKey, sessionId, staffId);
  const result = verifyTotp(secret, code, { now, lastUsedStep: null });
  if (!result.ok) return null;
  await ctx.client.query('UPDATE console_staff SET totp_secret = $2, totp_enrolled_at = $3, totp_last_step = $4 WHERE id = $1', [
    staffId,
    sealTotpSecret(keys.masterKey, staffId, secret),
    now,
    result.step,
  ]);
  const codes = newRecoveryCodes();
  await ctx.client.query('DELETE FROM console_recovery_codes WHERE staff_id = $1', [staffId]);
  await ctx.client.query('INSERT INTO console_recovery_codes (staff_id, code_hash, created_at) SELECT $1, unnest($2::text[]), $3', [
    staffId,
    codes.map((c) => hashRecoveryCode(c, keys.secret)),
    now,
  ]);
  ctx.audit({ action: 'mfa_enrol', targetKind: 'staff', targetId: staffId });
  return codes;
}

/** Counts a wrong code on a half-signed-in session; true when it has had too many and was ended. */
export async function countStaffCodeFailure(ctx: ConsoleCtx, sessionId: string): Promise<boolean> {
  const { rows } = await ctx.client.query<{ failures: number }>(
    'UPDATE console_sessions SET mfa_failures = mfa_failures + 1 WHERE id = $1 RETURNING mfa_failures AS failures',
    [sessionId],
  );
  if ((rows[0]?.failures ?? MAX_CODE_FAILURES) < MAX_CODE_FAILURES) return false;
  await ctx.client.query('DELETE FROM console_sessions WHERE id = $1', [sessionId]);
  return true;
}

/** The password rules of SEC-5 for a staff member's own choice; null when it is acceptable. */
export function staffPasswordProblem(password: string, staff: { email: string; fullName: string }): string | null {
  const verdict = checkPassword(password, { email: staff.email, spaName: '', fullName: staff.fullName });
  return verdict.ok ? null : verdict.reason;
}

/** Stores a password the staff member chose (hashed beforehand, outside the transaction) in place of a handed-out one. */
export async function setChosenPassword(ctx: ConsoleCtx, staffId: string, passwordHash: string, now: Date): Promise<void> {
  await ctx.client.query('UPDATE console_staff SET password_hash = $2, password_must_change = false, password_changed_at = $3 WHERE id = $1', [
    staffId,
    passwordHash,
    now,
  ]);
  ctx.audit({ action: 'password_change', targetKind: 'staff', targetId: staffId });
}
