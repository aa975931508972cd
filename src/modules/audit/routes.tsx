import { z } from 'zod';
import { withTenant } from '../../infra/db/tenant.ts';
import { notFound } from '../../infra/http/errors.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { EXPORT_ROW_CAP, exportAudit, exportFileName } from './export.ts';
import { auditTrail, clientAccessReport, isUuid, parseAuditQuery } from './search.ts';
import { AuditTrailPage } from './views/audit-trail-page.tsx';
import { ClientReportPage } from './views/client-report-page.tsx';

const PERMISSION = 'read:audit:any';
const PAGE = { title: 'Audit trail', section: '/audit' };

const clientParam = z.object({ clientId: z.string().refine(isUuid).transform((v) => v.toLowerCase()) });

/** The audit screen, the per-client access report and the CSV export (SEC-3), for owners and managers. */
export function registerAuditRoutes(router: SurfaceRouter): void {
  router.get('/audit', PERMISSION, async (c) => {
    const query = parseAuditQuery(c.req.query());
    const screen = await withTenant(c.var.deps.db, requestScope(c), (ctx) => auditTrail(ctx, query));
    if (!screen.page) c.status(400);
    return crmPage(c, PAGE, <AuditTrailPage screen={screen} query={query} />);
  });

  router.get('/audit/clients/:clientId', PERMISSION, async (c) => {
    const param = clientParam.safeParse({ clientId: c.req.param('clientId') });
    if (!param.success) throw notFound();
    // Only the page links matter here; a stale or forged one starts again from the newest access.
    const { cursor } = parseAuditQuery({ older: c.req.query('older'), newer: c.req.query('newer') });
    const report = await withTenant(c.var.deps.db, requestScope(c), (ctx) => clientAccessReport(ctx, param.data.clientId, cursor));
    return crmPage(c, { ...PAGE, title: 'Client access report' }, <ClientReportPage report={report} onFirstPage={!cursor} />);
  });

  router.get('/audit/export.csv', PERMISSION, async (c) => {
    const { db, now } = c.var.deps;
    const query = parseAuditQuery(c.req.query());
    const result = await withTenant(db, requestScope(c), (ctx) => exportAudit(ctx, query, now()));
    if (result.ok) {
      return c.body(result.csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${exportFileName(c.var.tenant.slug, result.from, result.to)}"`,
        'Cache-Control': 'no-store',
      });
    }
    // Nothing was exported: the audit screen again, with the filters kept and the reason.
    const notice =
      result.reason === 'too_many'
        ? `That export would hold more than ${EXPORT_ROW_CAP.toLocaleString('en-US')} entries, so nothing was downloaded. Narrow the dates or add a filter, then download again.`
        : undefined;
    const screen = await withTenant(db, requestScope(c), (ctx) => auditTrail(ctx, query));
    c.status(result.reason === 'too_many' ? 422 : 400);
    return crmPage(c, PAGE, <AuditTrailPage screen={screen} query={query} notice={notice} />);
  });
}
