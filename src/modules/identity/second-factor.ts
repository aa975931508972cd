import { openValue, sealValue } from '../../infra/crypto/sealed-value.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './security/recovery-codes.ts';
import { newTotpSecret, verifyTotp } from './security/totp.ts';

const TOTP_PURPOSE = 'totp-secret';
/** Wrong codes allowed on one half-signed-in session before it is thrown away. */
export const MAX_CODE_FAILURES = 5;

/** Checks an authenticator code for an enrolled operator; an accepted code can never be used again. */
export async function verifyOperatorCode(ctx: ServiceCtx, masterKey: Buffer, operatorId: string, code: string, now: Date): Promise<boolean> {
  const { rows } = await ctx.tx.$client.query<{ secret: Buffer | null; last: string | null }>(
    'SELECT totp_secret AS secret, totp_last_step AS last FROM operators WHERE id = $1 FOR UPDATE',
    [operatorId],
  );
  const row = rows[0];
  if (!row?.secret) return false;
  const secret = await openValue(ctx.tx, masterKey, TOTP_PURPOSE, row.secret);
  const result = verifyTotp(secret, code, { now, lastUsedStep: row.last === null ? null : Number(row.last) });
  if (!result.ok) return false;
  await ctx.tx.$client.query('UPDATE operators SET totp_last_step = $2 WHERE id = $1', [operatorId, result.step]);
  return true;
}

/** Spends one recovery code, if it is one of the operator's unused codes. */
export async function useRecoveryCode(ctx: ServiceCtx, secret: string, operatorId: string, input: string, now: Date): Promise<boolean> {
  const normalised = normaliseRecoveryCode(input);
  if (!normalised) return false;
  const result = await ctx.tx.$client.query(
    'UPDATE recovery_codes SET used_at = $3 WHERE operator_id = $1 AND code_hash = $2 AND used_at IS NULL',
    [operatorId, hashRecoveryCode(normalised, secret), now],
  );
  if (result.rowCount) ctx.audit({ action: 'recovery_code_used', recordType: 'operator', recordId: operatorId });
  return Boolean(result.rowCount);
}

/** The secret being enrolled on this half-signed-in session, created on first view. */
export async function pendingEnrolmentSecret(ctx: ServiceCtx, masterKey: Buffer, sessionId: string): Promise<string> {
  const { rows } = await ctx.tx.$client.query<{ pending: Buffer | null }>('SELECT pending_totp_secret AS pending FROM sessions WHERE id = $1', [sessionId]);
  if (rows[0]?.pending) return openValue(ctx.tx, masterKey, TOTP_PURPOSE, rows[0].pending);
  const secret = newTotpSecret();
  await ctx.tx.$client.query('UPDATE sessions SET pending_totp_secret = $2 WHERE id = $1', [sessionId, await sealValue(ctx.tx, masterKey, TOTP_PURPOSE, secret)]);
  return secret;
}

/**
 * Finishes TOTP enrolment when the first code matches: the secret moves to the
 * operator, old recovery codes are replaced by ten new ones (returned once, to
 * show; only their hashes are kept).
 */
export async function completeEnrolment(ctx: ServiceCtx, keys: { masterKey: Buffer; secret: string }, sessionId: string, operatorId: string, code: string, now: Date): Promise<string[] | null> {
  const { masterKey } = keys;
  const secret = await pendingEnrolmentSecret(ctx, masterKey, sessionId);
  const result = verifyTotp(secret, code, { now, lastUsedStep: null });
  if (!result.ok) return null;
  await ctx.tx.$client.query(
    'UPDATE operators SET totp_secret = $2, totp_enrolled_at = $3, totp_last_step = $4 WHERE id = $1',
    [operatorId, await sealValue(ctx.tx, masterKey, TOTP_PURPOSE, secret), now, result.step],
  );
  const codes = newRecoveryCodes();
  await ctx.tx.$client.query('DELETE FROM recovery_codes WHERE operator_id = $1', [operatorId]);
  for (const c of codes) {
    await ctx.tx.$client.query('INSERT INTO recovery_codes (tenant_id, operator_id, code_hash) VALUES (current_tenant_id(), $1, $2)', [operatorId, hashRecoveryCode(c, keys.secret)]);
  }
  ctx.audit({ action: 'mfa_enrol', recordType: 'operator', recordId: operatorId });
  return codes;
}

/** Counts a wrong code on a half-signed-in session; true when it has had too many and was ended. */
export async function countCodeFailure(ctx: ServiceCtx, sessionId: string): Promise<boolean> {
  const { rows } = await ctx.tx.$client.query<{ failures: number }>('UPDATE sessions SET mfa_failures = mfa_failures + 1 WHERE id = $1 RETURNING mfa_failures AS failures', [sessionId]);
  if ((rows[0]?.failures ?? MAX_CODE_FAILURES) < MAX_CODE_FAILURES) return false;
  await ctx.tx.$client.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
  return true;
}
