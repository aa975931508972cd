import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { credentialStanding } from './credential-catalogue.ts';
import { authorityGap } from './grant-rules.ts';
import { permissionLabel } from './permission-groups.ts';
import type { Principal } from './sessions.ts';
import { endAllSessions } from './sessions.ts';
import { expireAuthTokens } from './auth-tokens.ts';
import { dayIn, spaTimeZone } from './spa-time.ts';

/** Who is acting on the staff pages, as far as the rules care. */
export type StaffActor = Pick<Principal, 'operatorId' | 'fullName' | 'permissions'>;

export type OperatorStatus = 'invited' | 'active' | 'deactivated';

export interface RoleOption {
  id: string;
  key: string;
  name: string;
  description: string;
  builtin: boolean;
  permissions: string[];
}

export interface StaffCredential {
  id: string;
  kind: string;
  licenceNumber: string;
  licenceState: string;
  expiresOn: string | null;
  standing: 'expired' | 'expiring' | 'valid';
}

export interface StaffSummary {
  id: string;
  fullName: string;
  email: string;
  status: OperatorStatus;
  lastSignInAt: Date | null;
  roles: { id: string; key: string; name: string }[];
  credentials: StaffCredential[];
}

export interface StaffMember extends StaffSummary {
  permissions: string[];
  totpEnrolledAt: Date | null;
  createdAt: Date;
  /** When the newest unused invitation link stops working (invited people only). */
  invitationExpiresAt: Date | null;
}

/** A refused change, with the field it concerns when there is one. */
export type Refusal = { ok: false; status: 400 | 403 | 409; field?: string; message: string };
export type Change<T = object> = ({ ok: true } & T) | Refusal;

const refuse = (status: Refusal['status'], message: string, field?: string): Refusal => ({ ok: false, status, message, field });

interface PersonRow {
  id: string;
  full_name: string;
  email: string;
  status: OperatorStatus;
  last_sign_in_at: Date | null;
  totp_enrolled_at: Date | null;
  created_at: Date;
  roles: { id: string; key: string; name: string; permissions: string[] }[];
}

const PEOPLE = `
  SELECT o.id, o.full_name, o.email::text AS email, o.status, o.last_sign_in_at, o.totp_enrolled_at, o.created_at,
         coalesce(json_agg(json_build_object('id', r.id, 'key', r.key, 'name', r.name, 'permissions', r.permissions) ORDER BY r.name)
                  FILTER (WHERE r.id IS NOT NULL), '[]') AS roles
    FROM operators o
    LEFT JOIN operator_roles orl ON orl.tenant_id = o.tenant_id AND orl.operator_id = o.id
    LEFT JOIN roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id`;

async function credentialsOf(ctx: ServiceCtx, today: string, operatorId?: string): Promise<Map<string, StaffCredential[]>> {
  const { rows } = await ctx.tx.$client.query<{ id: string; operator_id: string; kind: string; licence_number: string; licence_state: string; expires_on: string | null }>(
    `SELECT id, operator_id, kind, licence_number, licence_state, expires_on::text AS expires_on FROM credentials
      ${operatorId ? 'WHERE operator_id = $1' : ''} ORDER BY kind, licence_state`,
    operatorId ? [operatorId] : [],
  );
  const byOperator = new Map<string, StaffCredential[]>();
  for (const r of rows) {
    const list = byOperator.get(r.operator_id) ?? [];
    list.push({ id: r.id, kind: r.kind, licenceNumber: r.licence_number, licenceState: r.licence_state, expiresOn: r.expires_on, standing: credentialStanding(r.expires_on, today) });
    byOperator.set(r.operator_id, list);
  }
  return byOperator;
}

function summary(row: PersonRow, credentials: StaffCredential[]): StaffSummary {
  return {
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    status: row.status,
    lastSignInAt: row.last_sign_in_at,
    roles: row.roles.map(({ id, key, name }) => ({ id, key, name })),
    credentials,
  };
}

/** Everyone who can (or could) sign in to the spa: active first, then invited, then deactivated. */
export async function listStaff(ctx: ServiceCtx, now: Date): Promise<{ people: StaffSummary[]; timeZone: string }> {
  const timeZone = await spaTimeZone(ctx);
  const { rows } = await ctx.tx.$client.query<PersonRow>(
    `${PEOPLE} GROUP BY o.tenant_id, o.id
     ORDER BY array_position(ARRAY['active', 'invited', 'deactivated'], o.status), lower(o.full_name)`,
  );
  const credentials = await credentialsOf(ctx, dayIn(timeZone, now));
  return { people: rows.map((r) => summary(r, credentials.get(r.id) ?? [])), timeZone };
}

/** The spa's roles, for choosing someone's roles. */
export async function listRoleOptions(ctx: ServiceCtx): Promise<RoleOption[]> {
  const { rows } = await ctx.tx.$client.query<RoleOption>(
    `SELECT id, key, name, description, builtin, permissions FROM roles
      ORDER BY builtin DESC, array_position(ARRAY['owner', 'manager', 'provider', 'front_desk', 'bookkeeper', 'marketing'], key), lower(name)`,
  );
  return rows;
}

async function loadPerson(ctx: ServiceCtx, id: string, lock: boolean): Promise<PersonRow | null> {
  if (lock) await ctx.tx.$client.query('SELECT 1 FROM operators WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await ctx.tx.$client.query<PersonRow>(`${PEOPLE} WHERE o.id = $1 GROUP BY o.tenant_id, o.id`, [id]);
  return rows[0] ?? null;
}

export interface StaffMemberPage {
  person: StaffMember;
  roles: RoleOption[];
  timeZone: string;
}

/** One person with everything the staff page shows about them; null when no such person is at this spa. */
export async function getStaffMember(ctx: ServiceCtx, id: string, now: Date): Promise<StaffMemberPage | null> {
  const row = await loadPerson(ctx, id, false);
  if (!row) return null;
  const timeZone = await spaTimeZone(ctx);
  const credentials = (await credentialsOf(ctx, dayIn(timeZone, now), id)).get(id) ?? [];
  const { rows: invite } = await ctx.tx.$client.query<{ expires_at: Date }>(
    `SELECT max(expires_at) AS expires_at FROM auth_tokens WHERE operator_id = $1 AND purpose = 'invitation' AND used_at IS NULL AND expires_at > $2 HAVING count(*) > 0`,
    [id, now],
  );
  return {
    person: {
      ...summary(row, credentials),
      permissions: [...new Set(row.roles.flatMap((r) => r.permissions))],
      totpEnrolledAt: row.totp_enrolled_at,
      createdAt: row.created_at,
      invitationExpiresAt: invite[0]?.expires_at ?? null,
    },
    roles: await listRoleOptions(ctx),
    timeZone,
  };
}

/** Why the actor may not act on this person (they hold powers the actor lacks), or null. */
export function outranks(actor: StaffActor, person: { fullName: string; permissions: Iterable<string> }): Refusal | null {
  const gap = authorityGap(actor.permissions, person.permissions);
  if (!gap.length) return null;
  return refuse(403, `${person.fullName} can ${gap.map((p) => permissionLabel(p).toLowerCase()).join(' and ')}, which you cannot. Ask an owner to make this change.`);
}

/**
 * Checks a choice of roles: at least one, all of this spa, and none that adds or
 * takes away powers the actor does not hold. Returns the chosen roles.
 */
export async function resolveRoleChoice(ctx: ServiceCtx, actor: StaffActor, roleIds: string[], currentRoleIds: string[] = []): Promise<Change<{ roles: RoleOption[] }>> {
  if (!roleIds.length) return refuse(400, 'Choose at least one role.', 'roles');
  const all = await listRoleOptions(ctx);
  const chosen = all.filter((r) => roleIds.includes(r.id));
  if (chosen.length !== roleIds.length) return refuse(400, 'Choose roles from the list.', 'roles');
  const changed = all.filter((r) => roleIds.includes(r.id) !== currentRoleIds.includes(r.id));
  for (const role of changed) {
    const gap = authorityGap(actor.permissions, role.permissions);
    if (gap.length) {
      const verb = roleIds.includes(role.id) ? 'give' : 'take away';
      return refuse(403, `You cannot ${verb} the ${role.name} role: it lets people ${gap.map((p) => permissionLabel(p).toLowerCase()).join(' and ')}, which your own roles do not.`, 'roles');
    }
  }
  return { ok: true, roles: chosen };
}

/**
 * Serialises every change that could leave the spa without an active owner
 * (locks the owner role's row), then counts the active owners other than one person.
 */
async function otherActiveOwners(ctx: ServiceCtx, operatorId: string): Promise<number> {
  await ctx.tx.$client.query(`SELECT 1 FROM roles WHERE key = 'owner' FOR UPDATE`);
  const { rows } = await ctx.tx.$client.query<{ n: number }>(
    `SELECT count(DISTINCT o.id)::int AS n FROM operators o
       JOIN operator_roles orl ON orl.tenant_id = o.tenant_id AND orl.operator_id = o.id
       JOIN roles r ON r.tenant_id = orl.tenant_id AND r.id = orl.role_id AND r.key = 'owner'
      WHERE o.status = 'active' AND o.id <> $1`,
    [operatorId],
  );
  return rows[0]!.n;
}

const isActiveOwner = (row: PersonRow) => row.status === 'active' && row.roles.some((r) => r.key === 'owner');
const permissionsOf = (row: PersonRow) => row.roles.flatMap((r) => r.permissions);

/**
 * Gives a person exactly these roles. Permissions are read on every request, so
 * the change applies from their next click; their sessions stay.
 */
export async function setStaffRoles(ctx: ServiceCtx, actor: StaffActor, id: string, roleIds: string[]): Promise<Change | null> {
  const row = await loadPerson(ctx, id, true);
  if (!row) return null;
  const above = outranks(actor, { fullName: row.full_name, permissions: permissionsOf(row) });
  if (above) return above;
  const current = row.roles.map((r) => r.id);
  const choice = await resolveRoleChoice(ctx, actor, roleIds, current);
  if (!choice.ok) return choice;
  const keepsOwner = choice.roles.some((r) => r.key === 'owner');
  if (isActiveOwner(row) && !keepsOwner && (await otherActiveOwners(ctx, id)) === 0) {
    return refuse(409, `${row.full_name} is the only active owner. Make someone else an owner first.`, 'roles');
  }
  if (current.length === roleIds.length && current.every((r) => roleIds.includes(r))) return { ok: true };
  await ctx.tx.$client.query('DELETE FROM operator_roles WHERE operator_id = $1 AND NOT (role_id = ANY($2::uuid[]))', [id, roleIds]);
  await ctx.tx.$client.query(
    `INSERT INTO operator_roles (tenant_id, operator_id, role_id) SELECT current_tenant_id(), $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [id, roleIds],
  );
  ctx.audit({ action: 'roles_change', recordType: 'operator', recordId: id });
  return { ok: true };
}

/** Stops a person signing in and ends every session they have, at once. */
export async function deactivateStaff(ctx: ServiceCtx, actor: StaffActor, id: string, now: Date): Promise<Change<{ sessionsEnded: number }> | null> {
  const row = await loadPerson(ctx, id, true);
  if (!row) return null;
  if (id === actor.operatorId) return refuse(409, 'You cannot deactivate your own account. Ask another owner to do it.');
  const above = outranks(actor, { fullName: row.full_name, permissions: permissionsOf(row) });
  if (above) return above;
  if (row.status === 'deactivated') return { ok: true, sessionsEnded: 0 };
  if (isActiveOwner(row) && (await otherActiveOwners(ctx, id)) === 0) {
    return refuse(409, `${row.full_name} is the only active owner. Make someone else an owner before deactivating them.`);
  }
  await ctx.tx.$client.query(`UPDATE operators SET status = 'deactivated' WHERE id = $1`, [id]);
  await expireAuthTokens(ctx, id, 'invitation', now);
  await expireAuthTokens(ctx, id, 'password_reset', now);
  const sessionsEnded = await endAllSessions(ctx, id);
  ctx.audit({ action: 'deactivate', recordType: 'operator', recordId: id });
  return { ok: true, sessionsEnded };
}

/** Lets a deactivated person back in: active again, or invited again if they never chose a password. */
export async function reactivateStaff(ctx: ServiceCtx, actor: StaffActor, id: string): Promise<Change<{ status: OperatorStatus }> | null> {
  const row = await loadPerson(ctx, id, true);
  if (!row) return null;
  const above = outranks(actor, { fullName: row.full_name, permissions: permissionsOf(row) });
  if (above) return above;
  if (row.status !== 'deactivated') return { ok: true, status: row.status };
  const { rows } = await ctx.tx.$client.query<{ status: OperatorStatus }>(
    `UPDATE operators SET status = CASE WHEN password_hash IS NULL THEN 'invited' ELSE 'active' END, failed_sign_ins = 0
      WHERE id = $1 RETURNING status`,
    [id],
  );
  ctx.audit({ action: 'reactivate', recordType: 'operator', recordId: id });
  return { ok: true, status: rows[0]!.status };
}

/**
 * Clears a person's authenticator and recovery codes after they lost both
 * (SPEC §6a): every session ends and their next sign-in sets up a new
 * authenticator. Owners are reset by Lumè staff instead, after checking who
 * asks; and nobody resets their own. Returns the address to tell.
 */
export async function resetSecondFactor(ctx: ServiceCtx, actor: StaffActor, id: string): Promise<Change<{ email: string; fullName: string }> | null> {
  const row = await loadPerson(ctx, id, true);
  if (!row) return null;
  if (id === actor.operatorId) return refuse(409, 'You cannot reset your own two-step verification. Use a recovery code, or ask an owner.');
  if (row.roles.some((r) => r.key === 'owner')) {
    return refuse(403, `${row.full_name} is an owner: Lumè support resets an owner’s two-step verification after confirming who is asking.`);
  }
  const above = outranks(actor, { fullName: row.full_name, permissions: permissionsOf(row) });
  if (above) return above;
  await ctx.tx.$client.query('UPDATE operators SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL WHERE id = $1', [id]);
  await ctx.tx.$client.query('DELETE FROM recovery_codes WHERE operator_id = $1', [id]);
  await endAllSessions(ctx, id);
  ctx.audit({ action: 'mfa_reset', recordType: 'operator', recordId: id });
  return { ok: true, email: row.email, fullName: row.full_name };
}
