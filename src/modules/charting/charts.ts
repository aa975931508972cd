/**
 * Reading charts (CRM-5, CRM-6). Managers and owners read every chart; a provider reads the charts
 * of clients they treat (an appointment with them that was not cancelled). Every read names the
 * client in an audit row written by the same transaction (SEC-3).
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { Allergy } from '../clients/records.ts';
import { displayName } from '../clients/profile.ts';
import type { ChartTemplate, DeviceSetting, TextField } from './chart-form.ts';
import { TEXT_FIELDS } from './chart-form.ts';
import { sealOf, type SealedContent } from './chart-seal.ts';
import { TREATS_CLIENT_SQL } from './treats.ts';
import type { AmountUnit, InjectionPoint } from './face-map/points.ts';

/** Who reads a chart, with what permissions, when, and the key that checks chart seals. */
export interface ChartViewer {
  operatorId: string;
  permissions: ReadonlySet<string>;
  now: Date;
  sealKey: Buffer;
}

export type ChartStatus = 'draft' | 'signed';

export interface ChartView {
  id: string;
  status: ChartStatus;
  template: ChartTemplate;
  text: Record<TextField, string>;
  products: { key: string; productId: string; name: string; unit: AmountUnit; lotNumber: string; lotExpiry: string; amount: number | null }[];
  settings: DeviceSetting[];
  points: InjectionPoint[];
  client: { id: string; name: string; allergies: Allergy[] };
  appointment: { id: string; startsAt: Date; timeZone: string; locationId: string; locationName: string };
  service: { id: string; name: string };
  provider: { id: string; name: string };
  createdAt: Date;
  updatedAt: Date;
  signed: { at: Date; by: string; name: string; sha256: string; intact: boolean } | null;
  cosign: { required: boolean; at: Date | null; by: string | null; name: string | null };
  addenda: { id: string; authorName: string; body: string; createdAt: Date }[];
}

/** What the viewer may do with one chart, from their permissions and the chart. Pure. */
export function chartAbilities(chart: Pick<ChartView, 'status' | 'provider' | 'signed' | 'cosign'>, viewer: ChartViewer) {
  const has = (p: string) => viewer.permissions.has(p);
  const author = chart.provider.id === viewer.operatorId;
  const draft = chart.status === 'draft';
  return {
    edit: draft && author && has('write:chart:own'),
    sign: draft && author && has('write:chart:own') && has('sign:note:own'),
    // Corrections come from the provider who charted, or the supervising physician.
    addendum: !draft && ((author && has('write:chart:own')) || has('cosign:chart:any')),
    cosign: !draft && chart.cosign.required && !chart.cosign.at && has('cosign:chart:any') && chart.signed?.by !== viewer.operatorId,
  };
}

export const readsEveryChart = (viewer: ChartViewer) => viewer.permissions.has('read:chart:any');

type ChartRow = {
  id: string;
  status: ChartStatus;
  template: ChartTemplate;
  device_settings: DeviceSetting[];
  injection_points: InjectionPoint[];
  client_id: string;
  first_name: string;
  last_name: string;
  preferred_name: string;
  allergies: Allergy[];
  appointment_id: string;
  appointment_service_id: string;
  starts_at: Date;
  time_zone: string;
  location_id: string;
  location_name: string;
  service_id: string;
  service_name: string;
  provider_id: string;
  provider_name: string;
  created_at: Date;
  updated_at: Date;
  signed_at: Date | null;
  signed_by: string | null;
  signed_name: string | null;
  content_sha256: string | null;
  cosign_required: boolean;
  cosigned_at: Date | null;
  cosigned_by: string | null;
  cosigned_name: string | null;
  permitted: boolean;
  products: { key: string; productId: string; name: string; unit: AmountUnit; lotNumber: string; lotExpiry: string; amount: string | null }[];
  addenda: { id: string; authorName: string; body: string; createdAt: string }[];
} & Record<TextField, string>;

export type ChartRead = { kind: 'chart'; chart: ChartView; appointmentServiceId: string } | { kind: 'missing' } | { kind: 'forbidden'; clientId: string };

/**
 * One chart with its products, addenda and the client's allergies, audited as a read. A provider
 * who does not treat the client gets `forbidden` (the route answers 403, audited as denied).
 */
export async function readChart(ctx: ServiceCtx, id: string, viewer: ChartViewer): Promise<ChartRead> {
  const every = readsEveryChart(viewer);
  const { rows } = await ctx.tx.$client.query<ChartRow>(
    `SELECT ch.*, a.client_id, c.first_name, c.last_name, c.preferred_name,
            a.starts_at, l.timezone AS time_zone, l.name AS location_name, sv.name AS service_name, o.full_name AS provider_name,
            ($2 OR ${TREATS_CLIENT_SQL('a.client_id', '$3::uuid', '$4::timestamptz')}) AS permitted, a.location_id,
            (SELECT coalesce(json_agg(json_build_object('id', x.id, 'substance', x.substance, 'reaction', x.reaction, 'severity', x.severity)
                    ORDER BY array_position(ARRAY['severe','moderate','mild','unknown'], x.severity)), '[]')
               FROM client_allergies x WHERE x.tenant_id = c.tenant_id AND x.client_id = c.id AND x.removed_at IS NULL) AS allergies,
            (SELECT coalesce(json_agg(json_build_object('key', 'p' || p.position, 'productId', p.product_id, 'name', pr.name, 'unit', pr.unit,
                    'lotNumber', p.lot_number, 'lotExpiry', p.lot_expiry, 'amount', p.amount::text) ORDER BY p.position), '[]')
               FROM chart_products p JOIN products pr ON pr.tenant_id = p.tenant_id AND pr.id = p.product_id
              WHERE p.tenant_id = ch.tenant_id AND p.chart_id = ch.id) AS products,
            (SELECT coalesce(json_agg(json_build_object('id', d.id, 'authorName', d.author_name, 'body', d.body, 'createdAt', d.created_at) ORDER BY d.created_at, d.id), '[]')
               FROM chart_addenda d WHERE d.tenant_id = ch.tenant_id AND d.chart_id = ch.id) AS addenda
       FROM charts ch
       JOIN appointments a ON a.tenant_id = ch.tenant_id AND a.id = ch.appointment_id
       JOIN clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
       JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id
       JOIN services sv ON sv.tenant_id = ch.tenant_id AND sv.id = ch.service_id
       JOIN operators o ON o.tenant_id = ch.tenant_id AND o.id = ch.provider_id
      WHERE ch.id = $1`,
    [id, every, viewer.operatorId, viewer.now],
  );
  const r = rows[0];
  if (!r) return { kind: 'missing' };
  if (!r.permitted) {
    ctx.audit({ action: 'read', recordType: 'chart', recordId: id, clientIds: [r.client_id], outcome: 'denied' });
    return { kind: 'forbidden', clientId: r.client_id };
  }
  ctx.audit({ action: 'read', recordType: 'chart', recordId: id, clientIds: [r.client_id] });
  const chart = toView(r, viewer.sealKey);
  return { kind: 'chart', chart, appointmentServiceId: r.appointment_service_id };
}

function toView(r: ChartRow, sealKey: Buffer): ChartView {
  const text = Object.fromEntries(Object.keys(TEXT_FIELDS).map((k) => [k, r[k as TextField] ?? ''])) as Record<TextField, string>;
  const products = r.products.map((p) => ({ ...p, amount: p.amount === null ? null : Number(p.amount) }));
  const view: ChartView = {
    id: r.id,
    status: r.status,
    template: r.template,
    text,
    products,
    settings: r.device_settings,
    points: r.injection_points,
    client: { id: r.client_id, name: displayName(r), allergies: r.allergies },
    appointment: { id: r.appointment_id, startsAt: r.starts_at, timeZone: r.time_zone, locationId: r.location_id, locationName: r.location_name },
    service: { id: r.service_id, name: r.service_name },
    provider: { id: r.provider_id, name: r.provider_name },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    signed: null,
    cosign: { required: r.cosign_required, at: r.cosigned_at, by: r.cosigned_by, name: r.cosigned_name },
    addenda: r.addenda.map((d) => ({ ...d, createdAt: new Date(d.createdAt) })),
  };
  if (r.status === 'signed' && r.signed_at && r.signed_by && r.content_sha256) {
    const seal = sealOf(sealedContent(view, r.appointment_service_id, { by: r.signed_by, name: r.signed_name ?? '', at: r.signed_at }), sealKey);
    view.signed = { at: r.signed_at, by: r.signed_by, name: r.signed_name ?? '', sha256: r.content_sha256, intact: seal === r.content_sha256 };
  }
  return view;
}

/** What the seal covers, from a chart as read back (or about to be signed). */
export function sealedContent(
  chart: Pick<ChartView, 'id' | 'template' | 'text' | 'products' | 'settings' | 'points' | 'service' | 'provider' | 'appointment'>,
  appointmentServiceId: string,
  signer: { by: string; name: string; at: Date },
): SealedContent {
  return {
    chartId: chart.id,
    appointmentServiceId,
    serviceId: chart.service.id,
    providerId: chart.provider.id,
    visitStartsAt: chart.appointment.startsAt.toISOString(),
    locationId: chart.appointment.locationId,
    template: chart.template,
    text: chart.text,
    products: chart.products.map((p) => ({ productId: p.productId, name: p.name, unit: p.unit, lotNumber: p.lotNumber, lotExpiry: p.lotExpiry, amount: p.amount })),
    settings: chart.settings,
    points: chart.points,
    signedBy: signer.by,
    signedName: signer.name,
    signedAt: signer.at.toISOString(),
  };
}

export type ChartProductTotal = { name: string; amount: number | null; unit: AmountUnit };

export interface ClientChartSummary {
  id: string;
  status: ChartStatus;
  serviceName: string;
  providerName: string;
  startsAt: Date;
  timeZone: string;
  products: ChartProductTotal[];
  addenda: number;
  awaitingCosign: boolean;
}

/**
 * The client's charts, newest first, for the Charts tab; null when the viewer may not read them.
 * Audited as one read naming the client.
 */
export async function listClientCharts(ctx: ServiceCtx, clientId: string, viewer: ChartViewer): Promise<ClientChartSummary[] | null> {
  const q = ctx.tx.$client;
  const allowed = (await q.query<{ ok: boolean }>(`SELECT ($2 OR ${TREATS_CLIENT_SQL('$1::uuid', '$3::uuid', '$4::timestamptz')}) AS ok`, [clientId, readsEveryChart(viewer), viewer.operatorId, viewer.now])).rows[0]!.ok;
  if (!allowed) {
    ctx.audit({ action: 'read', recordType: 'client_charts', recordId: clientId, clientIds: [clientId], outcome: 'denied' });
    return null;
  }
  const { rows } = await q.query<{ id: string; status: ChartStatus; service_name: string; provider_name: string; starts_at: Date; time_zone: string; products: ChartProductTotal[]; addenda: number; awaiting: boolean }>(
    `SELECT ch.id, ch.status, sv.name AS service_name, o.full_name AS provider_name, a.starts_at, l.timezone AS time_zone,
            (SELECT coalesce(json_agg(json_build_object('name', pr.name, 'amount', p.amount, 'unit', pr.unit) ORDER BY p.position), '[]')
               FROM chart_products p JOIN products pr ON pr.tenant_id = p.tenant_id AND pr.id = p.product_id
              WHERE p.tenant_id = ch.tenant_id AND p.chart_id = ch.id) AS products,
            (SELECT count(*)::int FROM chart_addenda d WHERE d.tenant_id = ch.tenant_id AND d.chart_id = ch.id) AS addenda,
            (ch.cosign_required AND ch.cosigned_at IS NULL AND ch.status = 'signed') AS awaiting
       FROM charts ch
       JOIN appointments a ON a.tenant_id = ch.tenant_id AND a.id = ch.appointment_id
       JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id
       JOIN services sv ON sv.tenant_id = ch.tenant_id AND sv.id = ch.service_id
       JOIN operators o ON o.tenant_id = ch.tenant_id AND o.id = ch.provider_id
      WHERE a.client_id = $1
      ORDER BY a.starts_at DESC, ch.created_at DESC`,
    [clientId],
  );
  ctx.audit({ action: 'read', recordType: 'client_charts', recordId: clientId, clientIds: [clientId] });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    serviceName: r.service_name,
    providerName: r.provider_name,
    startsAt: r.starts_at,
    timeZone: r.time_zone,
    products: r.products,
    addenda: r.addenda,
    awaitingCosign: r.awaiting,
  }));
}
