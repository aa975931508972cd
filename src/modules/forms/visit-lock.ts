import type { ServiceCtx } from '../../infra/db/tenant.ts';

/**
 * Locks the visit a form was asked for, before the form's status changes. The change moves the
 * visit's count of pending forms (a trigger updates the appointment); taking the visit first keeps
 * the order a merge takes (the client's visits, then their forms), so the two wait for each other
 * instead of deadlocking. Nothing to lock for a form asked outside a visit.
 */
export async function lockVisitOfForm(ctx: ServiceCtx, formId: string): Promise<void> {
  await ctx.tx.$client.query('SELECT 1 FROM appointments WHERE id = (SELECT appointment_id FROM client_forms WHERE id = $1) FOR NO KEY UPDATE', [formId]);
}
