import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { z } from 'zod';
import { withTenant, type ServiceCtx } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { parseForm } from '../../infra/http/forms.ts';
import { consumeRateLimit, rateLimitHits } from '../../infra/http/rate-limit.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { leaveWindow } from '../break-glass/routes.tsx';
import { getSpaProfile } from '../tenancy/service.ts';
import { FORM_COOKIE } from '../forms/fill.routes.tsx';
import { clearSessionCookie, setSessionCookie } from './guard.ts';
import { dropLinkToken } from './link-cookie.ts';
import { HashingBusyError, verifyAgainstDummy, verifyPassword } from './security/password-hash.ts';
import { qrSvg } from './security/qr-svg.ts';
import { totpUri } from './security/totp.ts';
import { completeEnrolment, countCodeFailure, pendingEnrolmentSecret, useRecoveryCode, verifyOperatorCode } from './second-factor.ts';
import { endAllSessions, rotateSession, startSession, type Principal } from './sessions.ts';
import { accountSubject, ACCOUNT_FAILURES, findOperatorByEmail, recordSignInFailure, recordSignInSuccess, securityContacts, SIGN_IN_PER_IP } from './sign-in.ts';
import { EnrolPage, RecoveryCodesPage, RecoveryLoginPage } from './views/second-factor.tsx';
import { LoginPage, TotpPage } from './views/login.tsx';

const credentials = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(254, 'That email is too long.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.'),
});
const totpCode = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6 digits your app shows.') });
const recoveryCode = z.object({ code: z.string().trim().min(10, 'Enter a recovery code, like abcde-fghjk.').max(20, 'That is not a recovery code.') });

type CodeOutcome = { token: string; ended?: never } | { ended: boolean; token?: never };

const NO_MATCH = 'That email and password do not match an account here.';
const ENDED: Record<string, string> = {
  idle: 'You were signed out after a period of inactivity. Please sign in again.',
  expired: 'Your session reached its 12-hour limit. Please sign in again.',
  inactive: 'Your account is no longer active here.',
  break_glass: 'The break-glass access has ended. Open a new one from the Lumè console if it is still needed.',
};

async function spaName(c: Context<AppEnv>): Promise<string> {
  return (await withTenant(c.var.deps.db, requestScope(c), getSpaProfile)).displayName;
}

function meta(c: Context<AppEnv>) {
  return { now: c.var.deps.now(), ip: c.var.ip === 'unknown' ? null : c.var.ip, userAgent: c.req.header('user-agent') ?? null };
}

/** The half-signed-in session at a given stage, or a response sending the person back to the right step. */
function pending(c: Context<AppEnv>, stage: 'mfa' | 'enrol'): Principal | Response {
  const principal = c.get('principal');
  if (!principal) return c.redirect('/login', 303);
  if (principal.stage === 'active') return c.redirect('/', 303);
  if (principal.stage !== stage) return c.redirect(principal.stage === 'mfa' ? '/login/totp' : '/login/enrol', 303);
  return principal;
}

export function registerSignInRoutes(router: SurfaceRouter): void {
  router.get('/login', 'public', async (c) => {
    if (c.get('principal')?.stage === 'active') return c.redirect('/', 303);
    const ended = c.req.query('ended');
    return c.html(<LoginPage spaName={await spaName(c)} csrfToken={csrfToken(c)} error={ended ? ENDED[ended] : undefined} />);
  });

  router.post('/login', 'public', async (c) => {
    const { db, messaging, config } = c.var.deps;
    const name = await spaName(c);
    const form = await parseForm(c, credentials);
    const again = (error: string, status: 400 | 401 | 429 | 503) =>
      c.html(<LoginPage spaName={name} csrfToken={csrfToken(c)} email={form.values.email} error={error} />, status);
    if (!form.ok) return again(Object.values(form.errors)[0]!, 400);

    if (await consumeRateLimit(db, SIGN_IN_PER_IP, c.var.ip, c.var.requestId)) return again('Too many sign-in attempts from your network. Please wait a minute and try again.', 429);
    const subject = accountSubject(c.var.tenant.id, form.data.email);
    if ((await rateLimitHits(db, ACCOUNT_FAILURES, subject, c.var.requestId)) >= ACCOUNT_FAILURES.limit) {
      return again('Too many failed attempts for this email. Please wait 15 minutes, or reset your password.', 429);
    }

    const scope = requestScope(c);
    const candidate = await withTenant(db, scope, (ctx) => findOperatorByEmail(ctx, form.data.email));
    let matches: boolean;
    try {
      matches = candidate?.passwordHash ? await verifyPassword(candidate.passwordHash, form.data.password) : await verifyAgainstDummy(form.data.password);
    } catch (error) {
      if (error instanceof HashingBusyError) return again('Lumè is busy right now. Please try again in a few seconds.', 503);
      throw error;
    }

    if (!candidate || !matches || candidate.status !== 'active') {
      await consumeRateLimit(db, ACCOUNT_FAILURES, subject, c.var.requestId);
      const failures = await rateLimitHits(db, ACCOUNT_FAILURES, subject, c.var.requestId);
      const contacts = await withTenant(db, scope, async (ctx) => {
        await recordSignInFailure(ctx, candidate?.id ?? null, 'password');
        return failures === ACCOUNT_FAILURES.limit ? securityContacts(ctx) : null;
      });
      if (contacts) {
        for (const to of contacts.emails) {
          await messaging.phiEmail.send({
            to,
            spaSlug: c.var.tenant.slug,
            subject: `Repeated failed sign-ins at ${contacts.spaName}`,
            text: `There were ${failures} failed sign-in attempts for one email address at ${contacts.spaName} in the last 15 minutes. Further attempts for it are paused for 15 minutes.\n\nIf this was not one of your staff, review the audit trail in Lumè (Settings → Audit) and consider asking them to change their password.`,
          });
        }
      }
      return again(NO_MATCH, 401);
    }

    const stage = candidate.totpEnrolled ? 'mfa' : 'enrol';
    const token = await withTenant(db, { ...scope, actor: { kind: 'operator', id: candidate.id } }, (ctx) => startSession(ctx, { operatorId: candidate.id, stage, ...meta(c) }));
    setSessionCookie(c, token);
    // A tablet once lent to a kiosk keeps no client's form link past a staff sign-in (ADR 012).
    dropLinkToken(c, FORM_COOKIE);
    return c.redirect(stage === 'mfa' ? '/login/totp' : '/login/enrol', 303);
  });

  router.get('/login/totp', 'public', async (c) => {
    const principal = pending(c, 'mfa');
    if (principal instanceof Response) return principal;
    return c.html(<TotpPage spaName={await spaName(c)} csrfToken={csrfToken(c)} />);
  });

  router.post('/login/totp', 'public', async (c) => {
    const form = await parseForm(c, totpCode);
    return secondFactorStep(
      c,
      (ctx, principal, now) => form.ok && verifyOperatorCode(ctx, c.var.deps.config.masterKey, principal.operatorId, form.data.code, now),
      async (name, token) => <TotpPage spaName={name} csrfToken={token} error={form.ok ? 'That code did not match. Use the newest code your app shows.' : form.errors.code} />,
    );
  });

  router.get('/login/recovery', 'public', async (c) => {
    const principal = pending(c, 'mfa');
    if (principal instanceof Response) return principal;
    return c.html(<RecoveryLoginPage spaName={await spaName(c)} csrfToken={csrfToken(c)} />);
  });

  router.post('/login/recovery', 'public', async (c) => {
    const form = await parseForm(c, recoveryCode);
    return secondFactorStep(
      c,
      (ctx, principal, now) => form.ok && useRecoveryCode(ctx, c.var.deps.config.secret, principal.operatorId, form.data.code, now),
      async (name, token) => <RecoveryLoginPage spaName={name} csrfToken={token} error={form.ok ? 'That code is not one of your unused recovery codes.' : form.errors.code} />,
    );
  });

  router.get('/login/enrol', 'public', async (c) => {
    const principal = pending(c, 'enrol');
    if (principal instanceof Response) return principal;
    return c.html(await enrolPage(c, principal));
  });

  router.post('/login/enrol', 'public', async (c) => {
    const principal = pending(c, 'enrol');
    if (principal instanceof Response) return principal;
    const { db, config } = c.var.deps;
    const form = await parseForm(c, totpCode);
    const m = meta(c);
    const outcome = await withTenant(db, requestScope(c), async (ctx) => {
      const codes = form.ok ? await completeEnrolment(ctx, config, principal.sessionId, principal.operatorId, form.data.code, m.now) : null;
      if (!codes) return { ended: await countCodeFailure(ctx, principal.sessionId) };
      await recordSignInSuccess(ctx, principal.operatorId, m.now);
      return { codes, token: await rotateSession(ctx, principal, 'active', m) };
    });
    if ('token' in outcome) {
      setSessionCookie(c, outcome.token!);
      return c.html(<RecoveryCodesPage spaName={await spaName(c)} codes={outcome.codes!} />);
    }
    if (outcome.ended) {
      clearSessionCookie(c);
      return c.html(<LoginPage spaName={await spaName(c)} csrfToken={csrfToken(c)} error="Too many wrong codes. Please sign in again." />, 401);
    }
    return c.html(await enrolPage(c, principal, form.ok ? 'That code did not match. Check the time on your phone and use the newest code.' : form.errors.code), 401);
  });

  router.post('/logout', 'use:crm:any', async (c) => {
    const principal = c.get('principal')!;
    if (principal.breakGlass) return leaveWindow(c, principal.breakGlass);
    await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
      await endAllSessions(ctx, principal.operatorId);
      ctx.audit({ action: 'logout', recordType: 'session', recordId: principal.operatorId });
    });
    clearSessionCookie(c);
    return c.redirect('/login', 303);
  });
}

/**
 * The second step of sign-in, by authenticator code or recovery code: success
 * rotates to a fully signed-in session; each failure is counted and audited,
 * and too many end the half-signed-in session.
 */
async function secondFactorStep(
  c: Context<AppEnv>,
  check: (ctx: ServiceCtx, principal: Principal, now: Date) => false | Promise<boolean>,
  again: (spaName: string, csrf: string) => Promise<JSX.Element>,
) {
  const principal = pending(c, 'mfa');
  if (principal instanceof Response) return principal;
  const m = meta(c);
  const outcome = await withTenant<CodeOutcome>(c.var.deps.db, requestScope(c), async (ctx) => {
    if (await check(ctx, principal, m.now)) {
      await recordSignInSuccess(ctx, principal.operatorId, m.now);
      return { token: await rotateSession(ctx, principal, 'active', m) };
    }
    await recordSignInFailure(ctx, principal.operatorId, 'code');
    return { ended: await countCodeFailure(ctx, principal.sessionId) };
  });
  if (outcome.token) {
    setSessionCookie(c, outcome.token);
    return c.redirect('/', 303);
  }
  if (outcome.ended) {
    clearSessionCookie(c);
    return c.html(<LoginPage spaName={await spaName(c)} csrfToken={csrfToken(c)} error="Too many wrong codes. Please sign in again." />, 401);
  }
  return c.html(await again(await spaName(c), csrfToken(c)), 401);
}

async function enrolPage(c: Context<AppEnv>, principal: Principal, error?: string) {
  const { db, config } = c.var.deps;
  const name = await spaName(c);
  const secret = await withTenant(db, requestScope(c), (ctx) => pendingEnrolmentSecret(ctx, config.masterKey, principal.sessionId));
  const svg = await qrSvg(totpUri({ secret, accountName: principal.email, issuer: `Lumè · ${name}` }));
  return <EnrolPage spaName={name} csrfToken={csrfToken(c)} qrSvg={svg} secret={secret} error={error} />;
}
