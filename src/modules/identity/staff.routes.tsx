import type { Context } from 'hono';
import { originFor } from '../../config.ts';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { futureAppointmentsOf } from '../scheduling/future-appointments.ts';
import { formList, isRecordId } from './form-list.ts';
import { invitationEmail, inviteStaff, resendInvitation, type Invitation } from './invitations.ts';
import { addCredential, removeCredential } from './staff-credentials.ts';
import { credentialSchema, inviteSchema } from './staff-forms.ts';
import { deactivateStaff, getStaffMember, listRoleOptions, listStaff, outranks, reactivateStaff, resetSecondFactor, setStaffRoles } from './staff.ts';
import { StaffListPage } from './views/staff.tsx';
import { InviteStaffPage, type InviteForm } from './views/staff-invite.tsx';
import { StaffMemberPageView, type StaffMemberView } from './views/staff-member.tsx';

const STAFF = 'manage:staff:any';
const SECTION = '/settings/staff';

/** Fixed confirmations, named in the redirect's query (never data). */
const DONE: Record<string, string> = {
  invited: 'Invitation sent. The link works once, for 7 days.',
  resent: 'A new invitation link is on its way. Earlier links no longer work.',
  roles: 'Roles saved. They apply from this person’s next click.',
  deactivated: 'Deactivated. They were signed out on every device.',
  'mfa-reset': 'Two-step verification reset. They were signed out everywhere and will set up their authenticator at their next sign-in; we emailed them.',
  reactivated: 'Reactivated. They can sign in again.',
  'reactivated-invited': 'Reactivated. They never chose a password, so send them a new invitation link.',
  'licence-added': 'Licence added.',
  'licence-removed': 'Licence removed.',
};

async function sendInvitation(c: Context<AppEnv>, invitation: Invitation): Promise<void> {
  const { config, messaging } = c.var.deps;
  const link = `${originFor(config, c.var.tenant.slug)}/invite/${invitation.token}`;
  const mail = invitationEmail(invitation, c.get('principal')!.fullName, link);
  await messaging.phiEmail.send({ to: invitation.email, subject: mail.subject, text: mail.text, spaSlug: c.var.tenant.slug });
}

async function renderInvite(c: Context<AppEnv>, form?: InviteForm, status: 200 | 400 | 403 | 409 = 200) {
  const roles = await withTenant(c.var.deps.db, requestScope(c), listRoleOptions);
  c.status(status);
  return crmPage(c, { title: 'Invite someone', section: SECTION }, <InviteStaffPage spaName={c.get('principal')!.spaName} roles={roles} csrfToken={csrfToken(c)} form={form} />);
}

async function renderMember(c: Context<AppEnv>, id: string, extra: Partial<StaffMemberView> = {}, status: 200 | 400 | 403 | 409 = 200) {
  const principal = c.get('principal')!;
  const now = c.var.deps.now();
  const [page, futureAppointments] = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
    const member = await getStaffMember(ctx, id, now);
    // Listed on the deactivation confirmation, for reassignment (scheduling); names only for those who see clients.
    return [member, member ? await futureAppointmentsOf(ctx, id, now, { withClients: principal.permissions.has('read:client:any') }) : []] as const;
  });
  if (!page) throw notFound();
  c.status(status);
  const view: StaffMemberView = {
    page,
    futureAppointments,
    csrfToken: csrfToken(c),
    now,
    self: principal.operatorId === id,
    locked: outranks(principal, page.person)?.message,
    notice: DONE[c.req.query('done') ?? ''],
    ...extra,
  };
  return crmPage(c, { title: page.person.fullName, section: SECTION }, <StaffMemberPageView {...view} />);
}

function memberId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

export function registerStaffRoutes(router: SurfaceRouter): void {
  router.get('/settings/staff', STAFF, async (c) => {
    const now = c.var.deps.now();
    const { people, timeZone } = await withTenant(c.var.deps.db, requestScope(c), (ctx) => listStaff(ctx, now));
    return crmPage(c, { title: 'Staff', section: SECTION }, <StaffListPage spaName={c.get('principal')!.spaName} people={people} timeZone={timeZone} now={now} />);
  });

  router.get('/settings/staff/invite', STAFF, (c) => renderInvite(c));

  router.post('/settings/staff/invite', STAFF, async (c) => {
    const form = await parseForm(c, inviteSchema);
    const roleIds = await formList(c, 'roles');
    const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
    if (roleIds.some((id) => !isRecordId(id))) errors.roles = 'Choose roles from the list.';
    else if (!roleIds.length) errors.roles = 'Choose at least one role.';
    if (!form.ok || Object.keys(errors).length) return renderInvite(c, { values: form.values, roleIds, errors }, 400);

    const principal = c.get('principal')!;
    const now = c.var.deps.now();
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => inviteStaff(ctx, principal, { email: form.data.email, fullName: form.data.full_name, roleIds }, now));
    if (!result.ok) return renderInvite(c, { values: form.values, roleIds, errors: { [result.field ?? 'form']: result.message } }, result.status);
    await sendInvitation(c, result.invitation);
    return c.redirect(`/settings/staff/${result.invitation.operatorId}?done=invited`, 303);
  });

  router.get('/settings/staff/:id', STAFF, (c) => renderMember(c, memberId(c)));

  router.post('/settings/staff/:id/roles', STAFF, async (c) => {
    const id = memberId(c);
    const roleIds = await formList(c, 'roles');
    if (roleIds.some((r) => !isRecordId(r))) return renderMember(c, id, { rolesForm: { selected: [], error: 'Choose roles from the list.' } }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => setStaffRoles(ctx, c.get('principal')!, id, roleIds));
    if (!result) throw notFound();
    if (!result.ok) return renderMember(c, id, { rolesForm: { selected: roleIds, error: result.message } }, result.status);
    return c.redirect(`/settings/staff/${id}?done=roles`, 303);
  });

  router.post('/settings/staff/:id/deactivate', STAFF, async (c) => {
    const id = memberId(c);
    const now = c.var.deps.now();
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => deactivateStaff(ctx, c.get('principal')!, id, now));
    if (!result) throw notFound();
    if (!result.ok) return renderMember(c, id, { error: result.message }, result.status);
    return c.redirect(`/settings/staff/${id}?done=deactivated`, 303);
  });

  router.post('/settings/staff/:id/reset-mfa', STAFF, async (c) => {
    const id = memberId(c);
    const actor = c.get('principal')!;
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => resetSecondFactor(ctx, actor, id));
    if (!result) throw notFound();
    if (!result.ok) return renderMember(c, id, { error: result.message }, result.status);
    await c.var.deps.messaging.phiEmail.send({
      to: result.email,
      spaSlug: c.var.tenant.slug,
      subject: `Your two-step verification at ${actor.spaName} was reset`,
      text: `${actor.fullName} reset your two-step verification at ${actor.spaName}. The next time you sign in (${originFor(c.var.deps.config, c.var.tenant.slug)}/login) you will set up your authenticator app again and get new recovery codes.\n\nIf you did not ask for this, tell your spa's owner straight away.`,
    });
    return c.redirect(`/settings/staff/${id}?done=mfa-reset`, 303);
  });

  router.post('/settings/staff/:id/reactivate', STAFF, async (c) => {
    const id = memberId(c);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => reactivateStaff(ctx, c.get('principal')!, id));
    if (!result) throw notFound();
    if (!result.ok) return renderMember(c, id, { error: result.message }, result.status);
    return c.redirect(`/settings/staff/${id}?done=${result.status === 'invited' ? 'reactivated-invited' : 'reactivated'}`, 303);
  });

  router.post('/settings/staff/:id/resend-invitation', STAFF, async (c) => {
    const id = memberId(c);
    const now = c.var.deps.now();
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => resendInvitation(ctx, c.get('principal')!, id, now));
    if (!result) throw notFound();
    if (!result.ok) return renderMember(c, id, { error: result.message }, result.status);
    await sendInvitation(c, result.invitation);
    return c.redirect(`/settings/staff/${id}?done=resent`, 303);
  });

  router.post('/settings/staff/:id/credentials', STAFF, async (c) => {
    const id = memberId(c);
    const form = await parseForm(c, credentialSchema);
    if (!form.ok) return renderMember(c, id, { credentialForm: { values: form.values, errors: form.errors } }, 400);
    const input = { kind: form.data.kind, licenceNumber: form.data.licence_number, licenceState: form.data.licence_state, expiresOn: form.data.expires_on };
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => addCredential(ctx, id, input));
    if (!result) throw notFound();
    if (!result.ok) return renderMember(c, id, { credentialForm: { values: form.values, errors: { [result.field ?? 'form']: result.message } } }, result.status);
    return c.redirect(`/settings/staff/${id}?done=licence-added#licences`, 303);
  });

  router.post('/settings/staff/:id/credentials/:credentialId/delete', STAFF, async (c) => {
    const id = memberId(c);
    const credentialId = c.req.param('credentialId');
    if (!isRecordId(credentialId)) throw notFound();
    const removed = await withTenant(c.var.deps.db, requestScope(c), (ctx) => removeCredential(ctx, id, credentialId));
    if (!removed) throw notFound();
    return c.redirect(`/settings/staff/${id}?done=licence-removed#licences`, 303);
  });
}
