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
  const fixed: [string, string][] = [
    ['Content-Security-Policy', csp],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', referrer],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'],
    ['Cache-Control', 'no-store'],
  ];
  if (config.protocol === 'https') fixed.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  // Set before the handler runs, so they reach every response built through the context (pages,
  // redirects, error pages) without touching the finished Response, which would take the Node
  // adapter off its fast path. A route that may be cached replaces Cache-Control itself.
  return createMiddleware<AppEnv>(async (c, next) => {
    for (const [name, value] of fixed) c.header(name, value);
    await next();
  });
}
