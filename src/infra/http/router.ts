import type { Context, Handler, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from './context.ts';
import { verifyCsrf } from './csrf.ts';
import { HttpError } from './errors.ts';
import type { Surface } from './hosts.ts';

/**
 * What a route demands of its caller. Every route declares one; a test walks
 * the routers and fails on a route that does not.
 * - `public`: anyone (marketing pages, the sign-in form).
 * - `link-token`: a client's link token, checked by the route's service.
 * - a permission `action:entity[:own|any]`: an operator or staff member holding it.
 */
export type Access = 'public' | 'link-token' | `${string}:${string}`;

export interface RouteSpec {
  surface: Surface;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Access;
  /** False only for routes that authenticate by signature (provider webhooks). */
  csrf: boolean;
}

/** Checks a declared access against the request; installed by the identity module. A returned response (a redirect to sign in) ends the request. */
export type AccessGuard = (c: Context<AppEnv>, access: Access) => Promise<Response | void>;

/** Until identity installs its guard, only routes open to everyone can be reached. */
const publicOnly: AccessGuard = async (_c, access) => {
  if (access !== 'public' && access !== 'link-token') throw new HttpError(401, 'Please sign in to continue.');
};

export class SurfaceRouter {
  readonly hono = new Hono<AppEnv>();
  readonly specs: RouteSpec[] = [];
  private guard: AccessGuard = publicOnly;

  constructor(readonly surface: Surface) {}

  /** Sets the check that turns a declared permission into 401/403 (identity owns it). */
  useAccessGuard(guard: AccessGuard): void {
    this.guard = guard;
  }

  /** Middleware for every route of this surface; call before adding routes. */
  use(middleware: MiddlewareHandler<AppEnv>): void {
    this.hono.use(middleware);
  }

  get(path: string, access: Access, handler: Handler<AppEnv>) {
    this.add('GET', path, access, true, handler);
  }

  post(path: string, access: Access, handler: Handler<AppEnv>, options: { csrf?: false } = {}) {
    this.add('POST', path, access, options.csrf ?? true, handler);
  }

  private add(method: RouteSpec['method'], path: string, access: Access, csrf: boolean, handler: Handler<AppEnv>) {
    this.specs.push({ surface: this.surface, method, path, access, csrf });
    const check: MiddlewareHandler<AppEnv> = async (c, next) => {
      if (csrf) await verifyCsrf(c);
      const stop = await this.guard(c, access);
      if (stop) return stop;
      await next();
    };
    this.hono.on(method, path, check, handler);
  }
}
