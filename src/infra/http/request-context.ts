import { randomBytes } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from './context.ts';
import { clientIp } from './client-ip.ts';
import type { Surface } from './hosts.ts';

const INBOUND_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Gives each request its id, caller address and logger line. The log line holds
 * the route pattern, never the raw path or query (which may carry a link token).
 */
export function requestContext(deps: AppDeps, surface: Surface) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const inbound = deps.config.trustProxy ? c.req.header('x-request-id') : undefined;
    const requestId = inbound && INBOUND_REQUEST_ID.test(inbound) ? inbound : randomBytes(12).toString('base64url');
    c.set('deps', deps);
    c.set('surface', surface);
    c.set('requestId', requestId);
    c.set('ip', clientIp(c, deps.config.trustProxy));
    c.header('X-Request-Id', requestId);
    await next();
    const status = c.res.status;
    if (c.req.routePath.startsWith('/assets/') && status < 400) return;
    deps.log[status >= 500 ? 'error' : 'info'](
      {
        rid: requestId,
        surface,
        method: c.req.method,
        route: c.req.routePath,
        status,
        ms: Math.round(performance.now() - started),
        tenant: c.get('tenant')?.id,
      },
      'request',
    );
  });
}
