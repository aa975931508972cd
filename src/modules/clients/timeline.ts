import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { ClientAccess } from './access.ts';

/** One entry of the record's history, as stored (detail holds values, so reading it is audited). */
export interface TimelineEntry {
  id: string;
  kind: string;
  occurredAt: Date;
  actorName: string | null;
  detail: Record<string, unknown>;
}

/** Which history entries a reader may see: health entries need health access, allergy entries allergy access. */
export function visibleKinds(access: ClientAccess): string[] {
  const kinds = ['created', 'updated', 'guardian_added', 'guardian_removed', 'guardian_authorized', 'merged_in'];
  if (access.allergies) kinds.push('allergy_added', 'allergy_removed');
  if (access.health) kinds.push('health_added', 'health_removed');
  return kinds;
}

/** The record's history, newest first, with its own audit row. */
export async function readTimeline(ctx: ServiceCtx, clientId: string, access: ClientAccess, limit = 200): Promise<TimelineEntry[]> {
  const { rows } = await ctx.tx.$client.query<TimelineEntry>(
    `SELECT e.id, e.kind, e.occurred_at AS "occurredAt", o.full_name AS "actorName", e.detail
       FROM client_events e LEFT JOIN operators o ON o.tenant_id = e.tenant_id AND o.id = e.actor_id
      WHERE e.client_id = $1 AND e.kind = ANY($2::text[])
      ORDER BY e.occurred_at DESC, e.id LIMIT $3`,
    [clientId, visibleKinds(access), limit],
  );
  ctx.audit({ action: 'read', recordType: 'client_history', recordId: clientId, clientIds: [clientId] });
  return rows;
}
