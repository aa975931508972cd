import type { Context, Handler, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
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
  /** The largest request body accepted, in bytes (writes only); larger ones get 413 before anything reads them. */
  bodyLimit?: number;
}

/** What a write may send unless its route declares more (an upload): forms are a few kilobytes. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface PostOptions {
  /** False only for routes that verify a provider's signature instead. */
  csrf?: false;
  /** Bytes this route accepts, when it takes files; the 413 page says so in `tooLarge`. */
  bodyLimit?: { bytes: number; tooLarge: string };
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

  post(path: string, access: Access, handler: Handler<AppEnv>, options: PostOptions = {}) {
    this.add('POST', path, access, options.csrf ?? true, handler, options.bodyLimit ?? { bytes: DEFAULT_BODY_LIMIT, tooLarge: 'That request was too large to accept.' });
  }

  private add(method: RouteSpec['method'], path: string, access: Access, csrf: boolean, handler: Handler<AppEnv>, limit?: PostOptions['bodyLimit']) {
    this.specs.push({ surface: this.surface, method, path, access, csrf, ...(limit ? { bodyLimit: limit.bytes } : {}) });
    // A route that takes large bodies (uploads) checks who is asking before the CSRF check reads
    // the body, so nobody signed out can make the server parse megabytes.
    const guardFirst = limit !== undefined && limit.bytes > DEFAULT_BODY_LIMIT;
    const check: MiddlewareHandler<AppEnv> = async (c, next) => {
      if (guardFirst) {
        const stop = await this.guard(c, access);
        if (stop) return stop;
      }
      if (csrf) await verifyCsrf(c);
      if (!guardFirst) {
        const stop = await this.guard(c, access);
        if (stop) return stop;
      }
      await next();
    };
    if (!limit) {
      this.hono.on(method, path, check, handler);
      return;
    }
    // The size first: the CSRF check reads the body, and nothing may read an oversized one.
    const sized = bodyLimit({
      maxSize: limit.bytes,
      onError: () => {
        throw new HttpError(413, limit.tooLarge);
      },
    });
    this.hono.on(method, path, sized, check, handler);
  }
}
