import { hashToken, newToken } from '../../infra/crypto/tokens.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';

/**
 * Single-use emailed links (invitation, password reset). The link carries 256
 * random bits; the database keeps only their SHA-256, so a copy of the database
 * opens no account.
 */
export type TokenPurpose = 'invitation' | 'password_reset';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;

/** What a link token looks like (newToken: 43 base64url characters); anything else is not looked up. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface TokenHolder {
  tokenId: string;
  operatorId: string;
  email: string;
  fullName: string;
  status: 'invited' | 'active' | 'deactivated';
  spaName: string;
}

/** Issues a new link for an operator, ending any earlier unused link of the same purpose. Returns the raw token, for the email only. */
export async function issueAuthToken(ctx: ServiceCtx, operatorId: string, purpose: TokenPurpose, now: Date): Promise<string> {
  await expireAuthTokens(ctx, operatorId, purpose, now);
  const token = newToken();
  const ttl = purpose === 'invitation' ? INVITATION_TTL_MS : PASSWORD_RESET_TTL_MS;
  await ctx.tx.$client.query(
    `INSERT INTO auth_tokens (tenant_id, operator_id, purpose, token_hash, created_at, expires_at) VALUES (current_tenant_id(), $1, $2, $3, $4, $5)`,
    [operatorId, purpose, hashToken(token), now, new Date(now.getTime() + ttl)],
  );
  return token;
}

/** Ends every unused link of one purpose for an operator. */
export async function expireAuthTokens(ctx: ServiceCtx, operatorId: string, purpose: TokenPurpose, now: Date): Promise<void> {
  await ctx.tx.$client.query(
    `UPDATE auth_tokens SET expires_at = $3 WHERE operator_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
    [operatorId, purpose, now],
  );
}

/**
 * The operator behind a link that is unused and unexpired, or null — one answer
 * whatever the reason. `lock` holds the link's row until the transaction ends,
 * so two tabs cannot both spend it.
 */
export async function findAuthToken(ctx: ServiceCtx, token: string, purpose: TokenPurpose, now: Date, lock = false): Promise<TokenHolder | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const { rows } = await ctx.tx.$client.query<TokenHolder>(
    `SELECT a.id AS "tokenId", o.id AS "operatorId", o.email::text AS email, o.full_name AS "fullName", o.status, t.display_name AS "spaName"
       FROM auth_tokens a
       JOIN operators o ON o.tenant_id = a.tenant_id AND o.id = a.operator_id
       JOIN tenants t ON t.id = a.tenant_id
      WHERE a.token_hash = $1 AND a.purpose = $2 AND a.used_at IS NULL AND a.expires_at > $3
      ${lock ? 'FOR UPDATE OF a' : ''}`,
    [hashToken(token), purpose, now],
  );
  return rows[0] ?? null;
}

export async function spendAuthToken(ctx: ServiceCtx, tokenId: string, now: Date): Promise<void> {
  await ctx.tx.$client.query('UPDATE auth_tokens SET used_at = $2 WHERE id = $1', [tokenId, now]);
}
