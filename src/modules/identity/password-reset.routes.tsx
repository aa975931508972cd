import type { Context } from 'hono';
import { z } from 'zod';
import { originFor } from '../../config.ts';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { parseForm } from '../../infra/http/forms.ts';
import { consumeRateLimit } from '../../infra/http/rate-limit.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import type { TokenHolder } from './auth-tokens.ts';
import { dropLinkToken, heldLinkToken, holdLinkToken, RESET_COOKIE } from './link-cookie.ts';
import { guardLinkAttempts, refuseLink, spaDisplayName } from './link-pages.tsx';
import { newPasswordSchema } from './password-form.ts';
import { completePasswordReset, findPasswordReset, FORGOT_PER_EMAIL, FORGOT_PER_IP, liftSignInLock, requestPasswordReset, resetEmail } from './password-reset.ts';
import { HashingBusyError } from './security/password-hash.ts';
import { accountSubject } from './sign-in.ts';
import { ForgotPasswordPage, ForgotPasswordSentPage, PasswordResetDonePage, ResetPasswordPage } from './views/password-reset.tsx';

const forgotSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter the email you sign in with.')
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter an email address like name@example.com.')),
});

/** The forgot-password answer takes at least this long, so its timing does not tell known emails from unknown ones. */
const STEADY_ANSWER_MS = 250;

async function steady(started: number): Promise<void> {
  const wait = STEADY_ANSWER_MS - (performance.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

function resetPage(c: Context<AppEnv>, holder: TokenHolder, errors: Record<string, string> = {}, status: 200 | 400 | 503 = 200) {
  return c.html(<ResetPasswordPage spaName={holder.spaName} email={holder.email} csrfToken={csrfToken(c)} errors={errors} />, status);
}

/** Forgotten passwords (public: answers never reveal whether an email has an account). */
export function registerPasswordResetRoutes(router: SurfaceRouter): void {
  router.get('/password/forgot', 'public', async (c) => c.html(<ForgotPasswordPage spaName={await spaDisplayName(c)} csrfToken={csrfToken(c)} />));

  router.post('/password/forgot', 'public', async (c) => {
    const started = performance.now();
    const { db, config, messaging } = c.var.deps;
    const spaName = await spaDisplayName(c);
    const form = await parseForm(c, forgotSchema);
    if (!form.ok) return c.html(<ForgotPasswordPage spaName={spaName} csrfToken={csrfToken(c)} email={form.values.email} fieldError={form.errors.email} />, 400);
    if (await consumeRateLimit(db, FORGOT_PER_IP, c.var.ip, c.var.requestId)) {
      return c.html(<ForgotPasswordPage spaName={spaName} csrfToken={csrfToken(c)} email={form.values.email} error="Too many requests from your network. Please wait 15 minutes and try again." />, 429);
    }
    // Per email, known or not: past the limit the answer stays the same, but no more mail is sent.
    const quiet = (await consumeRateLimit(db, FORGOT_PER_EMAIL, accountSubject(c.var.tenant.id, form.data.email), c.var.requestId)) > 0;
    if (!quiet) {
      const now = c.var.deps.now();
      const link = await withTenant(db, requestScope(c), (ctx) => requestPasswordReset(ctx, form.data.email, now));
      if (link) {
        const mail = resetEmail(link, `${originFor(config, c.var.tenant.slug)}/password/reset/${link.token}`);
        await messaging.phiEmail.send({ to: link.email, subject: mail.subject, text: mail.text, spaSlug: c.var.tenant.slug });
      }
    }
    await steady(started);
    return c.html(<ForgotPasswordSentPage spaName={spaName} />);
  });

  router.get('/password/reset/done', 'public', async (c) => c.html(<PasswordResetDonePage spaName={await spaDisplayName(c)} />));

  /** The emailed link: the token moves into a cookie and out of the address bar. */
  router.get('/password/reset/:token', 'public', async (c) => {
    await guardLinkAttempts(c);
    const token = c.req.param('token') ?? '';
    const now = c.var.deps.now();
    const holder = await withTenant(c.var.deps.db, requestScope(c), (ctx) => findPasswordReset(ctx, token, now));
    if (!holder) return refuseLink(c, RESET_COOKIE, 'reset');
    holdLinkToken(c, RESET_COOKIE, token);
    return c.redirect('/password/reset', 303);
  });

  router.get('/password/reset', 'public', async (c) => {
    await guardLinkAttempts(c);
    const now = c.var.deps.now();
    const token = heldLinkToken(c, RESET_COOKIE);
    const holder = await withTenant(c.var.deps.db, requestScope(c), (ctx) => findPasswordReset(ctx, token, now));
    if (!holder) return refuseLink(c, RESET_COOKIE, 'reset');
    return resetPage(c, holder);
  });

  router.post('/password/reset', 'public', async (c) => {
    await guardLinkAttempts(c);
    const { db } = c.var.deps;
    const now = c.var.deps.now();
    const token = heldLinkToken(c, RESET_COOKIE);
    const form = await parseForm(c, newPasswordSchema);
    if (!form.ok) {
      const holder = await withTenant(db, requestScope(c), (ctx) => findPasswordReset(ctx, token, now));
      return holder ? resetPage(c, holder, form.errors, 400) : refuseLink(c, RESET_COOKIE, 'reset');
    }
    let email: string;
    try {
      const result = await withTenant(db, requestScope(c), (ctx) => completePasswordReset(ctx, token, form.data.password, now));
      if (!result.ok) return result.reason === 'invalid' ? refuseLink(c, RESET_COOKIE, 'reset') : resetPage(c, result.holder, { password: result.message }, 400);
      email = result.email;
    } catch (error) {
      if (!(error instanceof HashingBusyError)) throw error;
      const holder = await withTenant(db, requestScope(c), (ctx) => findPasswordReset(ctx, token, now));
      return holder ? resetPage(c, holder, { form: 'Lumè is busy right now. Please try again in a few seconds.' }, 503) : refuseLink(c, RESET_COOKIE, 'reset');
    }
    await liftSignInLock(db, c.var.tenant.id, email, c.var.requestId);
    dropLinkToken(c, RESET_COOKIE);
    return c.redirect('/password/reset/done', 303);
  });
}
