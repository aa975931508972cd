/**
 * "The clients they treat" (the provider role's clinical scope, SEC-2): a visit with the provider
 * that took place (checked in, under way or completed), or one booked within a day of now — so the
 * history can be read before treating. A booking far ahead, which any provider could make, opens
 * nothing. Whoever holds the `any` permission reads every client's records.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';

export const TREATS_CLIENT_SQL = (client: string, viewer: string, now: string) => `EXISTS (
  SELECT 1 FROM appointment_services s JOIN appointments a ON a.tenant_id = s.tenant_id AND a.id = s.appointment_id
   WHERE a.tenant_id = current_tenant_id() AND a.client_id = ${client} AND s.provider_id = ${viewer}
     AND (a.status IN ('checked_in', 'in_progress', 'completed')
          OR (a.status = 'booked' AND a.starts_at BETWEEN ${now} - interval '12 hours' AND ${now} + interval '1 day')))`;

export async function treatsClient(ctx: ServiceCtx, clientId: string, operatorId: string, now: Date): Promise<boolean> {
  const { rows } = await ctx.tx.$client.query<{ ok: boolean }>(`SELECT ${TREATS_CLIENT_SQL('$1::uuid', '$2::uuid', '$3::timestamptz')} AS ok`, [clientId, operatorId, now]);
  return rows[0]!.ok;
}
