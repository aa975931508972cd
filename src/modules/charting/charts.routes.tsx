/**
 * Clinical charting pages (issue 6; CRM-5, CRM-6): a chart per service of a visit, the client's
 * Charts tab, charts to finish, lot traceability and the products screen. Reading a chart takes
 * `read:chart:own` (whoever reads every chart holds it too); the service narrows a provider to the
 * clients they treat.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { withTenant, type ServiceCtx } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { HttpError, notFound } from '../../infra/http/errors.ts';
import { formFields, parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { clientAccess } from '../clients/access.ts';
import { readClientRecord } from '../clients/records.ts';
import { visitForms } from '../forms/visit-forms.ts';
import { isRecordId } from '../identity/form-list.ts';
import { demandPermission } from '../identity/guard.ts';
import { dayIn } from '../identity/spa-time.ts';
import { addAddendum, ChartRefusal, cosignChart, lastTreatmentValues, loadCatalogue, saveDraft, signChart, startChart, type SaveOutcome, type SignOutcome } from './chart-writes.ts';
import { chartSealKey } from './chart-seal.ts';
import { listClientCharts, readChart, type ChartViewer } from './charts.ts';
import { chartsToFollowUp } from './follow-up.ts';
import { LOT_QUERY, lotUses, lotUsesCsv } from './lots.ts';
import { listVisitPhotos } from './photos/photos.ts';
import { photoLinker } from './photos/signed-links.ts';
import { addProduct, listProducts, productSchema, setProductActive } from './products.ts';
import { ChartPage, type ChartPageView } from './views/chart-page.tsx';
import { ClientChartsPage } from './views/client-charts.tsx';
import { FollowUpPage } from './views/follow-up-page.tsx';
import { LotsPage } from './views/lots-page.tsx';
import { ProductsPage } from './views/products-page.tsx';

const DONE: Record<string, string> = {
  saved: 'Draft saved.',
  signed: 'Signed. The chart is now part of the record and cannot change; corrections are addenda.',
  addendum: 'Addendum added. The signed chart stays as it was.',
  cosigned: 'Co-signed.',
  added: 'Product added.',
  retired: 'Product retired: charts that used it keep it.',
  restored: 'Product is offered on charts again.',
};

function id(c: Context<AppEnv>, name = 'id'): string {
  const value = c.req.param(name);
  if (!isRecordId(value)) throw notFound();
  return value.toLowerCase();
}

function viewer(c: Context<AppEnv>): ChartViewer & { fullName: string } {
  const p = c.get('principal')!;
  return { operatorId: p.operatorId, permissions: p.permissions, fullName: p.fullName, now: c.var.deps.now(), sealKey: chartSealKey(c.var.deps.config.auditKey) };
}

const seesPhotos = (c: Context<AppEnv>) => c.get('principal')!.permissions.has('read:photo:own');

const tenant = <T,>(c: Context<AppEnv>, fn: (ctx: ServiceCtx) => Promise<T>) => withTenant(c.var.deps.db, requestScope(c), fn);

/**
 * A refusal from the service, as the page answers it. The service's transaction rolled back, so
 * a refused write is recorded here, in its own transaction, as the guard records refused routes.
 */
function refusedBy(c: Context<AppEnv>) {
  return async (error: unknown): Promise<never> => {
    if (!(error instanceof ChartRefusal)) throw error;
    if (error.status === 403) {
      await tenant(c, async (ctx) => ctx.audit({ action: 'access', recordType: 'route', recordId: `${c.req.method} ${c.req.routePath}`, outcome: 'denied' }));
    }
    throw new HttpError(error.status, error.message);
  };
}

async function renderChart(c: Context<AppEnv>, chartId: string, extra: Partial<ChartPageView> = {}, status: 200 | 400 | 409 = 200) {
  const who = viewer(c);
  const loaded = await tenant(c, async (ctx) => {
    const read = await readChart(ctx, chartId, who);
    if (read.kind !== 'chart') return { read, catalogue: [], photos: [], forms: null };
    const { appointment, client } = read.chart;
    const photos = seesPhotos(c) ? await listVisitPhotos(ctx, appointment.id) : [];
    const forms = who.permissions.has('read:form-status:any') ? await visitForms(ctx, client.id, appointment.id) : null;
    return { read, catalogue: await loadCatalogue(ctx), photos, forms };
  });
  if (loaded.read.kind === 'missing') throw notFound();
  if (loaded.read.kind === 'forbidden') throw new HttpError(403, 'You can read the charts of clients you treat.');
  c.status(status);
  return crmPage(
    c,
    { title: 'Chart', section: '/clients' },
    <ChartPage chart={loaded.read.chart} viewer={who} catalogue={loaded.catalogue} photos={loaded.photos.map(photoLinker(c))} forms={loaded.forms} csrfToken={csrfToken(c)} notice={DONE[c.req.query('done') ?? '']} {...extra} />,
  );
}

/** A draft save or signing that was refused: the page again, with the input kept and the messages beside it. */
async function answerRefusedDraft(c: Context<AppEnv>, chartId: string, posted: Record<string, string>, outcome: Exclude<SaveOutcome | SignOutcome, { ok: true }>) {
  if ('problem' in outcome) return renderChart(c, chartId, { values: posted, problem: outcome.problem }, 400);
  return renderChart(c, chartId, { values: posted, errors: outcome.form.errors, pointErrors: outcome.form.pointErrors, draftPoints: outcome.form.draftPoints }, 400);
}

const lotQuery = z.object({
  product: z.string().refine(isRecordId, 'Choose a product.'),
  lot: z.string().trim().regex(LOT_QUERY, 'Enter the lot number as printed on the box.'),
});

export function registerChartRoutes(router: SurfaceRouter): void {
  router.post('/appointments/:id/charts', 'write:chart:own', async (c) => {
    const posted = await formFields(c);
    if (!isRecordId(posted.line ?? '')) throw notFound(); // only the appointment page posts it
    const chartId = await tenant(c, (ctx) => startChart(ctx, id(c), posted.line!, viewer(c))).catch(refusedBy(c));
    return c.redirect(`/charts/${chartId}`, 303);
  });

  router.get('/charts/follow-up', 'read:chart:own', async (c) => {
    const who = viewer(c);
    const rows = await tenant(c, (ctx) => chartsToFollowUp(ctx, who, c.var.deps.now()));
    return crmPage(c, { title: 'Charts to finish', section: '/charts/follow-up' }, <FollowUpPage rows={rows} everyone={who.permissions.has('read:chart:any')} />);
  });

  router.get('/charts/lots', 'read:chart:any', async (c) => {
    const asked = c.req.query('product') !== undefined || c.req.query('lot') !== undefined;
    const parsed = lotQuery.safeParse({ product: c.req.query('product') ?? '', lot: c.req.query('lot') ?? '' });
    const page = await tenant(c, async (ctx) => {
      const products = (await listProducts(ctx)).filter((p) => p.uses > 0 || p.active);
      if (!asked) return { products };
      if (!parsed.success) return { products, productId: c.req.query('product'), lot: c.req.query('lot'), error: parsed.error.issues[0]!.message };
      return { products, productId: parsed.data.product, lot: parsed.data.lot, uses: await lotUses(ctx, parsed.data.product, parsed.data.lot, 'read') };
    });
    if (asked && !parsed.success) c.status(400);
    return crmPage(c, { title: 'Lot traceability', section: '/charts/lots' }, <LotsPage {...page} canExport={c.get('principal')!.permissions.has('export:chart:any')} />);
  });

  router.get('/charts/lots/export', 'export:chart:any', async (c) => {
    const parsed = lotQuery.safeParse({ product: c.req.query('product') ?? '', lot: c.req.query('lot') ?? '' });
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]!.message);
    const { product, lot } = parsed.data;
    const csv = await tenant(c, async (ctx) => {
      const name = (await ctx.tx.$client.query<{ name: string }>('SELECT name FROM products WHERE id = $1', [product])).rows[0]?.name;
      if (!name) throw notFound();
      const uses = await lotUses(ctx, product, lot, 'export');
      return lotUsesCsv(uses, name, lot, (u) => dayIn(u.timeZone, u.startsAt));
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="lot-${lot.toUpperCase().replace(/[^A-Z0-9.-]/g, '_')}.csv"`);
    c.header('Cache-Control', 'private, no-store');
    return c.body(csv);
  });

  router.get('/charts/:id', 'read:chart:own', (c) => renderChart(c, id(c)));

  router.post('/charts/:id', 'write:chart:own', async (c) => {
    const chartId = id(c);
    const posted = await formFields(c);
    const outcome = await tenant(c, (ctx) => saveDraft(ctx, chartId, posted, viewer(c))).catch(refusedBy(c));
    if (!outcome.ok) return answerRefusedDraft(c, chartId, posted, outcome);
    return c.redirect(`/charts/${chartId}?done=saved`, 303);
  });

  router.post('/charts/:id/copy-last', 'write:chart:own', async (c) => {
    const chartId = id(c);
    const copied = await tenant(c, (ctx) => lastTreatmentValues(ctx, chartId, viewer(c))).catch(refusedBy(c));
    if (!copied) return renderChart(c, chartId, { problem: 'There is no earlier chart of this service for this client to copy.' });
    return renderChart(c, chartId, { values: copied.values, notice: 'Filled from the previous chart of this service. Check every value, add today’s lot numbers, then save.' });
  });

  router.post('/charts/:id/sign', 'sign:note:own', async (c) => {
    const chartId = id(c);
    const posted = await formFields(c);
    const outcome = await tenant(c, (ctx) => signChart(ctx, chartId, posted, viewer(c))).catch(refusedBy(c));
    if (!outcome.ok) return answerRefusedDraft(c, chartId, posted, outcome);
    return c.redirect(`/charts/${chartId}?done=signed`, 303);
  });

  router.post('/charts/:id/addenda', 'write:chart:own', async (c) => {
    const chartId = id(c);
    const posted = await formFields(c);
    const problem = await tenant(c, (ctx) => addAddendum(ctx, chartId, posted.body ?? '', viewer(c))).catch(refusedBy(c));
    if (problem) return renderChart(c, chartId, { addendumError: problem }, 400);
    return c.redirect(`/charts/${chartId}?done=addendum`, 303);
  });

  router.post('/charts/:id/cosign', 'cosign:chart:any', async (c) => {
    const chartId = id(c);
    await tenant(c, (ctx) => cosignChart(ctx, chartId, viewer(c))).catch(refusedBy(c));
    return c.redirect(`/charts/${chartId}?done=cosigned`, 303);
  });

  router.get('/clients/:id/charts', 'read:chart:own', async (c) => {
    await demandPermission(c, 'read:client:any'); // the tab shows the record's header too
    const clientId = id(c);
    const access = clientAccess(c.get('principal')!.permissions);
    const page = await tenant(c, async (ctx) => {
      const record = await readClientRecord(ctx, clientId, access, c.var.deps.now());
      if (!record) throw notFound();
      if ('mergedInto' in record) return { kind: 'moved', to: `/clients/${record.mergedInto}/charts` } as const;
      const charts = await listClientCharts(ctx, clientId, viewer(c));
      return { kind: 'page', record, charts } as const;
    });
    if (page.kind === 'moved') return c.redirect(page.to, 303);
    if (!page.charts) throw new HttpError(403, 'You can read the charts of clients you treat.');
    return crmPage(c, { title: 'Charts', section: '/clients' }, <ClientChartsPage record={page.record} access={access} charts={page.charts} />);
  });

  router.get('/settings/products', 'manage:schedule:any', async (c) => {
    const products = await tenant(c, listProducts);
    return crmPage(c, { title: 'Products', section: '/settings/products' }, <ProductsPage products={products} csrfToken={csrfToken(c)} notice={DONE[c.req.query('done') ?? '']} />);
  });

  router.post('/settings/products', 'manage:schedule:any', async (c) => {
    const form = await parseForm(c, productSchema);
    let errors = form.ok ? {} : form.errors;
    if (form.ok) {
      const problem = await tenant(c, (ctx) => addProduct(ctx, form.data));
      if (!problem) return c.redirect('/settings/products?done=added', 303);
      errors = { name: problem };
    }
    const products = await tenant(c, listProducts);
    c.status(400);
    return crmPage(c, { title: 'Products', section: '/settings/products' }, <ProductsPage products={products} csrfToken={csrfToken(c)} values={form.values} errors={errors} />);
  });

  for (const [action, active] of [
    ['retire', false],
    ['restore', true],
  ] as const) {
    router.post(`/settings/products/:id/${action}`, 'manage:schedule:any', async (c) => {
      const found = await tenant(c, (ctx) => setProductActive(ctx, id(c), active));
      if (!found) throw notFound();
      return c.redirect(`/settings/products?done=${active ? 'restored' : 'retired'}`, 303);
    });
  }
}
