import type { ServiceCtx } from '../../infra/db/tenant.ts';

/** A change to a field, kept with its previous value so the record's history shows both. */
export type FieldChange = { from: unknown; to: unknown };

/**
 * Appends to the record's own history (what the timeline shows). The audit
 * trail says who touched the record; this says what it said before and after.
 */
export async function recordEvent(ctx: ServiceCtx, clientId: string, kind: string, detail: Record<string, unknown>): Promise<void> {
  await ctx.tx.$client.query('INSERT INTO client_events (tenant_id, client_id, actor_id, kind, detail) VALUES (current_tenant_id(), $1, $2, $3, $4)', [
    clientId,
    ctx.actor.id,
    kind,
    JSON.stringify(detail),
  ]);
}
