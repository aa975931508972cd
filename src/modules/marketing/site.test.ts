import { describe, expect, it } from 'vitest';
import { privacyContact, robotsTxt, sitemapXml } from './site.ts';

describe('robots.txt and sitemap.xml', () => {
  it('point at the configured origin', () => {
    const config = { apex: 'lume.example', protocol: 'https' as const };
    expect(robotsTxt(config)).toContain('Sitemap: https://lume.example/sitemap.xml\n');
    expect(sitemapXml(config)).toContain('<url><loc>https://lume.example/privacy</loc></url>');
    expect(sitemapXml({ apex: 'localhost:3000', protocol: 'http' })).toContain('<loc>http://localhost:3000/</loc>');
  });

  it('names the privacy mailbox on the apex domain, without a port', () => {
    expect(privacyContact({ apex: 'localhost:3000' })).toBe('privacy@localhost');
    expect(privacyContact({ apex: 'lume.example' })).toBe('privacy@lume.example');
  });
});
