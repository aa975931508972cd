import type { Context } from 'hono';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import type { TokenHolder } from './auth-tokens.ts';
import { acceptInvitation, findInvitation } from './invitations.ts';
import { dropLinkToken, heldLinkToken, holdLinkToken, INVITE_COOKIE } from './link-cookie.ts';
import { guardLinkAttempts, refuseLink, spaDisplayName } from './link-pages.tsx';
import { newPasswordSchema } from './password-form.ts';
import { HashingBusyError } from './security/password-hash.ts';
import { InvitationAcceptedPage, JoinPage } from './views/invitation.tsx';

function joinPage(c: Context<AppEnv>, holder: TokenHolder, errors: Record<string, string> = {}, status: 200 | 400 | 503 = 200) {
  return c.html(<JoinPage spaName={holder.spaName} fullName={holder.fullName} email={holder.email} csrfToken={csrfToken(c)} errors={errors} />, status);
}

/** Invitation links (public: the link's token is the credential). */
export function registerInvitationRoutes(router: SurfaceRouter): void {
  router.get('/invite/accepted', 'public', async (c) => c.html(<InvitationAcceptedPage spaName={await spaDisplayName(c)} />));

  /** The emailed link: the token moves into a cookie and out of the address bar. */
  router.get('/invite/:token', 'public', async (c) => {
    await guardLinkAttempts(c);
    const token = c.req.param('token') ?? '';
    const now = c.var.deps.now();
    const holder = await withTenant(c.var.deps.db, requestScope(c), (ctx) => findInvitation(ctx, token, now));
    if (!holder) return refuseLink(c, INVITE_COOKIE, 'invitation');
    holdLinkToken(c, INVITE_COOKIE, token);
    return c.redirect('/invite', 303);
  });

  router.get('/invite', 'public', async (c) => {
    await guardLinkAttempts(c);
    const now = c.var.deps.now();
    const token = heldLinkToken(c, INVITE_COOKIE);
    const holder = await withTenant(c.var.deps.db, requestScope(c), (ctx) => findInvitation(ctx, token, now));
    if (!holder) return refuseLink(c, INVITE_COOKIE, 'invitation');
    return joinPage(c, holder);
  });

  router.post('/invite', 'public', async (c) => {
    await guardLinkAttempts(c);
    const { db } = c.var.deps;
    const now = c.var.deps.now();
    const token = heldLinkToken(c, INVITE_COOKIE);
    const form = await parseForm(c, newPasswordSchema);
    if (!form.ok) {
      const holder = await withTenant(db, requestScope(c), (ctx) => findInvitation(ctx, token, now));
      return holder ? joinPage(c, holder, form.errors, 400) : refuseLink(c, INVITE_COOKIE, 'invitation');
    }
    try {
      const result = await withTenant(db, requestScope(c), (ctx) => acceptInvitation(ctx, token, form.data.password, now));
      if (!result.ok) return result.reason === 'invalid' ? refuseLink(c, INVITE_COOKIE, 'invitation') : joinPage(c, result.holder, { password: result.message }, 400);
    } catch (error) {
      if (!(error instanceof HashingBusyError)) throw error;
      const holder = await withTenant(db, requestScope(c), (ctx) => findInvitation(ctx, token, now));
      return holder ? joinPage(c, holder, { form: 'Lumè is busy right now. Please try again in a few seconds.' }, 503) : refuseLink(c, INVITE_COOKIE, 'invitation');
    }
    dropLinkToken(c, INVITE_COOKIE);
    return c.redirect('/invite/accepted', 303);
  });
}
