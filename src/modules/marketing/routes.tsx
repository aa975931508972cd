import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppDeps } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { parseForm } from '../../infra/http/forms.ts';
import { consumeRateLimit, type RateLimit } from '../../infra/http/rate-limit.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { demoRequestSchema, HONEYPOT_FIELD } from './demo-form.ts';
import { submitDemoRequest } from './demo-requests.ts';
import { privacyContact, robotsTxt, sitemapXml } from './site.ts';
import { BaaPage } from './views/baa.tsx';
import { DemoPage, DemoThanksPage, type DemoFormState } from './views/demo.tsx';
import { FeaturesPage } from './views/features.tsx';
import { HomePage } from './views/home.tsx';
import { PricingPage } from './views/pricing.tsx';
import { PrivacyPage } from './views/privacy.tsx';
import { SecurityPage } from './views/security.tsx';
import { SubprocessorsPage } from './views/subprocessors.tsx';

/** Marketing pages are the same for everyone: cacheable for a few minutes, no cookie. /demo is neither. */
const PUBLIC_CACHE = 'public, max-age=300';

/** Demo requests stored per address (MKT-3); a person who mistypes is not counted until the form is valid. */
export const DEMO_LIMIT: RateLimit = { name: 'demo:ip', limit: 5, windowSeconds: 600 };

export function registerMarketingRoutes(router: SurfaceRouter, deps: AppDeps): void {
  const { config } = deps;
  const analytics = config.plausible;

  // These pages depend only on configuration (and the year in the footer): each is rendered once
  // per process and year, then served as stored text (bench/README.md, "Marketing").
  const page = (path: string, render: () => JSX.Element) => {
    let stored: { year: number; html: string } | undefined;
    router.get(path, 'public', async (c) => {
      const year = new Date().getUTCFullYear();
      if (stored?.year !== year) stored = { year, html: await render().toString() };
      c.header('Cache-Control', PUBLIC_CACHE);
      return c.html(stored.html);
    });
  };

  page('/', () => <HomePage analytics={analytics} />);
  page('/features', () => <FeaturesPage analytics={analytics} />);
  page('/pricing', () => <PricingPage analytics={analytics} />);
  page('/security', () => <SecurityPage analytics={analytics} />);
  page('/baa', () => <BaaPage analytics={analytics} />);
  page('/privacy', () => <PrivacyPage analytics={analytics} contact={privacyContact(config)} />);
  page('/subprocessors', () => <SubprocessorsPage analytics={analytics} />);
  page('/demo/thanks', () => <DemoThanksPage analytics={analytics} />);

  router.get('/robots.txt', 'public', (c) => {
    c.header('Cache-Control', PUBLIC_CACHE);
    return c.text(robotsTxt(config));
  });
  router.get('/sitemap.xml', 'public', (c) => {
    c.header('Cache-Control', PUBLIC_CACHE);
    return c.body(sitemapXml(config), 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });

  // The form sets the site's only cookie (the CSRF seed), so it is never cached.
  router.get('/demo', 'public', (c) => c.html(<DemoPage analytics={analytics} csrfToken={csrfToken(c)} />));

  router.post('/demo', 'public', async (c) => {
    const { db, log } = c.var.deps;
    const requestId = c.var.requestId;
    const form = await parseForm(c, demoRequestSchema);
    const again = (status: 400 | 429, state: DemoFormState) =>
      c.html(<DemoPage analytics={analytics} csrfToken={csrfToken(c)} values={form.values} {...state} />, status);

    // A filled honeypot gets the same answer as a person, and nothing is stored or sent.
    if ((form.values[HONEYPOT_FIELD] ?? '') !== '') {
      log.info({ rid: requestId }, 'demo form honeypot filled; nothing stored');
      return c.redirect('/demo/thanks', 303);
    }
    if (!form.ok) return again(400, { errors: form.errors });

    const retry = await consumeRateLimit(db, DEMO_LIMIT, c.var.ip, requestId);
    if (retry > 0) {
      c.header('Retry-After', String(retry));
      const minutes = Math.max(1, Math.ceil(retry / 60));
      return again(429, {
        notice: {
          title: 'Please wait a few minutes',
          text: `Several demo requests have come from your network in the last few minutes. Please send the form again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}; what you typed is kept below.`,
        },
      });
    }

    const id = await submitDemoRequest(c.var.deps, form.data, requestId);
    log.info({ rid: requestId, demoRequest: id }, 'demo request stored');
    return c.redirect('/demo/thanks', 303);
  });
}
