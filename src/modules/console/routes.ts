import type { SurfaceRouter } from '../../infra/http/router.ts';
import { registerConsoleBreakGlassRoutes } from './break-glass.routes.tsx';
import { registerConsoleDemoRoutes } from './demo.routes.tsx';
import { consoleGuard, loadConsoleStaff } from './guard.ts';
import { registerConsolePolicyRoutes } from './policies.routes.tsx';
import { registerConsoleRightsRoutes } from './rights.routes.tsx';
import { registerConsoleSignInRoutes } from './sign-in.routes.tsx';
import { registerConsoleSpaRoutes } from './spas.routes.tsx';
import { registerConsoleStaffRoutes } from './staff.routes.tsx';

/** The Lumè staff console on admin.<apex>: its session, its guard and every page. */
export function registerConsoleRoutes(router: SurfaceRouter): void {
  router.use(loadConsoleStaff);
  router.useAccessGuard(consoleGuard);
  registerConsoleSignInRoutes(router);
  registerConsoleSpaRoutes(router);
  registerConsoleStaffRoutes(router);
  registerConsoleDemoRoutes(router);
  registerConsoleRightsRoutes(router);
  registerConsolePolicyRoutes(router);
  registerConsoleBreakGlassRoutes(router);
}
