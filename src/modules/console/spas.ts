/**
 * Spas as the console sees them (issue 8): a list and a page of contract facts and counts, never
 * their data. Creating, suspending and reactivating go through the database's narrow SECURITY
 * DEFINER functions (db/migrations/20261127T0300_console.sql); lume_console reads no spa table.
 */
import { z } from 'zod';
import { hashToken, newToken } from '../../infra/crypto/tokens.ts';
import { INVITATION_TTL_MS } from '../identity/auth-tokens.ts';
import { DEFAULT_ROLES } from '../identity/permissions.ts';
import type { ConsoleCtx } from './context.ts';
import { isRecordId, MULTILINE_CONTROL } from './validation.ts';

export type SpaStatus = 'active' | 'suspended' | 'terminated';

export interface SpaSummary {
  id: string;
  slug: string;
  displayName: string;
  legalName: string;
  status: SpaStatus;
  stateCode: string;
  createdAt: Date;
  baaVersion: string | null;
  baaAcceptedAt: Date | null;
  activeOperators: number;
  invitedOperators: number;
}

export interface SpaDetail extends SpaSummary {
  adminContactName: string;
  adminContactEmail: string;
  baaAcceptedBy: string | null;
  ownersInvited: number;
  locations: number;
}

export interface ConsoleEvent {
  occurredAt: Date;
  action: string;
  outcome: string;
  detail: string | null;
  staffName: string | null;
}

const SUMMARY = `id, slug, display_name AS "displayName", legal_name AS "legalName", status, state_code AS "stateCode",
  created_at AS "createdAt", baa_version AS "baaVersion", baa_accepted_at AS "baaAcceptedAt",
  active_operators AS "activeOperators", invited_operators AS "invitedOperators"`;

export async function listSpas(ctx: ConsoleCtx): Promise<SpaSummary[]> {
  const { rows } = await ctx.client.query<SpaSummary>(`SELECT ${SUMMARY} FROM console_list_spas()`);
  ctx.audit({ action: 'read', targetKind: 'spa_list', detail: `${rows.length} spas` });
  return rows;
}

export async function getSpa(ctx: ConsoleCtx, id: string): Promise<SpaDetail | null> {
  const { rows } = await ctx.client.query<SpaDetail>(
    `SELECT ${SUMMARY}, admin_contact_name AS "adminContactName", admin_contact_email AS "adminContactEmail",
            baa_accepted_by AS "baaAcceptedBy", owners_invited AS "ownersInvited", locations
       FROM console_get_spa($1)`,
    [id],
  );
  ctx.audit({ action: 'read', targetKind: 'spa', targetId: id, outcome: rows[0] ? 'success' : 'not_found' });
  return rows[0] ?? null;
}

/** What the console did to one spa, newest first (the console's own trail). */
export async function spaHistory(ctx: ConsoleCtx, id: string, limit = 20): Promise<ConsoleEvent[]> {
  const { rows } = await ctx.client.query<ConsoleEvent>(
    `SELECT e.occurred_at AS "occurredAt", e.action, e.outcome, e.detail, s.full_name AS "staffName"
       FROM console_audit_events e LEFT JOIN console_staff s ON s.id = e.staff_id
      WHERE e.target_kind = 'spa' AND e.target_id = $1 AND e.action <> 'read'
      ORDER BY e.occurred_at DESC, e.id DESC LIMIT $2`,
    [id, limit],
  );
  return rows;
}

export interface NewSpa {
  slug: string;
  legalName: string;
  displayName: string;
  adminName: string;
  adminEmail: string;
  stateCode: string;
  baaVersion: string;
}

export interface OwnerInvitation {
  email: string;
  fullName: string;
  slug: string;
  spaName: string;
  /** The raw link token, for the email only; the database keeps its hash. */
  token: string;
}

export type CreateSpaResult = { ok: true; tenantId: string; invitation: OwnerInvitation } | { ok: false; field: 'slug'; message: string };

/** The default roles as the database function takes them: the identity module's catalogue, the one source of truth. */
export function defaultRolesJson(): string {
  return JSON.stringify(DEFAULT_ROLES.map((r) => ({ key: r.key, name: r.name, description: r.description, permissions: r.permissions })));
}

/**
 * Creates the spa, its default roles and its invited first owner in one call to
 * `console_create_spa`; the owner's link is the identity module's invitation (7 days, single use).
 * A taken address is answered on the form; nothing is written then.
 */
export async function createSpa(ctx: ConsoleCtx, staffId: string, input: NewSpa, now: Date): Promise<CreateSpaResult> {
  await ctx.client.query('SAVEPOINT create_spa');
  const token = newToken();
  let tenantId: string;
  try {
    const { rows } = await ctx.client.query<{ id: string }>(
      'SELECT console_create_spa($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12) AS id',
      [input.slug, input.legalName, input.displayName, input.adminName, input.adminEmail, input.stateCode, input.baaVersion, defaultRolesJson(), hashToken(token), new Date(now.getTime() + INVITATION_TTL_MS), staffId, ctx.requestId],
    );
    tenantId = rows[0]!.id;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await ctx.client.query('ROLLBACK TO SAVEPOINT create_spa');
    return { ok: false, field: 'slug', message: `${input.slug} is already a spa’s address. Choose another.` };
  }
  ctx.audit({ action: 'create', targetKind: 'spa', targetId: tenantId, detail: `slug ${input.slug}; BAA ${input.baaVersion}` });
  ctx.audit({ action: 'invite', targetKind: 'spa', targetId: tenantId, detail: 'first owner invited' });
  return { ok: true, tenantId, invitation: { email: input.adminEmail, fullName: input.adminName, slug: input.slug, spaName: input.displayName, token } };
}

export type StatusChange = { ok: true; from: SpaStatus } | { ok: false; status: 404 | 409; message: string };

/** Suspends or reactivates a spa through `console_set_spa_status`. */
export async function setSpaStatus(ctx: ConsoleCtx, staffId: string, id: string, status: 'active' | 'suspended'): Promise<StatusChange> {
  const { rows } = await ctx.client.query<{ old: SpaStatus | null }>('SELECT console_set_spa_status($1, $2, $3, $4) AS old', [id, status, staffId, ctx.requestId]);
  const from = rows[0]?.old ?? null;
  const action = status === 'suspended' ? 'suspend' : 'reactivate';
  if (from !== status && from !== null && from !== 'terminated') {
    ctx.audit({ action, targetKind: 'spa', targetId: id, detail: `${from} → ${status}` });
    return { ok: true, from };
  }
  ctx.audit({ action, targetKind: 'spa', targetId: id, outcome: from ? 'failed' : 'not_found', detail: from ? `already ${from}` : null });
  if (!from) return { ok: false, status: 404, message: 'No such spa.' };
  if (from === 'terminated') return { ok: false, status: 409, message: 'This spa’s contract has ended; its status can no longer change.' };
  return { ok: false, status: 409, message: status === 'suspended' ? 'This spa is already suspended.' : 'This spa is already active.' };
}

/** A fresh link for the spa's first owner if they have not accepted yet; null when nobody is waiting. */
export async function resendOwnerInvitation(ctx: ConsoleCtx, staffId: string, id: string, now: Date): Promise<OwnerInvitation | null> {
  const token = newToken();
  const { rows } = await ctx.client.query<{ email: string; full_name: string; slug: string; display_name: string }>(
    'SELECT * FROM console_resend_owner_invitation($1, $2, $3, $4, $5, $6)',
    [id, hashToken(token), new Date(now.getTime() + INVITATION_TTL_MS), now, staffId, ctx.requestId],
  );
  const owner = rows[0];
  if (!owner) return null;
  ctx.audit({ action: 'invite', targetKind: 'spa', targetId: id, detail: 'owner invitation sent again' });
  return { email: owner.email, fullName: owner.full_name, slug: owner.slug, spaName: owner.display_name, token };
}

/** The email to a new spa's first owner; the link is built from configuration by the caller. */
export function ownerInvitationEmail(invitation: OwnerInvitation, link: string): { subject: string; text: string } {
  return {
    subject: `Your Lumè account for ${invitation.spaName} is ready`,
    text: [
      `Hello ${invitation.fullName},`,
      '',
      `${invitation.spaName} now has its own Lumè workspace, and you are its owner.`,
      '',
      'Choose your password here (the link works once, for 7 days):',
      link,
      '',
      'When you first sign in you will set up two-step verification with an authenticator app on your phone. Then you can invite your team from Settings → Staff.',
      '',
      'If you did not expect this email, reply to your Lumè contact or ignore it.',
    ].join('\n'),
  };
}

// ---------------------------------------------------------------------------------------------
// Resetting an owner's two-step verification (SPEC §6a): after Lumè support has verified who is
// asking, through `console_reset_owner_mfa` (db/migrations/20261127T0410_console_owner_mfa_reset.sql).
// ---------------------------------------------------------------------------------------------

export interface SpaOwner {
  id: string;
  fullName: string;
  email: string;
}

/** The spa's active owners (staff accounts: names and sign-in emails, no PHI). */
export async function spaOwners(ctx: ConsoleCtx, tenantId: string): Promise<SpaOwner[]> {
  const { rows } = await ctx.client.query<SpaOwner>('SELECT id, full_name AS "fullName", email FROM console_spa_owners($1)', [tenantId]);
  return rows;
}

export const ownerMfaResetSchema = z.object({
  operator_id: z.string('Choose the owner whose two-step verification to reset.').refine((v) => isRecordId(v), 'Choose the owner whose two-step verification to reset.'),
  verification_note: z
    .string('Write down how you verified the owner’s identity.')
    .trim()
    .min(1, 'Write down how you verified the owner’s identity.')
    .min(20, 'Say in at least 20 characters how you verified the owner’s identity, e.g. “video call, photo ID matched, callback to number on file”.')
    .max(500, 'Keep the note to 500 characters or fewer.')
    .refine((v) => !MULTILINE_CONTROL.test(v), 'Please use plain text.'),
  identity_confirmed: z.literal('yes', 'Confirm that you verified the owner’s identity before resetting.'),
});

export interface OwnerMfaReset {
  ownerName: string;
  ownerEmail: string;
  slug: string;
  spaName: string;
  adminContactName: string;
  adminContactEmail: string;
}

export type OwnerMfaResetResult = ({ ok: true } & OwnerMfaReset) | { ok: false; status: 404 | 409; field?: 'operator_id'; message: string };

/**
 * Clears an active owner's authenticator and recovery codes and ends their sessions, in one call
 * to `console_reset_owner_mfa`, which writes the spa's audit row and Lumè's (with the note).
 * Anyone who is not an active owner of this spa is refused and nothing changes.
 */
export async function resetOwnerMfa(ctx: ConsoleCtx, staffId: string, tenantId: string, operatorId: string, note: string): Promise<OwnerMfaResetResult> {
  const { rows } = await ctx.client.query<{
    result: 'reset' | 'no_spa' | 'spa_closed' | 'not_owner';
    owner_name: string;
    owner_email: string;
    slug: string;
    spa_name: string;
    admin_contact_name: string;
    admin_contact_email: string;
  }>('SELECT * FROM console_reset_owner_mfa($1, $2, $3, $4, $5)', [tenantId, operatorId, staffId, ctx.requestId, note]);
  const row = rows[0]!;
  if (row.result === 'reset') {
    return {
      ok: true,
      ownerName: row.owner_name,
      ownerEmail: row.owner_email,
      slug: row.slug,
      spaName: row.spa_name,
      adminContactName: row.admin_contact_name,
      adminContactEmail: row.admin_contact_email,
    };
  }
  ctx.audit({ action: 'mfa_reset', targetKind: 'spa', targetId: tenantId, outcome: row.result === 'no_spa' ? 'not_found' : 'failed', detail: row.result === 'not_owner' ? `not an active owner: ${operatorId}` : row.result });
  if (row.result === 'no_spa') return { ok: false, status: 404, message: 'No such spa.' };
  if (row.result === 'spa_closed') return { ok: false, status: 409, message: 'This spa’s contract has ended; nothing can be changed.' };
  return { ok: false, status: 409, field: 'operator_id', message: 'That person is not an active owner of this spa. Nothing was changed: only an owner’s two-step verification is reset here.' };
}

/** The notice to the spa's admin contact and to the owner: who reset it, when, and what happens next. */
export function ownerMfaResetEmail(reset: OwnerMfaReset, to: 'admin' | 'owner', at: Date, loginUrl: string): { subject: string; text: string } {
  const when = `${at.toISOString().slice(0, 16).replace('T', ' at ')} UTC`;
  const greeting = to === 'owner' ? reset.ownerName : reset.adminContactName;
  const whose = to === 'owner' ? 'your' : `${reset.ownerName}’s`;
  const next =
    to === 'owner'
      ? `The next time you sign in (${loginUrl}) you will set up a new authenticator app and receive new recovery codes. Your old recovery codes no longer work, and you were signed out everywhere.`
      : `${reset.ownerName} was signed out everywhere and will set up a new authenticator app at their next sign-in; their old recovery codes no longer work.`;
  return {
    subject: `Two-step verification was reset for ${to === 'owner' ? 'your' : 'an owner’s'} ${reset.spaName} account`,
    text: [
      `Hello ${greeting},`,
      '',
      `Lumè support reset ${whose} two-step verification for ${reset.spaName} on ${when}, after verifying the owner’s identity.`,
      '',
      next,
      '',
      'If nobody at your spa asked for this, reply to your Lumè contact at once.',
    ].join('\n'),
  };
}
