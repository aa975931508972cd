/**
 * The marketing site's map: its public pages, robots.txt and sitemap.xml. URLs are built from
 * configuration (LUME_APEX, LUME_PUBLIC_PROTOCOL), never from a request's Host header. Pure.
 */
import { originFor, type Config } from '../../config.ts';

/** Every indexable page, in the order the sitemap lists them. */
export const SITE_PAGES = ['/', '/features', '/pricing', '/security', '/baa', '/privacy', '/subprocessors', '/demo'] as const;

export type SitePath = (typeof SITE_PAGES)[number];

type Origin = Pick<Config, 'apex' | 'protocol'>;

export function robotsTxt(config: Origin): string {
  return [
    'User-agent: *',
    'Allow: /',
    // The thank-you page is for people who sent the form; the dev tools exist only locally.
    'Disallow: /demo/thanks',
    'Disallow: /dev/',
    '',
    `Sitemap: ${originFor(config)}/sitemap.xml`,
    '',
  ].join('\n');
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function sitemapXml(config: Origin): string {
  const origin = originFor(config);
  const urls = SITE_PAGES.map((path) => `  <url><loc>${escapeXml(`${origin}${path}`)}</loc></url>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}

/** The mailbox for privacy requests on this deployment's domain. */
export function privacyContact(config: Pick<Config, 'apex'>): string {
  return `privacy@${config.apex.replace(/:\d+$/, '')}`;
}
