/** Moving an appointment without dragging: the keyboard and small-screen way. */
import { Alert, Button, Card, CsrfField, Field, PageHeader, SelectField } from '../../../ui/components.tsx';
import { clockLabel } from '../../../ui/clock.ts';
import type { AvailableSlot } from '../availability/index.ts';
import type { AppointmentView } from '../appointments.ts';

export interface MovePageView {
  appointment: AppointmentView;
  providers: { id: string; name: string }[];
  csrfToken: string;
  values: { date: string; time: string; providers: string[] };
  error?: { field?: string; message: string };
  alternatives?: AvailableSlot[];
}

export function MovePage(props: MovePageView) {
  const a = props.appointment;
  const zone = a.location.timeZone;
  const e = props.error;
  return (
    <div class="stack-lg narrow">
      <PageHeader eyebrow={<a href={`/appointments/${a.id}`}>{a.client.name}’s appointment</a>} title="Move appointment" description={`At ${a.location.name}; times are ${zone.replace('_', ' ')} time.`} />
      {e && !e.field ? <Alert tone="error">{e.message}</Alert> : null}
      <Card>
        <form method="post" action={`/appointments/${a.id}/move`} class="stack" novalidate>
          <CsrfField token={props.csrfToken} />
          <div class="form-grid">
            <Field name="date" label="Date" type="date" value={props.values.date} error={e?.field === 'date' ? e.message : undefined} required />
            <Field name="time" label="Start time" type="time" value={props.values.time} error={e?.field === 'time' ? e.message : undefined} required attrs={{ step: 300 }} />
            {a.lines.map((l, i) => (
              <SelectField
                name="provider_id"
                id={`provider-${i}`}
                label={`Provider for ${l.serviceName}`}
                options={[{ value: 'any', label: 'Any available provider' }, ...props.providers.map((p) => ({ value: p.id, label: p.name }))]}
                value={props.values.providers[i] ?? l.providerId}
                error={e?.field === `provider_${i}` ? e.message : undefined}
              />
            ))}
          </div>
          {props.alternatives?.length ? (
            <div class="stack-sm">
              <p>Nearest free times:</p>
              <div class="btn-row">
                {props.alternatives.map((s) => (
                  <Button size="sm" name="pick_time" value={s.local.time} type="submit">
                    {clockLabel(s.local.time)}
                  </Button>
                ))}
              </div>
            </div>
          ) : null}
          <div class="btn-row">
            <Button variant="primary">Move</Button>
            <Button variant="link" href={`/appointments/${a.id}`}>
              Cancel
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
