/**
 * Kiosk mode's routes (issue 7, ADR 012). Starting is a CRM write on the client's Forms tab, for
 * those who may send forms. The unlock lives under /f beside the client's form pages, the only
 * addresses a lent tablet reaches (access `link-token`): it is checked against the suspended session
 * itself, not the link, and its attempts are limited per address and per kiosk.
 */
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { HttpError, notFound } from '../../infra/http/errors.ts';
import { formBody, parseForm } from '../../infra/http/forms.ts';
import { consumeRateLimit } from '../../infra/http/rate-limit.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { FORM_COOKIE } from '../forms/fill.routes.tsx';
import { mayHandleLinks } from '../forms/link-rights.ts';
import { isRecordId } from '../identity/form-list.ts';
import { clearSessionCookie, setSessionCookie } from '../identity/guard.ts';
import { dropLinkToken, heldLinkToken } from '../identity/link-cookie.ts';
import { spaBrand } from '../identity/link-pages.tsx';
import { verifyOperatorCode } from '../identity/second-factor.ts';
import { HashingBusyError, verifyAgainstDummy, verifyPassword } from '../identity/security/password-hash.ts';
import { closeOrphanKiosk, finishUnlock, KIOSK_LINK_TTL_MS, startKiosk, unlockTarget, UNLOCK_PER_IP } from './kiosk.ts';
import { END_PATH, KIOSK_ENDED_REASON, KioskEndedPage, KioskUnlockPage, UNLOCK_PATH } from './views/kiosk-pages.tsx';

const unlockForm = z.object({
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.'),
  code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6 digits your app shows.'),
});

const LOCKED_OUT = 'Too many wrong attempts: the staff session on this tablet was ended and the forms closed. Sign in again to use Lumè.';

function privatePage(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

function meta(c: Context<AppEnv>) {
  return { now: c.var.deps.now(), ip: c.var.ip === 'unknown' ? null : c.var.ip, userAgent: c.req.header('user-agent') ?? null };
}

/** The tablet's page when no session is lent any more: close what is left of the kiosk, then sign in. */
async function endedPage(c: Context<AppEnv>, reason: string, status: 200 | 401 = 200): Promise<Response> {
  privatePage(c);
  const canClose = heldLinkToken(c, FORM_COOKIE) !== '';
  return c.html(<KioskEndedPage {...await spaBrand(c)} csrfToken={csrfToken(c)} reason={reason} canClose={canClose} />, status);
}

async function unlockPage(c: Context<AppEnv>, errors: { error?: string; passwordError?: string; codeError?: string } = {}, status: 200 | 400 | 401 | 429 | 503 = 200): Promise<Response> {
  privatePage(c);
  const hold = c.get('kioskHold')!;
  return c.html(<KioskUnlockPage {...await spaBrand(c)} operatorName={hold.fullName} csrfToken={csrfToken(c)} {...errors} />, status);
}

export function registerKioskRoutes(router: SurfaceRouter): void {
  /** "Hand the tablet to the client": a kiosk link for the pending forms, the session lent, the tablet on the fill page. */
  router.post('/clients/:id/forms/kiosk', 'read:form-status:any', async (c) => {
    const clientId = c.req.param('id');
    if (!isRecordId(clientId)) throw notFound();
    const principal = c.get('principal')!;
    if (!mayHandleLinks(principal)) {
      throw new HttpError(403, 'Handing the tablet to a client needs the right to edit clients or to manage forms.');
    }
    const body = await formBody(c);
    const which = body.forms?.[0] ?? 'all';
    if (which !== 'all' && !isRecordId(which)) throw new HttpError(400, 'Choose which forms the client should fill in.');
    const now = c.var.deps.now();
    const started = await withTenant(c.var.deps.db, requestScope(c), (ctx) =>
      startKiosk(ctx, { sessionId: principal.sessionId, operatorId: principal.operatorId, clientId: clientId.toLowerCase(), which: which === 'all' ? 'all' : { appointmentId: which.toLowerCase() }, now }),
    );
    if (!started.ok && started.status === 404) throw notFound();
    if (!started.ok) throw new HttpError(409, started.message);
    setSessionCookie(c, started.sessionToken);
    // The link's token goes straight into the tablet's form cookie: it is never in a URL or a page.
    setCookie(c, FORM_COOKIE.name, started.linkToken, { secure: true, httpOnly: true, sameSite: 'Lax', path: FORM_COOKIE.path, maxAge: KIOSK_LINK_TTL_MS / 1000 });
    privatePage(c);
    return c.redirect(`/f?lang=${started.lang}`, 303);
  });

  router.get(UNLOCK_PATH, 'link-token', async (c) => {
    if (!c.get('kioskHold')) return endedPage(c, KIOSK_ENDED_REASON);
    return unlockPage(c);
  });

  router.post(UNLOCK_PATH, 'link-token', async (c) => {
    const { db, config } = c.var.deps;
    const retry = await consumeRateLimit(db, UNLOCK_PER_IP, c.var.ip, c.var.requestId);
    if (retry) {
      c.header('Retry-After', String(retry));
      if (!c.get('kioskHold')) throw new HttpError(429, 'Too many unlock attempts from this network. Please wait a minute and try again.', { 'Retry-After': String(retry) });
      return unlockPage(c, { error: 'Too many unlock attempts from this network. Please wait a minute and try again.' }, 429);
    }
    const hold = c.get('kioskHold');
    if (!hold) return endedPage(c, KIOSK_ENDED_REASON);
    const form = await parseForm(c, unlockForm);
    if (!form.ok) return unlockPage(c, { passwordError: form.errors.password, codeError: form.errors.code }, 400);
    const m = meta(c);
    const target = await withTenant(db, requestScope(c), (ctx) => unlockTarget(ctx, hold.sessionId));
    if (!target) return endedPage(c, KIOSK_ENDED_REASON);
    let passwordOk: boolean;
    try {
      passwordOk = target.passwordHash ? await verifyPassword(target.passwordHash, form.data.password) : await verifyAgainstDummy(form.data.password);
    } catch (error) {
      if (error instanceof HashingBusyError) return unlockPage(c, { error: 'Lumè is busy right now. Please try again in a few seconds.' }, 503);
      throw error;
    }
    // Past the right password, the attempt is the operator's own (as a sign-in's second step is); before it, nobody known.
    const scope = passwordOk ? { ...requestScope(c), actor: { kind: 'operator' as const, id: target.operatorId, role: hold.roles.join(',') } } : requestScope(c);
    const outcome = await withTenant(db, scope, (ctx) =>
      finishUnlock(ctx, {
        sessionId: hold.sessionId,
        target,
        passwordOk,
        checkCode: (inner, operatorId) => verifyOperatorCode(inner, config.masterKey, operatorId, form.data.code, m.now),
        ...m,
      }),
    );
    if (outcome.ok) {
      setSessionCookie(c, outcome.sessionToken);
      dropLinkToken(c, FORM_COOKIE);
      privatePage(c);
      return c.redirect(`/clients/${outcome.clientId}/forms?done=unlocked`, 303);
    }
    if (outcome.ended) {
      clearSessionCookie(c);
      dropLinkToken(c, FORM_COOKIE);
      privatePage(c);
      return c.html(<KioskEndedPage {...await spaBrand(c)} csrfToken={csrfToken(c)} reason={LOCKED_OUT} canClose={false} />, 401);
    }
    return unlockPage(c, { error: `That password and code do not match those of ${hold.fullName}.` }, 401);
  });

  /** Closes a kiosk whose staff session already ended (nothing to unlock), then on to sign-in. */
  router.post(END_PATH, 'link-token', async (c) => {
    if (c.get('kioskHold')) return c.redirect(UNLOCK_PATH, 303); // a lent session is left only by unlocking it
    const token = heldLinkToken(c, FORM_COOKIE);
    if (token) await withTenant(c.var.deps.db, requestScope(c), (ctx) => closeOrphanKiosk(ctx, token, c.var.deps.now()));
    dropLinkToken(c, FORM_COOKIE);
    privatePage(c);
    return c.redirect('/login', 303);
  });
}
