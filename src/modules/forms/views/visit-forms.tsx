/** The forms of one visit, on its appointment page and its charts, with what they mean for check-in (CRM-7). */
import { Alert, Card } from '../../../ui/components.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { formsAtCheckIn, requiredFormsMessage, unsignedFormsMessage, type VisitForm } from '../check-in-forms.ts';
import { FORM_KINDS } from '../rules.ts';
import { FormStatusBadge } from './client-forms.tsx';

interface VisitFormsProps {
  forms: VisitForm[];
  appointmentId: string;
  clientId: string;
  timeZone: string;
  /** May open a form's answers and signature (read:health:any); others see names and standing only. */
  canOpen: boolean;
}

function VisitFormList(props: VisitFormsProps) {
  if (!props.forms.length) return <p class="muted">No forms are asked for this visit.</p>;
  return (
    <ul class="item-list">
      {props.forms.map((f) => (
        <li class="item-list__item">
          <div>
            {props.canOpen ? (
              <a href={`/clients/${props.clientId}/forms/${f.id}`}>
                <strong>{f.name}</strong>
              </a>
            ) : (
              <strong>{f.name}</strong>
            )}
            <div class="item-list__meta">
              {FORM_KINDS[f.kind]}
              {f.appointmentId === props.appointmentId ? ' · asked for this visit' : ' · asked once for this client'}
              {f.signedAt ? ` · signed ${formatDateTime(f.signedAt, props.timeZone)}` : ''}
            </div>
          </div>
          <FormStatusBadge status={f.status} />
        </li>
      ))}
    </ul>
  );
}

const tabLink = (clientId: string) => (
  <p class="card-note">
    <a href={`/clients/${clientId}/forms`}>Send or open forms on the client’s Forms tab</a>
  </p>
);

export interface VisitFormsCardProps extends VisitFormsProps {
  /** Still booked: a missing consent will refuse check-in. */
  beforeCheckIn: boolean;
  /** The visit is under way or ahead: unsigned forms are still worth collecting. */
  open: boolean;
}

/** On the appointment page: what check-in will say, and every form of the visit. */
export function VisitFormsCard(props: VisitFormsCardProps) {
  const gate = formsAtCheckIn(props.forms, props.appointmentId);
  const required = requiredFormsMessage(gate);
  const unsigned = unsignedFormsMessage(gate);
  return (
    <Card title="Forms">
      <div class="stack">
        {props.beforeCheckIn && required ? (
          <Alert tone="error" title="Check-in needs a signature">
            {required} A manager can check the client in anyway, with a reason that is recorded.
          </Alert>
        ) : null}
        {props.open && unsigned ? <Alert tone="warning">{unsigned}</Alert> : null}
        <VisitFormList {...props} />
        {tabLink(props.clientId)}
      </div>
    </Card>
  );
}

/** On a chart: the consents and forms of the visit being charted, an unsigned consent called out. */
export function ChartConsentsCard(props: VisitFormsProps) {
  const required = requiredFormsMessage(formsAtCheckIn(props.forms, props.appointmentId));
  return (
    <Card title="Consent and forms for this visit">
      <div class="stack">
        {required ? <Alert tone="error">{required}</Alert> : null}
        <VisitFormList {...props} />
      </div>
    </Card>
  );
}
