import type { Context } from 'hono';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { notFound } from '../../infra/http/errors.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import type { Principal } from '../identity/sessions.ts';
import { getSpaProfile } from '../tenancy/service.ts';
import { clearWindowCookie, setWindowCookie } from './guard.ts';
import { endWindow, findLink, redeemLink } from './service.ts';
import { WindowLinkInvalidPage } from './views/link-invalid.tsx';
import { WindowReadyPage } from './views/ready.tsx';
import { BREAK_GLASS_ACTOR_ROLE } from './window.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function linkInvalid(c: Context<AppEnv>) {
  const spa = await withTenant(c.var.deps.db, requestScope(c), getSpaProfile);
  return c.html(<WindowLinkInvalidPage spaName={spa.displayName} />, 404);
}

/** The staff member leaves a window (the CRM's "Sign out" and the banner's button): it ends for good. */
export async function leaveWindow(c: Context<AppEnv>, window: NonNullable<Principal['breakGlass']>) {
  await withTenant(c.var.deps.db, requestScope(c), (ctx) => endWindow(ctx, window.grantId, { kind: 'staff', id: window.staffId }, c.var.deps.now()));
  clearWindowCookie(c);
  return c.redirect('/login?ended=break_glass', 303);
}

/** Break-glass on the spa's host (SEC-9): the one-time link, and an owner or manager ending a window. */
export function registerBreakGlassRoutes(router: SurfaceRouter): void {
  /**
   * The link shown once in the console. The token leaves the address at once: it is spent and
   * exchanged for the window's cookie, then the browser goes to a token-free page. Unknown,
   * spent, ended or expired links (and any other spa's) get the same answer.
   */
  /**
   * Where the link lands, token-free. The window's cookie is SameSite=Strict, and a browser that
   * came from another site (the console's host is one wherever the apex is a public suffix, like
   * localhost) does not send it until the next navigation from this host — so the person
   * continues with one click, which is also the moment they knowingly enter the spa's data.
   */
  router.get('/break-glass/ready', 'public', async (c) => {
    const spa = await withTenant(c.var.deps.db, requestScope(c), getSpaProfile);
    return c.html(<WindowReadyPage spaName={spa.displayName} />);
  });

  router.get('/break-glass/:token', 'link-token', async (c) => {
    const token = c.req.param('token') ?? '';
    if (!TOKEN.test(token)) return linkInvalid(c);
    const { db, now } = c.var.deps;
    const found = await withTenant(db, requestScope(c), (ctx) => findLink(ctx, token));
    if (!found) return linkInvalid(c);
    // Recorded under the staff member the grant names, whether the link still works or not.
    const scope = { ...requestScope(c), actor: { kind: 'staff' as const, id: found.staffId, role: BREAK_GLASS_ACTOR_ROLE } };
    const at = now();
    const opened = await withTenant(db, scope, (ctx) => redeemLink(ctx, found.grantId, at));
    if (!opened) return linkInvalid(c);
    setWindowCookie(c, opened.token, opened.endsAt, at);
    return c.redirect('/break-glass/ready', 303);
  });

  router.post('/break-glass/:id/end', 'manage:settings:any', async (c) => {
    const id = c.req.param('id') ?? '';
    if (!UUID.test(id)) throw notFound();
    const principal = c.get('principal')!;
    const { db, now } = c.var.deps;
    const outcome = await withTenant(db, requestScope(c), (ctx) => endWindow(ctx, id, { kind: 'operator', id: principal.operatorId }, now()));
    if (outcome === 'none') throw notFound();
    return c.redirect('/#break-glass', 303);
  });
}
