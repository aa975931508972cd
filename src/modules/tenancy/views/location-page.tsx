/** Settings → Locations → one location (or a new one): details and hours, closures, rooms and devices. */
import { Alert, Badge, Button, Card, ConfirmAction, CsrfField, Field, PageHeader, SelectField } from '../../../ui/components.tsx';
import type { LocationPage } from '../locations.ts';
import { LocationFields, type FormState } from './location-fields.tsx';
import { closureDates } from './locations.tsx';

export function NewLocationPage(props: { csrfToken: string; form: FormState }) {
  return (
    <div class="stack-lg narrow-wide">
      <PageHeader eyebrow={<a href="/settings/locations">← Locations</a>} title="Add a location" description="Rooms, devices and closures are added on the next page." />
      {props.form.errors.form ? <Alert tone="error">{props.form.errors.form}</Alert> : null}
      <form class="form card" method="post" action="/settings/locations" novalidate>
        <div class="card__body stack-lg">
          <CsrfField token={props.csrfToken} />
          <LocationFields {...props.form} />
          <div class="form__actions">
            <Button variant="primary">Add location</Button>
            <Button variant="link" href="/settings/locations">
              Cancel
            </Button>
          </div>
        </div>
      </form>
    </div>
  );
}

export interface LocationPageView {
  page: LocationPage;
  csrfToken: string;
  notice?: string;
  error?: string;
  details: FormState;
  closureForm?: FormState;
  resourceForm?: FormState;
  renameForm?: FormState & { resourceId: string };
}

function Closures(props: LocationPageView) {
  const base = `/settings/locations/${props.page.location.id}/closures`;
  const v = props.closureForm?.values ?? {};
  const e = props.closureForm?.errors ?? {};
  return (
    <Card title="Closures and holidays" description="Days the location is shut. Nobody can be booked there on these days." id="closures">
      <div class="stack">
        {props.page.closures.length ? (
          <ul class="setup-list" role="list">
            {props.page.closures.map((c) => (
              <li class="setup-list__item">
                <span>
                  <strong>{closureDates(c)}</strong>
                  {c.reason ? <span class="muted"> · {c.reason}</span> : null}
                  {c.booked ? (
                    <>
                      {' '}
                      <Badge tone="warning">
                        {c.booked} {c.booked === 1 ? 'appointment' : 'appointments'} still booked
                      </Badge>{' '}
                      <a href={`/calendar?view=${c.startsOn === c.endsOn ? 'day' : 'week'}&date=${c.startsOn}&location=${props.page.location.id}`}>Move or cancel them on the calendar</a>
                    </>
                  ) : null}
                </span>
                <ConfirmAction label="Remove…" action={`${base}/${c.id}/delete`} csrfToken={props.csrfToken} confirmLabel="Remove closure">
                  <p>The location will be bookable again on {closureDates(c)}, within its opening hours.</p>
                </ConfirmAction>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No closures coming up.</p>
        )}
        <form class="form" method="post" action={base} novalidate>
          <CsrfField token={props.csrfToken} />
          <h3 class="form__title">Add a closure</h3>
          {e.form ? <Alert tone="error">{e.form}</Alert> : null}
          <div class="field-row">
            <Field name="starts_on" type="date" label="First day" value={v.starts_on} error={e.starts_on} required />
            <Field name="ends_on" type="date" label="Last day" value={v.ends_on} error={e.ends_on} optional hint="Leave empty for one day." />
          </div>
          <Field name="reason" label="Reason" value={v.reason} error={e.reason} optional maxlength={120} placeholder="Thanksgiving" />
          <div class="form__actions">
            <Button>Add closure</Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

function Resources(props: LocationPageView) {
  const base = `/settings/locations/${props.page.location.id}/resources`;
  const v = props.resourceForm?.values ?? {};
  const e = props.resourceForm?.errors ?? {};
  const rename = props.renameForm;
  return (
    <Card title="Rooms and devices" description="Services ask for these, and two appointments can never hold the same one at once." id="resources">
      <div class="stack">
        {props.page.resources.length ? (
          <ul class="setup-list" role="list">
            {props.page.resources.map((r) => (
              <li class={`setup-list__item${r.active ? '' : ' is-inactive'}`}>
                <span class="resource-name">
                  <Badge tone={r.kind === 'room' ? 'info' : 'accent'}>{r.kind === 'room' ? 'Room' : 'Device'}</Badge>
                  <strong>{r.name}</strong>
                  {r.active ? null : <Badge>Inactive</Badge>}
                </span>
                <span class="cluster resource-actions">
                  <details class="confirm rename" open={rename?.resourceId === r.id}>
                    <summary class="btn btn--sm btn--secondary">Rename…</summary>
                    <form class="rename__panel" method="post" action={`${base}/${r.id}`} novalidate>
                      <CsrfField token={props.csrfToken} />
                      <Field
                        name="name"
                        id={`resource-${r.id}`}
                        label={`New name for ${r.name}`}
                        value={rename?.resourceId === r.id ? rename.values.name : r.name}
                        error={rename?.resourceId === r.id ? rename.errors.name : undefined}
                        maxlength={120}
                        required
                      />
                      <Button size="sm" variant="primary">
                        Save name
                      </Button>
                    </form>
                  </details>
                  {r.active ? (
                    <ConfirmAction label="Deactivate…" action={`${base}/${r.id}/deactivate`} csrfToken={props.csrfToken} confirmLabel={`Deactivate ${r.name}`}>
                      <p>It stays on past appointments but is no longer offered for new ones.</p>
                    </ConfirmAction>
                  ) : (
                    <form method="post" action={`${base}/${r.id}/reactivate`}>
                      <CsrfField token={props.csrfToken} />
                      <Button size="sm">Reactivate</Button>
                    </form>
                  )}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No rooms or devices yet.</p>
        )}
        <form class="form" method="post" action={base} novalidate>
          <CsrfField token={props.csrfToken} />
          <h3 class="form__title">Add a room or device</h3>
          {e.form ? <Alert tone="error">{e.form}</Alert> : null}
          <div class="field-row">
            <SelectField name="kind" label="Kind" options={[{ value: 'room', label: 'Room' }, { value: 'device', label: 'Device' }]} value={v.kind ?? 'room'} error={e.kind} required />
            <Field name="name" id="new-resource-name" label="Name" value={v.name} error={e.name} required maxlength={120} placeholder="Laser 2" />
          </div>
          <div class="form__actions">
            <Button>Add</Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

export function LocationPageView(props: LocationPageView) {
  const { location } = props.page;
  return (
    <div class="stack-lg">
      <PageHeader eyebrow={<a href="/settings/locations">← Locations</a>} title={location.name} description={location.timezone.replace(/_/g, ' ')} />
      {props.notice ? <Alert tone="success">{props.notice}</Alert> : null}
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      <div class="split">
        <Closures {...props} />
        <Resources {...props} />
      </div>
      <Card title="Details and opening hours" id="details">
        <form class="form" method="post" action={`/settings/locations/${location.id}`} novalidate>
          <CsrfField token={props.csrfToken} />
          {props.details.errors.form ? <Alert tone="error">{props.details.errors.form}</Alert> : null}
          <LocationFields {...props.details} />
          <div class="form__actions">
            <Button variant="primary">Save details and hours</Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
