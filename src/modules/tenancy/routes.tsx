import { withTenant } from '../../infra/db/tenant.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { spaOverview } from './service.ts';
import { TodayPage } from './views/today.tsx';

export function registerTenancyRoutes(router: SurfaceRouter): void {
  router.get('/', 'use:crm:any', async (c) => {
    const principal = c.get('principal')!;
    const locations = await withTenant(c.var.deps.db, requestScope(c), spaOverview);
    const roles = principal.roles.map((r) => r.replace('_', ' ').replace(/^./, (x) => x.toUpperCase()));
    return crmPage(c, { title: 'Today', section: '/' }, <TodayPage firstName={principal.fullName.split(' ')[0]!} roles={roles} locations={locations} />);
  });
}
