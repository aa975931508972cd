/**
 * /features: one section per area, each marked "Available now" or "In development".
 * Honesty rule: an area is "now" only when a spa could use it in the product today.
 */
import { Icon, type IconName } from '../../../ui/icons.tsx';
import { MarketingLayout, type MarketingAnalytics } from '../../../ui/layouts.tsx';
import { DemoCta, PageIntro, StatusBadge, type Availability } from './parts.tsx';

type Area = { id: string; short: string; icon: IconName; status: Availability; title: string; summary: string; points: string[] };

const areas: Area[] = [
  {
    id: 'team',
    short: 'Team',
    icon: 'user',
    status: 'now',
    title: 'Your team, and who may do what',
    summary: 'Every person at the spa gets their own sign-in — no shared logins — and a role that decides what they can see and change.',
    points: [
      'Invite staff by email; deactivate and reactivate them when people come and go',
      'Six roles ready to use — owner, manager, provider, front desk, bookkeeper and marketing — and your own roles built from individual permissions',
      'Provider credentials on file: licence type (MD, NP, RN and others), number, state and expiry',
      'Permissions are read from the database on every request, so a change takes effect at once',
    ],
  },
  {
    id: 'sign-in',
    short: 'Sign-in',
    icon: 'lock',
    status: 'now',
    title: 'Sign-in that protects patient records',
    summary: 'Two-step verification is switched on for everyone, with no way to opt out, because a password alone is not enough for clinical data.',
    points: [
      'An authenticator app code at every sign-in, with ten single-use recovery codes',
      'Passwords checked against a million known breached passwords and common weak patterns',
      'Automatic logoff after a period of inactivity that your spa sets (5 to 30 minutes), and a 12-hour limit on any session',
      'Each person can see where they are signed in and end those sessions',
      'Repeated failed sign-ins pause the attempts and alert the spa’s owners by email',
    ],
  },
  {
    id: 'audit',
    short: 'Audit trail',
    icon: 'shield',
    status: 'now',
    title: 'An audit trail you can search',
    summary: 'Lumè records who did what, with which role, when and from where — and keeps that record in a form that cannot be quietly edited.',
    points: [
      'Sign-ins, failed attempts and changes to staff, roles and settings are recorded today; client records will be recorded the same way as they arrive',
      'Search by person, action and date, and export the results as CSV',
      'A per-client report of everyone who has accessed that client’s records',
      'Sealed with a keyed hash chain that a verification command checks end to end',
    ],
  },
  {
    id: 'calendar',
    short: 'Calendar',
    icon: 'calendar',
    status: 'building',
    title: 'Calendar and online booking',
    summary: 'Day and week views by provider, room and location, and a booking page for clients that offers only times that are really free.',
    points: [
      'The database itself will refuse a double-booked provider or room',
      'Book, reschedule, cancel, check in and mark no-shows',
      'Clients manage their own appointment within your policy, from a private link',
    ],
  },
  {
    id: 'charts',
    short: 'Charts',
    icon: 'chart',
    status: 'building',
    title: 'Client charts and treatment records',
    summary: 'Allergies, medications, history, treatments and before-and-after photos in one chart per client.',
    points: [
      'Product, lot number and units per injection site recorded with each treatment',
      'Signed provider notes stay exactly as written; corrections are added as addenda',
      'Photos encrypted with your spa’s own key — the file encryption is already in place',
      'A linked parent or guardian and their signed authorization before a minor is treated',
    ],
  },
  {
    id: 'consent',
    short: 'Consent',
    icon: 'signature',
    status: 'building',
    title: 'Consent forms and e-signature',
    summary: 'Versioned intake and treatment consent forms, signed on the client’s phone or a front-desk tablet.',
    points: [
      'The right consent assigned automatically when a service is booked',
      'Each signature keeps the exact version of the form that was signed',
      'A PDF copy of any signed form, for the client or your records',
    ],
  },
  {
    id: 'payments',
    short: 'Payments',
    icon: 'card',
    status: 'building',
    title: 'Invoices and payments',
    summary: 'Invoices with services, products, discounts, tax and tips, paid by card, cash or other methods.',
    points: [
      'Cards taken through the payment processor, so card numbers never reach Lumè’s servers',
      'Refunds and receipts',
      'A daily close-out that reconciles with the processor',
    ],
  },
  {
    id: 'messaging',
    short: 'Reminders',
    icon: 'bell',
    status: 'building',
    title: 'Reminders and messages',
    summary: 'Confirmations, reminders and form links by text and email, with the wording and timing set by your spa.',
    points: ['Each message sent once, even across restarts', 'Opt-outs and consent to text honoured for every client', 'Delivery status recorded from the provider'],
  },
  {
    id: 'reports',
    short: 'Reports',
    icon: 'report',
    status: 'building',
    title: 'Reports',
    summary: 'Revenue, appointments and no-shows, provider and room utilization, new and returning clients.',
    points: ['Charts for the trends that matter to an owner', 'Every report exportable as CSV'],
  },
  {
    id: 'your-data',
    short: 'Your data',
    icon: 'database',
    status: 'building',
    title: 'Your data, yours to take',
    summary: 'A full export of your spa’s data whenever you ask, and help answering a patient’s request for their record.',
    points: [
      'Machine-readable export with your documents, with progress shown for large spas',
      'A complete copy of one client’s record, including in the FHIR R4 format',
      'At the end of a contract, deletion of every record and file, with a certificate',
    ],
  },
];

function AreaCard(props: { area: Area }) {
  const { area } = props;
  return (
    <article class={`area area--${area.status}`} id={area.id} aria-labelledby={`${area.id}-title`}>
      <div class="area__head">
        <span class="feature__icon area__icon">
          <Icon name={area.icon} />
        </span>
        <StatusBadge status={area.status} />
      </div>
      <h3 class="area__title" id={`${area.id}-title`}>
        {area.title}
      </h3>
      <p class="area__summary">{area.summary}</p>
      <ul class="ticks area__points">
        {area.points.map((point) => (
          <li>{point}</li>
        ))}
      </ul>
    </article>
  );
}

export function FeaturesPage(props: { analytics?: MarketingAnalytics }) {
  const now = areas.filter((a) => a.status === 'now');
  const building = areas.filter((a) => a.status === 'building');
  return (
    <MarketingLayout
      title="Features"
      description="What Lumè does for a medical spa today — staff accounts and permissions, two-step sign-in, a searchable audit trail — and the calendar, charts, consent, payments and reminders being built on top."
      analytics={props.analytics}
      currentPath="/features"
    >
      <PageIntro
        eyebrow="Features"
        title="What Lumè does today, and what it is being built to do"
        lede="Lumè is a young product. The foundations every spa needs — accounts, permissions, sign-in security and the audit trail — work today. The front-desk and clinical tools are being built on top of them. This page says plainly which is which."
      >
        <nav class="jump" aria-label="Areas on this page">
          <ul class="jump__list">
            {areas.map((a) => (
              <li>
                <a class={`jump__link jump__link--${a.status}`} href={`#${a.id}`}>
                  {a.short}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </PageIntro>

      <section class="section section--compact" aria-labelledby="now-title">
        <div class="container">
          <header class="section__header">
            <h2 class="section__title" id="now-title">
              Available now
            </h2>
            <p class="section__lede">Working in the product today, for every spa.</p>
          </header>
          <div class="area-grid">
            {now.map((area) => (
              <AreaCard area={area} />
            ))}
          </div>
        </div>
      </section>

      <section class="section section--compact section--tinted" aria-labelledby="building-title">
        <div class="container">
          <header class="section__header">
            <h2 class="section__title" id="building-title">
              In development
            </h2>
            <p class="section__lede">
              What Lumè is being built for. None of this is available yet; each area will move up this page when a spa can use
              it.
            </p>
          </header>
          <div class="area-grid">
            {building.map((area) => (
              <AreaCard area={area} />
            ))}
          </div>
        </div>
      </section>

      <DemoCta text="We’ll show you what works today, walk through what is coming, and hear what your spa needs most." />
    </MarketingLayout>
  );
}
