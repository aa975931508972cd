import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../infra/http/context.ts';

/**
 * An emailed link's token moves out of the URL at once: the first GET puts it in
 * a short-lived cookie scoped to the link's pages and redirects to a token-free
 * address, so it is not left in history, logs or a Referer. SameSite=Lax, because
 * a Strict cookie is dropped when the link is opened from webmail (SPEC §6a).
 */
export interface LinkCookie {
  name: string;
  path: string;
}

export const INVITE_COOKIE: LinkCookie = { name: '__Secure-lume_invite', path: '/invite' };
export const RESET_COOKIE: LinkCookie = { name: '__Secure-lume_reset', path: '/password/reset' };

const LIFETIME_SECONDS = 30 * 60;

export function holdLinkToken(c: Context<AppEnv>, cookie: LinkCookie, token: string): void {
  setCookie(c, cookie.name, token, { secure: true, httpOnly: true, sameSite: 'Lax', path: cookie.path, maxAge: LIFETIME_SECONDS });
}

export function heldLinkToken(c: Context<AppEnv>, cookie: LinkCookie): string {
  return getCookie(c, cookie.name) ?? '';
}

export function dropLinkToken(c: Context<AppEnv>, cookie: LinkCookie): void {
  deleteCookie(c, cookie.name, { secure: true, path: cookie.path });
}
