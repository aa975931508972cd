/** One appointment: who and what, the flags the desk must see, and what can happen next. */
import { Alert, Badge, Button, buttonClass, Card, ConfirmAction, CsrfField, Field, PageHeader } from '../../../ui/components.tsx';
import { AllergyAlert, MinorBadge } from '../../clients/views/client-header.tsx';
import { clockIn, dayIn } from '../../identity/spa-time.ts';
import { clockLabel } from '../../../ui/clock.ts';
import { formatDay, formatTime } from '../../../ui/format.ts';
import type { VisitForm } from '../../forms/check-in-forms.ts';
import { VisitFormsCard } from '../../forms/views/visit-forms.tsx';
import type { AppointmentView } from '../appointments.ts';
import type { Occurrence } from '../booking/series.ts';
import { ACTION_LABELS, STATUS_LABELS, actionsFrom, tooEarly, type AppointmentAction, type AppointmentStatus } from '../booking/status.ts';

const TONES: Record<AppointmentStatus, 'info' | 'accent' | 'warning' | 'success' | 'neutral' | 'danger'> = {
  booked: 'info',
  checked_in: 'accent',
  in_progress: 'warning',
  completed: 'success',
  cancelled: 'neutral',
  no_show: 'danger',
};

export function StatusBadge(props: { status: AppointmentStatus }) {
  return <Badge tone={TONES[props.status]}>{STATUS_LABELS[props.status]}</Badge>;
}

const day = (at: Date, zone: string) => new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(at);

export interface AppointmentPageView {
  appointment: AppointmentView;
  csrfToken: string;
  canWrite: boolean;
  /** The viewer, for the chart of each service: who they are and whether they read or write charts. */
  charting: { operatorId: string; read: boolean; write: boolean };
  notice?: string;
  /** A refused change: its message, and whether a manager may override (check-in of a minor, an unsigned consent). */
  refusal?: { action: AppointmentAction; message: string; needsOverride?: boolean };
  /** The outcome of "repeat", one line per occurrence. */
  series?: Occurrence[];
  repeatError?: string;
  resizeError?: string;
  /** The visit's forms, for those who may see which are signed (null otherwise). */
  forms: VisitForm[] | null;
  /** May open a form's answers and signature. */
  canOpenForms: boolean;
  /** The request's time: some actions wait for the appointment's start. */
  now: Date;
}

const CHARTABLE: AppointmentStatus[] = ['checked_in', 'in_progress', 'completed'];

/** The chart of one service: open it, or start it when the viewer gave that service. */
function LineChart(props: AppointmentPageView & { line: AppointmentView['lines'][number] }) {
  const { line, charting } = props;
  if (line.chart && charting.read) {
    return (
      <a class={buttonClass('secondary', 'sm')} href={`/charts/${line.chart.id}`}>
        {line.chart.status === 'signed' ? 'Open signed chart' : 'Open chart draft'}
      </a>
    );
  }
  if (!line.chart && charting.write && line.providerId === charting.operatorId && CHARTABLE.includes(props.appointment.status)) {
    return (
      <form method="post" action={`/appointments/${props.appointment.id}/charts`}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="line" value={line.lineId} />
        <Button size="sm" variant="primary">
          Chart this treatment
        </Button>
      </form>
    );
  }
  return null;
}

function ResizeForm(props: AppointmentPageView) {
  const a = props.appointment;
  const end = clockIn(a.location.timeZone, a.endsAt);
  return (
    <details class="add-item" open={props.resizeError ? true : undefined}>
      <summary class="btn btn--sm btn--secondary">Change length…</summary>
      <form method="post" action={`/appointments/${a.id}/resize`} class="stack-sm add-item__form">
        <CsrfField token={props.csrfToken} />
        <Field name="ends" label="Ends at" type="time" value={end} required error={props.resizeError} attrs={{ step: 300 }} />
        <Button size="sm" variant="primary">
          Change length
        </Button>
      </form>
    </details>
  );
}

function SeriesResult(props: { series: Occurrence[] }) {
  const booked = props.series.filter((o) => o.ok).length;
  return (
    <Alert tone={booked === props.series.length ? 'success' : 'warning'} title={`${booked} of ${props.series.length} more appointments booked`}>
      <ul class="plain-list">
        {props.series.map((o) => (
          <li>
            {formatDay(o.date)} at {clockLabel(o.time)}: {o.ok ? <a href={`/appointments/${o.appointmentId}`}>booked</a> : <span>not booked — {o.message}</span>}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function RepeatForm(props: AppointmentPageView) {
  return (
    <details class="add-item" open={props.repeatError ? true : undefined}>
      <summary class="btn btn--sm btn--secondary">Repeat…</summary>
      <form method="post" action={`/appointments/${props.appointment.id}/repeat`} class="stack add-item__form" novalidate>
        <CsrfField token={props.csrfToken} />
        <div class="form-grid">
          <Field name="every_weeks" label="Every how many weeks" type="number" inputmode="numeric" value="12" required attrs={{ min: 1, max: 52 }} />
          <Field name="times" label="Appointments in all (this one included)" type="number" inputmode="numeric" value="4" required attrs={{ min: 2, max: 26 }} error={props.repeatError} />
        </div>
        <Button size="sm" variant="primary">
          Book the series
        </Button>
      </form>
    </details>
  );
}

/** What moves the visit on: check in, start, complete (with a manager's override when check-in is refused for it). */
function ProgressForm(props: AppointmentPageView & { action: AppointmentAction }) {
  const a = props.appointment;
  const refused = props.refusal?.action === props.action ? props.refusal : undefined;
  return (
    <form method="post" action={`/appointments/${a.id}/status`} class="stack-sm">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="action" value={props.action} />
      {refused ? <p class="field__error" role="alert">{refused.message}</p> : null}
      {refused && props.action === 'check_in' && !refused.needsOverride ? (
        <p class="field__hint">
          <a href={`/clients/${a.client.id}/forms`}>Open the client’s Forms tab</a> to text or email the form, or hand them the tablet; then check in again.
        </p>
      ) : null}
      {refused?.needsOverride ? <Field name="override_reason" label="Why check in anyway (recorded with your name)" required maxlength={300} autocomplete="off" /> : null}
      <Button variant="primary">{refused?.needsOverride ? 'Check in anyway' : ACTION_LABELS[props.action]}</Button>
    </form>
  );
}

/** A no-show or a cancellation: asked to confirm first (a cancellation with its reason); the record stays either way. */
function EndingForm(props: AppointmentPageView & { action: 'no_show' | 'cancel' }) {
  const refused = props.refusal?.action === props.action ? props.refusal : undefined;
  const cancel = props.action === 'cancel';
  return (
    <ConfirmAction
      label={cancel ? 'Cancel…' : 'No-show…'}
      action={`/appointments/${props.appointment.id}/status`}
      csrfToken={props.csrfToken}
      confirmLabel={cancel ? 'Cancel the appointment' : 'Mark as no-show'}
      open={Boolean(refused)}
      fields={
        <>
          <input type="hidden" name="action" value={props.action} />
          {cancel ? <Field name="reason" label="Reason for cancelling" required maxlength={300} error={refused?.message} autocomplete="off" /> : null}
          {refused && !cancel ? <p class="field__error" role="alert">{refused.message}</p> : null}
        </>
      }
    >
      <p>{cancel ? 'The appointment leaves the calendar and its time is freed; the record and its reason stay.' : 'The client did not come. The time is freed; the record stays, marked as a no-show.'}</p>
    </ConfirmAction>
  );
}

export function AppointmentPage(props: AppointmentPageView) {
  const a = props.appointment;
  const zone = a.location.timeZone;
  const actions = props.canWrite ? actionsFrom(a.status).filter((action) => !tooEarly(action, a.startsAt, props.now)) : [];
  const isEnding = (action: AppointmentAction): action is 'no_show' | 'cancel' => action === 'no_show' || action === 'cancel';
  const progress = actions.filter((action) => !isEnding(action));
  const ending = actions.filter(isEnding);
  return (
    <div class="stack-lg narrow-wide">
      <PageHeader
        eyebrow={<a href={`/calendar?date=${dayIn(zone, a.startsAt)}&location=${a.location.id}`}>Calendar</a>}
        title={`${a.client.name} · ${formatTime(a.startsAt, zone)}`}
        description={`${day(a.startsAt, zone)}, ${formatTime(a.startsAt, zone)}–${formatTime(a.endsAt, zone)} at ${a.location.name}${a.walkIn ? ' · walk-in' : ''}`}
        actions={
          <div class="badge-list" role="group" aria-label="Status">
            <StatusBadge status={a.status} />
            <MinorBadge record={a.client} />
          </div>
        }
      />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.series ? <SeriesResult series={props.series} /> : null}
      <AllergyAlert allergies={a.client.allergies} />
      <Card title="Services">
        <ul class="item-list">
          {a.lines.map((l) => (
            <li class="item-list__item">
              <div>
                <strong>{l.serviceName}</strong> <span class="muted">with {l.providerName}</span>
                <div class="item-list__meta">
                  {formatTime(l.startsAt, zone)}–{formatTime(l.endsAt, zone)}
                  {l.rooms.length ? ` · ${l.rooms.join(', ')}` : ''}
                </div>
              </div>
              <LineChart {...props} line={l} />
            </li>
          ))}
        </ul>
        <p class="card-note">
          <a href={`/clients/${a.client.id}`}>Open {a.client.name}’s record</a>
        </p>
      </Card>
      {props.forms ? (
        <VisitFormsCard
          forms={props.forms}
          appointmentId={a.id}
          clientId={a.client.id}
          timeZone={zone}
          canOpen={props.canOpenForms}
          beforeCheckIn={a.status === 'booked'}
          open={a.status === 'booked' || a.status === 'checked_in' || a.status === 'in_progress'}
        />
      ) : null}
      {a.cancelReason ? <Alert tone="info" title="Cancelled">{a.cancelReason}</Alert> : null}
      {a.checkInOverride ? <Alert tone="warning" title="Checked in by a manager’s override">{a.checkInOverride}</Alert> : null}
      {props.canWrite ? (
        <Card title="Next">
          <div class="stack">
            {props.refusal && !actions.includes(props.refusal.action) ? <Alert tone="error">{props.refusal.message}</Alert> : null}
            {progress.length ? (
              <div class="appointment-actions">
                {progress.map((action) => (
                  <ProgressForm {...props} action={action} />
                ))}
              </div>
            ) : null}
            {a.status === 'booked' || a.status === 'checked_in' ? (
              <div class="appointment-actions" role="group" aria-label="Change it">
                <Button size="sm" href={`/appointments/${a.id}/move`}>
                  Move…
                </Button>
                <ResizeForm {...props} />
                <RepeatForm {...props} />
              </div>
            ) : (
              <div class="appointment-actions">
                <RepeatForm {...props} />
              </div>
            )}
            {ending.length ? (
              <div class="appointment-actions appointment-actions--end" role="group" aria-label="End it">
                {ending.map((action) => (
                  <EndingForm {...props} action={action} />
                ))}
              </div>
            ) : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
