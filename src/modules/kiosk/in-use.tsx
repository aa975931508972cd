/**
 * What a CRM route answers while the tablet's operator session is lent to a kiosk (ADR 012): 423 and
 * the "Kiosk in use" page, for every method and for htmx and background requests alike (htmx is sent
 * to a full page, so no fragment of the CRM is drawn). The refusal is audited under the operator
 * whose session it is, naming the route pattern only.
 */
import type { Context } from 'hono';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { spaBrand } from '../identity/link-pages.tsx';
import { KioskInUsePage } from './views/kiosk-pages.tsx';

/** Public addresses the client's own pages load while the tablet is lent (the spa's logo). */
const SEEN_BY_THE_CLIENT = new Set(['/brand/logo']);
export const clientMayLoad = (path: string) => SEEN_BY_THE_CLIENT.has(path);

export async function kioskInUse(c: Context<AppEnv>): Promise<Response> {
  const hold = c.get('kioskHold')!;
  const scope = { ...requestScope(c), actor: { kind: 'operator' as const, id: hold.operatorId, role: hold.roles.join(',') } };
  await withTenant(c.var.deps.db, scope, async (ctx) => {
    ctx.audit({ action: 'access', recordType: 'route', recordId: `${c.req.method} ${c.req.routePath}`, outcome: 'denied' });
  });
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  if (c.req.header('hx-request')) c.header('HX-Redirect', '/');
  return c.html(<KioskInUsePage {...await spaBrand(c)} />, 423);
}
