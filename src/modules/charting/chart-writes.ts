/**
 * Writing charts: start one for a service of a visit, save the draft, sign it (frozen from then on,
 * by the database), add addenda, co-sign. Each write is audited with the client named, in the
 * same transaction.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { dayIn } from '../identity/spa-time.ts';
import { readChartForm, signingProblem, type CatalogueProduct, type ChartDraft, type ChartFormResult } from './chart-form.ts';
import { sealOf } from './chart-seal.ts';
import { chartAbilities, readChart, sealedContent, type ChartView, type ChartViewer } from './charts.ts';

export class ChartRefusal extends Error {
  constructor(
    message: string,
    readonly status: 403 | 404 | 409 = 409,
  ) {
    super(message);
    this.name = 'ChartRefusal';
  }
}

const CHARTABLE = ['checked_in', 'in_progress', 'completed'];

/**
 * The chart of one service of a visit, created on first use by its provider. Only a visit that
 * took place (checked in, started or completed) is charted.
 */
export async function startChart(ctx: ServiceCtx, appointmentId: string, lineId: string, viewer: ChartViewer): Promise<string> {
  const q = ctx.tx.$client;
  const { rows } = await q.query<{ client_id: string; status: string; service_id: string; provider_id: string; chart_id: string | null }>(
    `SELECT a.client_id, a.status, s.service_id, s.provider_id, ch.id AS chart_id
       FROM appointment_services s JOIN appointments a ON a.tenant_id = s.tenant_id AND a.id = s.appointment_id
       LEFT JOIN charts ch ON ch.tenant_id = s.tenant_id AND ch.appointment_service_id = s.id
      WHERE s.id = $1 AND s.appointment_id = $2`,
    [lineId, appointmentId],
  );
  const line = rows[0];
  if (!line) throw new ChartRefusal('There is no such service on this appointment.', 404);
  if (line.chart_id) return line.chart_id;
  if (line.provider_id !== viewer.operatorId || !viewer.permissions.has('write:chart:own')) {
    throw new ChartRefusal('Only the provider who gave this service charts it.', 403);
  }
  if (!CHARTABLE.includes(line.status)) throw new ChartRefusal('Chart a visit once the client is checked in.');
  const id = (
    await q.query<{ id: string }>(
      `INSERT INTO charts (tenant_id, appointment_id, appointment_service_id, service_id, provider_id)
       VALUES (current_tenant_id(), $1, $2, $3, $4) RETURNING id`,
      [appointmentId, lineId, line.service_id, line.provider_id],
    )
  ).rows[0]!.id;
  ctx.audit({ action: 'create', recordType: 'chart', recordId: id, clientIds: [line.client_id] });
  return id;
}

export async function loadCatalogue(ctx: ServiceCtx): Promise<CatalogueProduct[]> {
  return (await ctx.tx.$client.query<CatalogueProduct>('SELECT id, name, unit, active FROM products ORDER BY name, id')).rows;
}

/** The chart to change, read (and audited) as its author sees it; refused unless it is their draft. */
async function ownDraft(ctx: ServiceCtx, id: string, viewer: ChartViewer): Promise<{ chart: ChartView; lineId: string }> {
  const read = await readChart(ctx, id, viewer);
  if (read.kind === 'missing') throw new ChartRefusal('There is no such chart.', 404);
  if (read.kind === 'forbidden') throw new ChartRefusal('You can read the charts of clients you treat.', 403);
  if (read.chart.status !== 'draft') throw new ChartRefusal('This chart is signed and can no longer change: add an addendum instead.');
  if (read.chart.provider.id !== viewer.operatorId) throw new ChartRefusal('Only the provider who gave this service writes its chart.', 403);
  return { chart: read.chart, lineId: read.appointmentServiceId };
}

async function writeDraft(ctx: ServiceCtx, id: string, draft: ChartDraft): Promise<void> {
  const q = ctx.tx.$client;
  await q.query(
    `UPDATE charts SET template = $2, procedure = $3, subjective = $4, objective = $5, assessment = $6, plan = $7, narrative = $8,
            aftercare = $9, outcome = $10, adverse_events = $11, device_settings = $12, injection_points = $13, updated_at = now()
      WHERE id = $1`,
    [
      id,
      draft.template,
      draft.text.procedure,
      draft.text.subjective,
      draft.text.objective,
      draft.text.assessment,
      draft.text.plan,
      draft.text.narrative,
      draft.text.aftercare,
      draft.text.outcome,
      draft.text.adverse_events,
      JSON.stringify(draft.settings),
      JSON.stringify(draft.points),
    ],
  );
  await q.query('DELETE FROM chart_products WHERE chart_id = $1', [id]);
  for (const p of draft.products) {
    await q.query(
      `INSERT INTO chart_products (tenant_id, chart_id, position, product_id, lot_number, lot_expiry, amount)
       VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6)`,
      [id, Number(p.key.slice(1)), p.productId, p.lotNumber, p.lotExpiry, p.amount],
    );
  }
}

export type SaveOutcome = { ok: true } | { ok: false; chart: ChartView; form: Exclude<ChartFormResult, { ok: true }> };

/** Saves the posted draft, or answers the messages with nothing written. */
export async function saveDraft(ctx: ServiceCtx, id: string, body: Record<string, string>, viewer: ChartViewer): Promise<SaveOutcome> {
  const { chart } = await ownDraft(ctx, id, viewer);
  const form = readChartForm(body, await loadCatalogue(ctx), dayIn(chart.appointment.timeZone, chart.appointment.startsAt));
  if (!form.ok) return { ok: false, chart, form };
  await writeDraft(ctx, id, form.draft);
  ctx.audit({ action: 'update', recordType: 'chart', recordId: id, clientIds: [chart.client.id] });
  return { ok: true };
}

export type SignOutcome = SaveOutcome | { ok: false; chart: ChartView; problem: string };

/**
 * Saves what was posted and signs it in one transaction: the seal covers exactly what is stored.
 * Whether a supervising physician must co-sign is the spa's setting at the moment of signing.
 */
export async function signChart(ctx: ServiceCtx, id: string, body: Record<string, string>, viewer: ChartViewer & { fullName: string }): Promise<SignOutcome> {
  const { chart, lineId } = await ownDraft(ctx, id, viewer);
  if (!viewer.permissions.has('sign:note:own')) throw new ChartRefusal('Your role does not allow signing charts.', 403);
  const catalogue = await loadCatalogue(ctx);
  const form = readChartForm(body, catalogue, dayIn(chart.appointment.timeZone, chart.appointment.startsAt));
  if (!form.ok) return { ok: false, chart, form };
  const problem = signingProblem(form.draft);
  if (problem) return { ok: false, chart, problem };
  if (body.attest !== 'yes') return { ok: false, chart, problem: 'Tick the box to confirm this chart is accurate and complete.' };
  await writeDraft(ctx, id, form.draft);
  const byId = new Map(catalogue.map((p) => [p.id, p]));
  const stored: ChartView = {
    ...chart,
    template: form.draft.template,
    text: form.draft.text,
    products: form.draft.products.map((p) => ({ ...p, name: byId.get(p.productId)!.name, unit: byId.get(p.productId)!.unit })),
    settings: form.draft.settings,
    points: form.draft.points,
  };
  const now = viewer.now;
  const signer = { by: viewer.operatorId, name: viewer.fullName, at: now };
  const seal = sealOf(sealedContent(stored, lineId, signer), viewer.sealKey);
  await ctx.tx.$client.query(
    `UPDATE charts SET status = 'signed', signed_at = $2, signed_by = $3, signed_name = $4, content_sha256 = $5, updated_at = $2,
            cosign_required = (SELECT chart_cosign_required FROM tenants WHERE id = current_tenant_id())
      WHERE id = $1`,
    [id, now, viewer.operatorId, viewer.fullName, seal],
  );
  ctx.audit({ action: 'sign', recordType: 'chart', recordId: id, clientIds: [chart.client.id] });
  return { ok: true };
}

async function signedChart(ctx: ServiceCtx, id: string, viewer: ChartViewer): Promise<ChartView> {
  const read = await readChart(ctx, id, viewer);
  if (read.kind === 'missing') throw new ChartRefusal('There is no such chart.', 404);
  if (read.kind === 'forbidden') throw new ChartRefusal('You can read the charts of clients you treat.', 403);
  if (read.chart.status !== 'signed') throw new ChartRefusal('A draft is corrected by editing it; addenda and co-signatures are for signed charts.');
  return read.chart;
}

/** A correction or later observation on a signed chart; the original stays as signed. */
export async function addAddendum(ctx: ServiceCtx, id: string, body: string, viewer: ChartViewer & { fullName: string }): Promise<string | null> {
  const text = body.replace(/\r\n/g, '\n').trim();
  if (!text) return 'Write the addendum.';
  if (text.length > 4000) return 'Keep an addendum under 4,000 characters.';
  const chart = await signedChart(ctx, id, viewer);
  if (!chartAbilities(chart, viewer).addendum) throw new ChartRefusal('Addenda come from the provider who charted the visit, or the supervising physician.', 403);
  await ctx.tx.$client.query(
    'INSERT INTO chart_addenda (tenant_id, chart_id, author_id, author_name, body, created_at) VALUES (current_tenant_id(), $1, $2, $3, $4, $5)',
    [id, viewer.operatorId, viewer.fullName, text, viewer.now],
  );
  ctx.audit({ action: 'create', recordType: 'chart_addendum', recordId: id, clientIds: [chart.client.id] });
  return null;
}

/** The supervising physician's co-signature: once, never by the chart's own signer. */
export async function cosignChart(ctx: ServiceCtx, id: string, viewer: ChartViewer & { fullName: string }): Promise<void> {
  const chart = await signedChart(ctx, id, viewer);
  if (!viewer.permissions.has('cosign:chart:any')) throw new ChartRefusal('Your role does not allow co-signing charts.', 403);
  if (!chart.cosign.required) throw new ChartRefusal('This chart does not need a co-signature.');
  if (chart.cosign.at) throw new ChartRefusal('This chart is already co-signed.');
  if (chart.signed?.by === viewer.operatorId) throw new ChartRefusal('A chart is co-signed by someone other than the provider who signed it.');
  await ctx.tx.$client.query('UPDATE charts SET cosigned_at = $2, cosigned_by = $3, cosigned_name = $4 WHERE id = $1 AND cosigned_at IS NULL', [id, viewer.now, viewer.operatorId, viewer.fullName]);
  ctx.audit({ action: 'sign', recordType: 'chart_cosign', recordId: id, clientIds: [chart.client.id] });
}

/**
 * "Copy last treatment": the client's previous chart of the same service, as form values for the
 * author to adjust. Lot numbers and expiry are left blank on purpose: they come from today's boxes.
 * The previous chart is read, so it is audited.
 */
export async function lastTreatmentValues(ctx: ServiceCtx, id: string, viewer: ChartViewer): Promise<{ values: Record<string, string>; from: Date } | null> {
  const { chart } = await ownDraft(ctx, id, viewer);
  const previous = (
    await ctx.tx.$client.query<{ id: string }>(
      `SELECT ch.id FROM charts ch JOIN appointments a ON a.tenant_id = ch.tenant_id AND a.id = ch.appointment_id
        WHERE a.client_id = $1 AND ch.service_id = $2 AND ch.id <> $3 AND a.starts_at < $4
        ORDER BY a.starts_at DESC, ch.created_at DESC LIMIT 1`,
      [chart.client.id, chart.service.id, id, chart.appointment.startsAt],
    )
  ).rows[0];
  if (!previous) return null;
  const read = await readChart(ctx, previous.id, viewer);
  if (read.kind !== 'chart') return null;
  const last = read.chart;
  const values: Record<string, string> = {
    template: last.template,
    procedure: last.text.procedure,
    plan: last.text.plan,
    aftercare: last.text.aftercare,
    points: JSON.stringify(last.points),
  };
  last.products.forEach((p) => {
    const row = p.key.slice(1);
    values[`product_${row}`] = p.productId;
    values[`amount_${row}`] = p.amount === null ? '' : String(p.amount);
  });
  last.settings.forEach((s, row) => {
    values[`setting_${row}`] = s.label;
    values[`value_${row}`] = s.value;
  });
  return { values, from: last.appointment.startsAt };
}
