/**
 * What kinds of forms a spa keeps and when each is asked (PUB-3): the assignment rules, decided
 * for one booking from the templates and the client's earlier forms. Pure: the booking service
 * loads the facts and writes what this returns.
 */

export const FORM_KINDS = {
  intake: 'Intake',
  consent: 'Consent',
  photo_release: 'Photo release',
  guardian_authorization: 'Guardian authorization',
  other: 'Other',
} as const;
export type FormKind = keyof typeof FORM_KINDS;
export const isFormKind = (v: unknown): v is FormKind => typeof v === 'string' && Object.hasOwn(FORM_KINDS, v);

export const ASSIGNMENT_RULES = {
  per_service: { label: 'Each time a linked service is booked', short: 'Each booking of its services' },
  once_per_client: { label: 'Once per client, asked again when older than a set age', short: 'Once per client' },
  per_visit: { label: 'At every visit', short: 'Every visit' },
  lifetime: { label: 'Once in the client’s lifetime, never renewed', short: 'Once, never renewed' },
} as const;
export type AssignmentRule = keyof typeof ASSIGNMENT_RULES;
export const isAssignmentRule = (v: unknown): v is AssignmentRule => typeof v === 'string' && Object.hasOwn(ASSIGNMENT_RULES, v);

export const RENEWAL_MONTHS = { min: 1, max: 120 } as const;

/** How the rule reads in a list: "Once per client · renewed after 12 months". */
export function ruleSummary(rule: AssignmentRule, renewalMonths: number | null): string {
  if (rule === 'once_per_client' && renewalMonths) return `${ASSIGNMENT_RULES[rule].short} · renewed after ${renewalMonths} month${renewalMonths === 1 ? '' : 's'}`;
  return ASSIGNMENT_RULES[rule].short;
}

/** One live template as the booking sees it, with this client's history of it. */
export interface AssignmentCandidate {
  templateId: string;
  versionId: string;
  kind: FormKind;
  rule: AssignmentRule;
  renewalMonths: number | null;
  /** Every service the template is linked to (empty: it concerns every booking). */
  linkedServiceIds: readonly string[];
  /** The client's latest signed form of this template (voided ones do not count). */
  lastSignedAt: Date | null;
  /** The client already has one waiting to be signed. */
  pending: boolean;
}

export interface BookingFacts {
  serviceIds: readonly string[];
  startsAt: Date;
  /** Under the spa's age of majority on the day of the appointment. */
  minor: boolean;
}

/** The same moment `months` calendar months earlier (UTC), the day kept or clamped to the month's end. */
export function monthsBefore(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(at.getUTCDate(), last), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

/**
 * Whether a template applies to this booking: a template linked to services applies when one of
 * them is booked; one linked to none concerns every booking, except a per-service one (which
 * needs its services). A guardian's authorization is asked only for a minor.
 */
export function appliesTo(c: Pick<AssignmentCandidate, 'kind' | 'rule' | 'linkedServiceIds'>, booking: BookingFacts): boolean {
  if (c.kind === 'guardian_authorization' && !booking.minor) return false;
  if (c.linkedServiceIds.length) return c.linkedServiceIds.some((id) => booking.serviceIds.includes(id));
  return c.rule !== 'per_service';
}

/**
 * The templates to ask of the client for this booking (PUB-3):
 * - per service and per visit: one for this appointment, every time;
 * - once per client: unless one is pending, or one was signed less than the renewal age before the visit;
 * - lifetime: unless one is pending or one was ever signed.
 */
export function formsToAssign(candidates: readonly AssignmentCandidate[], booking: BookingFacts): AssignmentCandidate[] {
  return candidates.filter((c) => {
    if (!appliesTo(c, booking)) return false;
    switch (c.rule) {
      case 'per_service':
      case 'per_visit':
        return true;
      case 'lifetime':
        return !c.pending && !c.lastSignedAt;
      case 'once_per_client': {
        if (c.pending) return false;
        if (!c.lastSignedAt) return true;
        return c.lastSignedAt.getTime() <= monthsBefore(booking.startsAt, c.renewalMonths ?? RENEWAL_MONTHS.max).getTime();
      }
    }
  });
}

export type ClientFormStatus = 'pending' | 'signed' | 'voided' | 'expired';

/**
 * How a client's form stands today, for the Forms tab: as stored, except that a signed form of a
 * once-per-client template older than its renewal age has expired (it is asked again at the next booking).
 */
export function formStanding(
  form: { status: ClientFormStatus; signedAt: Date | null },
  template: { rule: AssignmentRule; renewalMonths: number | null },
  now: Date,
): { status: ClientFormStatus; renewalDue: Date | null } {
  if (form.status !== 'signed' || !form.signedAt || template.rule !== 'once_per_client' || !template.renewalMonths) return { status: form.status, renewalDue: null };
  const due = addMonths(form.signedAt, template.renewalMonths);
  return { status: due.getTime() <= now.getTime() ? 'expired' : 'signed', renewalDue: due };
}

/** The same moment `months` calendar months later (UTC), clamped to the month's end. */
export function addMonths(at: Date, months: number): Date {
  return monthsBefore(at, -months);
}
