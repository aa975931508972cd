/** Settings → Services → add or edit a service: details, who may perform it, what it needs, and its phases. */
import { Alert, Badge, Button, Card, CheckboxField, ConfirmAction, CsrfField, Field, PageHeader, TextareaField } from '../../../ui/components.tsx';
import { FieldError } from '../../../ui/components/field-parts.tsx';
import { CREDENTIAL_KINDS } from '../../identity/credential-catalogue.ts';
import { FORM_KINDS, ruleSummary } from '../../forms/rules.ts';
import type { BookedVisitsGap } from '../../forms/booked-visits.ts';
import type { FormChoice } from '../../forms/templates.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { MAX_PHASES, MAX_REQUIREMENTS, type ServiceDraft } from '../service-form.ts';
import type { Phase, ResourceChoice, Service } from '../services.ts';
import { PhaseTimeline } from './phase-timeline.tsx';

export interface ServiceFormView {
  csrfToken: string;
  /** The stored service when editing. */
  service?: Service;
  draft: ServiceDraft;
  errors: Record<string, string>;
  resources: ResourceChoice[];
  categories: string[];
  /** The spa's form templates, and those this service asks for. */
  forms?: FormChoice[];
  linkedForms?: string[];
  notice?: string;
  /** Visits to come booked before some of the service's forms were linked, which do not ask for them. */
  bookedGap?: BookedVisitsGap | null;
  /** The spa's time zone, for the first such visit. */
  timeZone?: string;
}

const rowsFor = <T,>(items: T[], min: number, max: number) => Math.min(max, Math.max(min, items.length + 1));

function Credentials(props: ServiceFormView) {
  return (
    <fieldset class="fieldset">
      <legend class="fieldset__legend">Who may perform it</legend>
      <p class="field__hint">Tick the licences of which the provider must hold one, valid on the day (an expired licence does not count). Leave all unticked if anyone may.</p>
      <div class="choice-grid">
        {Object.entries(CREDENTIAL_KINDS).map(([kind, label]) => (
          <CheckboxField name="credentials" id={`credential-${kind}`} value={kind} label={label} checked={props.draft.credentials.includes(kind)} />
        ))}
      </div>
      <FieldError id="credentials-error" message={props.errors.credentials} />
    </fieldset>
  );
}

function Requirements(props: ServiceFormView) {
  const count = rowsFor(props.draft.requirements, 2, MAX_REQUIREMENTS);
  return (
    <fieldset class="fieldset">
      <legend class="fieldset__legend">Rooms and devices needed</legend>
      <p class="field__hint">Name each thing the service needs (“Room”, “Laser”) and tick the rooms or devices that will do. Empty rows are ignored.</p>
      {props.resources.length ? null : (
        <Alert tone="info">
          No rooms or devices yet. Add them on a <a href="/settings/locations">location’s page</a> first.
        </Alert>
      )}
      <div class="stack">
        {Array.from({ length: count }, (_, i) => {
          const row = props.draft.requirements[i] ?? { label: '', resourceIds: [] };
          const error = props.errors[`req_${i}_resources`];
          return (
            <div class="requirement-row">
              <Field name={`req_${i}_label`} label={`Requirement ${i + 1}`} value={row.label} error={props.errors[`req_${i}_label`]} maxlength={60} placeholder={i === 0 ? 'Room' : 'Laser'} class="requirement-row__label" />
              <fieldset class={`fieldset requirement-row__choices${error ? ' field--invalid' : ''}`} aria-describedby={error ? `req-${i}-resources-error` : undefined}>
                <legend class="visually-hidden">Rooms and devices that satisfy requirement {i + 1}</legend>
                {props.resources.map((loc) => {
                  const shown = loc.resources.filter((r) => r.active || row.resourceIds.includes(r.id));
                  return shown.length ? (
                    <div class="requirement-row__location">
                      <span class="requirement-row__location-name">{loc.locationName}</span>
                      <div class="choice-grid">
                        {shown.map((r) => (
                          <CheckboxField
                            name={`req_${i}_resources`}
                            id={`req-${i}-${r.id}`}
                            value={r.id}
                            checked={row.resourceIds.includes(r.id)}
                            label={
                              <>
                                {r.name} <span class="muted text-sm">{r.kind === 'device' ? 'device' : 'room'}{r.active ? '' : ', inactive'}</span>
                              </>
                            }
                          />
                        ))}
                      </div>
                    </div>
                  ) : null;
                })}
                <FieldError id={`req-${i}-resources-error`} message={error} />
              </fieldset>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function Phases(props: ServiceFormView) {
  const count = rowsFor(props.draft.phases, 4, MAX_PHASES);
  const labels = props.draft.requirements.map((r) => r.label).filter(Boolean);
  return (
    <fieldset class="fieldset" aria-describedby={props.errors.phases ? 'phases-error' : undefined}>
      <legend class="fieldset__legend">Phases, in order</legend>
      <p class="field__hint">
        What happens, how long, and what each step occupies. Numbing uses the client and a room while the provider is free for someone else. “Holds” names requirements from above, separated by commas{labels.length ? ` (${labels.join(', ')})` : ''}. Empty rows are ignored.
      </p>
      <FieldError id="phases-error" message={props.errors.phases} />
      <ol class="phase-rows">
        {Array.from({ length: count }, (_, i) => {
          const row = props.draft.phases[i] ?? { label: '', minutes: '', usesProvider: false, usesClient: true, holds: '' };
          const blank = !props.draft.phases[i];
          return (
            <li class="phase-row">
              <span class="phase-row__number" aria-hidden="true">
                {i + 1}
              </span>
              <Field name={`phase_${i}_label`} label={`Phase ${i + 1}`} value={row.label} error={props.errors[`phase_${i}_label`]} maxlength={60} placeholder={i === 0 ? 'Numbing' : i === 1 ? 'Treatment' : ''} class="phase-row__label" />
              <Field name={`phase_${i}_minutes`} type="number" inputmode="numeric" label="Minutes" value={row.minutes} error={props.errors[`phase_${i}_minutes`]} class="phase-row__minutes" attrs={{ min: 1, max: 720 }} />
              <div class="phase-row__uses">
                <CheckboxField name={`phase_${i}_provider`} label="Provider" checked={row.usesProvider} />
                <CheckboxField name={`phase_${i}_client`} label="Client" checked={blank || row.usesClient} />
              </div>
              <Field name={`phase_${i}_holds`} label="Holds" value={row.holds} error={props.errors[`phase_${i}_holds`]} maxlength={200} placeholder="Room, Laser" class="phase-row__holds" />
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}

/** The consents (and other forms) asked when this service is booked. */
function Forms(props: ServiceFormView) {
  const forms = props.forms ?? [];
  const linked = new Set(props.linkedForms ?? []);
  return (
    <Card id="service-forms" title="Forms to sign" description="Asked of the client when this service is booked, each by its own rule: a consent at every booking, an intake or a photo release only when due.">
      <input type="hidden" name="forms_shown" value="1" />
      {forms.length ? (
        <fieldset class="fieldset">
          <legend class="visually-hidden">Forms this service asks for</legend>
          <div class="choice-grid choice-grid--forms">
            {forms.map((f) => (
              <CheckboxField
                name="forms"
                id={`form-${f.id}`}
                value={f.id}
                checked={linked.has(f.id)}
                label={
                  <>
                    {f.name} <span class="muted text-sm">{FORM_KINDS[f.kind]} · {ruleSummary(f.rule, f.renewalMonths)}{f.archived ? ' · archived' : ''}</span>
                  </>
                }
              />
            ))}
          </div>
        </fieldset>
      ) : (
        <p class="field__hint">
          No forms yet. Add consents from the <a href="/settings/forms/library">starter library</a> first.
        </p>
      )}
    </Card>
  );
}

function previewPhases(props: ServiceFormView): Phase[] {
  if (props.service && !Object.keys(props.errors).length) return props.service.phases;
  return props.draft.phases
    .filter((p) => p.label && /^\d+$/.test(p.minutes) && Number(p.minutes) > 0)
    .map((p) => ({ label: p.label, minutes: Number(p.minutes), usesProvider: p.usesProvider, usesClient: p.usesClient, requirementLabels: p.holds.split(',').map((h) => h.trim()).filter(Boolean) }));
}

/** "Neurotoxin consent", "Intake and Photo release", "A, B and C". */
const andList = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** Visits booked before the service's forms were linked: check-in does not wait for forms never asked. */
function BookedGap(props: { service: Service; gap: BookedVisitsGap; timeZone: string; csrfToken: string }) {
  const { gap } = props;
  const one = gap.visits === 1;
  const it = gap.formNames.length === 1 ? 'it' : 'them';
  const first = gap.from ? `, the first on ${formatDateTime(gap.from, props.timeZone)},` : '';
  return (
    <Card id="booked-gap" title="Visits already booked">
      <div class="stack">
        <Alert tone="warning">
          {`${gap.visits} ${one ? 'visit' : 'visits'} with ${props.service.name}${first} ${one ? 'was' : 'were'} booked before ${andList(gap.formNames)} ${gap.formNames.length === 1 ? 'was' : 'were'} linked here. ${one ? 'It does' : 'They do'} not ask for ${it}, and check-in will not wait for ${it}.`}
        </Alert>
        <form method="post" action={`/settings/services/${props.service.id}/ask-booked`}>
          <CsrfField token={props.csrfToken} />
          <Button size="sm" variant="primary">
            {one ? 'Ask that visit' : `Ask those ${gap.visits} visits`}
          </Button>
        </form>
      </div>
    </Card>
  );
}

export function ServiceFormPage(props: ServiceFormView) {
  const s = props.service;
  const d = props.draft;
  const e = props.errors;
  const action = s ? `/settings/services/${s.id}` : '/settings/services';
  const preview = previewPhases(props);
  return (
    <div class="stack-lg">
      <PageHeader
        eyebrow={<a href="/settings/services">← Services</a>}
        title={s ? s.name : 'Add a service'}
        description={s && !s.active ? <Badge>Inactive: not offered for new appointments</Badge> : undefined}
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {Object.keys(e).length ? <Alert tone="error">{e.form ?? 'Some answers need another look. They are marked below.'}</Alert> : null}
      {s && props.bookedGap?.visits ? <BookedGap service={s} gap={props.bookedGap} timeZone={props.timeZone ?? 'UTC'} csrfToken={props.csrfToken} /> : null}
      {preview.length ? (
        <Card title="How the time is used">
          <PhaseTimeline phases={preview} />
        </Card>
      ) : null}
      <form class="form" method="post" action={action} novalidate>
        <CsrfField token={props.csrfToken} />
        <div class="stack-lg">
          <Card title="Details">
            <div class="stack">
              <div class="field-row">
                <Field name="name" label="Name" value={d.name} error={e.name} required maxlength={120} placeholder="Neurotoxin — forehead & glabella" />
                <Field name="category" label="Category" value={d.category} error={e.category} optional maxlength={60} placeholder="Injectables" attrs={{ list: 'service-categories' }} />
                <datalist id="service-categories">
                  {props.categories.map((c) => (
                    <option value={c} />
                  ))}
                </datalist>
              </div>
              <TextareaField name="description" label="Description" value={d.description} error={e.description} optional rows={3} />
              <div class="field-row">
                <Field name="price" label="Price (US dollars)" inputmode="decimal" value={d.price} error={e.price} required maxlength={14} placeholder="350" />
                <CheckboxField name="online_bookable" label="Clients can book it online" checked={d.onlineBookable} hint="It shows on the booking page once online booking is on." />
              </div>
              <Credentials {...props} />
            </div>
          </Card>
          <Card title="What it needs">
            <Requirements {...props} />
          </Card>
          <Card title="Phases">
            <Phases {...props} />
          </Card>
          <Forms {...props} />
          <div class="form__actions">
            <Button variant="primary">{s ? 'Save service' : 'Add service'}</Button>
            <Button variant="link" href="/settings/services">
              Cancel
            </Button>
          </div>
        </div>
      </form>
      {s ? (
        <Card title={s.active ? 'Stop offering it' : 'Offer it again'}>
          {s.active ? (
            <ConfirmAction label="Deactivate…" action={`/settings/services/${s.id}/deactivate`} csrfToken={props.csrfToken} confirmLabel={`Deactivate ${s.name}`}>
              <p>It can no longer be booked. Appointments already booked and past ones keep it.</p>
            </ConfirmAction>
          ) : (
            <form method="post" action={`/settings/services/${s.id}/reactivate`}>
              <CsrfField token={props.csrfToken} />
              <Button size="sm" variant="primary">
                Reactivate
              </Button>
            </form>
          )}
        </Card>
      ) : null}
    </div>
  );
}
