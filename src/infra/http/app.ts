import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { TenantDirectory } from '../db/tenant-directory.ts';
import { compression } from './compression.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { renderError, renderNotFound } from './error-pages.tsx';
import { notFound } from './errors.ts';
import { matchHost, type Surface } from './hosts.ts';
import { rateLimitByIp } from './rate-limit.ts';
import { requestContext } from './request-context.ts';
import type { RouteSpec, SurfaceRouter } from './router.ts';
import { securityHeaders } from './security-headers.ts';

const PUBLIC_DIR = new URL('../../../public/', import.meta.url).pathname;

/** Any single address may send this many state-changing requests a minute, on top of each route's own limits. */
const WRITE_LIMIT = { name: 'writes:ip', limit: 120, windowSeconds: 60 };
/**
 * Searches are POSTs only so their text stays out of URLs (§6a); they change nothing and come
 * with every keystroke at a busy front desk behind one office address, so they get their own,
 * larger allowance instead of eating the write limit.
 */
const SEARCH_LIMIT = { name: 'searches:ip', limit: 600, windowSeconds: 60 };
const isSearch = (path: string) => path.endsWith('/search');

export interface HttpApp {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
  /** Every route of every surface, as declared (for the permission and header suites). */
  routes: RouteSpec[];
}

/** Serves each surface on its host (DESIGN §1); a host we do not serve gets the plain 404. */
export function createHttpApp(deps: AppDeps, routers: SurfaceRouter[]): HttpApp {
  const apps = new Map<Surface, Hono<AppEnv>>();
  for (const router of routers) apps.set(router.surface, surfaceApp(deps, router));
  const unknownHost = surfaceApp(deps, undefined);
  return {
    fetch(request, env) {
      const match = matchHost(request.headers.get('host') ?? undefined, deps.config.apex);
      return (match && apps.get(match.surface) ? apps.get(match.surface)! : unknownHost).fetch(request, env);
    },
    routes: routers.flatMap((r) => r.specs),
  };
}

function surfaceApp(deps: AppDeps, router: SurfaceRouter | undefined): Hono<AppEnv> {
  const surface = router?.surface ?? 'marketing';
  const app = new Hono<AppEnv>();
  app.use(requestContext(deps, surface));
  app.use(securityHeaders(deps.config, surface));
  app.use(compression());
  app.onError(renderError);
  app.notFound(renderNotFound);
  if (!router) return app;

  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable'); // names carry a content hash
  });
  app.use('/assets/*', serveStatic({ root: PUBLIC_DIR }));
  app.get('/healthz', async (c) => {
    await deps.db.transaction('app', {}, (client) => client.query('SELECT 1'));
    c.header('Cache-Control', 'no-store');
    return c.text('ok');
  });
  const writes = rateLimitByIp(WRITE_LIMIT);
  const searches = rateLimitByIp(SEARCH_LIMIT);
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', (c, next) => (c.req.method === 'POST' && isSearch(c.req.path) ? searches(c, next) : writes(c, next)));
  if (surface === 'spa') {
    const directory = new TenantDirectory(deps.db);
    app.use(async (c, next) => {
      const match = matchHost(c.req.header('host'), deps.config.apex);
      if (match?.surface !== 'spa') throw notFound();
      const tenant = await directory.resolve(match.slug, c.var.requestId);
      if (!tenant || tenant.status !== 'active') throw notFound();
      c.set('tenant', { id: tenant.id, slug: match.slug });
      await next();
    });
  }
  app.route('/', router.hono);
  return app;
}
