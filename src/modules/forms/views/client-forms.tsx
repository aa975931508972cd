/**
 * The client record's Forms tab: what is waiting to be signed (by visit, each visit's forms sendable
 * at once), what is signed, what expired or was voided, and the links sent with their state.
 */
import { Alert, Badge, Button, ConfirmAction, CsrfField, EmptyState, TextareaField, type BadgeTone } from '../../../ui/components.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import { dayIn } from '../../identity/spa-time.ts';
import type { ClientAccess } from '../../clients/access.ts';
import type { ClientRecord } from '../../clients/records.ts';
import { ClientHeader } from '../../clients/views/client-header.tsx';
import { LINKS_SHOWN, VOID_REASON, type ClientFormView, type ClientLinkView } from '../client-forms.ts';
import type { LinkState } from '../link-state.ts';
import type { ClientFormStatus } from '../rules.ts';
import { KindBadge } from './forms-pages.tsx';
import { KioskCard } from './kiosk-button.tsx';

const STATUS: Record<ClientFormStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending', tone: 'warning' },
  signed: { label: 'Signed', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  voided: { label: 'Voided', tone: 'danger' },
};

export function FormStatusBadge(props: { status: ClientFormStatus }) {
  return (
    <Badge tone={STATUS[props.status].tone} class={`form-status form-status--${props.status}`}>
      {STATUS[props.status].label}
    </Badge>
  );
}

export interface ClientFormsView {
  record: ClientRecord;
  access: ClientAccess;
  forms: ClientFormView[];
  links: ClientLinkView[];
  /** The spa's link lifetime, for the send card's wording. */
  linkDays: number;
  /** May send links, revoke them and void pending forms. */
  canVoid: boolean;
  /** May also void signed forms. */
  canVoidSigned: boolean;
  now: Date;
  csrfToken: string;
  notice?: string;
  /** A refused void: which form, why, and what was typed. */
  voidError?: { formId: string; message: string; reason: string };
  /** A refused send, in words for the front desk. */
  sendError?: string;
  /** A refused revocation, in words for the front desk. */
  revokeError?: string;
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** The channels a link can go by: the client agreed to it and a number or address is on file (checked again on sending). */
export function sendChannels(record: ClientRecord): { sms: boolean; email: boolean } {
  const p = record.profile;
  return { sms: p.sms_consent && Boolean(p.mobile_phone), email: p.email_consent && Boolean(p.email) };
}

/** Send a link to the pending forms by text or email. */
function SendForms(props: { view: ClientFormsView; pending: ClientFormView[] }) {
  const visits = new Map<string, string>();
  for (const f of props.pending) if (f.appointment) visits.set(f.appointment.id, visitOf(f)!);
  const can = sendChannels(props.view.record);
  return (
    <section class="card client-forms-send" aria-labelledby="send-forms-title">
      <header class="card__header">
        <h2 class="card__title" id="send-forms-title">
          Send a link to fill in
        </h2>
      </header>
      <div class="card__body">
        {can.sms || can.email ? (
          <form method="post" action={`/clients/${props.view.record.profile.id}/forms/send`} class="client-forms-send__form">
            <CsrfField token={props.view.csrfToken} />
            <fieldset class="fieldset">
              <legend class="fieldset__legend">Send by</legend>
              <div class="stack-sm">
                <label class="checkbox">
                  <input class="send-forms__radio" type="radio" name="channel" value="sms" checked={can.sms} disabled={!can.sms} /> <span>Text message{can.sms ? '' : ' (not agreed or no mobile number)'}</span>
                </label>
                <label class="checkbox">
                  <input class="send-forms__radio" type="radio" name="channel" value="email" checked={!can.sms} disabled={!can.email} /> <span>Email{can.email ? '' : ' (not agreed or no address)'}</span>
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
                The message holds the spa’s name and a link that works for {days(props.view.linkDays)}; nothing about the client.
              </p>
            </div>
            <div class="client-forms-send__actions">
              <button type="submit" class="btn btn--primary">
                Send link
              </button>
            </div>
          </form>
        ) : (
          <p class="muted">
            This client has not agreed to texts or email, or has no number or address on file: hand them the tablet below, or record their consent on the{' '}
            <a href={`/clients/${props.view.record.profile.id}`}>Overview</a> first.
          </p>
        )}
      </div>
    </section>
  );
}

function visitOf(f: ClientFormView): string | null {
  if (!f.appointment) return null;
  const services = f.appointment.services.join(' + ') || 'Appointment';
  return `${services}, ${formatDateTime(f.appointment.startsAt, f.appointment.timeZone)}${f.appointment.status === 'cancelled' ? ' (cancelled)' : ''}`;
}

function VoidPanel(props: { form: ClientFormView; view: ClientFormsView }) {
  const f = props.form;
  const refused = props.view.voidError?.formId === f.id ? props.view.voidError : undefined;
  const signed = f.status !== 'pending';
  return (
    <details class="confirm client-form__void" open={Boolean(refused)}>
      <summary class="btn btn--sm btn--secondary confirm__summary--danger">Void…</summary>
      <div class="confirm__panel">
        <form method="post" action={`/clients/${props.view.record.profile.id}/forms/${f.id}/void`} class="stack-sm">
          <CsrfField token={props.view.csrfToken} />
          <TextareaField
            name="reason"
            id={`void-reason-${f.id}`}
            label={signed ? 'Why is this signed form no longer valid?' : 'Why is this form no longer needed?'}
            hint={
              signed
                ? 'The signature stays on the record; the form shows as voided with your name and this reason.'
                : 'Kept on the record with your name. For example: “Asked twice by mistake”.'
            }
            rows={2}
            maxlength={VOID_REASON.max}
            value={refused?.reason}
            error={refused?.message}
            required
          />
          <Button variant="danger" size="sm">
            {signed ? 'Void this signed form' : 'Void this form'}
          </Button>
        </form>
      </div>
    </details>
  );
}

function FormRow(props: { form: ClientFormView; view: ClientFormsView; showVisit: boolean }) {
  const f = props.form;
  const tz = props.view.record.calendar.timeZone;
  const visit = props.showVisit ? visitOf(f) : null;
  const facts = [
    `Version ${f.version}`,
    `asked ${formatDay(dayIn(tz, f.createdAt))}`,
    f.signedAt ? `signed ${formatDay(dayIn(tz, f.signedAt))}` : '',
    f.status === 'expired' && f.renewalDue ? `renewal due ${formatDay(dayIn(tz, f.renewalDue))}` : '',
    f.status === 'signed' && f.renewalDue ? `valid until ${formatDay(dayIn(tz, f.renewalDue))}` : '',
  ].filter(Boolean);
  const voidable = (f.status === 'pending' && props.view.canVoid) || ((f.status === 'signed' || (f.status === 'expired' && f.signedAt)) && props.view.canVoidSigned);
  return (
    <li class={`item-list__item client-form client-form--${f.status}`} id={`form-${f.id}`}>
      <div class="client-form__main">
        <div class="cluster">
          {props.view.access.health ? (
            <a class="client-form__name" href={`/clients/${props.view.record.profile.id}/forms/${f.id}`}>
              {f.templateName}
            </a>
          ) : (
            <strong class="client-form__name">{f.templateName}</strong>
          )}
          <FormStatusBadge status={f.status} />
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
      {voidable ? <VoidPanel form={f} view={props.view} /> : null}
    </li>
  );
}

function FormList(props: { forms: ClientFormView[]; view: ClientFormsView; showVisit?: boolean }) {
  return (
    <ul class="item-list client-forms">
      {props.forms.map((f) => (
        <FormRow form={f} view={props.view} showVisit={props.showVisit ?? true} />
      ))}
    </ul>
  );
}

/** One visit's pending forms, with buttons to send them all at once. */
function VisitForms(props: { appointmentId: string | null; forms: ClientFormView[]; view: ClientFormsView }) {
  const first = props.forms[0]!;
  const headingId = `visit-${props.appointmentId ?? 'none'}`;
  const can = sendChannels(props.view.record);
  return (
    <section class="client-forms-visit" aria-labelledby={headingId}>
      <header class="client-forms-visit__header">
        <h3 class="client-forms-visit__title" id={headingId}>
          {props.appointmentId ? <a href={`/appointments/${props.appointmentId}`}>{visitOf(first)}</a> : 'Not tied to a visit'}
        </h3>
        {props.appointmentId && props.view.canVoid && (can.sms || can.email) ? (
          <form method="post" action={`/clients/${props.view.record.profile.id}/forms/send`} class="client-forms-visit__send">
            <CsrfField token={props.view.csrfToken} />
            <input type="hidden" name="forms" value={props.appointmentId} />
            <span class="muted text-sm">Send this visit’s {props.forms.length === 1 ? 'form' : `${props.forms.length} forms`}:</span>
            {can.sms ? (
              <Button size="sm" name="channel" value="sms" attrs={{ 'aria-describedby': headingId }}>
                By text
              </Button>
            ) : null}
            {can.email ? (
              <Button size="sm" name="channel" value="email" attrs={{ 'aria-describedby': headingId }}>
                By email
              </Button>
            ) : null}
          </form>
        ) : null}
      </header>
      <FormList forms={props.forms} view={props.view} showVisit={false} />
    </section>
  );
}

function Group(props: { title: string; status: ClientFormStatus; forms: ClientFormView[]; view: ClientFormsView; empty?: string; byVisit?: boolean }) {
  if (!props.forms.length && !props.empty) return null;
  const id = `forms-${props.title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  const visits = new Map<string | null, ClientFormView[]>();
  if (props.byVisit) for (const f of props.forms) visits.set(f.appointment?.id ?? null, [...(visits.get(f.appointment?.id ?? null) ?? []), f]);
  return (
    <section class={`card client-forms-group client-forms-group--${props.status}`} aria-labelledby={id}>
      <header class="card__header">
        <h2 class="card__title client-forms-group__title" id={id}>
          <FormStatusBadge status={props.status} /> <span>{props.title}</span>
        </h2>
        <span class="muted text-sm">{props.forms.length === 1 ? '1 form' : `${props.forms.length} forms`}</span>
      </header>
      <div class="card__body">
        {!props.forms.length ? (
          <p class="muted">{props.empty}</p>
        ) : props.byVisit ? (
          <div class="stack">
            {[...visits].map(([appointmentId, forms]) => (
              <VisitForms appointmentId={appointmentId} forms={forms} view={props.view} />
            ))}
          </div>
        ) : (
          <FormList forms={props.forms} view={props.view} />
        )}
      </div>
    </section>
  );
}

const LINK_STATE: Record<LinkState, { label: string; tone: BadgeTone }> = {
  open: { label: 'Open', tone: 'info' },
  used: { label: 'Used', tone: 'success' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

const CHANNEL: Record<ClientLinkView['channel'], string> = { sms: 'Text message', email: 'Email', kiosk: 'Front-desk tablet' };

function LinkRow(props: { link: ClientLinkView; view: ClientFormsView }) {
  const k = props.link;
  const tz = props.view.record.calendar.timeZone;
  const day = (at: Date) => formatDay(dayIn(tz, at));
  const standing = {
    open: `expires ${formatDateTime(k.expiresAt, tz)}`,
    used: `used on ${k.usedAt ? day(k.usedAt) : ''}`,
    expired: `expired ${day(k.expiresAt)}`,
    revoked: k.revoked ? `revoked ${formatDateTime(k.revoked.at, tz)} by ${k.revoked.by}` : 'revoked',
  }[k.state];
  return (
    <li class={`item-list__item form-link form-link--${k.state}`} id={`link-${k.id}`}>
      <div class="client-form__main">
        <div class="cluster">
          <Badge tone={LINK_STATE[k.state].tone}>{LINK_STATE[k.state].label}</Badge>
          <strong>{CHANNEL[k.channel]}</strong>
          <span class="item-list__meta">
            sent {formatDateTime(k.createdAt, tz)}
            {k.createdBy ? ` by ${k.createdBy}` : ''} · {standing}
          </span>
        </div>
        <div class="item-list__meta">Forms: {k.forms.join(', ')}</div>
      </div>
      {k.state === 'open' && props.view.canVoid ? (
        <ConfirmAction label="Revoke…" action={`/clients/${props.view.record.profile.id}/forms/links/${k.id}/revoke`} csrfToken={props.view.csrfToken} confirmLabel="Revoke this link">
          The link stops working at once, even where it is already open. Send a new one if the client still needs to sign.
        </ConfirmAction>
      ) : null}
    </li>
  );
}

function LinksSent(props: { view: ClientFormsView }) {
  return (
    <section class="card client-forms-links" id="form-links" aria-labelledby="form-links-title">
      <header class="card__header">
        <h2 class="card__title" id="form-links-title">
          Links sent
        </h2>
        <span class="muted text-sm">{props.view.links.length === 1 ? '1 link' : props.view.links.length === LINKS_SHOWN ? `The latest ${LINKS_SHOWN}` : `${props.view.links.length} links`}</span>
      </header>
      <div class="card__body">
        <ul class="item-list form-links">
          {props.view.links.map((k) => (
            <LinkRow link={k} view={props.view} />
          ))}
        </ul>
      </div>
    </section>
  );
}

export function ClientFormsPage(props: ClientFormsView) {
  const by = (s: ClientFormStatus) => props.forms.filter((f) => f.status === s);
  return (
    <div class="stack-lg client-forms-page">
      <ClientHeader record={props.record} access={props.access} tab="forms" />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.voidError ? <Alert tone="error">The form was not voided: {props.voidError.message}</Alert> : null}
      {props.sendError ? <Alert tone="error">Nothing was sent: {props.sendError}</Alert> : null}
      {props.revokeError ? <Alert tone="error">The link was not revoked: {props.revokeError}</Alert> : null}
      {props.canVoid && by('pending').length ? <SendForms view={props} pending={by('pending')} /> : null}
      <KioskCard view={props} />
      {props.forms.length === 0 ? (
        <EmptyState title="No forms asked yet" icon="document">
          Forms are asked automatically when an appointment is booked: the intake once per client, and each service’s consents.
        </EmptyState>
      ) : (
        <>
          <Group title="To be signed" status="pending" forms={by('pending')} view={props} empty="Nothing is waiting to be signed." byVisit />
          <Group title="Signed and current" status="signed" forms={by('signed')} view={props} />
          <Group title="Expired: asked again at the next booking" status="expired" forms={by('expired')} view={props} />
          <Group title="Voided" status="voided" forms={by('voided')} view={props} />
        </>
      )}
      {props.links.length ? <LinksSent view={props} /> : null}
    </div>
  );
}
