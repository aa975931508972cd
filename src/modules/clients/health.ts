import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { recordEvent } from './events.ts';
import type { AllergyInput, HealthItemInput } from './fields.ts';
import { addAllergyRow } from './records.ts';

/** Allergies and health history (CRM-5). Entries are never deleted: removing one keeps who removed it and when. */

async function activeClient(ctx: ServiceCtx, id: string): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query(`SELECT 1 FROM clients WHERE id = $1 AND status = 'active' FOR UPDATE`, [id]);
  return rowCount === 1;
}

export async function addAllergy(ctx: ServiceCtx, clientId: string, input: AllergyInput): Promise<boolean> {
  if (!(await activeClient(ctx, clientId))) return false;
  const id = await addAllergyRow(ctx, clientId, input);
  ctx.audit({ action: 'create', recordType: 'allergy', recordId: id, clientIds: [clientId] });
  return true;
}

export async function removeAllergy(ctx: ServiceCtx, clientId: string, allergyId: string): Promise<boolean> {
  // The client first, as a merge locks it before its allergies (the allergy count lives on the client).
  if (!(await activeClient(ctx, clientId))) return false;
  const { rows } = await ctx.tx.$client.query<{ substance: string; severity: string }>(
    `UPDATE client_allergies SET removed_at = now(), removed_by = $3 WHERE client_id = $1 AND id = $2 AND removed_at IS NULL RETURNING substance, severity`,
    [clientId, allergyId, ctx.actor.id],
  );
  if (!rows[0]) return false;
  await recordEvent(ctx, clientId, 'allergy_removed', { substance: rows[0].substance, severity: rows[0].severity });
  ctx.audit({ action: 'delete', recordType: 'allergy', recordId: allergyId, clientIds: [clientId] });
  return true;
}

export async function addHealthItem(ctx: ServiceCtx, clientId: string, input: HealthItemInput): Promise<boolean> {
  if (!(await activeClient(ctx, clientId))) return false;
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO client_health_items (tenant_id, client_id, kind, label, detail, occurred_on, recorded_by) VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6) RETURNING id`,
    [clientId, input.kind, input.label, input.detail, input.occurred_on, ctx.actor.id],
  );
  await recordEvent(ctx, clientId, 'health_added', { kind: input.kind, label: input.label, detail: input.detail, occurredOn: input.occurred_on });
  ctx.audit({ action: 'create', recordType: 'health_item', recordId: rows[0]!.id, clientIds: [clientId] });
  return true;
}

export async function removeHealthItem(ctx: ServiceCtx, clientId: string, itemId: string): Promise<boolean> {
  const { rows } = await ctx.tx.$client.query<{ kind: string; label: string }>(
    `UPDATE client_health_items SET removed_at = now(), removed_by = $3 WHERE client_id = $1 AND id = $2 AND removed_at IS NULL RETURNING kind, label`,
    [clientId, itemId, ctx.actor.id],
  );
  if (!rows[0]) return false;
  await recordEvent(ctx, clientId, 'health_removed', { kind: rows[0].kind, label: rows[0].label });
  ctx.audit({ action: 'delete', recordType: 'health_item', recordId: itemId, clientIds: [clientId] });
  return true;
}
