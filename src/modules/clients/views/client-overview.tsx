/** The client record's first tab: the profile in sections (each edited in place), consent, allergies and guardians. */
import { Button, Card, CheckboxField, ConfirmAction, CsrfField, EmptyState, Field, SelectField } from '../../../ui/components.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import type { ClientAccess } from '../access.ts';
import { ALLERGY_SEVERITIES, CONSENT_METHODS, FIELD_LABELS, GUARDIAN_RELATIONSHIPS, SECTIONS, type SectionKey } from '../fields.ts';
import { formatPhone } from '../phone.ts';
import type { ClientRecord } from '../records.ts';
import { ClientHeader } from './client-header.tsx';
import { ProfileInput } from './profile-fields.tsx';
import { formValue, showValue } from './values.ts';

/** A form shown again after a refusal: what was typed and what is wrong. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface ClientOverviewView {
  record: ClientRecord;
  access: ClientAccess;
  csrfToken: string;
  /** The section open for editing, with what was typed when it was refused. */
  editing?: { section: SectionKey | 'consent'; form?: FormState };
  allergyForm?: FormState;
  guardianForm?: FormState;
  notice?: string;
  error?: string;
}

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

function ProfileSection(props: ClientOverviewView & { section: SectionKey }) {
  const { profile } = props.record;
  const spec = SECTIONS[props.section];
  const columns = Object.keys(spec.shape);
  const base = `/clients/${profile.id}`;
  const editing = props.editing?.section === props.section;
  const id = `section-${props.section}`;
  if (editing) {
    const form = props.editing?.form;
    return (
      <Card title={spec.title} id={id} class="client-section client-section--editing">
        <form method="post" action={`${base}/profile/${props.section}`} class="stack" novalidate>
          <CsrfField token={props.csrfToken} />
          <div class="form-grid">
            {columns.map((column, i) => (
              <ProfileInput column={column} value={form ? (form.values[column] ?? '') : formValue(column, profile[column as keyof typeof profile])} error={form?.errors[column]} autofocus={i === 0} />
            ))}
          </div>
          <div class="btn-row">
            <Button variant="primary">Save {spec.title.toLowerCase()}</Button>
            <Button variant="link" href={`${base}#${id}`}>
              Cancel
            </Button>
          </div>
        </form>
      </Card>
    );
  }
  // Empty optional fields are left out of the read view; the edit form shows them all.
  const filled = columns.filter((column) => showValue(column, profile[column as keyof typeof profile]) !== '—' || column === 'is_member');
  return (
    <Card
      title={spec.title}
      id={id}
      class="client-section"
      actions={
        props.access.editProfile ? (
          <Button size="sm" variant="secondary" href={`${base}?edit=${props.section}#${id}`}>
            Edit
          </Button>
        ) : undefined
      }
    >
      {filled.length === 0 ? (
        <p class="muted">Nothing recorded yet.</p>
      ) : (
        <dl class="facts">
          {filled.map((column) => (
            <div class="facts__row">
              <dt>{FIELD_LABELS[column]}</dt>
              <dd class={column === 'front_desk_notes' ? 'preserve-lines' : undefined}>{showValue(column, profile[column as keyof typeof profile])}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

function ConsentSection(props: ClientOverviewView) {
  const { profile } = props.record;
  const base = `/clients/${profile.id}`;
  const zone = props.record.calendar.timeZone;
  const line = (given: boolean, at: Date | null, method: string | null) =>
    given && at ? `Yes — ${CONSENT_METHODS[method as keyof typeof CONSENT_METHODS] ?? method}, ${formatDateTime(at, zone)}` : 'No';
  if (props.editing?.section === 'consent') {
    const form = props.editing.form;
    const value = (name: 'sms' | 'email') => (form ? form.values[`${name}_consent_method`] : profile[`${name}_consent_method`]) ?? '';
    const checked = (name: 'sms' | 'email') => (form ? form.values[`${name}_consent`] === 'on' : profile[`${name}_consent`]);
    return (
      <Card title="Messages" id="section-consent" class="client-section client-section--editing">
        <form method="post" action={`${base}/consent`} class="stack" novalidate>
          <CsrfField token={props.csrfToken} />
          {(['sms', 'email'] as const).map((ch) => (
            <fieldset class="fieldset">
              <legend>{ch === 'sms' ? 'Text messages' : 'Email'}</legend>
              <CheckboxField name={`${ch}_consent`} label={`Agrees to ${ch === 'sms' ? 'text messages' : 'email'} from the spa`} checked={checked(ch)} />
              <SelectField name={`${ch}_consent_method`} label="How they agreed" options={options(CONSENT_METHODS)} value={value(ch)} placeholder="Choose…" error={form?.errors[`${ch}_consent_method`]} optional />
            </fieldset>
          ))}
          <div class="btn-row">
            <Button variant="primary">Save message consent</Button>
            <Button variant="link" href={`${base}#section-consent`}>
              Cancel
            </Button>
          </div>
        </form>
      </Card>
    );
  }
  return (
    <Card
      title="Messages"
      id="section-consent"
      class="client-section"
      description="Reminders and form links go only where the client agreed."
      actions={props.access.editProfile ? <Button size="sm" href={`${base}?edit=consent#section-consent`}>Edit</Button> : undefined}
    >
      <dl class="facts">
        <div class="facts__row">
          <dt>{FIELD_LABELS.sms_consent}</dt>
          <dd>{line(profile.sms_consent, profile.sms_consent_at, profile.sms_consent_method)}</dd>
        </div>
        <div class="facts__row">
          <dt>{FIELD_LABELS.email_consent}</dt>
          <dd>{line(profile.email_consent, profile.email_consent_at, profile.email_consent_method)}</dd>
        </div>
      </dl>
    </Card>
  );
}

function AllergiesCard(props: ClientOverviewView) {
  const allergies = props.record.allergies;
  if (allergies === null) return null;
  const base = `/clients/${props.record.profile.id}`;
  const form = props.allergyForm;
  return (
    <Card title="Allergies" id="allergies" class="client-section">
      {allergies.length === 0 ? (
        <p class="muted">No known allergies recorded.</p>
      ) : (
        <ul class="item-list">
          {allergies.map((a) => (
            <li class="item-list__item">
              <div>
                <strong>{a.substance}</strong> <span class={`client-allergy client-allergy--${a.severity}`}>{ALLERGY_SEVERITIES[a.severity]}</span>
                {a.reaction ? <div class="muted">{a.reaction}</div> : null}
                <div class="item-list__meta">
                  Recorded {formatDateTime(a.recordedAt, props.record.calendar.timeZone)}
                  {a.recordedBy ? ` by ${a.recordedBy}` : ''}
                </div>
              </div>
              {props.access.editHealth ? (
                <ConfirmAction label="Remove…" action={`${base}/allergies/${a.id}/remove`} csrfToken={props.csrfToken} confirmLabel={`Remove ${a.substance}`}>
                  <p>Only if it was recorded by mistake or no longer applies. The history keeps it.</p>
                </ConfirmAction>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.access.editHealth ? (
        <details class="add-item" open={form ? true : undefined}>
          <summary class="btn btn--sm btn--secondary">Add an allergy</summary>
          <form method="post" action={`${base}/allergies`} class="stack add-item__form" novalidate>
            <CsrfField token={props.csrfToken} />
            <Field name="substance" label="Allergic to" value={form?.values.substance} error={form?.errors.substance} required autocomplete="off" />
            <Field name="reaction" label="Reaction" value={form?.values.reaction} error={form?.errors.reaction} optional autocomplete="off" hint="e.g. hives, swelling, anaphylaxis" />
            <SelectField name="severity" label="Severity" options={options(ALLERGY_SEVERITIES)} value={form?.values.severity} placeholder="Choose…" error={form?.errors.severity} />
            <Button variant="primary" size="sm">
              Add allergy
            </Button>
          </form>
        </details>
      ) : null}
    </Card>
  );
}

function GuardiansCard(props: ClientOverviewView) {
  const { guardians, minor, comesOfAgeOn } = props.record;
  if (minor === 'adult' && guardians.length === 0) return null;
  const base = `/clients/${props.record.profile.id}`;
  const form = props.guardianForm;
  const zone = props.record.calendar.timeZone;
  return (
    <Card
      title="Parents and guardians"
      id="guardians"
      class={`client-section${minor === 'needs_guardian' || minor === 'needs_authorization' ? ' client-section--attention' : ''}`}
      description={
        minor === 'adult'
          ? undefined
          : `Under ${props.record.calendar.ageOfMajority} until ${formatDay(comesOfAgeOn!)}. Treatment needs a guardian’s signed authorization.`
      }
    >
      {guardians.length === 0 ? (
        <EmptyState title="No guardian on file" headingLevel={3}>
          Add a parent or legal guardian before booking treatment.
        </EmptyState>
      ) : (
        <ul class="item-list">
          {guardians.map((g) => (
            <li class="item-list__item">
              <div>
                <strong>{g.fullName}</strong> <span class="muted">{g.relationship}</span>
                <div>{[formatPhone(g.phone), g.email].filter(Boolean).join(' · ')}</div>
                <div class="item-list__meta">
                  {g.authorizedAt ? `Authorization on file (${g.authorizationSource === 'paper' ? 'paper' : 'signed form'}), ${formatDateTime(g.authorizedAt, zone)}` : 'No authorization on file yet'}
                </div>
              </div>
              {props.access.editProfile ? (
                <div class="btn-row">
                  {!g.authorizedAt && props.access.authorizeMinor ? (
                    <ConfirmAction label="Paper authorization received…" action={`${base}/guardians/${g.id}/authorize`} csrfToken={props.csrfToken} confirmLabel="Record authorization">
                      <p>Confirm you hold an authorization signed by {g.fullName}. It is recorded with your name and the time.</p>
                    </ConfirmAction>
                  ) : null}
                  <ConfirmAction label="Remove…" action={`${base}/guardians/${g.id}/remove`} csrfToken={props.csrfToken} confirmLabel={`Remove ${g.fullName}`}>
                    <p>The history keeps who they were.</p>
                  </ConfirmAction>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.access.editProfile ? (
        <details class="add-item" open={form || guardians.length === 0 ? true : undefined}>
          <summary class="btn btn--sm btn--secondary">Add a parent or guardian</summary>
          <GuardianFields action={`${base}/guardians`} csrfToken={props.csrfToken} form={form} />
        </details>
      ) : null}
    </Card>
  );
}

/** The guardian's inputs: on the record page, and inside the new-client form (without its own form element). */
export function GuardianInputs(props: { form?: FormState }) {
  const f = props.form;
  return (
    <>
      <Field name="guardian_name" label="Full name" value={f?.values.guardian_name} error={f?.errors.guardian_name} autocomplete="off" />
      <SelectField name="guardian_relationship" label="Relationship" options={[...GUARDIAN_RELATIONSHIPS]} value={f?.values.guardian_relationship} placeholder="Choose…" error={f?.errors.guardian_relationship} />
      <Field name="guardian_phone" label="Phone" type="tel" inputmode="tel" value={f?.values.guardian_phone} error={f?.errors.guardian_phone} optional autocomplete="off" />
      <Field name="guardian_email" label="Email" type="email" value={f?.values.guardian_email} error={f?.errors.guardian_email} optional autocomplete="off" />
    </>
  );
}

function GuardianFields(props: { action: string; csrfToken: string; form?: FormState }) {
  return (
    <form method="post" action={props.action} class="stack add-item__form" novalidate>
      <CsrfField token={props.csrfToken} />
      {props.form?.errors.guardian ? <p class="field__error">{props.form.errors.guardian}</p> : null}
      <GuardianInputs form={props.form} />
      <Button variant="primary" size="sm">
        Add guardian
      </Button>
    </form>
  );
}

export function ClientOverviewPage(props: ClientOverviewView) {
  const { profile } = props.record;
  const base = `/clients/${profile.id}`;
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="overview" notice={props.notice} />
      {props.error ? <p class="alert alert--error" role="alert">{props.error}</p> : null}
      <div class="split split--main-aside">
        <div class="stack">
          <ProfileSection {...props} section="identity" />
          <ProfileSection {...props} section="contact" />
          <ConsentSection {...props} />
          <ProfileSection {...props} section="emergency" />
          <ProfileSection {...props} section="frontDesk" />
        </div>
        <div class="stack">
          <AllergiesCard {...props} />
          <GuardiansCard {...props} />
          {props.access.merge || props.access.auditReport ? (
            <Card title="Record" class="client-section">
              <ul class="plain-list">
                {props.access.merge ? (
                  <li>
                    <a href={`${base}/merge`}>Merge a duplicate into this record</a>
                  </li>
                ) : null}
                {props.access.auditReport ? (
                  <li>
                    <a href={`/audit/clients/${profile.id}`}>Who opened this record (access report)</a>
                  </li>
                ) : null}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
