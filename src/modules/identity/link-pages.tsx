import type { Context } from 'hono';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { HttpError } from '../../infra/http/errors.ts';
import { consumeRateLimit, rateLimitHits } from '../../infra/http/rate-limit.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { getSpaProfile } from '../tenancy/service.ts';
import { dropLinkToken, type LinkCookie } from './link-cookie.ts';
import { BAD_LINKS_PER_IP } from './password-reset.ts';
import { LinkNoLongerValidPage } from './views/link-invalid.tsx';

const TOO_MANY = 'Too many links that do not work came from your network. Please wait a minute and try again.';

/** Refuses an address that has tried too many bad links this minute, before any lookup. */
export async function guardLinkAttempts(c: Context<AppEnv>): Promise<void> {
  const { db } = c.var.deps;
  if ((await rateLimitHits(db, BAD_LINKS_PER_IP, c.var.ip, c.var.requestId)) >= BAD_LINKS_PER_IP.limit) {
    throw new HttpError(429, TOO_MANY, { 'Retry-After': String(BAD_LINKS_PER_IP.windowSeconds) });
  }
}

/** Counts a bad link against the address and answers 410 with the same page whatever was wrong with it. */
export async function refuseLink(c: Context<AppEnv>, cookie: LinkCookie, kind: 'invitation' | 'reset'): Promise<Response> {
  const { db } = c.var.deps;
  dropLinkToken(c, cookie);
  const retry = await consumeRateLimit(db, BAD_LINKS_PER_IP, c.var.ip, c.var.requestId);
  if (retry) throw new HttpError(429, TOO_MANY, { 'Retry-After': String(retry) });
  const spa = await withTenant(db, requestScope(c), getSpaProfile);
  return c.html(<LinkNoLongerValidPage spaName={spa.displayName} kind={kind} />, 410);
}

export async function spaDisplayName(c: Context<AppEnv>): Promise<string> {
  return (await withTenant(c.var.deps.db, requestScope(c), getSpaProfile)).displayName;
}

/** The spa's name and logo version, as the pages a client sees without a login take them. */
export async function spaBrand(c: Context<AppEnv>): Promise<{ spaName: string; spaLogo: string | null }> {
  const spa = await withTenant(c.var.deps.db, requestScope(c), getSpaProfile);
  return { spaName: spa.displayName, spaLogo: spa.logoVersion };
}
