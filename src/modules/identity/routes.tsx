import { withTenant } from '../../infra/db/tenant.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { getSpaProfile } from '../tenancy/service.ts';
import { LoginPage } from './views/login.tsx';

export function registerIdentityRoutes(router: SurfaceRouter): void {
  router.get('/', 'public', (c) => c.redirect('/login', 303));

  router.get('/login', 'public', async (c) => {
    const { db } = c.var.deps;
    const spa = await withTenant(db, { tenantId: c.var.tenant.id, requestId: c.var.requestId }, getSpaProfile);
    return c.html(<LoginPage spaName={spa.displayName} csrfToken={csrfToken(c)} />);
  });
}
