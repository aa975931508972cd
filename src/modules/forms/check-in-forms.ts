/**
 * Which of a client's forms stand in the way of checking them in for a visit (CRM-7, PUB-3).
 * Pure: the visit's service loads the forms, this decides.
 *
 * The forms that concern a visit are those asked for it (per service, per visit) and the ones asked
 * of the client once (intake, lifetime forms), wherever they were first asked. A consent or a
 * guardian's authorization asked for the visit refuses check-in until one of that template is
 * signed — voiding it does not clear the way (a manager may override with a reason); anything else
 * still pending (an intake, a photo release) only warns.
 */
import type { AssignmentRule, ClientFormStatus, FormKind } from './rules.ts';

export interface VisitForm {
  id: string;
  templateId: string;
  name: string;
  kind: FormKind;
  rule: AssignmentRule;
  status: ClientFormStatus;
  signedAt: Date | null;
  appointmentId: string | null;
}

export interface CheckInForms {
  /** Consents and authorizations not signed (pending, or voided with none signed since), one per template. */
  required: VisitForm[];
  /** Pending forms the desk should collect, but that do not stop check-in. */
  unsigned: VisitForm[];
}

const CLIENT_WIDE: readonly AssignmentRule[] = ['once_per_client', 'lifetime'];
const BLOCKING: readonly FormKind[] = ['consent', 'guardian_authorization'];

/** Whether a form is this visit's business: asked for this appointment, or asked of the client once. */
export function concernsVisit(form: Pick<VisitForm, 'rule' | 'appointmentId'>, appointmentId: string): boolean {
  return form.appointmentId === appointmentId || CLIENT_WIDE.includes(form.rule);
}

export function formsAtCheckIn(forms: readonly VisitForm[], appointmentId: string): CheckInForms {
  const concerning = forms.filter((f) => concernsVisit(f, appointmentId));
  const signed = new Set(concerning.filter((f) => f.status === 'signed').map((f) => f.templateId));
  // Per template, the latest form not signed: a pending one asked again after a void wins.
  const missing = new Map<string, VisitForm>();
  for (const f of concerning) {
    if (BLOCKING.includes(f.kind) && !signed.has(f.templateId) && (f.status === 'pending' || f.status === 'voided')) missing.set(f.templateId, f);
  }
  return {
    required: [...missing.values()],
    unsigned: concerning.filter((f) => f.status === 'pending' && !BLOCKING.includes(f.kind)),
  };
}

const list = (forms: readonly VisitForm[]) => forms.map((f) => (f.status === 'voided' ? `${f.name} (voided)` : f.name)).join(', ');

/** The refusal a desk reads when a required form is unsigned, or null. */
export function requiredFormsMessage(gate: CheckInForms): string | null {
  if (!gate.required.length) return null;
  const one = gate.required.length === 1;
  return `${one ? 'This form has' : 'These forms have'} not been signed: ${list(gate.required)}. The client signs before treatment.`;
}

/** The warning for forms that do not stop check-in, or null. */
export function unsignedFormsMessage(gate: CheckInForms): string | null {
  if (!gate.unsigned.length) return null;
  return `Still to sign: ${list(gate.unsigned)}.`;
}
