import { randomBytes } from 'node:crypto';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { authorityGap } from './grant-rules.ts';
import { permissionLabel } from './permission-groups.ts';
import type { Permission } from './permissions.ts';
import { listRoleOptions, type Change, type RoleOption, type StaffActor } from './staff.ts';

export interface RoleSummary extends RoleOption {
  memberCount: number;
}

export interface RoleDetail extends RoleSummary {
  members: { id: string; fullName: string; status: string }[];
}

export interface RoleInput {
  name: string;
  description: string;
  permissions: Permission[];
}

/** Every role of the spa with how many people hold it. */
export async function listRoles(ctx: ServiceCtx): Promise<RoleSummary[]> {
  const roles = await listRoleOptions(ctx);
  const { rows } = await ctx.tx.$client.query<{ role_id: string; n: number }>(
    `SELECT orl.role_id, count(*)::int AS n FROM operator_roles orl JOIN operators o ON o.tenant_id = orl.tenant_id AND o.id = orl.operator_id
      WHERE o.status <> 'deactivated' GROUP BY orl.role_id`,
  );
  const counts = new Map(rows.map((r) => [r.role_id, r.n]));
  return roles.map((r) => ({ ...r, memberCount: counts.get(r.id) ?? 0 }));
}

/** One role and the people who hold it; null when the spa has no such role. */
export async function getRole(ctx: ServiceCtx, id: string): Promise<RoleDetail | null> {
  const role = (await listRoleOptions(ctx)).find((r) => r.id === id);
  if (!role) return null;
  const { rows } = await ctx.tx.$client.query<{ id: string; fullName: string; status: string }>(
    `SELECT o.id, o.full_name AS "fullName", o.status FROM operator_roles orl JOIN operators o ON o.tenant_id = orl.tenant_id AND o.id = orl.operator_id
      WHERE orl.role_id = $1 ORDER BY lower(o.full_name)`,
    [id],
  );
  return { ...role, memberCount: rows.filter((m) => m.status !== 'deactivated').length, members: rows };
}

/** A stable key for a new role, from its name: "Lead injector" → "lead-injector" (unique in the spa). */
async function keyFor(ctx: ServiceCtx, name: string): Promise<string> {
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  const stem = base.length >= 2 ? base : `role-${randomBytes(3).toString('hex')}`;
  const { rows } = await ctx.tx.$client.query<{ key: string }>('SELECT key FROM roles');
  const taken = new Set(rows.map((r) => r.key));
  let key = stem;
  for (let n = 2; taken.has(key); n++) key = `${stem}-${n}`;
  return key;
}

const refuse = (status: 400 | 403 | 409, message: string, field?: string) => ({ ok: false as const, status, message, field });

async function checkInput(ctx: ServiceCtx, actor: StaffActor, input: RoleInput, exceptId?: string) {
  const { rows } = await ctx.tx.$client.query('SELECT 1 FROM roles WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid', [input.name, exceptId ?? null]);
  if (rows.length) return refuse(409, 'Another role already has that name.', 'name');
  if (!input.permissions.length) return refuse(400, 'Choose at least one permission.', 'permissions');
  const gap = authorityGap(actor.permissions, input.permissions);
  if (gap.length) return refuse(403, `You cannot put “${gap.map(permissionLabel).join('” or “')}” in a role: your own roles do not include it.`, 'permissions');
  return null;
}

/** Creates a custom role (owners' own mix of permissions). */
export async function createRole(ctx: ServiceCtx, actor: StaffActor, input: RoleInput): Promise<Change<{ id: string }>> {
  const problem = await checkInput(ctx, actor, input);
  if (problem) return problem;
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO roles (tenant_id, key, name, description, builtin, permissions) VALUES (current_tenant_id(), $1, $2, $3, false, $4) RETURNING id`,
    [await keyFor(ctx, input.name), input.name, input.description, input.permissions],
  );
  const id = rows[0]!.id;
  ctx.audit({ action: 'create', recordType: 'role', recordId: id });
  return { ok: true, id };
}

/**
 * Changes a custom role's name, description and permissions. Holders feel it on
 * their next request (permissions are read per request). Built-in roles stay as they are.
 */
export async function updateRole(ctx: ServiceCtx, actor: StaffActor, id: string, input: RoleInput): Promise<Change | null> {
  const { rows } = await ctx.tx.$client.query<{ builtin: boolean; permissions: string[] }>('SELECT builtin, permissions FROM roles WHERE id = $1 FOR UPDATE', [id]);
  const role = rows[0];
  if (!role) return null;
  if (role.builtin) return refuse(403, 'Built-in roles cannot be changed. Create a custom role instead.');
  const held = authorityGap(actor.permissions, role.permissions);
  if (held.length) return refuse(403, `This role includes “${held.map(permissionLabel).join('” and “')}”, which your own roles do not; only someone who has it may edit the role.`);
  const problem = await checkInput(ctx, actor, input, id);
  if (problem) return problem;
  await ctx.tx.$client.query('UPDATE roles SET name = $2, description = $3, permissions = $4 WHERE id = $1', [id, input.name, input.description, input.permissions]);
  ctx.audit({ action: 'update', recordType: 'role', recordId: id });
  return { ok: true };
}

/** Deletes a custom role nobody holds. */
export async function deleteRole(ctx: ServiceCtx, actor: StaffActor, id: string): Promise<Change | null> {
  const { rows } = await ctx.tx.$client.query<{ builtin: boolean; permissions: string[]; name: string }>('SELECT builtin, permissions, name FROM roles WHERE id = $1 FOR UPDATE', [id]);
  const role = rows[0];
  if (!role) return null;
  if (role.builtin) return refuse(403, 'Built-in roles cannot be deleted.');
  if (authorityGap(actor.permissions, role.permissions).length) return refuse(403, 'This role includes permissions your own roles do not; only someone who has them may delete it.');
  const { rows: holders } = await ctx.tx.$client.query<{ n: number }>('SELECT count(*)::int AS n FROM operator_roles WHERE role_id = $1', [id]);
  const n = holders[0]!.n;
  if (n > 0) return refuse(409, `${n === 1 ? 'One person holds' : `${n} people hold`} ${role.name}. Give them another role first, then delete it.`);
  await ctx.tx.$client.query('DELETE FROM roles WHERE id = $1', [id]);
  ctx.audit({ action: 'delete', recordType: 'role', recordId: id });
  return { ok: true };
}
