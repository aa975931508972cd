import { withTenant } from '../../infra/db/tenant.ts';
import { notFound } from '../../infra/http/errors.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { acknowledgePolicy } from './policy-notices.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BACK = /^\/[A-Za-z0-9/_-]*$/;

/** "I have read this" on a policy notice (LIFE-6): recorded for this operator only, then back to the page. */
export function registerPolicyNoticeRoutes(router: SurfaceRouter): void {
  router.post('/policies/:id/acknowledge', 'use:crm:any', async (c) => {
    const id = c.req.param('id');
    if (!id || !UUID.test(id)) throw notFound();
    const principal = c.get('principal')!;
    const { db, now } = c.var.deps;
    const found = await withTenant(db, requestScope(c), (ctx) => acknowledgePolicy(ctx, principal.operatorId, id, now()));
    if (!found) throw notFound();
    const body = await c.req.parseBody();
    const back = typeof body.back === 'string' && BACK.test(body.back) && !body.back.startsWith('//') ? body.back : '/';
    return c.redirect(back, 303);
  });
}
