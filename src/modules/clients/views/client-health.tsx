/** Health history: medications, medical history, contraindications and prior treatments, each with who recorded it. */
import { Button, Card, ConfirmAction, CsrfField, Field, SelectField, TextareaField } from '../../../ui/components.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import type { ClientAccess } from '../access.ts';
import { HEALTH_KINDS, type HealthKind } from '../fields.ts';
import type { ClientRecord, HealthItem } from '../records.ts';
import { ClientHeader } from './client-header.tsx';
import type { FormState } from './client-overview.tsx';

const EMPTY: Record<HealthKind, string> = {
  medication: 'No medications recorded.',
  condition: 'No medical history recorded.',
  contraindication: 'No contraindications recorded.',
  prior_treatment: 'No prior treatments recorded.',
};

function HealthGroup(props: { kind: HealthKind; items: HealthItem[]; record: ClientRecord; access: ClientAccess; csrfToken: string }) {
  const base = `/clients/${props.record.profile.id}`;
  return (
    <Card title={props.kind === 'condition' ? 'Medical history' : `${HEALTH_KINDS[props.kind]}s`} id={`health-${props.kind}`} class="client-section">
      {props.items.length === 0 ? (
        <p class="muted">{EMPTY[props.kind]}</p>
      ) : (
        <ul class="item-list">
          {props.items.map((item) => (
            <li class="item-list__item">
              <div>
                <strong>{item.label}</strong>
                {item.occurredOn ? <span class="muted"> · {formatDay(item.occurredOn)}</span> : null}
                {item.detail ? <div class="preserve-lines">{item.detail}</div> : null}
                <div class="item-list__meta">
                  Recorded {formatDateTime(item.recordedAt, props.record.calendar.timeZone)}
                  {item.recordedBy ? ` by ${item.recordedBy}` : ''}
                </div>
              </div>
              {props.access.editHealth ? (
                <ConfirmAction label="Remove…" action={`${base}/health/${item.id}/remove`} csrfToken={props.csrfToken} confirmLabel={`Remove ${item.label}`}>
                  <p>The history keeps it, with your name and the time.</p>
                </ConfirmAction>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ClientHealthPage(props: { record: ClientRecord; access: ClientAccess; csrfToken: string; form?: FormState; notice?: string }) {
  const items = props.record.health ?? [];
  const base = `/clients/${props.record.profile.id}`;
  const f = props.form;
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="health" notice={props.notice} />
      <div class="split split--main-aside">
        <div class="stack">
          {(Object.keys(HEALTH_KINDS) as HealthKind[]).map((kind) => (
            <HealthGroup kind={kind} items={items.filter((i) => i.kind === kind)} record={props.record} access={props.access} csrfToken={props.csrfToken} />
          ))}
        </div>
        {props.access.editHealth ? (
          <Card title="Add to the health history" id="add-health">
            <form method="post" action={`${base}/health`} class="stack" novalidate>
              <CsrfField token={props.csrfToken} />
              <SelectField name="kind" label="Kind" options={Object.entries(HEALTH_KINDS).map(([value, label]) => ({ value, label }))} value={f?.values.kind} placeholder="Choose…" error={f?.errors.kind} />
              <Field name="label" label="What" value={f?.values.label} error={f?.errors.label} autocomplete="off" hint="e.g. Isotretinoin 20 mg, Pregnant, Filler (lips)" />
              <Field name="occurred_on" label="Date" type="date" value={f?.values.occurred_on} error={f?.errors.occurred_on} optional hint="When it started or was done, if known." />
              <TextareaField name="detail" label="Details" value={f?.values.detail} error={f?.errors.detail} optional rows={3} />
              <Button variant="primary">Add</Button>
            </form>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
