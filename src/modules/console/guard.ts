import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../infra/http/context.ts';
import { HttpError } from '../../infra/http/errors.ts';
import type { Access, AccessGuard } from '../../infra/http/router.ts';
import { withConsole, type ConsoleActor, type ConsoleScope } from './context.ts';
import { CONSOLE_PERMISSIONS, isConsolePermission, roleName } from './permissions.ts';
import { checkConsoleSession, type StaffPrincipal } from './sessions.ts';

/** Host-only, Secure, HttpOnly, SameSite=Strict: the console's own cookie, never a spa's. */
export const CONSOLE_COOKIE = '__Host-lume_console';

/** Requests a page makes on its own send this header; they do not count as activity. */
const BACKGROUND_HEADER = 'x-lume-background';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The staff member of each request, kept beside the request (the shared context types know only operators). */
const principals = new WeakMap<Context<AppEnv>, StaffPrincipal>();

export function staffOf(c: Context<AppEnv>): StaffPrincipal | undefined {
  return principals.get(c);
}

/** The signed-in staff member of a guarded route (the guard has let only them through). */
export function signedInStaff(c: Context<AppEnv>): StaffPrincipal {
  const staff = principals.get(c);
  if (!staff || staff.stage !== 'active') throw new HttpError(401, 'Your session has ended. Please sign in again.');
  return staff;
}

export function setConsoleCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, CONSOLE_COOKIE, token, { secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
}

export function clearConsoleCookie(c: Context<AppEnv>): void {
  deleteCookie(c, CONSOLE_COOKIE, { secure: true, path: '/' });
}

export function actorOf(staff: StaffPrincipal | undefined): ConsoleActor {
  return staff ? { kind: 'staff', id: staff.staffId, role: staff.role } : { kind: 'anonymous', id: null };
}

/** This request's console transaction scope: who, the request id and where it came from. */
export function consoleScope(c: Context<AppEnv>, actor: ConsoleActor = actorOf(staffOf(c))): ConsoleScope {
  return { requestId: c.var.requestId, actor, ip: c.var.ip === 'unknown' ? null : c.var.ip, userAgent: c.req.header('user-agent') ?? null };
}

/** Reads the console cookie, if any, and resolves the staff member and their role from the database (SEC-2, SEC-4). */
export const loadConsoleStaff = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, CONSOLE_COOKIE);
  if (token && TOKEN_SHAPE.test(token)) {
    const { db, now } = c.var.deps;
    const activity = c.req.header(BACKGROUND_HEADER) !== '1';
    const result = await withConsole(db, consoleScope(c, { kind: 'anonymous', id: null }), (ctx) => checkConsoleSession(ctx, token, now(), activity));
    if (result.ok) {
      principals.set(c, result.principal);
      c.set('csrfBinding', result.principal.sessionId);
    } else {
      if (result.reason !== 'none') c.set('sessionEnded', result.reason);
      clearConsoleCookie(c);
    }
  } else if (token) {
    clearConsoleCookie(c);
  }
  await next();
});

/**
 * Turns a console route's declared permission into an answer: not signed in → the sign-in page
 * (401 for scripts); signed in without it → 403 in plain words, recorded in the console's trail.
 */
export const consoleGuard: AccessGuard = async (c, access: Access) => {
  if (access === 'public' || access === 'link-token') return;
  const staff = staffOf(c);
  if (!staff || staff.stage !== 'active') {
    const ended = c.get('sessionEnded');
    const target = ended ? `/login?ended=${ended}` : '/login';
    if (c.req.header('hx-request')) {
      c.header('HX-Redirect', target);
      return c.body(null, 401);
    }
    if (c.req.method === 'GET') return c.redirect(target, 303);
    throw new HttpError(401, 'Your session has ended. Please sign in again.');
  }
  if (!isConsolePermission(access) || !staff.permissions.has(access)) {
    await withConsole(c.var.deps.db, consoleScope(c), async (ctx) => {
      ctx.audit({ action: 'access', targetKind: 'route', targetId: `${c.req.method} ${c.req.routePath}`, outcome: 'denied' });
    });
    const what = isConsolePermission(access) ? CONSOLE_PERMISSIONS[access].toLowerCase() : access;
    throw new HttpError(403, `The ${roleName(staff.role)} role does not allow this: ${what}. Ask a Lumè console admin if you need it.`);
  }
};
