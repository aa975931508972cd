import { withTenant } from '../../infra/db/tenant.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { recentWindows } from '../break-glass/service.ts';
import { BreakGlassWindows } from '../break-glass/views/windows-card.tsx';
import { countChartsToFollowUp } from '../charting/follow-up.ts';
import { ChartsToFinish } from '../charting/views/follow-up-page.tsx';
import { spaTimeZone } from '../identity/spa-time.ts';
import { todaysAgenda } from '../scheduling/agenda.ts';
import { TodaysAgenda } from '../scheduling/views/agenda.tsx';
import { spaOverview } from './service.ts';
import { TodayPage } from './views/today.tsx';

export function registerTenancyRoutes(router: SurfaceRouter): void {
  router.get('/', 'use:crm:any', async (c) => {
    const principal = c.get('principal')!;
    const now = c.var.deps.now();
    // Lumè's break-glass windows (SEC-9) are shown to those who read the audit trail.
    const seesWindows = principal.permissions.has('read:audit:any');
    const seesAgenda = principal.permissions.has('read:appointment:any');
    const charts = principal.permissions.has('read:chart:own');
    const { locations, windows, timeZone, agendas, toFinish } = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => ({
      locations: await spaOverview(ctx),
      windows: seesWindows ? await recentWindows(ctx, now) : [],
      timeZone: seesWindows ? await spaTimeZone(ctx) : 'UTC',
      agendas: seesAgenda ? await todaysAgenda(ctx, now) : [],
      toFinish: charts ? await countChartsToFollowUp(ctx, principal, now) : 0,
    }));
    const roles = principal.roles.map((r) => r.replace('_', ' ').replace(/^./, (x) => x.toUpperCase()));
    return crmPage(
      c,
      { title: 'Today', section: '/' },
      <>
        <BreakGlassWindows windows={windows} now={now} timeZone={timeZone} canEnd={principal.permissions.has('manage:settings:any')} csrfToken={csrfToken(c)} />
        <ChartsToFinish count={toFinish} />
        <TodayPage firstName={principal.fullName.split(' ')[0]!} roles={roles} locations={locations} agenda={<TodaysAgenda agendas={agendas} now={now} operatorId={principal.operatorId} />} />
      </>,
    );
  });
}
