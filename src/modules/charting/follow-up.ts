/**
 * Charts that need someone (CRM-6): services given more than 72 hours ago whose chart is still a
 * draft or was never started, and signed charts waiting for the supervising physician. A provider
 * sees their own; whoever reads every chart sees the whole spa. Names clients, so it is audited.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { displayName } from '../clients/profile.ts';
import type { ChartViewer } from './charts.ts';

export const UNSIGNED_AFTER_HOURS = 72;

type Reader = Pick<ChartViewer, 'operatorId' | 'permissions'>;

export interface FollowUpRow {
  appointmentId: string;
  lineId: string;
  chartId: string | null;
  clientId: string;
  clientName: string;
  serviceName: string;
  providerName: string;
  startsAt: Date;
  timeZone: string;
  state: 'not_started' | 'draft' | 'awaiting_cosign';
}

type Row = {
  appointment_id: string;
  line_id: string;
  chart_id: string | null;
  client_id: string;
  first_name: string;
  last_name: string;
  preferred_name: string;
  service_name: string;
  provider_name: string;
  starts_at: Date;
  time_zone: string;
  state: FollowUpRow['state'];
};

/** The services to follow up, for the viewer ($1 reads every chart, $2 the viewer, $3 the cut-off, $4 co-signs). */
const SERVICES = `FROM appointment_services s JOIN appointments a ON a.tenant_id = s.tenant_id AND a.id = s.appointment_id`;
const THEIR_CHART = `LEFT JOIN charts ch ON ch.tenant_id = s.tenant_id AND ch.appointment_service_id = s.id`;
const TO_FOLLOW_UP = `
      WHERE ($1 OR s.provider_id = $2)
        AND (
          (a.status IN ('checked_in', 'in_progress', 'completed') AND s.ends_at < $3 AND (ch.id IS NULL OR ch.status = 'draft'))
          OR ($4 AND ch.status = 'signed' AND ch.cosign_required AND ch.cosigned_at IS NULL AND ch.signed_by <> $2)
        )`;

function followUpParameters(viewer: Reader, now: Date): unknown[] {
  return [viewer.permissions.has('read:chart:any'), viewer.operatorId, new Date(now.getTime() - UNSIGNED_AFTER_HOURS * 3_600_000), viewer.permissions.has('cosign:chart:any')];
}

/** How many there are: a number on Today, no client named (so no audit row). */
export async function countChartsToFollowUp(ctx: ServiceCtx, viewer: Reader, now: Date): Promise<number> {
  return (await ctx.tx.$client.query<{ n: number }>(`SELECT count(*)::int AS n ${SERVICES} ${THEIR_CHART} ${TO_FOLLOW_UP}`, followUpParameters(viewer, now))).rows[0]!.n;
}

export async function chartsToFollowUp(ctx: ServiceCtx, viewer: Reader, now: Date): Promise<FollowUpRow[]> {
  const { rows } = await ctx.tx.$client.query<Row>(
    `SELECT a.id AS appointment_id, s.id AS line_id, ch.id AS chart_id, c.id AS client_id, c.first_name, c.last_name, c.preferred_name,
            sv.name AS service_name, o.full_name AS provider_name, s.starts_at, l.timezone AS time_zone,
            CASE WHEN ch.id IS NULL THEN 'not_started' WHEN ch.status = 'draft' THEN 'draft' ELSE 'awaiting_cosign' END AS state
       ${SERVICES}
       JOIN clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
       JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id
       JOIN services sv ON sv.tenant_id = s.tenant_id AND sv.id = s.service_id
       JOIN operators o ON o.tenant_id = s.tenant_id AND o.id = s.provider_id
       ${THEIR_CHART}
       ${TO_FOLLOW_UP}
      ORDER BY s.starts_at, s.id
      LIMIT 500`,
    followUpParameters(viewer, now),
  );
  const clientIds = [...new Set(rows.map((r) => r.client_id))];
  ctx.audit(clientIds.length ? { action: 'read', recordType: 'chart_follow_up', clientIds } : { action: 'read', recordType: 'chart_follow_up' });
  return rows.map((r) => ({
    appointmentId: r.appointment_id,
    lineId: r.line_id,
    chartId: r.chart_id,
    clientId: r.client_id,
    clientName: displayName(r),
    serviceName: r.service_name,
    providerName: r.provider_name,
    startsAt: r.starts_at,
    timeZone: r.time_zone,
    state: r.state,
  }));
}
