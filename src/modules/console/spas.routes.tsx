import type { Context } from 'hono';
import { originFor } from '../../config.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { spaWindows } from './break-glass.ts';
import { withConsole } from './context.ts';
import { consoleScope, signedInStaff } from './guard.ts';
import { consolePage } from './page.tsx';
import { newSpaSchema } from './spa-form.ts';
import {
  createSpa,
  getSpa,
  listSpas,
  ownerInvitationEmail,
  ownerMfaResetEmail,
  ownerMfaResetSchema,
  resendOwnerInvitation,
  resetOwnerMfa,
  setSpaStatus,
  spaHistory,
  spaOwners,
  type OwnerInvitation,
  type OwnerMfaReset,
} from './spas.ts';
import { isRecordId } from './validation.ts';
import { NewSpaPage, SpaPage, SpasPage, type NewSpaFormState, type SpaPageProps } from './views/spas.tsx';

const READ = 'read:spa:any';
const MANAGE = 'manage:spa:any';

async function sendOwnerInvitation(c: Context<AppEnv>, invitation: OwnerInvitation): Promise<void> {
  const { config, messaging } = c.var.deps;
  const mail = ownerInvitationEmail(invitation, `${originFor(config, invitation.slug)}/invite/${invitation.token}`);
  await messaging.phiEmail.send({ to: invitation.email, subject: mail.subject, text: mail.text, spaSlug: invitation.slug });
}

function spaId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

function renderNew(c: Context<AppEnv>, form?: NewSpaFormState, status: 200 | 400 | 409 = 200) {
  c.status(status);
  return consolePage(c, { title: 'New spa', section: '/' }, <NewSpaPage csrfToken={csrfToken(c)} apex={c.var.deps.config.apex} form={form} />);
}

/** Tells the spa's admin contact and the owner that Lumè support reset the owner's two-step verification. */
async function sendOwnerMfaResetNotices(c: Context<AppEnv>, reset: OwnerMfaReset): Promise<void> {
  const { config, messaging, now } = c.var.deps;
  const at = now();
  const loginUrl = `${originFor(config, reset.slug)}/login`;
  const recipients: [string, 'admin' | 'owner'][] = [[reset.ownerEmail, 'owner']];
  if (reset.adminContactEmail.toLowerCase() !== reset.ownerEmail.toLowerCase()) recipients.unshift([reset.adminContactEmail, 'admin']);
  for (const [to, who] of recipients) {
    const mail = ownerMfaResetEmail(reset, who, at, loginUrl);
    await messaging.phiEmail.send({ to, subject: mail.subject, text: mail.text, spaSlug: reset.slug });
  }
}

/** A spa's page, with a form's state when it is shown again (also used by the break-glass routes). */
export async function renderSpa(c: Context<AppEnv>, id: string, extra: Partial<SpaPageProps> = {}, status: 200 | 400 | 404 | 409 | 429 = 200) {
  const staff = signedInStaff(c);
  const canManage = staff.permissions.has(MANAGE);
  const found = await withConsole(c.var.deps.db, consoleScope(c), async (ctx) => {
    const spa = await getSpa(ctx, id);
    if (!spa) return null;
    const owners = canManage && spa.status !== 'terminated' ? await spaOwners(ctx, id) : [];
    return { spa, owners, history: await spaHistory(ctx, id), windows: await spaWindows(ctx, id) };
  });
  if (!found) throw notFound();
  c.status(status);
  return consolePage(
    c,
    { title: found.spa.displayName, section: '/' },
    <SpaPage
      spa={found.spa}
      history={found.history}
      owners={found.owners}
      origin={originFor(c.var.deps.config, found.spa.slug)}
      canManage={canManage}
      csrfToken={csrfToken(c)}
      done={c.req.query('done')}
      windows={found.windows}
      canOpenWindow={staff.permissions.has('use:break-glass:any')}
      now={c.var.deps.now()}
      {...extra}
    />,
  );
}

export function registerConsoleSpaRoutes(router: SurfaceRouter): void {
  router.get('/', READ, async (c) => {
    const staff = signedInStaff(c);
    const spas = await withConsole(c.var.deps.db, consoleScope(c), listSpas);
    const config = c.var.deps.config;
    return consolePage(c, { title: 'Spas', section: '/' }, <SpasPage spas={spas} canCreate={staff.permissions.has(MANAGE)} host={(slug) => `${slug}.${config.apex}`} />);
  });

  router.get('/spas/new', MANAGE, (c) => renderNew(c));

  router.post('/spas/new', MANAGE, async (c) => {
    const form = await parseForm(c, newSpaSchema);
    if (!form.ok) return renderNew(c, { values: form.values, errors: form.errors }, 400);
    const staff = signedInStaff(c);
    const input = {
      slug: form.data.slug,
      legalName: form.data.legal_name,
      displayName: form.data.display_name,
      adminName: form.data.admin_name,
      adminEmail: form.data.admin_email,
      stateCode: form.data.state_code,
      baaVersion: form.data.baa_version,
    };
    const now = c.var.deps.now();
    const result = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => createSpa(ctx, staff.staffId, input, now));
    if (!result.ok) return renderNew(c, { values: form.values, errors: { [result.field]: result.message } }, 409);
    await sendOwnerInvitation(c, result.invitation);
    return c.redirect(`/spas/${result.tenantId}?done=created`, 303);
  });

  router.get('/spas/:id', READ, (c) => renderSpa(c, spaId(c)));

  for (const [path, status, done] of [
    ['suspend', 'suspended', 'suspended'],
    ['reactivate', 'active', 'reactivated'],
  ] as const) {
    router.post(`/spas/:id/${path}`, MANAGE, async (c) => {
      const id = spaId(c);
      const staff = signedInStaff(c);
      const result = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => setSpaStatus(ctx, staff.staffId, id, status));
      if (!result.ok) {
        if (result.status === 404) throw notFound();
        return renderSpa(c, id, { error: result.message }, 409);
      }
      return c.redirect(`/spas/${id}?done=${done}`, 303);
    });
  }

  router.post('/spas/:id/resend-invitation', MANAGE, async (c) => {
    const id = spaId(c);
    const staff = signedInStaff(c);
    const now = c.var.deps.now();
    const invitation = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => resendOwnerInvitation(ctx, staff.staffId, id, now));
    if (!invitation) return renderSpa(c, id, { error: 'Nobody is waiting for an invitation: the owner has accepted, or the spa is not active.' }, 409);
    await sendOwnerInvitation(c, invitation);
    return c.redirect(`/spas/${id}?done=resent`, 303);
  });

  router.post('/spas/:id/reset-owner-mfa', MANAGE, async (c) => {
    const id = spaId(c);
    const form = await parseForm(c, ownerMfaResetSchema);
    if (!form.ok) return renderSpa(c, id, { mfaForm: { values: form.values, errors: form.errors } }, 400);
    const staff = signedInStaff(c);
    const { operator_id: operatorId, verification_note: note } = form.data;
    const result = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => resetOwnerMfa(ctx, staff.staffId, id, operatorId, note));
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      const errors: Record<string, string> = { [result.field ?? 'form']: result.message };
      return renderSpa(c, id, { mfaForm: { values: form.values, errors } }, 409);
    }
    await sendOwnerMfaResetNotices(c, result);
    return c.redirect(`/spas/${id}?done=mfa_reset`, 303);
  });
}
