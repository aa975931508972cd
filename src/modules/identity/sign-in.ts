import { createHash } from 'node:crypto';
import type { ServiceCtx } from '../../infra/db/tenant.ts';

export interface SignInCandidate {
  id: string;
  fullName: string;
  passwordHash: string | null;
  status: 'invited' | 'active' | 'deactivated';
  totpEnrolled: boolean;
}

/** Counts sign-in failures per account, whether or not the account exists, so a lock says nothing about existence. */
export const ACCOUNT_FAILURES = { name: 'signin-fail', limit: 10, windowSeconds: 15 * 60 };
/** Sign-in attempts per address. */
export const SIGN_IN_PER_IP = { name: 'signin-ip', limit: 30, windowSeconds: 60 };

/** The rate-limit subject for an email at a spa: hashed, so the counter table holds no addresses. */
export function accountSubject(tenantId: string, email: string): string {
  return createHash('sha256').update(`${tenantId}|${email.trim().toLowerCase()}`).digest('hex').slice(0, 32);
}

export async function findOperatorByEmail(ctx: ServiceCtx, email: string): Promise<SignInCandidate | null> {
  const { rows } = await ctx.tx.$client.query<SignInCandidate>(
    `SELECT id, full_name AS "fullName", password_hash AS "passwordHash", status, totp_enrolled_at IS NOT NULL AS "totpEnrolled"
       FROM operators WHERE email = $1`,
    [email.trim()],
  );
  return rows[0] ?? null;
}

/** Records a failed attempt (audited as anonymous: no session exists yet) against the account if there is one. */
export async function recordSignInFailure(ctx: ServiceCtx, operatorId: string | null, step: 'password' | 'code'): Promise<void> {
  if (operatorId) await ctx.tx.$client.query('UPDATE operators SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1', [operatorId]);
  ctx.audit({ action: 'login_failed', recordType: step === 'password' ? 'password' : 'second_factor', recordId: operatorId, outcome: 'failed' });
}

export async function recordSignInSuccess(ctx: ServiceCtx, operatorId: string, now: Date): Promise<void> {
  await ctx.tx.$client.query('UPDATE operators SET failed_sign_ins = 0, last_sign_in_at = $2 WHERE id = $1', [operatorId, now]);
  ctx.audit({ action: 'login', recordType: 'session', recordId: operatorId });
}

/** The addresses told about a burst of failed sign-ins: the spa's admin contact and its owners. */
export async function securityContacts(ctx: ServiceCtx): Promise<{ spaName: string; emails: string[] }> {
  const { rows } = await ctx.tx.$client.query<{ spa: string; email: string }>(
    `SELECT t.display_name AS spa, t.admin_contact_email::text AS email FROM tenants t
     UNION
     SELECT t.display_name, o.email::text FROM operators o
       JOIN operator_roles orl ON orl.tenant_id = o.tenant_id AND orl.operator_id = o.id
       JOIN roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id AND r.key = 'owner'
       JOIN tenants t ON t.id = o.tenant_id
      WHERE o.status = 'active'`,
  );
  return { spaName: rows[0]?.spa ?? '', emails: [...new Set(rows.map((r) => r.email))] };
}
