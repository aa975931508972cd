import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { HttpError } from '../../infra/http/errors.ts';
import type { Access } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { checkWindow } from './service.ts';
import { BREAK_GLASS_COOKIE, windowAllows } from './window.ts';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The window's cookie lives no longer than the window itself. */
export function setWindowCookie(c: Context<AppEnv>, token: string, endsAt: Date, now: Date): void {
  const maxAge = Math.max(1, Math.floor((endsAt.getTime() - now.getTime()) / 1000));
  setCookie(c, BREAK_GLASS_COOKIE, token, { secure: true, httpOnly: true, sameSite: 'Strict', path: '/', maxAge });
}

export function clearWindowCookie(c: Context<AppEnv>): void {
  deleteCookie(c, BREAK_GLASS_COOKIE, { secure: true, path: '/' });
  c.set('csrfBinding', '');
}

/** True when the request carries a window's cookie at all (checked only when no operator is signed in). */
export function hasWindowCookie(c: Context<AppEnv>): boolean {
  return getCookie(c, BREAK_GLASS_COOKIE) !== undefined;
}

/**
 * Loads the break-glass principal from the window's cookie (called by identity's loadPrincipal
 * when no operator session is present). An ended window clears the cookie and says why.
 */
export async function loadWindowPrincipal(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, BREAK_GLASS_COOKIE) ?? '';
  if (!TOKEN_SHAPE.test(token)) return clearWindowCookie(c);
  const { db, now } = c.var.deps;
  const activity = c.req.header('x-lume-background') !== '1';
  const result = await withTenant(db, requestScope(c), (ctx) => checkWindow(ctx, token, now(), activity));
  if (result.ok) {
    c.set('principal', result.principal);
    c.set('csrfBinding', result.principal.sessionId);
    return;
  }
  if (result.reason !== 'none') c.set('sessionEnded', result.reason);
  clearWindowCookie(c);
}

/**
 * The access check for a request inside a window, in place of the operator's: reads the window
 * opens and leaving it; everything else answers 403 in plain words. Every request is recorded in
 * the spa's trail under the staff member (actor kind 'staff'), allowed or not — on top of the
 * rows the services write for the records they read.
 */
export async function windowGuard(c: Context<AppEnv>, access: Access): Promise<void> {
  if (access === 'public' || access === 'link-token') return;
  const verdict = windowAllows(c.req.method, c.req.routePath, access);
  await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
    ctx.audit({ action: 'access', recordType: 'route', recordId: `${c.req.method} ${c.req.routePath}`, outcome: verdict === 'allowed' ? 'success' : 'denied' });
  });
  if (verdict === 'read_only') throw new HttpError(403, 'Break-glass access is read-only: nothing can be added, changed or sent during it.');
  if (verdict === 'not_in_window') throw new HttpError(403, 'Break-glass access does not open this page. It shows clients, charts and the calendar, read only.');
}
