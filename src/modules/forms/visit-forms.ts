/**
 * The forms that concern one visit (see check-in-forms.ts), read in the caller's transaction.
 * Their names and standing are read as part of the appointment the caller has already audited.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { concernsVisit, type VisitForm } from './check-in-forms.ts';

/** This visit's forms (any status) and the client's pending once-asked forms, oldest first. */
export async function visitForms(ctx: ServiceCtx, clientId: string, appointmentId: string): Promise<VisitForm[]> {
  const { rows } = await ctx.tx.$client.query<VisitForm>(
    `SELECT f.id, f.template_id AS "templateId", t.name, t.kind, t.rule, f.status, f.signed_at AS "signedAt", f.appointment_id AS "appointmentId"
       FROM client_forms f JOIN form_templates t ON t.tenant_id = f.tenant_id AND t.id = f.template_id
      WHERE f.client_id = $1 AND (f.appointment_id = $2 OR (f.status = 'pending' AND t.rule IN ('once_per_client', 'lifetime')))
      ORDER BY f.created_at, f.id`,
    [clientId, appointmentId],
  );
  return rows.filter((f) => concernsVisit(f, appointmentId));
}
