/** The top of every client page: who, their age, the flags nobody may miss, and the tabs. */
import { Alert, Badge, PageHeader } from '../../../ui/components.tsx';
import { formatDay } from '../../../ui/format.ts';
import { dayIn } from '../../identity/spa-time.ts';
import type { ClientAccess } from '../access.ts';
import { ALLERGY_SEVERITIES, LANGUAGES } from '../fields.ts';
import { displayName } from '../profile.ts';
import type { Allergy, ClientRecord } from '../records.ts';

export type ClientTab = 'overview' | 'appointments' | 'health' | 'forms' | 'charts' | 'photos' | 'timeline';

const TABS: { key: ClientTab; label: string; path: string; shown: (a: ClientAccess) => boolean }[] = [
  { key: 'overview', label: 'Overview', path: '', shown: () => true },
  { key: 'appointments', label: 'Appointments', path: '/appointments', shown: (a) => a.appointments },
  { key: 'health', label: 'Health history', path: '/health', shown: (a) => a.health },
  { key: 'forms', label: 'Forms', path: '/forms', shown: (a) => a.forms },
  { key: 'charts', label: 'Charts', path: '/charts', shown: (a) => a.charts },
  { key: 'photos', label: 'Photos', path: '/photos', shown: (a) => a.photos },
  { key: 'timeline', label: 'Timeline', path: '/timeline', shown: () => true },
];

/** Allergies stand out wherever the client appears: severe ones first, in words and colour. */
export function AllergyAlert(props: { allergies: readonly Allergy[] | null }) {
  if (props.allergies === null) return null;
  if (props.allergies.length === 0) {
    return (
      <p class="client-allergies client-allergies--none" data-allergies="none">
        No known allergies recorded
      </p>
    );
  }
  return (
    <div class="client-allergies" role="note" aria-label="Allergies" data-allergies>
      <strong class="client-allergies__title">Allergies</strong>
      <ul class="client-allergies__list">
        {props.allergies.map((a) => (
          <li class={`client-allergy client-allergy--${a.severity}`}>
            {a.substance}
            <span class="client-allergy__severity">{` · ${ALLERGY_SEVERITIES[a.severity]}`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function MinorBadge(props: { record: Pick<ClientRecord, 'minor'> }) {
  switch (props.record.minor) {
    case 'needs_guardian':
      return <Badge tone="danger">Minor · no guardian on file</Badge>;
    case 'needs_authorization':
      return <Badge tone="warning">Minor · guardian authorization missing</Badge>;
    case 'authorized':
      return <Badge tone="info">Minor · guardian authorized</Badge>;
    default:
      return null;
  }
}

export function ClientHeader(props: { record: ClientRecord; access: ClientAccess; tab: ClientTab; notice?: string }) {
  const { profile, age } = props.record;
  const base = `/clients/${profile.id}`;
  const legal = `${profile.first_name} ${profile.last_name}`;
  const shownName = displayName(profile);
  const { visits, calendar } = props.record;
  const facts = [
    `${age} years old`,
    `born ${formatDay(profile.date_of_birth)}`,
    profile.pronouns,
    shownName !== legal ? `legal name ${legal}` : '',
    profile.preferred_language !== 'en' ? `speaks ${LANGUAGES[profile.preferred_language]}` : '',
    visits.count === 0 ? 'no visits yet' : `${visits.count} visit${visits.count === 1 ? '' : 's'}, last ${formatDay(dayIn(calendar.timeZone, visits.lastAt!))}`,
  ].filter(Boolean);
  return (
    <div class="client-head stack">
      <PageHeader
        eyebrow={<a href="/clients">Clients</a>}
        title={shownName}
        description={facts.join(' · ')}
        actions={
          <div class="badge-list" role="group" aria-label="Flags">
            <MinorBadge record={props.record} />
            {profile.is_member ? <Badge tone="accent">Member</Badge> : null}
            {profile.tags.map((t) => (
              <Badge>{t}</Badge>
            ))}
          </div>
        }
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      <AllergyAlert allergies={props.record.allergies} />
      <nav class="tabs" aria-label="Client record">
        {TABS.filter((t) => t.shown(props.access)).map((t) => (
          <a class="tabs__tab" href={`${base}${t.path}`} aria-current={t.key === props.tab ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
    </div>
  );
}
