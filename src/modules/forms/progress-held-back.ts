/**
 * Kiosk mode (ADR 012): on the front desk's tablet, an operator who may not read health records
 * must not see answers the client saved earlier on their own phone. Those are the pending forms
 * whose progress was saved before the kiosk started; they stay stored, but are not shown.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';

export async function progressSavedBefore(ctx: ServiceCtx, formIds: readonly string[], before: Date): Promise<Set<string>> {
  if (formIds.length === 0) return new Set();
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `SELECT id FROM client_forms WHERE id = ANY($1::uuid[]) AND status = 'pending' AND progress_saved_at < $2 AND progress <> '{}'::jsonb`,
    [formIds, before],
  );
  return new Set(rows.map((r) => r.id));
}
