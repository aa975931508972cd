import type { SurfaceRouter } from '../../infra/http/router.ts';

export function registerSessionRoutes(router: SurfaceRouter): void {
  /** "Stay signed in": the request itself counts as activity (see loadPrincipal); answers the new deadline. */
  router.post('/session/keepalive', 'use:crm:any', (c) => c.json({ expiresAt: c.get('principal')!.idleExpiresAt.toISOString() }));
}
