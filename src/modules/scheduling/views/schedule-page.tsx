/** Settings → Schedules → one person: licences, their week per location, one-off days, time off and upcoming appointments. */
import { Alert, Button, Card, CheckboxField, ConfirmAction, CsrfField, Field, PageHeader, SelectField } from '../../../ui/components.tsx';
import { formatDay, formatSpan } from '../../../ui/format.ts';
import { CredentialBadges, RoleBadges } from '../../identity/views/staff-parts.tsx';
import { formatRange, WEEKDAYS } from '../../tenancy/hours.ts';
import { HoursGrid } from '../../tenancy/views/hours-grid.tsx';
import type { FutureAppointment } from '../future-appointments.ts';
import { weekValues } from '../schedule-form.ts';
import type { SchedulePage } from '../schedules.ts';
import { FutureAppointmentList } from './future-appointments.tsx';

export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface SchedulePageView {
  page: SchedulePage;
  appointments: FutureAppointment[];
  csrfToken: string;
  notice?: string;
  weekForm?: FormState & { locationId: string };
  dayForm?: FormState;
  timeOffForm?: FormState;
}

const WEEK_COLUMNS = [
  { suffix: 'start', label: 'Starts' },
  { suffix: 'end', label: 'Ends' },
  { suffix: 'break_start', label: 'Break from' },
  { suffix: 'break_end', label: 'Break until' },
];

const DAY_COLUMNS = [
  ['day_open', 'Starts'],
  ['day_close', 'Ends'],
  ['day_open2', 'Starts again'],
  ['day_close2', 'Ends again'],
] as const;

function Licences(props: SchedulePageView) {
  const { person } = props.page;
  const expired = person.credentials.filter((c) => c.standing === 'expired');
  return (
    <Card title="Licences" description="Services that need a licence are offered only to people holding one that is valid on the day.">
      <div class="stack">
        {expired.length ? (
          <Alert tone="warning" title="Expired licence">
            {expired.map((c) => `${c.kind} ${c.licenceNumber} expired ${c.expiresOn ? formatDay(c.expiresOn) : ''}`).join('; ')}. Until a renewal is recorded, {person.fullName} is not eligible for services that need it.
          </Alert>
        ) : null}
        {person.credentials.length ? <CredentialBadges credentials={person.credentials} /> : <p class="muted">No licences recorded: only services open to anyone can be booked with {person.fullName}.</p>}
        <p class="text-sm">
          <a href={`/settings/staff/${person.id}#licences`}>Record licences on their staff page</a>
        </p>
      </div>
    </Card>
  );
}

function Week(props: SchedulePageView & { location: SchedulePage['locations'][number] }) {
  const { page, location } = props;
  const mine = props.weekForm?.locationId === location.id ? props.weekForm : undefined;
  const values = mine?.values ?? weekValues(page.hours.filter((h) => h.locationId === location.id));
  const summary = WEEKDAYS.filter((d) => page.hours.some((h) => h.locationId === location.id && h.weekday === d.index && h.kind === 'work'));
  return (
    <details class="card week-card" open={Boolean(mine) || summary.length > 0 || page.locations.length === 1}>
      <summary class="week-card__summary">
        <span class="week-card__title">{location.name}</span>
        <span class="muted text-sm">
          {summary.length
            ? summary
                .map((d) => {
                  const work = page.hours.find((h) => h.locationId === location.id && h.weekday === d.index && h.kind === 'work')!;
                  return `${d.short} ${formatRange([work.starts, work.ends])}`;
                })
                .join(' · ')
            : 'Not working here'}
        </span>
      </summary>
      <form class="form card__body" method="post" action={`/settings/schedules/${page.person.id}/hours/${location.id}`} novalidate>
        <CsrfField token={props.csrfToken} />
        {mine?.errors.form ? <Alert tone="error">{mine.errors.form}</Alert> : null}
        <HoursGrid
          legend={`Week at ${location.name}`}
          hint={`Times in ${location.timezone.replace(/_/g, ' ')}. Leave a day empty when they do not work here.`}
          values={values}
          errors={mine?.errors ?? {}}
          columns={WEEK_COLUMNS}
          idPrefix={`l-${location.id.slice(0, 8)}-`}
        />
        <div class="form__actions">
          <Button variant="primary">Save week at {location.name}</Button>
        </div>
      </form>
    </details>
  );
}

function DayChanges(props: SchedulePageView) {
  const { page } = props;
  const v = props.dayForm?.values ?? {};
  const e = props.dayForm?.errors ?? {};
  const names = new Map(page.locations.map((l) => [l.id, l.name]));
  const options = page.locations.map((l) => ({ value: l.id, label: l.name }));
  return (
    <Card title="One-off days" description="A date with different hours, or a day off, at one location. It replaces their usual hours there that day." id="days">
      <div class="stack">
        {page.dayChanges.length ? (
          <ul class="setup-list" role="list">
            {page.dayChanges.map((d) => (
              <li class="setup-list__item">
                <span>
                  <strong>{formatDay(d.onDate)}</strong> · {names.get(d.locationId) ?? 'Inactive location'} · {d.hours.length ? d.hours.map((r) => formatRange(r)).join(', ') : 'not working'}
                  {d.note ? <span class="muted"> · {d.note}</span> : null}
                </span>
                <ConfirmAction label="Remove…" action={`/settings/schedules/${page.person.id}/day-changes/${d.id}/delete`} csrfToken={props.csrfToken} confirmLabel="Remove this day">
                  <p>Their usual hours apply again that day.</p>
                </ConfirmAction>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No one-off days coming up.</p>
        )}
        <form class="form" method="post" action={`/settings/schedules/${page.person.id}/day-changes`} novalidate>
          <CsrfField token={props.csrfToken} />
          <h3 class="form__title">Change a day</h3>
          {e.form ? <Alert tone="error">{e.form}</Alert> : null}
          <div class="field-row">
            <SelectField name="location_id" id="day-location" label="Location" options={options} value={v.location_id ?? page.locations[0]?.id} error={e.location_id} required />
            <Field name="on_date" type="date" label="Date" value={v.on_date} error={e.on_date} required />
          </div>
          <CheckboxField name="off" id="day-off" label="Not working that day" checked={Boolean(v.off)} />
          <div class="field-row">
            {DAY_COLUMNS.map(([name, label]) => (
              <Field name={name} type="time" label={label} value={v[name]} error={e[name]} optional={name.endsWith('2')} />
            ))}
          </div>
          <Field name="note" id="day-note" label="Note" value={v.note} error={e.note} optional maxlength={120} placeholder="Covering for Pasadena" />
          <div class="form__actions">
            <Button>Save the day</Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

function TimeOffCard(props: SchedulePageView) {
  const { page } = props;
  const v = props.timeOffForm?.values ?? {};
  const e = props.timeOffForm?.errors ?? {};
  const zone = page.timeZone;
  return (
    <Card title="Time off" description="Holidays, training, sick days. Nobody can book them during it, at any location." id="time-off">
      <div class="stack">
        {page.timeOff.length ? (
          <ul class="setup-list" role="list">
            {page.timeOff.map((t) => (
              <li class="setup-list__item">
                <span>
                  <strong>{formatSpan(t.from, t.to, zone)}</strong>
                  {t.reason ? <span class="muted"> · {t.reason}</span> : null}
                </span>
                <ConfirmAction label="Remove…" action={`/settings/schedules/${page.person.id}/time-off/${t.id}/delete`} csrfToken={props.csrfToken} confirmLabel="Remove time off">
                  <p>They become bookable again in their usual hours.</p>
                </ConfirmAction>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No time off coming up.</p>
        )}
        <form class="form" method="post" action={`/settings/schedules/${page.person.id}/time-off`} novalidate>
          <CsrfField token={props.csrfToken} />
          <h3 class="form__title">Add time off</h3>
          {e.form ? <Alert tone="error">{e.form}</Alert> : null}
          <SelectField
            name="location_id"
            id="time-off-location"
            label="Times are in the zone of"
            options={page.locations.map((l) => ({ value: l.id, label: `${l.name} (${l.timezone.replace(/_/g, ' ')})` }))}
            value={v.location_id ?? page.locations[0]?.id}
            error={e.location_id}
            required
          />
          <div class="field-row">
            <Field name="starts_on" type="date" label="From" value={v.starts_on} error={e.starts_on} required />
            <Field name="starts_time" type="time" label="at" value={v.starts_time} error={e.starts_time} optional hint="Empty: from the start of the day." />
            <Field name="ends_on" type="date" label="Until" value={v.ends_on} error={e.ends_on} required />
            <Field name="ends_time" type="time" label="at" value={v.ends_time} error={e.ends_time} optional hint="Empty: to the end of that day." />
          </div>
          <Field name="reason" id="time-off-reason" label="Reason" value={v.reason} error={e.reason} optional maxlength={120} placeholder="Vacation" />
          <div class="form__actions">
            <Button>Add time off</Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

/** Whether an appointment falls in one of the person's times off (booked before it was recorded). */
const inTimeOff = (page: SchedulePageView['page'], a: FutureAppointment) => page.timeOff.some((t) => a.startsAt.getTime() < t.to.getTime() && a.endsAt.getTime() > t.from.getTime());

export function SchedulePageView(props: SchedulePageView) {
  const { person, locations } = props.page;
  const clashes = props.appointments.filter((a) => inTimeOff(props.page, a)).length;
  return (
    <div class="stack-lg">
      <PageHeader eyebrow={<a href="/settings/schedules">← Schedules</a>} title={person.fullName} description={<RoleBadges roles={person.roles} />} />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {clashes ? (
        <Alert tone="warning" title={`${clashes} booked ${clashes === 1 ? 'appointment falls' : 'appointments fall'} in their time off`}>
          Time off stops new bookings, not those made before it. <a href="#appointments">Move {clashes === 1 ? 'it' : 'them'} to someone else, or cancel {clashes === 1 ? 'it' : 'them'}</a>.
        </Alert>
      ) : null}
      {person.status !== 'active' ? <Alert tone="warning">{person.fullName} is not active: nobody can book them, whatever their hours say.</Alert> : null}
      <div class="split split--wide-first">
        <Card title="Upcoming appointments" description="Booked with them from now on. Move these to someone else before they leave or take time off." id="appointments">
          <FutureAppointmentList appointments={props.appointments} flag={(a) => (inTimeOff(props.page, a) ? 'During time off' : null)} />
        </Card>
        <Licences {...props} />
      </div>
      <section class="stack" aria-labelledby="week-heading">
        <h2 class="section-title" id="week-heading">
          Usual week
        </h2>
        {locations.length ? (
          locations.map((location) => <Week {...props} location={location} />)
        ) : (
          <Alert tone="info">
            Add a <a href="/settings/locations">location</a> first.
          </Alert>
        )}
      </section>
      {locations.length ? (
        <div class="split">
          <DayChanges {...props} />
          <TimeOffCard {...props} />
        </div>
      ) : null}
    </div>
  );
}
