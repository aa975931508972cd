/**
 * The marketing home page on the apex host.
 *
 * Honesty rule: the product sections describe what Lumè is built to do; the security
 * section lists only protections that exist in the code today. No testimonials, customer
 * logos or numbers we cannot stand behind.
 */
import { Button } from '../../../ui/components.tsx';
import { Icon, type IconName } from '../../../ui/icons.tsx';
import { MarketingLayout, type MarketingAnalytics } from '../../../ui/layouts.tsx';

export type HomePageProps = { analytics?: MarketingAnalytics };

type Point = { icon: IconName; title: string; text: string };

const visitSteps: Point[] = [
  {
    icon: 'calendar',
    title: 'Booked',
    text: 'Online or at the front desk, with the right provider, room and time.',
  },
  {
    icon: 'signature',
    title: 'Consent signed',
    text: 'Intake and treatment consent, signed on the client’s phone or a front-desk tablet.',
  },
  {
    icon: 'chart',
    title: 'Charted',
    text: 'Product, lot number and units per site, recorded in the client’s chart.',
  },
  {
    icon: 'card',
    title: 'Paid',
    text: 'Card, cash or other methods, with a receipt and a daily close-out.',
  },
  {
    icon: 'bell',
    title: 'Reminded',
    text: 'A text or email before the next appointment, sent once and on time.',
  },
];

const features: Point[] = [
  {
    icon: 'calendar',
    title: 'Booking and calendar',
    text: 'Day and week views by provider, room and location, and an online booking page that offers only times that are really free. Built so the database itself refuses a double-booked provider or room.',
  },
  {
    icon: 'chart',
    title: 'Client charts',
    text: 'Allergies, medications, history, treatments and before-and-after photos in one chart. Signed provider notes stay as written; corrections are added as addenda.',
  },
  {
    icon: 'signature',
    title: 'E-signed consent',
    text: 'Versioned intake and treatment consent forms, sent as a private link and signed on any phone. Each signature keeps the exact version that was signed.',
  },
  {
    icon: 'card',
    title: 'Payments',
    text: 'Invoices with services, products, discounts, tax and tips. Cards are taken through the payment processor, so card numbers never reach Lumè’s servers.',
  },
  {
    icon: 'bell',
    title: 'Reminders',
    text: 'Confirmations and reminders by text and email, with wording and timing set by your spa, and opt-outs honoured for every client.',
  },
  {
    icon: 'report',
    title: 'Reports',
    text: 'Revenue, appointments and no-shows, provider and room utilization, new and returning clients — with charts, and exportable as CSV.',
  },
];

const frontDesk = [
  'Check clients in and see at a glance which forms are still unsigned',
  'Clients book and reschedule online, within your own policy',
  'Take payment and close out the day against the processor',
];

const treatmentRoom = [
  'Consent assigned automatically for each service that is booked',
  'A guardian’s signed authorization required before treating a minor',
  'Lot numbers and units recorded with every treatment',
];

function securityPoints(analytics: MarketingAnalytics | undefined): Point[] {
  return [
    {
      icon: 'database',
      title: 'Each spa walled off by the database',
      text: 'Every table that holds spa data is guarded by PostgreSQL row-level security, enforced by the database itself. A mistake in a query cannot return another spa’s records.',
    },
    {
      icon: 'lock',
      title: 'Files encrypted with your spa’s own key',
      text: 'Files stored in Lumè are encrypted with AES-256-GCM under a key that belongs to one spa only.',
    },
    {
      icon: 'code',
      title: 'A strict Content Security Policy',
      text: 'Every page tells the browser exactly where scripts and styles may come from, so injected code and content from other sites are refused.',
    },
    {
      icon: 'eye-off',
      title: 'No advertising trackers',
      text: analytics
        ? 'No ad pixels, retargeting, session recording or tracking cookies on this site. Visits are counted in aggregate, without cookies.'
        : 'No ad pixels, retargeting, session recording or tracking cookies on this site.',
    },
    {
      icon: 'document',
      title: 'A BAA with every spa',
      text: 'Lumè signs a Business Associate Agreement with each spa it serves, and uses patient data only to provide the service.',
    },
  ];
}

function VisitCard() {
  return (
    <aside class="visit" aria-labelledby="visit-title">
      <h2 class="visit__title" id="visit-title">
        One visit, one system
      </h2>
      <p class="visit__caption">What Lumè is built to carry, from booking to the next appointment.</p>
      <ol class="visit__steps">
        {visitSteps.map((step) => (
          <li class="visit__step">
            <span class="visit__icon">
              <Icon name={step.icon} />
            </span>
            <div>
              <h3 class="visit__step-title">{step.title}</h3>
              <p class="visit__step-text">{step.text}</p>
            </div>
          </li>
        ))}
      </ol>
    </aside>
  );
}

/** Ticks drawn by CSS rather than an icon per item: the page stays light. */
function Checklist(props: { items: readonly string[] }) {
  return (
    <ul class="ticks">
      {props.items.map((item) => (
        <li>{item}</li>
      ))}
    </ul>
  );
}

export function HomePage(props: HomePageProps) {
  return (
    <MarketingLayout
      title="The CRM for medical spas"
      description="Lumè is the one system for medical spas that run like a salon and practise like a clinic: booking, client charts, e-signed consent, payments, reminders and reports, with security built into the foundations."
      analytics={props.analytics}
      currentPath="/"
    >
      <section class="hero" aria-labelledby="hero-title">
        <div class="container hero__grid">
          <div>
            <p class="hero__eyebrow">
              <span class="hero__eyebrow-dot" aria-hidden="true"></span>
              CRM for medical spas
            </p>
            <h1 class="hero__title" id="hero-title">
              The one system for medical spas that run like a salon and{' '}
              <span class="hero__title-accent">practise like a clinic.</span>
            </h1>
            <p class="hero__lede">
              Booking, client charts, signed consent, payments and reminders, designed as one calm place for a front desk
              that moves fast and a clinical team that keeps careful records. The security foundations work today; the
              rest is being built on them.
            </p>
            <div class="hero__actions">
              <Button href="/demo" variant="primary" size="lg">
                Request a demo
              </Button>
              <Button href="/security" variant="secondary" size="lg">
                How we protect patient data
              </Button>
            </div>
            <p class="hero__note">
              <Icon name="shield" />
              Lumè signs a Business Associate Agreement with every spa.
            </p>
          </div>
          <VisitCard />
        </div>
      </section>

      <section class="section" id="features" aria-labelledby="features-title">
        <div class="container">
          <header class="section__header">
            <p class="eyebrow">What Lumè is built for</p>
            <h2 class="section__title" id="features-title">
              Everything a visit needs, in one place
            </h2>
            <p class="section__lede">
              Many spas run on a booking app, a payment terminal, paper consent forms and a separate place for charts.
              Lumè is designed to be the single system your whole team shares.
            </p>
          </header>
          <ul class="feature-grid">
            {features.map((feature) => (
              <li class="feature">
                <span class="feature__icon">
                  <Icon name={feature.icon} />
                </span>
                <h3 class="feature__title">{feature.title}</h3>
                <p class="feature__text">{feature.text}</p>
              </li>
            ))}
          </ul>
          <p class="section__more">
            <a class="arrow-link" href="/features">
              Which of these you can use today, and which are coming
              <Icon name="arrow-right" />
            </a>
          </p>
        </div>
      </section>

      <section class="section section--tinted" aria-labelledby="split-title">
        <div class="container">
          <header class="section__header section__header--center">
            <p class="eyebrow">Salon pace, clinical care</p>
            <h2 class="section__title" id="split-title">
              Made for both sides of the spa
            </h2>
            <p class="section__lede">
              A med spa welcomes guests like a salon and treats patients like a clinic. Lumè is built to serve the
              front desk and the treatment room without making either work like the other.
            </p>
          </header>
          <div class="split">
            <div class="split__panel">
              <p class="split__label">At the front desk</p>
              <h3 class="split__title">Quick, friendly, on time</h3>
              <Checklist items={frontDesk} />
            </div>
            <div class="split__panel split__panel--clinic">
              <p class="split__label">In the treatment room</p>
              <h3 class="split__title">Careful, complete, signed</h3>
              <Checklist items={treatmentRoom} />
            </div>
          </div>
        </div>
      </section>

      <section class="section section--security" aria-labelledby="security-title">
        <div class="container">
          <header class="section__header">
            <p class="eyebrow">Security</p>
            <h2 class="section__title" id="security-title">
              Protection built into the foundations
            </h2>
            <p class="section__lede">
              These safeguards are part of how Lumè works today — not items on a roadmap.
            </p>
          </header>
          <ul class="security-grid">
            {securityPoints(props.analytics).map((point) => (
              <li class="security-item">
                <Icon name={point.icon} class="security-item__icon" />
                <h3 class="security-item__title">{point.title}</h3>
                <p class="security-item__text">{point.text}</p>
              </li>
            ))}
            <li class="security-item security-item--more">
              <a class="arrow-link" href="/security">
                Read the full security overview
                <Icon name="arrow-right" />
              </a>
              <p class="security-item__text">What is protected, how, and what Lumè does with your spa’s data.</p>
            </li>
          </ul>
        </div>
      </section>

      <section class="section" aria-labelledby="cta-title">
        <div class="container">
          <div class="cta-band">
            <h2 class="cta-band__title" id="cta-title">
              See whether Lumè fits your spa
            </h2>
            <p class="cta-band__text">
              Tell us about your locations and your team, and we’ll set up a walkthrough at a time that suits you.
            </p>
            <div class="cta-band__actions">
              <Button href="/demo" variant="primary" size="lg">
                Request a demo
              </Button>
            </div>
          </div>
        </div>
      </section>
    </MarketingLayout>
  );
}
