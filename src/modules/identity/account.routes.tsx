import type { Context } from 'hono';
import { z } from 'zod';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import { consumeRateLimit, rateLimitHits } from '../../infra/http/rate-limit.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { accountOverview, changeOwnPassword, endOwnSession, PASSWORD_CHANGE_FAILURES } from './account.ts';
import { isRecordId } from './form-list.ts';
import { clearSessionCookie } from './guard.ts';
import { newPasswordFields } from './password-form.ts';
import { HashingBusyError } from './security/password-hash.ts';
import { AccountPage } from './views/account.tsx';

const SIGNED_IN = 'use:crm:any';

const DONE: Record<string, string> = {
  password: 'Password changed. Every other device was signed out.',
  session: 'That device was signed out.',
};

const changePasswordSchema = z
  .object({ current_password: z.string().min(1, 'Enter your current password.').max(1024, 'That is not your current password.'), ...newPasswordFields })
  .refine((d) => d.password === d.password_confirm, { path: ['password_confirm'], message: 'The two new passwords do not match. Type the same password twice.' });

async function renderAccount(c: Context<AppEnv>, passwordErrors?: Record<string, string>, status: 200 | 400 | 429 | 503 = 200) {
  const principal = c.get('principal')!;
  const now = c.var.deps.now();
  const account = await withTenant(c.var.deps.db, requestScope(c), (ctx) => accountOverview(ctx, principal, now));
  c.status(status);
  return crmPage(c, { title: 'My account', section: '/account' }, <AccountPage account={account} csrfToken={csrfToken(c)} now={now} notice={DONE[c.req.query('done') ?? '']} passwordErrors={passwordErrors} />);
}

/** The signed-in person's own account: every operator has it. */
export function registerAccountRoutes(router: SurfaceRouter): void {
  router.get('/account', SIGNED_IN, (c) => renderAccount(c));

  router.post('/account/password', SIGNED_IN, async (c) => {
    const principal = c.get('principal')!;
    const { db } = c.var.deps;
    const form = await parseForm(c, changePasswordSchema);
    if (!form.ok) return renderAccount(c, form.errors, 400);
    if ((await rateLimitHits(db, PASSWORD_CHANGE_FAILURES, principal.operatorId, c.var.requestId)) >= PASSWORD_CHANGE_FAILURES.limit) {
      return renderAccount(c, { form: 'Too many wrong current passwords. Wait 15 minutes, or sign out and use “Forgot password?”.' }, 429);
    }
    const now = c.var.deps.now();
    try {
      const result = await withTenant(db, requestScope(c), (ctx) => changeOwnPassword(ctx, principal, { current: form.data.current_password, next: form.data.password }, now));
      if (!result.ok) {
        if (result.field === 'current_password') await consumeRateLimit(db, PASSWORD_CHANGE_FAILURES, principal.operatorId, c.var.requestId);
        return renderAccount(c, { [result.field]: result.message }, 400);
      }
    } catch (error) {
      if (!(error instanceof HashingBusyError)) throw error;
      return renderAccount(c, { form: 'Lumè is busy right now. Please try again in a few seconds.' }, 503);
    }
    return c.redirect('/account?done=password', 303);
  });

  router.post('/account/sessions/:id/end', SIGNED_IN, async (c) => {
    const principal = c.get('principal')!;
    const id = c.req.param('id');
    if (!isRecordId(id)) throw notFound();
    const ended = await withTenant(c.var.deps.db, requestScope(c), (ctx) => endOwnSession(ctx, principal.operatorId, id));
    if (!ended) throw notFound();
    if (id === principal.sessionId) {
      clearSessionCookie(c);
      return c.redirect('/login', 303);
    }
    return c.redirect('/account?done=session#sessions', 303);
  });
}
