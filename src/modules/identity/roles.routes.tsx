import type { Context } from 'hono';
import { z } from 'zod';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { formList, isRecordId } from './form-list.ts';
import { isPermission, type Permission } from './permissions.ts';
import { createRole, deleteRole, getRole, listRoles, updateRole, type RoleDetail } from './roles-admin.ts';
import { BuiltinRolePage, CustomRolePage, NewRolePage, type RoleFormState } from './views/role-form.tsx';
import { RolesPage } from './views/roles.tsx';

const ROLES = 'manage:role:any';
const SECTION = '/settings/roles';

const DONE: Record<string, string> = {
  created: 'Role created. Give it to people from their page under Staff.',
  saved: 'Role saved. Everyone with it has the new permissions from their next click.',
  deleted: 'Role deleted.',
};

const roleSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the role a name.')
    .max(60, 'Use at most 60 characters.')
    .refine((v) => !/[<>\p{Cc}]/u.test(v), 'A role name cannot contain < or > or control characters.'),
  description: z.string().trim().max(300, 'Use at most 300 characters.').optional().default(''),
});

type RoleForm = { ok: true; input: { name: string; description: string; permissions: Permission[] } } | { ok: false; state: RoleFormState };

/** Reads the role form; permission strings outside the catalogue are refused (400). */
async function readRoleForm(c: Context<AppEnv>): Promise<RoleForm> {
  const form = await parseForm(c, roleSchema);
  const posted = await formList(c, 'permissions');
  const permissions = posted.filter(isPermission);
  const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
  if (permissions.length !== posted.length) errors.permissions = 'Choose permissions from the list: some of those sent are not Lumè permissions.';
  else if (!permissions.length) errors.permissions = 'Choose at least one permission.';
  if (!form.ok || Object.keys(errors).length) return { ok: false, state: { values: form.values, permissions, errors } };
  return { ok: true, input: { name: form.data.name, description: form.data.description, permissions } };
}

function roleId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

async function loadRole(c: Context<AppEnv>, id: string): Promise<RoleDetail> {
  const role = await withTenant(c.var.deps.db, requestScope(c), (ctx) => getRole(ctx, id));
  if (!role) throw notFound();
  return role;
}

function formOf(role: RoleDetail): RoleFormState {
  return { values: { name: role.name, description: role.description }, permissions: role.permissions, errors: {} };
}

function showRole(c: Context<AppEnv>, role: RoleDetail, extra: { form?: RoleFormState; error?: string } = {}, status: 200 | 400 | 403 | 409 = 200) {
  const linkPeople = c.get('principal')!.permissions.has('manage:staff:any');
  c.status(status);
  const page = role.builtin ? (
    <BuiltinRolePage role={role} linkPeople={linkPeople} />
  ) : (
    <CustomRolePage role={role} csrfToken={csrfToken(c)} form={extra.form ?? formOf(role)} linkPeople={linkPeople} notice={DONE[c.req.query('done') ?? '']} error={extra.error} />
  );
  return crmPage(c, { title: role.name, section: SECTION }, page);
}

export function registerRoleRoutes(router: SurfaceRouter): void {
  router.get('/settings/roles', ROLES, async (c) => {
    const roles = await withTenant(c.var.deps.db, requestScope(c), listRoles);
    return crmPage(c, { title: 'Roles', section: SECTION }, <RolesPage roles={roles} notice={DONE[c.req.query('done') ?? '']} />);
  });

  router.get('/settings/roles/new', ROLES, async (c) => {
    const from = c.req.query('from');
    const base = isRecordId(from) ? await withTenant(c.var.deps.db, requestScope(c), (ctx) => getRole(ctx, from)) : null;
    const form: RoleFormState = { values: base ? { name: '', description: base.description } : {}, permissions: base?.permissions ?? ['use:crm:any'], errors: {} };
    return crmPage(c, { title: 'Create a role', section: SECTION }, <NewRolePage csrfToken={csrfToken(c)} form={form} basedOn={base?.name} />);
  });

  router.post('/settings/roles/new', ROLES, async (c) => {
    const form = await readRoleForm(c);
    const page = (state: RoleFormState, status: 400 | 403 | 409) => {
      c.status(status);
      return crmPage(c, { title: 'Create a role', section: SECTION }, <NewRolePage csrfToken={csrfToken(c)} form={state} />);
    };
    if (!form.ok) return page(form.state, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => createRole(ctx, c.get('principal')!, form.input));
    if (!result.ok) return page({ values: { name: form.input.name, description: form.input.description }, permissions: form.input.permissions, errors: { [result.field ?? 'form']: result.message } }, result.status);
    return c.redirect(`/settings/roles/${result.id}?done=created`, 303);
  });

  router.get('/settings/roles/:id', ROLES, async (c) => showRole(c, await loadRole(c, roleId(c))));

  router.post('/settings/roles/:id', ROLES, async (c) => {
    const id = roleId(c);
    const form = await readRoleForm(c);
    if (!form.ok) return showRole(c, await loadRole(c, id), { form: form.state }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => updateRole(ctx, c.get('principal')!, id, form.input));
    if (!result) throw notFound();
    if (!result.ok) {
      const state = { values: { name: form.input.name, description: form.input.description }, permissions: form.input.permissions, errors: result.field ? { [result.field]: result.message } : {} };
      return showRole(c, await loadRole(c, id), { form: state, error: result.field ? undefined : result.message }, result.status);
    }
    return c.redirect(`/settings/roles/${id}?done=saved`, 303);
  });

  router.post('/settings/roles/:id/delete', ROLES, async (c) => {
    const id = roleId(c);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => deleteRole(ctx, c.get('principal')!, id));
    if (!result) throw notFound();
    if (!result.ok) return showRole(c, await loadRole(c, id), { error: result.message }, result.status);
    return c.redirect('/settings/roles?done=deleted', 303);
  });
}
