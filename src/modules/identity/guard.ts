import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { HttpError } from '../../infra/http/errors.ts';
import type { Access, AccessGuard } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { hasWindowCookie, loadWindowPrincipal, windowGuard } from '../break-glass/guard.ts';
import { clientMayLoad, kioskInUse } from '../kiosk/in-use.tsx';
import { isPermission, PERMISSIONS } from './permissions.ts';
import { checkSession } from './sessions.ts';

export const SESSION_COOKIE = '__Host-lume_session';

/** Requests a page makes on its own (live calendar refresh) send this header; they do not count as activity. */
export const BACKGROUND_HEADER = 'x-lume-background';

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { secure: true, path: '/' });
  // Forms rendered from here on belong to no session (their tokens must not be bound to the ended one).
  c.set('csrfBinding', '');
}

/** Reads the session cookie, if any, and resolves the operator, roles and permissions from the database (SEC-2, SEC-4). */
export const loadPrincipal = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (token && /^[A-Za-z0-9_-]{43}$/.test(token)) {
    const { db, now } = c.var.deps;
    const activity = c.req.header(BACKGROUND_HEADER) !== '1';
    const result = await withTenant(db, requestScope(c), (ctx) => checkSession(ctx, token, now(), activity));
    if (result.ok && result.principal.kiosk) {
      // Lent to a kiosk: the tablet is the client's now. The session opens nothing (kioskInUse); the
      // client's form pages are served only while it lasts (kiosk/kiosk.ts gateKioskLink).
      c.set('kioskHold', { ...result.principal, kiosk: result.principal.kiosk });
    } else if (result.ok) {
      c.set('principal', result.principal);
      c.set('csrfBinding', result.principal.sessionId);
    } else {
      if (result.reason !== 'none') c.set('sessionEnded', result.reason);
      clearSessionCookie(c);
    }
  } else if (token) {
    clearSessionCookie(c);
  }
  // Lumè staff inside a break-glass window (SEC-9) carry their own cookie; never looked at when an operator is signed in.
  if (!c.get('principal') && !c.get('kioskHold') && hasWindowCookie(c)) await loadWindowPrincipal(c);
  await next();
});

/**
 * Turns a route's declared permission into an answer: no signed-in operator →
 * back to sign-in (401 for scripts); signed in without the permission → 403 with
 * a plain explanation.
 */
export const operatorGuard: AccessGuard = async (c, access: Access) => {
  // A tablet lent to a kiosk reaches the client's form pages (and the logo they show) and nothing else, sign-in included.
  if (c.get('kioskHold') && access !== 'link-token' && !(access === 'public' && clientMayLoad(c.req.path))) return kioskInUse(c);
  if (access === 'public' || access === 'link-token') return;
  const principal = c.get('principal');
  if (!principal || principal.stage !== 'active') {
    const ended = c.get('sessionEnded');
    const target = ended ? `/login?ended=${ended}` : '/login';
    if (c.req.header('hx-request')) {
      c.header('HX-Redirect', target);
      return c.body(null, 401);
    }
    if (c.req.method === 'GET') return c.redirect(target, 303);
    throw new HttpError(401, 'Your session has ended. Please sign in again.');
  }
  if (principal.breakGlass) return windowGuard(c, access);
  if (!principal.permissions.has(access)) await refuse(c, access);
};

/** Records the refusal (which route pattern, never the raw path; by whom) and answers 403 with a plain reason. */
async function refuse(c: Context<AppEnv>, permission: string): Promise<never> {
  await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
    ctx.audit({ action: 'access', recordType: 'route', recordId: `${c.req.method} ${c.req.routePath}`, outcome: 'denied' });
  });
  const what = isPermission(permission) ? PERMISSIONS[permission].toLowerCase() : permission;
  throw new HttpError(403, `Your role does not allow this: ${what}. Ask your spa’s owner if you need it.`);
}

/**
 * For a route that needs a second permission besides the one it declares (a page that shows a
 * client's profile as part of something else): refused like the guard refuses, 403 and audited.
 */
export async function demandPermission(c: Context<AppEnv>, permission: string): Promise<void> {
  const principal = c.get('principal');
  if (!principal?.permissions.has(permission)) await refuse(c, permission);
}
