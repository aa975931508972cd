import type { AppDeps } from '../../infra/http/context.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { HomePage } from './views/home.tsx';

/** Marketing pages are the same for everyone: cacheable for a few minutes, no cookie. */
const PUBLIC_CACHE = 'public, max-age=300';

export function registerMarketingRoutes(router: SurfaceRouter, deps: AppDeps): void {
  const analytics = deps.config.plausible;
  router.get('/', 'public', (c) => {
    c.header('Cache-Control', PUBLIC_CACHE);
    return c.html(<HomePage analytics={analytics} />);
  });
}
