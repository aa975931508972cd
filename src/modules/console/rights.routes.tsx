import type { Context } from 'hono';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { withConsole } from './context.ts';
import { consoleScope, signedInStaff } from './guard.ts';
import { consolePage } from './page.tsx';
import { correctionSchema, declineSchema, resolutionSchema } from './rights-forms.ts';
import { correctSubmission, declineRightsRequest, exportSubmission, fulfilRightsRequest, getRightsRequest, listRightsRequests, type RightsChange } from './rights-requests.ts';
import { isRecordId } from './validation.ts';
import { RightsListPage, RightsPage, type RightsPageProps } from './views/rights.tsx';

const RIGHTS = 'manage:rights:any';
const SECTION = '/rights';

function rightsId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

async function renderRights(c: Context<AppEnv>, id: string, extra: Partial<RightsPageProps> = {}, status: 200 | 400 | 409 = 200) {
  const found = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => getRightsRequest(ctx, id));
  if (!found) throw notFound();
  c.status(status);
  return consolePage(
    c,
    { title: 'Rights request', section: SECTION },
    <RightsPage request={found.request} submission={found.submission} now={c.var.deps.now()} csrfToken={csrfToken(c)} done={c.req.query('done')} {...extra} />,
  );
}

async function finish(c: Context<AppEnv>, id: string, result: RightsChange, done: string, values: Record<string, string>) {
  if (result.ok) return c.redirect(`/rights/${id}?done=${done}`, 303);
  if (result.status === 404) throw notFound();
  return renderRights(c, id, { error: result.message, form: { values } }, 409);
}

export function registerConsoleRightsRoutes(router: SurfaceRouter): void {
  router.get('/rights', RIGHTS, async (c) => {
    const show = c.req.query('show') === 'closed' ? 'closed' : 'open';
    const rows = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => listRightsRequests(ctx, show));
    return consolePage(c, { title: 'Rights requests', section: SECTION }, <RightsListPage rows={rows} show={show} now={c.var.deps.now()} />);
  });

  router.get('/rights/:id', RIGHTS, (c) => renderRights(c, rightsId(c)));

  /** The prospect's submission as JSON, for an access or export request; recorded as an export. */
  router.get('/rights/:id/export', RIGHTS, async (c) => {
    const id = rightsId(c);
    const now = c.var.deps.now();
    const file = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => exportSubmission(ctx, id, now));
    if (!file) throw notFound();
    c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return c.body(file.json, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  router.post('/rights/:id/fulfil', RIGHTS, async (c) => {
    const id = rightsId(c);
    const form = await parseForm(c, resolutionSchema);
    if (!form.ok) return renderRights(c, id, { form: { values: form.values, errors: form.errors } }, 400);
    const staff = signedInStaff(c);
    const now = c.var.deps.now();
    const result = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => fulfilRightsRequest(ctx, staff.staffId, id, form.data.resolution, now));
    return finish(c, id, result, 'fulfilled', form.values);
  });

  router.post('/rights/:id/correct', RIGHTS, async (c) => {
    const id = rightsId(c);
    const form = await parseForm(c, correctionSchema);
    if (!form.ok) return renderRights(c, id, { form: { values: form.values, errors: form.errors } }, 400);
    const staff = signedInStaff(c);
    const now = c.var.deps.now();
    const correction = { name: form.data.name, email: form.data.email, phone: form.data.phone, spaName: form.data.spa_name };
    const result = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => correctSubmission(ctx, staff.staffId, id, correction, form.data.resolution, now));
    return finish(c, id, result, 'fulfilled', form.values);
  });

  router.post('/rights/:id/decline', RIGHTS, async (c) => {
    const id = rightsId(c);
    const form = await parseForm(c, declineSchema);
    if (!form.ok) return renderRights(c, id, { form: { values: form.values, errors: form.errors } }, 400);
    const staff = signedInStaff(c);
    const now = c.var.deps.now();
    const result = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => declineRightsRequest(ctx, staff.staffId, id, form.data.reason, now));
    return finish(c, id, result, 'declined', form.values);
  });
}
