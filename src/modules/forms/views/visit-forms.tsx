/** The forms of one visit on its appointment page, with what they mean for check-in (CRM-7). */
import { Alert, Card } from '../../../ui/components.tsx';
import { formsAtCheckIn, requiredFormsMessage, unsignedFormsMessage, type VisitForm } from '../check-in-forms.ts';
import { FORM_KINDS } from '../rules.ts';
import { FormStatusBadge } from './client-forms.tsx';

export interface VisitFormsCardProps {
  forms: VisitForm[];
  appointmentId: string;
  clientId: string;
  /** Still booked: a missing consent will refuse check-in. */
  beforeCheckIn: boolean;
  /** The visit is under way or ahead: unsigned forms are still worth collecting. */
  open: boolean;
}

export function VisitFormsCard(props: VisitFormsCardProps) {
  const gate = formsAtCheckIn(props.forms, props.appointmentId);
  const required = requiredFormsMessage(gate);
  const unsigned = unsignedFormsMessage(gate);
  return (
    <Card title="Forms">
      {props.beforeCheckIn && required ? (
        <Alert tone="error" title="Check-in needs a signature">
          {required} A manager can check the client in anyway, with a reason that is recorded.
        </Alert>
      ) : null}
      {props.open && unsigned ? <Alert tone="warning">{unsigned}</Alert> : null}
      {props.forms.length ? (
        <ul class="item-list">
          {props.forms.map((f) => (
            <li class="item-list__item">
              <div>
                <strong>{f.name}</strong>
                <div class="item-list__meta">
                  {FORM_KINDS[f.kind]}
                  {f.appointmentId === props.appointmentId ? ' · asked for this visit' : ' · asked once for this client'}
                </div>
              </div>
              <FormStatusBadge status={f.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No forms are asked for this visit.</p>
      )}
      <p class="card-note">
        <a href={`/clients/${props.clientId}/forms`}>Send or open forms on the client’s Forms tab</a>
      </p>
    </Card>
  );
}
