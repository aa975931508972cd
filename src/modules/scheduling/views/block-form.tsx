/** Blocking a provider's or a room's time: a meeting, training, a laser's service visit. */
import { Alert, Button, Card, CsrfField, Field, PageHeader } from '../../../ui/components.tsx';
import type { BlockChoices } from '../blocks.ts';

export interface BlockFormView {
  choices: BlockChoices;
  csrfToken: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

export function BlockFormPage(props: BlockFormView) {
  const { choices, values: v, errors: e } = props;
  const field = (name: string) => ({ value: v[name] ?? '', error: e[name] });
  return (
    <div class="stack-lg narrow">
      <PageHeader
        eyebrow={<a href={`/calendar?location=${choices.location.id}`}>Calendar</a>}
        title="Block time"
        description={`At ${choices.location.name}; times are ${choices.location.timeZone.replace('_', ' ')} time. Nobody can be booked into blocked time.`}
      />
      {e.form ? <Alert tone="error">{e.form}</Alert> : null}
      <Card>
        <form method="post" action="/calendar/block" class="stack" novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="location_id" value={choices.location.id} />
          <div class={`field${e.subject ? ' field--invalid' : ''}`}>
            <label class="field__label" for="block-subject">
              Who or what
            </label>
            <select class="select" id="block-subject" name="subject" aria-invalid={e.subject ? 'true' : undefined} aria-describedby={e.subject ? 'block-subject-error' : undefined}>
              <option value="">Choose…</option>
              <optgroup label="Providers">
                {choices.providers.map((p) => (
                  <option value={`provider:${p.id}`} selected={v.subject === `provider:${p.id}`}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Rooms and devices">
                {choices.resources.map((r) => (
                  <option value={`resource:${r.id}`} selected={v.subject === `resource:${r.id}`}>
                    {r.name}
                  </option>
                ))}
              </optgroup>
            </select>
            {e.subject ? (
              <p class="field__error" id="block-subject-error">
                {e.subject}
              </p>
            ) : null}
          </div>
          <div class="form-grid">
            <Field name="date" label="Date" type="date" {...field('date')} required />
            <Field name="from" label="From" type="time" {...field('from')} required attrs={{ step: 300 }} />
            <Field name="to" label="To" type="time" {...field('to')} required attrs={{ step: 300 }} />
          </div>
          <Field name="reason" label="Reason" {...field('reason')} optional maxlength={120} autocomplete="off" hint="Shown on the calendar, e.g. Team training." />
          <div class="btn-row">
            <Button variant="primary">Block this time</Button>
            <Button variant="link" href={`/calendar?location=${choices.location.id}`}>
              Cancel
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
