/**
 * /pricing: the shape of the plan and what every spa gets, without invented prices or
 * discounts. Lumè quotes each spa while the core tools are still being built.
 */
import { Button } from '../../../ui/components.tsx';
import { Icon } from '../../../ui/icons.tsx';
import { MarketingLayout, type MarketingAnalytics } from '../../../ui/layouts.tsx';
import { DemoCta, PageIntro, StatusBadge } from './parts.tsx';

const includedNow = [
  'A Business Associate Agreement, signed with your contract',
  'Its own sign-in for every person on your team, with two-step verification',
  'Roles and permissions you can shape to your spa',
  'The audit trail, with search, CSV export and per-client access reports',
  'Each spa’s records walled off by the database, and files encrypted with your spa’s own key',
];

const includedLater = [
  'Calendar and online booking',
  'Client charts and treatment records',
  'Consent forms with e-signature',
  'Invoices and payments',
  'Reminders by text and email',
  'Reports and data export',
];

const questions = [
  {
    q: 'Why is there no price on this page?',
    a: 'Lumè is onboarding a small number of spas while scheduling, charting and payments are being completed. We would rather quote you for what is ready today than list a price for a product that is not finished.',
  },
  {
    q: 'What counts as a location?',
    a: 'A place where your team treats clients, with its own address and opening hours. Staff who work at several locations need only one account.',
  },
  {
    q: 'Are security and compliance features extra?',
    a: 'No. Two-step sign-in, the audit trail, encryption of stored files and the BAA are part of every plan. They are not an upgrade.',
  },
  {
    q: 'What about card processing fees?',
    a: 'When payments arrive, card fees will be set by the payment processor and charged by it, separately from Lumè.',
  },
];

export function PricingPage(props: { analytics?: MarketingAnalytics }) {
  return (
    <MarketingLayout
      title="Pricing"
      description="Lumè is priced per location, per month, with security and compliance included in every plan. Pricing is quoted on request while the core tools are being completed."
      analytics={props.analytics}
      currentPath="/pricing"
    >
      <PageIntro
        eyebrow="Pricing"
        title="One plan, priced per location"
        lede="A monthly subscription for each location, with every feature and every safeguard included. No add-ons for security, no charge per team member."
      />

      <section class="section section--compact" aria-labelledby="plan-title">
        <div class="container plan">
          <div class="plan__card">
            <p class="plan__name" id="plan-title">
              Lumè for medical spas
            </p>
            <p class="plan__price">Pricing on request</p>
            <p class="plan__basis">Per location, per month · quoted on your demo call</p>
            <Button href="/demo" variant="primary" size="lg" block>
              Ask for a quote
            </Button>
            <p class="plan__fine">We’ll tell you what a plan for your spa would cost before you decide anything.</p>
          </div>
          <div class="plan__lists">
            <div class="plan__list">
              <div class="plan__list-head">
                <h2 class="plan__list-title">Included today</h2>
                <StatusBadge status="now" />
              </div>
              <ul class="ticks">
                {includedNow.map((item) => (
                  <li>{item}</li>
                ))}
              </ul>
            </div>
            <div class="plan__list">
              <div class="plan__list-head">
                <h2 class="plan__list-title">Included as each one ships</h2>
                <StatusBadge status="building" />
              </div>
              <ul class="ticks ticks--muted">
                {includedLater.map((item) => (
                  <li>{item}</li>
                ))}
              </ul>
              <p class="plan__more">
                <a class="arrow-link" href="/features">
                  What each area does
                  <Icon name="arrow-right" />
                </a>
              </p>
            </div>
          </div>
        </div>
      </section>

      <section class="section section--compact section--tinted" aria-labelledby="faq-title">
        <div class="container">
          <header class="section__header">
            <h2 class="section__title" id="faq-title">
              Questions about pricing
            </h2>
          </header>
          <dl class="faq">
            {questions.map((item) => (
              <div class="faq__item">
                <dt class="faq__q">{item.q}</dt>
                <dd class="faq__a">{item.a}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>

      <DemoCta title="Get a quote for your spa" text="Tell us how many locations and providers you have, and we’ll come back with a plan and a price." />
    </MarketingLayout>
  );
}
