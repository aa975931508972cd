import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { expireAuthTokens, findAuthToken, issueAuthToken, spendAuthToken, type TokenHolder } from './auth-tokens.ts';
import { hashPassword } from './security/password-hash.ts';
import { checkPassword } from './security/password-policy.ts';
import { outranks, resolveRoleChoice, type Change, type StaffActor } from './staff.ts';

export interface Invitation {
  operatorId: string;
  email: string;
  fullName: string;
  spaName: string;
  roleNames: string[];
  /** The raw link token, for the email only; the database keeps its hash. */
  token: string;
}

export interface NewStaff {
  email: string;
  fullName: string;
  roleIds: string[];
}

async function spaName(ctx: ServiceCtx): Promise<string> {
  const { rows } = await ctx.tx.$client.query<{ name: string }>('SELECT display_name AS name FROM tenants');
  return rows[0]!.name;
}

/** Adds a person as `invited` with their roles and a 7-day link to choose a password. */
export async function inviteStaff(ctx: ServiceCtx, actor: StaffActor, input: NewStaff, now: Date): Promise<Change<{ invitation: Invitation }>> {
  const { rows: existing } = await ctx.tx.$client.query<{ full_name: string; status: string }>('SELECT full_name, status FROM operators WHERE email = $1', [input.email]);
  if (existing[0]) {
    const who = existing[0];
    const hint = who.status === 'deactivated' ? ' Their account is deactivated: reactivate it from their page instead.' : '';
    return { ok: false, status: 409, field: 'email', message: `${who.full_name} already uses this email here.${hint}` };
  }
  const choice = await resolveRoleChoice(ctx, actor, input.roleIds);
  if (!choice.ok) return choice;
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO operators (tenant_id, email, full_name, status, created_at) VALUES (current_tenant_id(), $1, $2, 'invited', $3) RETURNING id`,
    [input.email, input.fullName, now],
  );
  const operatorId = rows[0]!.id;
  await ctx.tx.$client.query(
    `INSERT INTO operator_roles (tenant_id, operator_id, role_id, granted_at) SELECT current_tenant_id(), $1, unnest($2::uuid[]), $3`,
    [operatorId, input.roleIds, now],
  );
  const token = await issueAuthToken(ctx, operatorId, 'invitation', now);
  ctx.audit({ action: 'invite', recordType: 'operator', recordId: operatorId });
  return {
    ok: true,
    invitation: { operatorId, email: input.email, fullName: input.fullName, spaName: await spaName(ctx), roleNames: choice.roles.map((r) => r.name), token },
  };
}

/** A fresh link for someone still invited; the earlier links stop working. Null when no such person is here. */
export async function resendInvitation(ctx: ServiceCtx, actor: StaffActor, operatorId: string, now: Date): Promise<Change<{ invitation: Invitation }> | null> {
  const { rows } = await ctx.tx.$client.query<{ email: string; full_name: string; status: string; roles: string[]; permissions: string[] }>(
    `SELECT o.email::text AS email, o.full_name, o.status,
            coalesce(array_agg(r.name ORDER BY r.name) FILTER (WHERE r.id IS NOT NULL), '{}') AS roles,
            coalesce(array_agg(DISTINCT p) FILTER (WHERE p IS NOT NULL), '{}') AS permissions
       FROM operators o
       LEFT JOIN operator_roles orl ON orl.tenant_id = o.tenant_id AND orl.operator_id = o.id
       LEFT JOIN roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id
       LEFT JOIN LATERAL unnest(r.permissions) AS p ON true
      WHERE o.id = $1 GROUP BY o.tenant_id, o.id`,
    [operatorId],
  );
  const person = rows[0];
  if (!person) return null;
  const above = outranks(actor, { fullName: person.full_name, permissions: person.permissions });
  if (above) return above;
  if (person.status !== 'invited') return { ok: false, status: 409, message: `${person.full_name} has already accepted their invitation.` };
  const token = await issueAuthToken(ctx, operatorId, 'invitation', now);
  ctx.audit({ action: 'invite', recordType: 'operator', recordId: operatorId });
  return {
    ok: true,
    invitation: { operatorId, email: person.email, fullName: person.full_name, spaName: await spaName(ctx), roleNames: [...new Set(person.roles)], token },
  };
}

/** The invitation behind a link, if it can still be accepted. */
export async function findInvitation(ctx: ServiceCtx, token: string, now: Date): Promise<TokenHolder | null> {
  const holder = await findAuthToken(ctx, token, 'invitation', now);
  return holder?.status === 'invited' ? holder : null;
}

export type Acceptance = { ok: true; operatorId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'password'; message: string; holder: TokenHolder };

/**
 * Sets the invited person's first password (policy-checked, argon2id), makes them
 * active and spends the link. Two-step verification is set up at first sign-in.
 */
export async function acceptInvitation(ctx: ServiceCtx, token: string, password: string, now: Date): Promise<Acceptance> {
  const holder = await findAuthToken(ctx, token, 'invitation', now, true);
  if (!holder || holder.status !== 'invited') return { ok: false, reason: 'invalid' };
  const verdict = checkPassword(password, { email: holder.email, spaName: holder.spaName, fullName: holder.fullName });
  if (!verdict.ok) return { ok: false, reason: 'password', message: verdict.reason, holder };
  const hash = await hashPassword(password);
  await ctx.tx.$client.query(
    `UPDATE operators SET password_hash = $2, password_changed_at = $3, status = 'active', failed_sign_ins = 0 WHERE id = $1`,
    [holder.operatorId, hash, now],
  );
  await spendAuthToken(ctx, holder.tokenId, now);
  await expireAuthTokens(ctx, holder.operatorId, 'invitation', now);
  ctx.audit({ action: 'invitation_accept', recordType: 'operator', recordId: holder.operatorId });
  return { ok: true, operatorId: holder.operatorId };
}

/** The invitation email: who invited them, as what, and the link (built from configuration by the caller). */
export function invitationEmail(invitation: Invitation, inviterName: string, link: string): { subject: string; text: string } {
  return {
    subject: `You're invited to ${invitation.spaName} on Lumè`,
    text: [
      `Hello ${invitation.fullName},`,
      '',
      `${inviterName} invited you to join ${invitation.spaName} on Lumè as ${invitation.roleNames.join(', ')}.`,
      '',
      'Choose your password here (the link works once, for 7 days):',
      link,
      '',
      'When you first sign in you will set up two-step verification with an authenticator app on your phone.',
      '',
      `If you did not expect this, ignore this email or tell ${invitation.spaName}.`,
    ].join('\n'),
  };
}
