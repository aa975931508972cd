import { Alert, Button, CsrfField, Field, PageHeader, SelectField, TextareaField } from '../../../../ui/components.tsx';
import { FieldError } from '../../../../ui/components/field-parts.tsx';
import { clockLabel } from '../../../../ui/clock.ts';
import { formatDay } from '../../../../ui/format.ts';
import type { ClientSearchResult } from '../../../clients/search.ts';
import type { BookChoicesView } from '../book-view.ts';
import { MAX_LINES, type BookingDraft } from '../booking-form.ts';

/** Re-asks the server for providers and free times when a choice changes (htmx; without it, "Show free times"). */
const refresh = {
  'hx-post': '/calendar/book',
  'hx-trigger': 'change',
  'hx-vals': '{"intent": "refresh"}',
  'hx-target': '#book-form',
  'hx-select': '#book-form',
  'hx-swap': 'outerHTML',
};

export function ClientResults(props: { result: ClientSearchResult | null; chosen: string }) {
  const r = props.result;
  return (
    <div id="book-client-results" class="book-clients" aria-live="polite">
      {r && r.searched && r.hits.length === 0 ? <p class="field__hint">No client matches. Check the spelling, or add a new client below.</p> : null}
      {r && r.hits.length ? (
        <fieldset class="book-clients__list">
          <legend class="visually-hidden">Matching clients</legend>
          {r.hits.map((h) => (
            <label class="book-client">
              <input type="radio" name="client_id" value={h.id} checked={h.id === props.chosen} />
              <span class="book-client__name">{h.name}</span>
              <span class="book-client__meta">
                born {formatDay(h.dateOfBirth)}
                {h.phone ? ` · ${h.phone}` : ''}
                {h.minor !== 'adult' ? ' · minor' : ''}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {r?.more ? <p class="field__hint">More clients match: type more of the name.</p> : null}
    </div>
  );
}

export function BookFormPage(props: { view: BookChoicesView; draft: BookingDraft; errors: Record<string, string>; csrfToken: string; clientResults?: ClientSearchResult | null }) {
  const { view, draft, errors } = props;
  const c = view.choices;
  const serviceOptions = c.services.map((s) => ({ value: s.id, label: s.name }));
  const lines = [...draft.lines];
  while (lines.length < MAX_LINES) lines.push({ serviceId: '', providerId: 'any' });
  const names = new Map(c.providers.map((p) => [p.id, p.name]));
  const timeOptions = c.freeTimes ? [...new Set([...(draft.time && !c.freeTimes.includes(draft.time) ? [draft.time] : []), ...c.freeTimes])].sort() : null;
  return (
    <div class="book-page">
      <PageHeader
        title={draft.walkIn ? 'Walk-in' : 'Book an appointment'}
        eyebrow={<a href={view.backHref}>‹ Calendar</a>}
        description={c.location ? `${c.location.name} · times in ${c.location.timeZone.replace('_', ' ')}` : undefined}
      />
      <form id="book-form" class="book-form stack-lg" method="post" action="/calendar/book" novalidate>
        <CsrfField token={props.csrfToken} />
        {errors.form ? (
          <Alert tone="error" title="Not booked">
            <p>{errors.form}</p>
          </Alert>
        ) : null}
        {draft.walkIn ? <input type="hidden" name="walk_in" value="1" /> : null}

        <fieldset class="book-section">
          <legend class="book-section__title">Client</legend>
          {c.client && draft.clientMode === 'existing' && !props.clientResults ? (
            <label class="book-client book-client--chosen">
              <input type="radio" name="client_id" value={c.client.id} checked />
              <span class="book-client__name">{c.client.name}</span>
            </label>
          ) : null}
          <div class="book-client-search">
            <label class="field__label" for="book-client-q">
              Find a client
            </label>
            <p class="field__hint" id="book-client-q-hint">
              Name, phone, email or date of birth.
              <noscript> Then press “Show free times” to search.</noscript>
            </p>
            <div>
              <input
                class="input"
                id="book-client-q"
                name="client_q"
                type="search"
                autocomplete="off"
                aria-describedby="book-client-q-hint"
                hx-post="/calendar/book/search"
                hx-trigger="input changed delay:300ms, search"
                hx-target="#book-client-results"
                hx-swap="outerHTML"
                // A choice above re-draws the form: what is typed here stays (with the focus), and a
                // search waits for that re-draw, so its results are not replaced by the form's older ones.
                hx-preserve="true"
                hx-sync="closest form:queue last"
              />
            </div>
            <ClientResults result={props.clientResults ?? null} chosen={draft.clientId} />
            <FieldError id="field-client_id-error" message={errors.client_id} />
          </div>
          <details class="book-new-client" open={draft.clientMode === 'new'}>
            <summary>Or add a new client</summary>
            <div class="stack">
              <p class="field__hint">With no client chosen above, the client typed here is added and booked. First name, last name and date of birth are needed.</p>
              <div class="book-grid">
                <Field name="new_first_name" label="First name" value={draft.newClient.first_name} error={errors.new_first_name} autocomplete="off" />
                <Field name="new_last_name" label="Last name" value={draft.newClient.last_name} error={errors.new_last_name} autocomplete="off" />
                <Field name="new_date_of_birth" label="Date of birth" type="date" value={draft.newClient.date_of_birth} error={errors.new_date_of_birth} />
                <Field name="new_mobile_phone" label="Mobile phone" type="tel" optional value={draft.newClient.mobile_phone} error={errors.new_mobile_phone} autocomplete="off" />
                <Field name="new_email" label="Email" type="email" optional value={draft.newClient.email} error={errors.new_email} autocomplete="off" />
              </div>
            </div>
          </details>
        </fieldset>

        <fieldset class="book-section">
          <legend class="book-section__title">Services, in order</legend>
          {lines.map((line, i) => {
            const eligible = c.eligible[i] ?? c.providers.map((p) => p.id);
            const providerOptions = [{ value: 'any', label: 'Any available provider' }, ...eligible.filter((id) => names.has(id)).map((id) => ({ value: id, label: names.get(id)! }))];
            return (
              <div class="book-line">
                <SelectField
                  name={`service_${i}`}
                  label={i === 0 ? 'Service' : `Then (optional)`}
                  options={serviceOptions}
                  placeholder={i === 0 ? 'Choose a service…' : 'None'}
                  value={line.serviceId}
                  error={errors[`service_${i}`]}
                  attrs={refresh}
                />
                <SelectField
                  name={`provider_${i}`}
                  label="Provider"
                  hint={line.serviceId ? 'Only providers who may perform it are listed.' : undefined}
                  options={providerOptions}
                  value={line.providerId}
                  error={errors[`provider_${i}`]}
                  attrs={refresh}
                />
              </div>
            );
          })}
        </fieldset>

        <fieldset class="book-section">
          <legend class="book-section__title">When</legend>
          <div class="book-grid">
            <SelectField
              name="location_id"
              label="Location"
              options={c.locations.map((l) => ({ value: l.id, label: l.name }))}
              value={c.location?.id ?? draft.locationId}
              error={errors.location_id}
              attrs={refresh}
            />
            <Field name="date" label="Date" type="date" value={draft.date} error={errors.date} attrs={refresh} />
            {timeOptions ? (
              <SelectField
                name="time"
                label="Time"
                hint={timeOptions.length ? `${c.freeTimes!.length} free starts that day.` : undefined}
                options={timeOptions.map((t) => ({ value: t, label: c.freeTimes!.includes(t) ? clockLabel(t) : `${clockLabel(t)} (not free)` }))}
                placeholder={timeOptions.length ? 'Choose a time…' : 'No free time that day'}
                value={draft.time}
                error={errors.time}
              />
            ) : (
              <Field name="time" label="Time" type="time" value={draft.time} error={errors.time} hint="Choose the services to see the free times." />
            )}
          </div>
          {view.alternatives.length ? (
            <div class="book-alternatives" role="group" aria-labelledby="book-alternatives-title">
              <p id="book-alternatives-title" class="field__hint">
                Nearest free times:
              </p>
              <div class="cluster">
                {view.alternatives.map((a) => (
                  <button class="btn btn--secondary btn--sm" type="submit" name="pick_time" value={a.time}>
                    Book {clockLabel(a.time)}
                    {a.date !== draft.date ? ` on ${a.date}` : ''}
                    {a.providers ? <span class="book-alternatives__who"> with {a.providers}</span> : null}
                  </button>
                ))}
              </div>
            </div>
          ) : null}
        </fieldset>

        <TextareaField name="note" label="Note for the team" optional value={draft.note} />

        <div class="cluster book-actions">
          <Button variant="primary" type="submit">
            {draft.walkIn ? 'Book walk-in now' : 'Book'}
          </Button>
          <button class="btn btn--secondary" type="submit" name="intent" value="refresh">
            Show free times
          </button>
          <a href={view.backHref}>Cancel</a>
        </div>
      </form>
    </div>
  );
}
