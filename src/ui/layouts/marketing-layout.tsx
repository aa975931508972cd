import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets.ts';
import { Button } from '../components/button.tsx';
import { Document, SkipLink } from './document.tsx';

/** Cookieless, aggregate analytics (Plausible). Off when not configured. */
export type MarketingAnalytics = { domain: string; scriptOrigin: string };

export type MarketingLayoutProps = {
  /** Page title; the document title becomes "<title> · Lumè". */
  title: string;
  description: string;
  analytics?: MarketingAnalytics;
  /** Path of the current page, to mark its nav link (e.g. "/pricing"). */
  currentPath?: string;
  children?: Child;
};

const navLinks = [
  { href: '/features', label: 'Features' },
  { href: '/security', label: 'Security' },
  { href: '/pricing', label: 'Pricing' },
];

const footerLinks = [
  { href: '/privacy', label: 'Privacy' },
  { href: '/baa', label: 'BAA' },
  { href: '/security', label: 'Security' },
  { href: '/subprocessors', label: 'Subprocessors' },
];

export function Wordmark(props: { href?: string; class?: string }) {
  return (
    <a class={['wordmark', props.class].filter(Boolean).join(' ')} href={props.href ?? '/'}>
      <img class="wordmark__mark" src={assetUrl('logo.svg')} alt="" width="32" height="32" />
      <span>Lumè</span>
      <span class="visually-hidden">, home</span>
    </a>
  );
}

function AnalyticsScript(props: { analytics?: MarketingAnalytics }) {
  if (!props.analytics) return null;
  const origin = props.analytics.scriptOrigin.replace(/\/+$/, '');
  return <script defer data-domain={props.analytics.domain} src={`${origin}/js/script.js`}></script>;
}

/** The public site on the apex host: header, main, footer. */
export function MarketingLayout(props: MarketingLayoutProps) {
  const year = new Date().getUTCFullYear();
  return (
    <Document
      script={false}
      entry={{ css: 'marketing.css', js: 'app.js' }}
      title={`${props.title} · Lumè`}
      description={props.description}
      bodyClass="site"
      head={<AnalyticsScript analytics={props.analytics} />}
    >
      <SkipLink />
      <header class="site-header">
        <div class="container site-header__inner">
          <Wordmark class="site-header__brand" />
          <nav class="site-nav" aria-label="Main">
            <ul class="site-nav__list">
              {navLinks.map((link) => (
                <li>
                  <a
                    class="site-nav__link"
                    href={link.href}
                    aria-current={props.currentPath === link.href ? 'page' : undefined}
                  >
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <Button href="/demo" variant="primary" class="site-header__cta">
            Request a demo
          </Button>
        </div>
      </header>
      <main id="main">{props.children}</main>
      <footer class="site-footer">
        <div class="container">
          <div class="site-footer__inner">
            <div>
              <Wordmark />
              <p class="site-footer__tagline">
                The one system for medical spas that run like a salon and practise like a clinic.
              </p>
            </div>
            <nav aria-label="Legal and trust">
              <ul class="site-footer__links">
                {footerLinks.map((link) => (
                  <li>
                    <a href={link.href}>{link.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <p class="site-footer__legal">© {year} Lumè</p>
        </div>
      </footer>
    </Document>
  );
}
