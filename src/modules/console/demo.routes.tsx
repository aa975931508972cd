import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { PLATFORMS } from '../marketing/demo-form.ts';
import { withConsole } from './context.ts';
import { addDemoNote, DEMO_STATUSES, getDemoRequest, isDemoStatus, listDemoRequests, setDemoStatus, type DemoFilter } from './demo-requests.ts';
import { consoleScope, signedInStaff } from './guard.ts';
import { consolePage } from './page.tsx';
import { countOpenRights, openRightsRequest, rightsForSubmission } from './rights-requests.ts';
import { newRightsSchema } from './rights-forms.ts';
import { isRecordId, MULTILINE_CONTROL } from './validation.ts';
import { DemoRequestPage, DemoRequestsPage, type DemoRequestPageProps } from './views/demo-requests.tsx';

const READ = 'read:demo:any';
const MANAGE = 'manage:demo:any';
const SECTION = '/demo-requests';

const PLATFORM_LABELS: Record<string, string> = Object.fromEntries(PLATFORMS.map((p) => [p.value, p.label]));

const noteSchema = z.object({
  body: z
    .string('Write the note first.')
    .trim()
    .min(1, 'Write the note first.')
    .max(2000, 'Keep a note under 2,000 characters.')
    .refine((v) => !MULTILINE_CONTROL.test(v), 'Please use plain text.'),
});
const statusSchema = z.object({ status: z.enum(DEMO_STATUSES, 'Choose a status from the list.') });

function requestId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

async function renderRequest(c: Context<AppEnv>, id: string, extra: Partial<DemoRequestPageProps> = {}, status: 200 | 400 | 404 | 409 = 200) {
  const staff = signedInStaff(c);
  const canRights = staff.permissions.has('manage:rights:any');
  const found = await withConsole(c.var.deps.db, consoleScope(c), async (ctx) => {
    const got = await getDemoRequest(ctx, id);
    return got ? { ...got, rights: canRights ? await rightsForSubmission(ctx, id) : [] } : null;
  });
  if (!found) throw notFound();
  c.status(status);
  return consolePage(
    c,
    { title: found.request.name, section: SECTION },
    <DemoRequestPage
      request={found.request}
      notes={found.notes}
      rights={found.rights}
      platforms={PLATFORM_LABELS}
      canManage={staff.permissions.has(MANAGE)}
      canRights={canRights}
      csrfToken={csrfToken(c)}
      now={c.var.deps.now()}
      done={c.req.query('done')}
      {...extra}
    />,
  );
}

export function registerConsoleDemoRoutes(router: SurfaceRouter): void {
  router.get('/demo-requests', READ, async (c) => {
    const staff = signedInStaff(c);
    const q = (c.req.query('q') ?? '').trim();
    const statusParam = c.req.query('status') ?? '';
    const page = Number.parseInt(c.req.query('page') ?? '1', 10);
    const filter: DemoFilter = {
      q: q.slice(0, 100),
      status: isDemoStatus(statusParam) ? statusParam : '',
      page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    };
    const now = c.var.deps.now();
    const { list, rights } = await withConsole(c.var.deps.db, consoleScope(c), async (ctx) => ({
      list: await listDemoRequests(ctx, filter),
      rights: staff.permissions.has('manage:rights:any') ? await countOpenRights(ctx, now) : null,
    }));
    return consolePage(
      c,
      { title: 'Demo requests', section: SECTION },
      <DemoRequestsPage {...list} filter={filter} platforms={PLATFORM_LABELS} rights={rights} error={q.length > 100 ? 'Searches use the first 100 characters.' : undefined} />,
    );
  });

  router.get('/demo-requests/:id', READ, (c) => renderRequest(c, requestId(c)));

  router.post('/demo-requests/:id/status', MANAGE, async (c) => {
    const id = requestId(c);
    const form = await parseForm(c, statusSchema);
    if (!form.ok) return renderRequest(c, id, {}, 400);
    const staff = signedInStaff(c);
    const now = c.var.deps.now();
    const found = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => setDemoStatus(ctx, staff.staffId, id, form.data.status, now));
    if (!found) throw notFound();
    return c.redirect(`/demo-requests/${id}?done=status`, 303);
  });

  router.post('/demo-requests/:id/notes', MANAGE, async (c) => {
    const id = requestId(c);
    const form = await parseForm(c, noteSchema);
    if (!form.ok) return renderRequest(c, id, { noteForm: { value: form.values.body, error: form.errors.body } }, 400);
    const staff = signedInStaff(c);
    const now = c.var.deps.now();
    const added = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => addDemoNote(ctx, staff.staffId, id, form.data.body, now));
    if (!added) throw notFound();
    return c.redirect(`/demo-requests/${id}?done=note`, 303);
  });

  /** Opening a rights request starts from the submission it concerns. */
  router.post('/demo-requests/:id/rights', 'manage:rights:any', async (c) => {
    const id = requestId(c);
    const now = c.var.deps.now();
    const form = await parseForm(c, newRightsSchema(now));
    if (!form.ok) return renderRequest(c, id, { rightsForm: { values: form.values, errors: form.errors } }, 400);
    const staff = signedInStaff(c);
    const input = { demoRequestId: id, kind: form.data.kind, receivedOn: form.data.received_on, details: form.data.details };
    const result = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => openRightsRequest(ctx, staff.staffId, input, now));
    if (!result.ok) throw notFound();
    return c.redirect(`/rights/${result.id}?done=opened`, 303);
  });
}
