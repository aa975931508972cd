/**
 * Which forms visits booked before a form was linked to their service would have been asked,
 * had it been linked then (PUB-3, CRM-7). Pure: the same rules as a booking (rules.ts), visit by
 * visit in order of time, so a once-per-client form goes to the client's first visit only.
 */
import { formsToAssign, type AssignmentCandidate } from './rules.ts';

export interface BookedVisit {
  appointmentId: string;
  clientId: string;
  startsAt: Date;
  serviceIds: readonly string[];
  /** Under the spa's age of majority on the visit's day. */
  minor: boolean;
}

/** A live template linked to the service, on its current version. */
export type LinkedTemplate = Omit<AssignmentCandidate, 'lastSignedAt' | 'pending'>;

/** A client's forms of one template so far. */
export interface FormHistory {
  clientId: string;
  templateId: string;
  lastSignedAt: Date | null;
  pending: boolean;
}

export interface MissingForm {
  appointmentId: string;
  clientId: string;
  templateId: string;
  versionId: string;
}

/**
 * The forms to ask, in visit order. `askedOnVisit` holds "appointment template" pairs already
 * asked on a visit, whatever became of them: a form voided there was a decision, not a gap.
 */
export function missingForms(visits: readonly BookedVisit[], templates: readonly LinkedTemplate[], history: readonly FormHistory[], askedOnVisit: ReadonlySet<string>): MissingForm[] {
  const known = new Map(history.map((h) => [`${h.clientId} ${h.templateId}`, { lastSignedAt: h.lastSignedAt, pending: h.pending }]));
  const ordered = [...visits].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.appointmentId.localeCompare(b.appointmentId));
  const out: MissingForm[] = [];
  for (const visit of ordered) {
    const candidates = templates.map((t) => ({ ...t, ...(known.get(`${visit.clientId} ${t.templateId}`) ?? { lastSignedAt: null, pending: false }) }));
    for (const chosen of formsToAssign(candidates, { serviceIds: visit.serviceIds, startsAt: visit.startsAt, minor: visit.minor })) {
      if (askedOnVisit.has(`${visit.appointmentId} ${chosen.templateId}`)) continue;
      out.push({ appointmentId: visit.appointmentId, clientId: visit.clientId, templateId: chosen.templateId, versionId: chosen.versionId });
      known.set(`${visit.clientId} ${chosen.templateId}`, { lastSignedAt: chosen.lastSignedAt, pending: true });
    }
  }
  return out;
}
