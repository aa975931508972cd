/** /subprocessors (MKT-7): who helps run Lumè, what each does, and whether it ever touches PHI. */
import { MarketingLayout, type MarketingAnalytics } from '../../../ui/layouts.tsx';
import { Note, PageIntro } from './parts.tsx';

export const SUBPROCESSORS_UPDATED = '2026-11-27';

type Subprocessor = {
  name: string;
  role: string;
  data: string;
  phi: 'yes' | 'no' | 'never';
  phiText: string;
  when: string;
};

const subprocessors: Subprocessor[] = [
  {
    name: 'Amazon Web Services (AWS)',
    role: 'Hosting: the servers, the database and encrypted file storage that run Lumè, and Amazon SES, which sends the email that can mention a spa’s clients — reminders, form links, signed-form copies — and sign-in alerts to spa staff.',
    data: 'Everything a spa keeps in Lumè. Stored files are encrypted by Lumè with the spa’s own key before AWS stores them.',
    phi: 'yes',
    phiText: 'Yes, under a business associate agreement with Lumè.',
    when: 'Hosting: in use. Amazon SES: as Lumè’s email to spas and their clients goes live.',
  },
  {
    name: 'Twilio',
    role: 'Sends text messages to a spa’s clients: appointment confirmations and reminders, and links to fill in forms.',
    data: 'The client’s mobile number and the text of each message, with the spa’s name and the appointment time.',
    phi: 'yes',
    phiText: 'Yes, under a business associate agreement with Lumè.',
    when: 'When text reminders launch; not in use yet.',
  },
  {
    name: 'Stripe',
    role: 'Processes card payments for a spa. Card details go from the client’s device to Stripe directly and never reach Lumè’s servers.',
    data: 'Card details, the amount, and a payment reference. Lumè sends Stripe no treatment or chart information.',
    phi: 'no',
    phiText: 'No clinical information. Payment processing falls under HIPAA’s exemption for financial transactions.',
    when: 'When payments launch; not in use yet.',
  },
  {
    name: 'Resend',
    role: 'Delivers Lumè’s own email: demo requests from this website, sent to Lumè’s sales inbox.',
    data: 'What a prospect types into the demo form.',
    phi: 'never',
    phiText: 'Never. Lumè’s code can send email that concerns a spa’s clients only through Amazon SES, never through Resend.',
    when: 'In use for demo requests.',
  },
  {
    name: 'Plausible Analytics',
    role: 'Counts visits to this public website, without cookies, as aggregate figures.',
    data: 'Page views, the referring site, country and device type. No identifiers and nothing typed into forms.',
    phi: 'never',
    phiText: 'Never. It runs only on this public website, and the spa’s Lumè does not allow its script to load.',
    when: 'Only while visit counting is switched on.',
  },
];

const PHI_LABEL = { yes: 'Handles PHI', no: 'No PHI', never: 'Never PHI' } as const;

export function SubprocessorsPage(props: { analytics?: MarketingAnalytics }) {
  return (
    <MarketingLayout
      title="Subprocessors"
      description="The companies that help run Lumè — AWS (including SES), Twilio, Stripe, Resend and Plausible — what each does, and whether it ever handles protected health information."
      analytics={props.analytics}
      currentPath="/subprocessors"
    >
      <PageIntro
        eyebrow="Compliance"
        title="Subprocessors"
        meta={
          <>
            Last updated <time datetime={SUBPROCESSORS_UPDATED}>{SUBPROCESSORS_UPDATED}</time>
          </>
        }
        lede="The companies that help run Lumè, what each one does, and whether it ever handles protected health information (PHI). Any company that handles PHI for Lumè signs a business associate agreement with Lumè first."
      />
      <div class="container subprocessors">
        <ul class="subprocessor-list">
          {subprocessors.map((s) => (
            <li class="subprocessor">
              <div class="subprocessor__head">
                <h2 class="subprocessor__name">{s.name}</h2>
                <span class={`phi-badge phi-badge--${s.phi}`}>{PHI_LABEL[s.phi]}</span>
              </div>
              <dl class="subprocessor__facts">
                <div>
                  <dt>What it does</dt>
                  <dd>{s.role}</dd>
                </div>
                <div>
                  <dt>What it receives</dt>
                  <dd>{s.data}</dd>
                </div>
                <div>
                  <dt>Patient information (PHI)</dt>
                  <dd>{s.phiText}</dd>
                </div>
                <div>
                  <dt>In use</dt>
                  <dd>{s.when}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
        <div class="prose subprocessors__after">
          <Note>
            We update this page before a new subprocessor starts handling a spa’s information. See also the <a href="/baa">BAA summary</a> and the <a href="/privacy">privacy policy</a>.
          </Note>
        </div>
      </div>
    </MarketingLayout>
  );
}

