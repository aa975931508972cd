/**
 * Asking for forms when an appointment is booked (PUB-3, CRM-7): in the booking's transaction,
 * the templates that apply are decided by the pure rules (rules.ts) from the spa's live templates
 * and this client's forms, and one pending form is written for each, on the template's current
 * version. Each is audited naming the client.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { isMinorOn } from '../clients/age.ts';
import { formsToAssign, type AssignmentCandidate } from './rules.ts';

export interface BookedVisit {
  appointmentId: string;
  clientId: string;
  serviceIds: readonly string[];
  startsAt: Date;
  /** The appointment's day where it takes place (YYYY-MM-DD), for the client's age. */
  localDate: string;
}

type CandidateRow = Omit<AssignmentCandidate, 'lastSignedAt'> & { lastSignedAt: Date | null; dateOfBirth: string; ageOfMajority: number };

/**
 * Writes the pending forms this booking asks for; returns their ids. The client row is already
 * locked by the booking, so two bookings of one client cannot both ask for the same intake.
 */
export async function assignFormsForBooking(ctx: ServiceCtx, visit: BookedVisit): Promise<string[]> {
  const q = ctx.tx.$client;
  const { rows } = await q.query<CandidateRow>(
    `SELECT t.id AS "templateId", v.id AS "versionId", t.kind, t.rule, t.renewal_months AS "renewalMonths",
            coalesce((SELECT array_agg(sf.service_id) FROM service_forms sf WHERE sf.tenant_id = t.tenant_id AND sf.template_id = t.id), '{}') AS "linkedServiceIds",
            (SELECT max(f.signed_at) FROM client_forms f WHERE f.tenant_id = t.tenant_id AND f.client_id = $1 AND f.template_id = t.id AND f.status = 'signed') AS "lastSignedAt",
            EXISTS (SELECT 1 FROM client_forms f WHERE f.tenant_id = t.tenant_id AND f.client_id = $1 AND f.template_id = t.id AND f.status = 'pending') AS pending,
            c.date_of_birth::text AS "dateOfBirth", tn.age_of_majority AS "ageOfMajority"
       FROM form_templates t
       JOIN LATERAL (SELECT id FROM form_versions x WHERE x.tenant_id = t.tenant_id AND x.template_id = t.id ORDER BY x.version DESC LIMIT 1) v ON true
       JOIN clients c ON c.tenant_id = t.tenant_id AND c.id = $1
       JOIN tenants tn ON tn.id = t.tenant_id
      WHERE NOT t.archived
      ORDER BY t.created_at, t.id`,
    [visit.clientId],
  );
  if (!rows.length) return [];
  const minor = isMinorOn(rows[0]!.dateOfBirth, visit.localDate, rows[0]!.ageOfMajority);
  const chosen = formsToAssign(rows, { serviceIds: visit.serviceIds, startsAt: visit.startsAt, minor });
  if (!chosen.length) return [];
  // FOR SHARE: a builder saving one of these versions waits for this booking, then sees it used.
  const { rows: made } = await q.query<{ id: string }>(
    `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, appointment_id, created_by)
     SELECT current_tenant_id(), $1, v.template_id, v.id, $2, $3
       FROM (SELECT id, template_id FROM form_versions WHERE id = ANY($4::uuid[]) FOR SHARE) v
     RETURNING id`,
    [visit.clientId, visit.appointmentId, ctx.actor.id, chosen.map((c) => c.versionId)],
  );
  for (const { id } of made) ctx.audit({ action: 'create', recordType: 'client_form', recordId: id, clientIds: [visit.clientId] });
  return made.map((r) => r.id);
}
