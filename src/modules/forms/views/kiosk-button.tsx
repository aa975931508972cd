/**
 * The Forms tab's "Hand the tablet to the client" card (kiosk mode, ADR 012): the client fills and
 * signs the pending forms (all, or one visit's) on this tablet while the operator's session waits
 * locked. Shown to those who may send forms.
 */
import { formatDateTime } from '../../../ui/format.ts';
import type { ClientFormView } from '../client-forms.ts';
import type { ClientFormsView } from './client-forms.tsx';
import { CsrfField } from '../../../ui/components.tsx';

function visitLabel(appointment: NonNullable<ClientFormView['appointment']>): string {
  return `${appointment.services.join(' + ') || 'Appointment'}, ${formatDateTime(appointment.startsAt, appointment.timeZone)}`;
}

export function KioskCard(props: { view: ClientFormsView }) {
  const pending = props.view.forms.filter((f) => f.status === 'pending');
  if (!props.view.canVoid || pending.length === 0) return null;
  const visits = new Map<string, string>();
  for (const f of pending) if (f.appointment) visits.set(f.appointment.id, visitLabel(f.appointment));
  return (
    <section class="card client-forms-kiosk" aria-labelledby="kiosk-title">
      <header class="card__header">
        <h2 class="card__title" id="kiosk-title">
          Fill in on this tablet
        </h2>
      </header>
      <div class="card__body">
        <form method="post" action={`/clients/${props.view.record.profile.id}/forms/kiosk`} class="stack">
          <CsrfField token={props.view.csrfToken} />
          <div class="field">
            <label class="field__label" for="kiosk-which">
              Forms
            </label>
            <select class="select" id="kiosk-which" name="forms" aria-describedby="kiosk-hint">
              <option value="all">All forms waiting to be signed ({pending.length})</option>
              {[...visits].map(([id, label]) => (
                <option value={id}>Those of {label}</option>
              ))}
            </select>
            <p class="field__hint" id="kiosk-hint">
              The client sees only these forms. Lumè stays locked until you unlock it with your password and authenticator code.
            </p>
          </div>
          <div>
            <button type="submit" class="btn btn--secondary">
              Hand the tablet to the client
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
