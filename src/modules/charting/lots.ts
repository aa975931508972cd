/**
 * Lot traceability (CRM-5): every client treated with one lot of one product, for a recall. Lot
 * numbers are matched whatever their case. Listing and exporting name clients: both are audited,
 * the export as an export.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { displayName } from '../clients/profile.ts';
import type { AmountUnit } from './face-map/points.ts';

export interface LotUse {
  chartId: string;
  clientId: string;
  clientName: string;
  mobilePhone: string | null;
  email: string | null;
  startsAt: Date;
  timeZone: string;
  providerName: string;
  amount: number | null;
  unit: AmountUnit;
  lotExpiry: string;
  signed: boolean;
}

export const LOT_QUERY = /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/;

export async function lotUses(ctx: ServiceCtx, productId: string, lot: string, purpose: 'read' | 'export'): Promise<LotUse[]> {
  const { rows } = await ctx.tx.$client.query<{
    chart_id: string;
    client_id: string;
    first_name: string;
    last_name: string;
    preferred_name: string;
    mobile_phone: string | null;
    email: string | null;
    starts_at: Date;
    time_zone: string;
    provider_name: string;
    amount: string | null;
    unit: AmountUnit;
    lot_expiry: string;
    status: string;
  }>(
    `SELECT ch.id AS chart_id, c.id AS client_id, c.first_name, c.last_name, c.preferred_name, c.mobile_phone, c.email::text AS email,
            a.starts_at, l.timezone AS time_zone, o.full_name AS provider_name, p.amount::text AS amount, pr.unit, p.lot_expiry::text AS lot_expiry, ch.status
       FROM chart_products p
       JOIN products pr ON pr.tenant_id = p.tenant_id AND pr.id = p.product_id
       JOIN charts ch ON ch.tenant_id = p.tenant_id AND ch.id = p.chart_id
       JOIN appointments a ON a.tenant_id = ch.tenant_id AND a.id = ch.appointment_id
       JOIN clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
       JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id
       JOIN operators o ON o.tenant_id = ch.tenant_id AND o.id = ch.provider_id
      WHERE p.tenant_id = current_tenant_id() AND p.product_id = $1 AND upper(p.lot_number) = upper($2)
      ORDER BY a.starts_at, ch.id`,
    [productId, lot.trim()],
  );
  const clientIds = [...new Set(rows.map((r) => r.client_id))];
  const recordId = `${productId}:${lot.trim().toUpperCase()}`.slice(0, 80);
  ctx.audit(clientIds.length ? { action: purpose, recordType: 'product_lot', recordId, clientIds } : { action: purpose, recordType: 'product_lot', recordId });
  return rows.map((r) => ({
    chartId: r.chart_id,
    clientId: r.client_id,
    clientName: displayName(r),
    mobilePhone: r.mobile_phone,
    email: r.email,
    startsAt: r.starts_at,
    timeZone: r.time_zone,
    providerName: r.provider_name,
    amount: r.amount === null ? null : Number(r.amount),
    unit: r.unit,
    lotExpiry: r.lot_expiry,
    signed: r.status === 'signed',
  }));
}

/** One row per treatment, for the spa's recall calls; fields quoted so a comma or quote in a name stays in its cell. */
export function lotUsesCsv(uses: readonly LotUse[], productName: string, lot: string, dayOf: (u: LotUse) => string): string {
  const cell = (v: string) => {
    // A leading =, +, - or @ would be read as a formula by a spreadsheet.
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return `"${safe.replaceAll('"', '""')}"`;
  };
  const head = ['Date', 'Client', 'Mobile', 'Email', 'Product', 'Lot', 'Lot expiry', 'Amount', 'Unit', 'Provider', 'Chart signed'];
  const lines = uses.map((u) =>
    [dayOf(u), u.clientName, u.mobilePhone ?? '', u.email ?? '', productName, lot.toUpperCase(), u.lotExpiry, u.amount === null ? '' : String(u.amount), u.unit, u.providerName, u.signed ? 'yes' : 'no'].map(cell).join(','),
  );
  return [head.map(cell).join(','), ...lines].join('\r\n') + '\r\n';
}
