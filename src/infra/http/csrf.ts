import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { originFor } from '../../config.ts';
import type { AppEnv } from './context.ts';
import { HttpError } from './errors.ts';

export const CSRF_COOKIE = '__Host-lume_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Signed double-submit: the cookie holds a random value, the form carries its
 * HMAC under the server secret (bound to the session, through `csrfBinding`, once
 * there is one). A
 * forged form can neither read the cookie nor compute the HMAC.
 */
export function csrfToken(c: Context<AppEnv>): string {
  let seed = getCookie(c, CSRF_COOKIE);
  if (!seed || !/^[A-Za-z0-9_-]{43}$/.test(seed)) {
    seed = randomBytes(32).toString('base64url');
    setCookie(c, CSRF_COOKIE, seed, { secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
  }
  return sign(c.var.deps.config.secret, seed, c.get('csrfBinding') ?? '');
}

function sign(secret: string, seed: string, binding: string): string {
  return createHmac('sha256', secret).update(`csrf|${seed}|${binding}`).digest('base64url');
}

function matches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses a state-changing request that comes from another site (Fetch
 * Metadata, Origin) or lacks a valid token. The router runs it on every route
 * except those that verify their own signatures (provider webhooks).
 */
export async function verifyCsrf(c: Context<AppEnv>): Promise<void> {
  if (SAFE_METHODS.has(c.req.method)) return;
  const { config } = c.var.deps;
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  // Pages sent with `Referrer-Policy: no-referrer` make browsers post `Origin: null`; Fetch Metadata still vouches for them.
  const originOk = origin === undefined || origin === originFor(config, surfaceSubdomain(c)) || (origin === 'null' && site === 'same-origin');
  if ((site !== undefined && site !== 'same-origin') || !originOk) {
    throw new HttpError(403, 'This request came from another site and was refused.');
  }
  const seed = getCookie(c, CSRF_COOKIE);
  // Without the cookie nothing can match: refused before the body is read.
  const given = seed ? (c.req.header(CSRF_HEADER) ?? (await formField(c))) : undefined;
  if (!seed || !given || !matches(sign(config.secret, seed, c.get('csrfBinding') ?? ''), given)) {
    throw new HttpError(403, 'Your form expired or was already sent. Go back, reload the page and try again.');
  }
}

function surfaceSubdomain(c: Context<AppEnv>): string | undefined {
  const surface = c.get('surface');
  if (surface === 'console') return 'admin';
  if (surface === 'spa') return c.get('tenant').slug;
  return undefined;
}

async function formField(c: Context<AppEnv>): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}
