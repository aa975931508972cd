import { createMiddleware } from 'hono/factory';
import type { Config } from '../../config.ts';
import type { AppEnv } from './context.ts';
import type { Surface } from './hosts.ts';

/** The Content-Security-Policy of a surface: our own origin only, plus Plausible on the marketing site when configured. */
export function contentSecurityPolicy(config: Pick<Config, 'plausible' | 'protocol'>, surface: Surface): string {
  const analytics = surface === 'marketing' && config.plausible ? ` ${config.plausible.scriptOrigin}` : '';
  const directives = [
    "default-src 'self'",
    `script-src 'self'${analytics}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${analytics}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ];
  if (config.protocol === 'https') directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/**
 * Headers every response carries (SEC-6). Responses are `no-store` unless a
 * route says otherwise: CRM, console and link pages hold PHI or tokens.
 */
export function securityHeaders(config: Config, surface: Surface) {
  const csp = contentSecurityPolicy(config, surface);
  const referrer = surface === 'marketing' ? 'strict-origin-when-cross-origin' : 'no-referrer';
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', csp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', referrer);
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
    if (config.protocol === 'https') h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  });
}
