/** Merging a duplicate into a client record: choose the other record, compare both, confirm. */
import { Alert, Badge, Button, Card, CheckboxField, CsrfField, EmptyState, Field, PageHeader } from '../../../ui/components.tsx';
import { dayIn } from '../../identity/spa-time.ts';
import { formatDay } from '../../../ui/format.ts';
import { CONSENT_METHODS, FIELD_LABELS, LANGUAGES, SEXES } from '../fields.ts';
import type { MergeCandidate, MergeCandidates } from '../merge-candidates.ts';
import { COMPARED_FIELDS, type FieldOutcome } from '../merge-plan.ts';
import type { MergePreview, MergeSide } from '../merge.ts';
import { formatPhone } from '../phone.ts';
import type { ClientProfile } from '../profile.ts';
import { displayName } from '../profile.ts';

const owned = (name: string) => `${name}’s`;

export interface MergePickView {
  list: MergeCandidates;
  csrfToken: string;
  /** The search typed, when the list is its result; absent for the likely duplicates. */
  query?: string;
  errors?: Record<string, string>;
}

function CandidateTable(props: { survivorId: string; candidates: readonly MergeCandidate[]; csrfToken: string; caption: string }) {
  return (
    <div class="table-wrap table-wrap--contained">
      <table class="table table--stack">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Date of birth</th>
            <th scope="col">Email</th>
            <th scope="col">Phone</th>
            <th scope="col">
              <span class="visually-hidden">Compare</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.candidates.map((c) => (
            <tr>
              <td data-label="Name">
                {c.name}
                {c.name !== c.legalName ? <span class="muted merge-pick__legal"> ({c.legalName})</span> : null}
              </td>
              <td data-label="Date of birth">{formatDay(c.dateOfBirth)}</td>
              <td data-label="Email">{c.email ?? <span class="muted">—</span>}</td>
              <td data-label="Phone">{c.phone ? formatPhone(c.phone) : <span class="muted">—</span>}</td>
              <td class="table__actions">
                <form method="post" action={`/clients/${props.survivorId}/merge/preview`}>
                  <CsrfField token={props.csrfToken} />
                  <input type="hidden" name="other_id" value={c.id} />
                  <Button size="sm">Compare</Button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MergePickPage(props: MergePickView) {
  const { survivor, candidates } = props.list;
  const e = props.errors ?? {};
  const searched = props.query !== undefined;
  return (
    <div class="stack-lg narrow-wide">
      <PageHeader
        eyebrow={<a href={`/clients/${survivor.id}`}>← {owned(survivor.name)} record</a>}
        title="Merge a duplicate"
        description={`Find the other record of ${survivor.name} (born ${formatDay(survivor.dateOfBirth)}). You will see both side by side before anything changes.`}
      />
      {e.other_id ? <Alert tone="error">{e.other_id}</Alert> : null}
      <Card title="Search" headingLevel={2}>
        <form class="form merge-pick__search" method="post" action={`/clients/${survivor.id}/merge/search`} role="search">
          <CsrfField token={props.csrfToken} />
          <Field name="q" type="search" label="Name, phone, email or date of birth" value={props.query} error={e.q} required maxlength={100} autocomplete="off" spellcheck={false} class="field--medium" />
          <div class="form__actions">
            <Button variant="primary">Search</Button>
          </div>
        </form>
      </Card>
      <Card title={searched ? 'Matches' : 'Possible duplicates'} description={searched ? undefined : 'Same date of birth and a similar name, or the same phone or email.'} headingLevel={2}>
        {candidates.length ? (
          <CandidateTable survivorId={survivor.id} candidates={candidates} csrfToken={props.csrfToken} caption={searched ? 'Matches' : 'Possible duplicates'} />
        ) : (
          <EmptyState title={searched ? 'No other record matches' : 'No likely duplicate'} icon="user" headingLevel={3}>
            {searched ? 'Try part of the name, the last four digits of a phone number, or the date of birth like 1990-03-14.' : 'Search by name, phone, email or date of birth to find the other record.'}
          </EmptyState>
        )}
      </Card>
    </div>
  );
}

/** One value as the comparison shows it. */
function show(profile: ClientProfile, column: keyof ClientProfile, timeZone: string): string {
  if (column === 'sms_consent' || column === 'email_consent') {
    const channel = column === 'sms_consent' ? 'sms' : 'email';
    if (!profile[column]) return 'No';
    const method = profile[`${channel}_consent_method`];
    const at = profile[`${channel}_consent_at`];
    const how = method ? (CONSENT_METHODS[method as keyof typeof CONSENT_METHODS] ?? method) : '';
    return `Yes${how ? `, ${how.toLowerCase()}` : ''}${at ? `, ${formatDay(dayIn(timeZone, new Date(at)))}` : ''}`;
  }
  const value = profile[column];
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  if (column === 'date_of_birth') return formatDay(String(value));
  if (column === 'sex') return value === 'unknown' ? '' : SEXES[value as keyof typeof SEXES];
  if (column === 'preferred_language') return LANGUAGES[value as keyof typeof LANGUAGES];
  if (column === 'is_member') return value ? 'Member' : '';
  if (Array.isArray(value)) return value.join(', ');
  if (column === 'mobile_phone' || column === 'other_phone' || column === 'emergency_phone') return formatPhone(String(value));
  return String(value);
}

const OUTCOME: Record<FieldOutcome, { label: string; tone: 'neutral' | 'accent' | 'info' | 'warning' }> = {
  same: { label: 'Unchanged', tone: 'neutral' },
  kept: { label: 'Kept; other value in the merge history', tone: 'warning' },
  filled: { label: 'Filled in', tone: 'accent' },
  combined: { label: 'Combined', tone: 'info' },
};

function Value(props: { text: string }) {
  return props.text ? <span class="merge-compare__value">{props.text}</span> : <span class="muted">—</span>;
}

/** The survivor as it will read after the merge. */
function result(preview: MergePreview): ClientProfile {
  const after = { ...preview.survivor.profile } as Record<string, unknown>;
  for (const [column, change] of Object.entries(preview.plan.changes)) after[column] = change.to;
  return after as unknown as ClientProfile;
}

function Comparison(props: { preview: MergePreview; survivorName: string; otherName: string }) {
  const { preview } = props;
  const after = result(preview);
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label="Both records, field by field">
      <table class="table merge-compare">
        <caption>Profile, field by field</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">{owned(props.survivorName)} record (stays)</th>
            <th scope="col">{owned(props.otherName)} record (folded in)</th>
            <th scope="col">After the merge</th>
          </tr>
        </thead>
        <tbody>
          {COMPARED_FIELDS.map((column) => {
            const outcome = OUTCOME[preview.plan.outcomes[column] ?? 'same'];
            return (
              <tr class={`merge-compare__row merge-compare__row--${preview.plan.outcomes[column] ?? 'same'}`}>
                <th scope="row">{FIELD_LABELS[column] ?? column}</th>
                <td class="wrap">
                  <Value text={show(preview.survivor.profile, column, preview.timeZone)} />
                </td>
                <td class="wrap">
                  <Value text={show(preview.other.profile, column, preview.timeZone)} />
                </td>
                <td class="wrap">
                  <Value text={show(after, column, preview.timeZone)} /> <Badge tone={outcome.tone}>{outcome.label}</Badge>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Holdings(props: { side: MergeSide; name: string; healthVisible: boolean; role: string }) {
  const { counts, allergies } = props.side;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <Card title={`${owned(props.name)} record`} description={props.role} headingLevel={3} class="merge-holdings">
      <ul class="plain-list">
        <li>
          {plural(counts.allergies, 'allergy', 'allergies')}
          {allergies?.length ? `: ${allergies.join(', ')}` : ''}
        </li>
        {props.healthVisible ? <li>{plural(counts.health, 'health entry', 'health entries')}</li> : null}
        <li>{plural(counts.guardians, 'parent or guardian', 'parents or guardians')}</li>
        <li>{plural(counts.events, 'entry', 'entries')} in its history</li>
      </ul>
    </Card>
  );
}

export interface MergePreviewView {
  preview: MergePreview;
  csrfToken: string;
  errors?: Record<string, string>;
}

export function MergePreviewPage(props: MergePreviewView) {
  const { survivor, other } = props.preview;
  const survivorName = displayName(survivor.profile);
  const otherName = displayName(other.profile);
  const e = props.errors ?? {};
  const base = `/clients/${survivor.profile.id}`;
  return (
    <div class="stack-lg">
      <PageHeader eyebrow={<a href={`${base}/merge`}>← Choose another record</a>} title="Merge two records" description="Check that both records are the same person before you merge." />
      <Alert tone="warning" title={`${owned(otherName)} record will be folded into ${owned(survivorName)}. This cannot be undone.`}>
        <p>
          Everything on {owned(otherName)} record — its history, allergies, health entries, guardians and anything added to it later in Lumè — moves to {owned(survivorName)}. The folded record is kept, marked as merged, and
          leads to the one that stays; the merge is recorded in the record’s history and the audit trail.
        </p>
      </Alert>
      <div class="split">
        <Holdings side={survivor} name={survivorName} healthVisible={props.preview.healthVisible} role="Stays" />
        <Holdings side={other} name={otherName} healthVisible={props.preview.healthVisible} role="Folded in, everything moves across" />
      </div>
      <Comparison preview={props.preview} survivorName={survivorName} otherName={otherName} />
      <Card title="Merge" headingLevel={2}>
        <div class="stack">
          {e.confirm || e.other_id ? <Alert tone="error">{e.confirm ?? e.other_id}</Alert> : null}
          <form class="form" method="post" action={`${base}/merge`}>
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="other_id" value={other.profile.id} />
            <CheckboxField name="confirm" label={`${survivorName} and ${otherName} are the same person, and I understand the merge cannot be undone.`} error={e.confirm} required />
            <div class="form__actions">
              <Button variant="danger">Merge into {owned(survivorName)} record</Button>
              <Button variant="link" href={base}>
                Cancel
              </Button>
            </div>
          </form>
          <form method="post" action={`/clients/${other.profile.id}/merge/preview`} class="merge-swap">
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="other_id" value={survivor.profile.id} />
            <Button variant="link">Keep {owned(otherName)} record instead</Button>
          </form>
        </div>
      </Card>
    </div>
  );
}
