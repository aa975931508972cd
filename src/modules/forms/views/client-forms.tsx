/** The client record's Forms tab: what is waiting to be signed, what is signed, what expired or was voided. */
import { Alert, Badge, Button, CsrfField, EmptyState, TextareaField } from '../../../ui/components.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import { dayIn } from '../../identity/spa-time.ts';
import type { ClientAccess } from '../../clients/access.ts';
import type { ClientRecord } from '../../clients/records.ts';
import { ClientHeader } from '../../clients/views/client-header.tsx';
import { VOID_REASON, type ClientFormView } from '../client-forms.ts';
import type { ClientFormStatus } from '../rules.ts';
import { KindBadge } from './forms-pages.tsx';
import { KioskCard } from './kiosk-button.tsx';

const STATUS: Record<ClientFormStatus, { label: string; tone: 'warning' | 'success' | 'neutral' | 'danger' }> = {
  pending: { label: 'Pending', tone: 'warning' },
  signed: { label: 'Signed', tone: 'success' },
  expired: { label: 'Expired', tone: 'danger' },
  voided: { label: 'Voided', tone: 'neutral' },
};

export function FormStatusBadge(props: { status: ClientFormStatus }) {
  return <Badge tone={STATUS[props.status].tone}>{STATUS[props.status].label}</Badge>;
}

export interface ClientFormsView {
  record: ClientRecord;
  access: ClientAccess;
  forms: ClientFormView[];
  canVoid: boolean;
  csrfToken: string;
  notice?: string;
  /** A refused void: which form, why, and what was typed. */
  voidError?: { formId: string; message: string; reason: string };
  /** A refused send, in words for the front desk. */
  sendError?: string;
}

/** Send a link to the pending forms by text or email (the client's consent is checked on sending). */
function SendForms(props: { view: ClientFormsView; pending: ClientFormView[] }) {
  const visits = new Map<string, string>();
  for (const f of props.pending) if (f.appointment) visits.set(f.appointment.id, visitOf(f)!);
  return (
    <section class="card client-forms-send" aria-labelledby="send-forms-title">
      <header class="card__header">
        <h2 class="card__title" id="send-forms-title">
          Send to the client’s phone
        </h2>
      </header>
      <div class="card__body">
        <form method="post" action={`/clients/${props.view.record.profile.id}/forms/send`} class="stack">
          <CsrfField token={props.view.csrfToken} />
          <fieldset class="fieldset">
            <legend class="fieldset__legend">Send by</legend>
            <div class="stack-sm">
              <label class="checkbox">
                <input class="send-forms__radio" type="radio" name="channel" value="sms" checked /> <span>Text message</span>
              </label>
              <label class="checkbox">
                <input class="send-forms__radio" type="radio" name="channel" value="email" /> <span>Email</span>
              </label>
            </div>
          </fieldset>
          <div class="field">
            <label class="field__label" for="send-forms-which">
              Forms
            </label>
            <select class="select" id="send-forms-which" name="forms" aria-describedby="send-forms-hint">
              <option value="all">All forms waiting to be signed ({props.pending.length})</option>
              {[...visits].map(([id, label]) => (
                <option value={id}>Those of {label}</option>
              ))}
            </select>
            <p class="field__hint" id="send-forms-hint">
              The message holds the spa’s name and a link that works for 7 days; nothing about the client.
            </p>
          </div>
          <div>
            <button type="submit" class="btn btn--primary">
              Send link
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}

function visitOf(f: ClientFormView): string | null {
  if (!f.appointment) return null;
  const services = f.appointment.services.join(' + ') || 'Appointment';
  return `${services}, ${formatDateTime(f.appointment.startsAt, f.appointment.timeZone)}${f.appointment.status === 'cancelled' ? ' (cancelled)' : ''}`;
}

function FormRow(props: { form: ClientFormView; view: ClientFormsView }) {
  const f = props.form;
  const tz = props.view.record.calendar.timeZone;
  const visit = visitOf(f);
  const refused = props.view.voidError?.formId === f.id ? props.view.voidError : undefined;
  const facts = [
    `Version ${f.version}`,
    `asked ${formatDay(dayIn(tz, f.createdAt))}`,
    f.signedAt ? `signed ${formatDay(dayIn(tz, f.signedAt))}` : '',
    f.status === 'expired' && f.renewalDue ? `renewal due ${formatDay(dayIn(tz, f.renewalDue))}` : '',
    f.status === 'signed' && f.renewalDue ? `valid until ${formatDay(dayIn(tz, f.renewalDue))}` : '',
  ].filter(Boolean);
  return (
    <li class="item-list__item client-form" id={`form-${f.id}`}>
      <div class="client-form__main">
        <div class="cluster">
          <strong class="client-form__name">{f.templateName}</strong>
          <KindBadge kind={f.kind} />
        </div>
        <div class="item-list__meta">{facts.join(' · ')}</div>
        {visit ? (
          <div class="item-list__meta">
            For <a href={`/appointments/${f.appointment!.id}`}>{visit}</a>
          </div>
        ) : null}
        {f.voided ? (
          <p class="client-form__voided">
            Voided {formatDateTime(f.voided.at, tz)} by {f.voided.by}: “{f.voided.reason}”
          </p>
        ) : null}
      </div>
      {props.view.canVoid && f.status === 'pending' ? (
        <details class="confirm client-form__void" open={Boolean(refused)}>
          <summary class="btn btn--sm btn--secondary confirm__summary--danger">Void…</summary>
          <div class="confirm__panel">
            <form method="post" action={`/clients/${props.view.record.profile.id}/forms/${f.id}/void`} class="stack-sm">
              <CsrfField token={props.view.csrfToken} />
              <TextareaField
                name="reason"
                id={`void-reason-${f.id}`}
                label="Why is this form no longer needed?"
                hint="Kept on the record with your name. For example: “Asked twice by mistake”."
                rows={2}
                maxlength={VOID_REASON.max}
                value={refused?.reason}
                error={refused?.message}
                required
              />
              <Button variant="danger" size="sm">
                Void this form
              </Button>
            </form>
          </div>
        </details>
      ) : null}
    </li>
  );
}

function Group(props: { title: string; status: ClientFormStatus; forms: ClientFormView[]; view: ClientFormsView; empty?: string }) {
  if (!props.forms.length && !props.empty) return null;
  const id = `forms-${props.title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section class={`card client-forms-group client-forms-group--${props.status}`} aria-labelledby={id}>
      <header class="card__header">
        <h2 class="card__title client-forms-group__title" id={id}>
          <FormStatusBadge status={props.status} /> <span>{props.title}</span>
        </h2>
        <span class="muted text-sm">{props.forms.length === 1 ? '1 form' : `${props.forms.length} forms`}</span>
      </header>
      <div class="card__body">
        {props.forms.length ? (
          <ul class="item-list client-forms">
            {props.forms.map((f) => (
              <FormRow form={f} view={props.view} />
            ))}
          </ul>
        ) : (
          <p class="muted">{props.empty}</p>
        )}
      </div>
    </section>
  );
}

export function ClientFormsPage(props: ClientFormsView) {
  const by = (s: ClientFormStatus) => props.forms.filter((f) => f.status === s);
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="forms" />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.voidError ? <Alert tone="error">The form was not voided: {props.voidError.message}</Alert> : null}
      {props.sendError ? <Alert tone="error">Nothing was sent: {props.sendError}</Alert> : null}
      {props.canVoid && by('pending').length ? <SendForms view={props} pending={by('pending')} /> : null}
      <KioskCard view={props} />
      {props.forms.length === 0 ? (
        <EmptyState title="No forms asked yet" icon="document">
          Forms are asked automatically when an appointment is booked: the intake once per client, and each service’s consents.
        </EmptyState>
      ) : (
        <>
          <Group title="To be signed" status="pending" forms={by('pending')} view={props} empty="Nothing is waiting to be signed." />
          <Group title="Signed and current" status="signed" forms={by('signed')} view={props} />
          <Group title="Expired: asked again at the next booking" status="expired" forms={by('expired')} view={props} />
          <Group title="Voided" status="voided" forms={by('voided')} view={props} />
        </>
      )}
    </div>
  );
}
