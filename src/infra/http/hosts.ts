/** The surfaces of DESIGN §1, told apart by the request's host. */
export type Surface = 'marketing' | 'console' | 'spa';

export type HostMatch = { surface: 'marketing' } | { surface: 'console' } | { surface: 'spa'; slug: string };

/** Subdomains that can never be a spa's slug. */
export const RESERVED_SLUGS = new Set(['admin', 'www', 'api', 'app', 'assets', 'static', 'mail', 'status', 'help', 'support', 'docs', 'blog']);

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export function isValidSlug(slug: string): boolean {
  return SLUG.test(slug) && !RESERVED_SLUGS.has(slug);
}

/** Classifies a Host header against the configured apex; null for a host we do not serve. */
export function matchHost(hostHeader: string | undefined, apex: string): HostMatch | null {
  if (!hostHeader) return null;
  const host = hostHeader.trim().toLowerCase().replace(/\.$/, '');
  if (host === apex || host === `www.${apex}`) return { surface: 'marketing' };
  if (!host.endsWith(`.${apex}`)) return null;
  const sub = host.slice(0, -(apex.length + 1));
  if (sub === 'admin') return { surface: 'console' };
  return isValidSlug(sub) ? { surface: 'spa', slug: sub } : null;
}
