/** The new-client form: who they are, how to reach them, consent, allergies, and a guardian for a minor. */
import { Alert, Button, Card, CheckboxField, CsrfField, Field, PageHeader, SelectField } from '../../../ui/components.tsx';
import { formatDay } from '../../../ui/format.ts';
import { ALLERGY_ROWS, ALLERGY_SEVERITIES, CONSENT_METHODS, SECTIONS } from '../fields.ts';
import type { PossibleDuplicate } from '../duplicates.ts';
import { GuardianInputs, type FormState } from './client-overview.tsx';
import { ProfileInput } from './profile-fields.tsx';

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

function Matches(props: { matches: PossibleDuplicate[] }) {
  return (
    <Alert tone="warning" title="This client may already have a record" id="possible-matches">
      <ul class="plain-list">
        {props.matches.map((m) => (
          <li>
            <a href={`/clients/${m.id}`}>{m.name}</a>, born {formatDay(m.dateOfBirth)} — same {m.reasons.join(', ')}
          </li>
        ))}
      </ul>
      <p>Open the existing record, or if this is a different person, tick “This is a different person” below and save again.</p>
    </Alert>
  );
}

export function NewClientPage(props: { csrfToken: string; form?: FormState; matches?: PossibleDuplicate[]; canRecordHealth: boolean; ageOfMajority: number; today: string }) {
  const f = props.form;
  const v = (name: string) => f?.values[name] ?? '';
  return (
    <div class="stack-lg narrow-wide">
      <PageHeader eyebrow={<a href="/clients">Clients</a>} title="New client" description="Legal name and date of birth are required; everything else can be added later." />
      {props.matches?.length ? <Matches matches={props.matches} /> : null}
      {f && Object.keys(f.errors).length ? (
        <Alert tone="error" title="Please check the highlighted fields">
          Nothing was saved yet.
        </Alert>
      ) : null}
      <form method="post" action="/clients/new" class="stack-lg" novalidate>
        <CsrfField token={props.csrfToken} />
        <Card title="Personal details">
          <div class="form-grid">
            {Object.keys(SECTIONS.identity.shape).map((column, i) => (
              <ProfileInput column={column} value={v(column) || (column === 'preferred_language' ? 'en' : column === 'sex' ? 'unknown' : '')} error={f?.errors[column]} autofocus={i === 0 && !f} />
            ))}
          </div>
        </Card>
        <Card title="Contact">
          <div class="form-grid">
            {Object.keys(SECTIONS.contact.shape).map((column) => (
              <ProfileInput column={column} value={v(column)} error={f?.errors[column]} />
            ))}
          </div>
        </Card>
        <Card title="Messages" description="Record consent only when the client gave it; reminders and form links go only where they agreed.">
          <div class="form-grid">
            {(['sms', 'email'] as const).map((ch) => (
              <fieldset class="fieldset">
                <legend>{ch === 'sms' ? 'Text messages' : 'Email'}</legend>
                <CheckboxField name={`${ch}_consent`} label={`Agrees to ${ch === 'sms' ? 'text messages' : 'email'}`} checked={v(`${ch}_consent`) === 'on'} />
                <SelectField name={`${ch}_consent_method`} label="How they agreed" options={options(CONSENT_METHODS)} value={v(`${ch}_consent_method`)} placeholder="Choose…" error={f?.errors[`${ch}_consent_method`]} optional />
              </fieldset>
            ))}
          </div>
        </Card>
        {props.canRecordHealth ? (
          <Card title="Allergies" description="One per row; leave empty if none are known.">
            <div class="stack">
              {Array.from({ length: ALLERGY_ROWS }, (_, i) => (
                <div class="allergy-row">
                  <Field name={`allergy_${i}_substance`} label={`Allergy ${i + 1}`} value={v(`allergy_${i}_substance`)} error={f?.errors[`allergy_${i}_substance`]} optional autocomplete="off" />
                  <Field name={`allergy_${i}_reaction`} label="Reaction" value={v(`allergy_${i}_reaction`)} error={f?.errors[`allergy_${i}_reaction`]} optional autocomplete="off" />
                  <SelectField name={`allergy_${i}_severity`} label="Severity" options={options(ALLERGY_SEVERITIES)} value={v(`allergy_${i}_severity`)} placeholder="Choose…" error={f?.errors[`allergy_${i}_severity`]} optional />
                </div>
              ))}
            </div>
          </Card>
        ) : null}
        <Card title="Parent or guardian" id="guardian" description={`Required when the client is under ${props.ageOfMajority} today (${formatDay(props.today)}).`}>
          <div class="form-grid">
            <GuardianInputs form={f} />
          </div>
        </Card>
        {props.matches?.length ? <CheckboxField name="different_person" label="This is a different person: create a new record anyway" /> : null}
        <div class="btn-row">
          <Button variant="primary" size="lg">
            Create client
          </Button>
          <Button variant="link" href="/clients">
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
