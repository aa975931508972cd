import type { Database } from '../../infra/db/database.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { findAuthToken, issueAuthToken, spendAuthToken, type TokenHolder } from './auth-tokens.ts';
import { hashPassword } from './security/password-hash.ts';
import { checkPassword } from './security/password-policy.ts';
import { endAllSessions } from './sessions.ts';
import { accountSubject, ACCOUNT_FAILURES } from './sign-in.ts';

/** Reset requests per address, and per email whether or not it has an account (so the limit reveals nothing). */
export const FORGOT_PER_IP = { name: 'forgot-ip', limit: 10, windowSeconds: 15 * 60 };
export const FORGOT_PER_EMAIL = { name: 'forgot-email', limit: 3, windowSeconds: 60 * 60 };
/** Unknown, used or expired link tokens per address before the link pages answer 429. */
export const BAD_LINKS_PER_IP = { name: 'bad-link-ip', limit: 20, windowSeconds: 60 };

export interface ResetLink {
  email: string;
  fullName: string;
  spaName: string;
  token: string;
}

/**
 * Starts a reset for an active operator with this email: a 30-minute link, and
 * earlier unused links stop working. Null for anyone else — the caller answers
 * the same either way.
 */
export async function requestPasswordReset(ctx: ServiceCtx, email: string, now: Date): Promise<ResetLink | null> {
  const { rows } = await ctx.tx.$client.query<{ id: string; email: string; full_name: string; spa: string }>(
    `SELECT o.id, o.email::text AS email, o.full_name, t.display_name AS spa FROM operators o JOIN tenants t ON t.id = o.tenant_id
      WHERE o.email = $1 AND o.status = 'active'`,
    [email],
  );
  const person = rows[0];
  if (!person) {
    ctx.audit({ action: 'password_reset_request', recordType: 'operator', recordId: null, outcome: 'failed' });
    return null;
  }
  const token = await issueAuthToken(ctx, person.id, 'password_reset', now);
  ctx.audit({ action: 'password_reset_request', recordType: 'operator', recordId: person.id });
  return { email: person.email, fullName: person.full_name, spaName: person.spa, token };
}

/** The person behind a reset link, if it can still be used. */
export async function findPasswordReset(ctx: ServiceCtx, token: string, now: Date): Promise<TokenHolder | null> {
  const holder = await findAuthToken(ctx, token, 'password_reset', now);
  return holder?.status === 'active' ? holder : null;
}

export type ResetOutcome = { ok: true; email: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'password'; message: string; holder: TokenHolder };

/**
 * Sets the new password, spends the link and ends every session of the person
 * (whoever knew the old password is out). Two-step verification still applies.
 */
export async function completePasswordReset(ctx: ServiceCtx, token: string, password: string, now: Date): Promise<ResetOutcome> {
  const holder = await findAuthToken(ctx, token, 'password_reset', now, true);
  if (!holder || holder.status !== 'active') return { ok: false, reason: 'invalid' };
  const verdict = checkPassword(password, { email: holder.email, spaName: holder.spaName, fullName: holder.fullName });
  if (!verdict.ok) return { ok: false, reason: 'password', message: verdict.reason, holder };
  const hash = await hashPassword(password);
  await ctx.tx.$client.query('UPDATE operators SET password_hash = $2, password_changed_at = $3, failed_sign_ins = 0 WHERE id = $1', [holder.operatorId, hash, now]);
  await spendAuthToken(ctx, holder.tokenId, now);
  await endAllSessions(ctx, holder.operatorId);
  ctx.audit({ action: 'password_change', recordType: 'operator', recordId: holder.operatorId });
  return { ok: true, email: holder.email };
}

/** The sign-in page promises "wait 15 minutes, or reset your password": a reset lifts the soft lock on the email. */
export async function liftSignInLock(db: Database, tenantId: string, email: string, requestId: string): Promise<void> {
  await db.transaction('app', { 'app.request_id': requestId }, (client) =>
    client.query('DELETE FROM rate_limits WHERE bucket = $1', [`${ACCOUNT_FAILURES.name}:${accountSubject(tenantId, email)}`]),
  );
}

export function resetEmail(link: ResetLink, url: string): { subject: string; text: string } {
  return {
    subject: `Reset your ${link.spaName} password`,
    text: [
      `Hello ${link.fullName},`,
      '',
      `Someone asked to reset the password of your Lumè account at ${link.spaName}. To choose a new one, open this link within 30 minutes (it works once):`,
      url,
      '',
      'If it was not you, ignore this email: your password stays as it is. You will still need your authenticator app to sign in.',
    ].join('\n'),
  };
}
