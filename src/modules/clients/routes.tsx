import type { Context } from 'hono';
import { withTenant, type ServiceCtx } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { isRecordId } from '../identity/form-list.ts';
import { demandPermission } from '../identity/guard.ts';
import { clientAccess, type ClientAccess } from './access.ts';
import { updateConsent, updateProfileSection } from './edits.ts';
import { allergySchema, consentSchema, guardianSchema, healthItemSchema, isSectionKey, sectionSchema } from './fields.ts';
import { addGuardian, recordPaperAuthorization, removeGuardian } from './guardians.ts';
import { addAllergy, addHealthItem, removeAllergy, removeHealthItem } from './health.ts';
import { createClient, readClientRecord, spaCalendar, type ClientRecord } from './records.ts';
import { parseNewClientForm } from './new-client-form.ts';
import { readTimeline } from './timeline.ts';
import { clientAppointments } from './appointments.ts';
import { ClientAppointmentsPage } from './views/client-appointments.tsx';
import { ClientHealthPage } from './views/client-health.tsx';
import { ClientOverviewPage, type ClientOverviewView, type FormState } from './views/client-overview.tsx';
import { ClientTimelinePage } from './views/client-timeline.tsx';
import { NewClientPage } from './views/client-new.tsx';
import { findPossibleDuplicates, type PossibleDuplicate } from './duplicates.ts';

const SECTION = '/clients';

/** Fixed confirmations, named in the redirect's query (never data). */
const DONE: Record<string, string> = {
  created: 'Client created.',
  saved: 'Saved. The previous values are kept in the timeline.',
  'allergy-added': 'Allergy added.',
  'allergy-removed': 'Allergy removed. The timeline keeps it.',
  'health-added': 'Added to the health history.',
  'health-removed': 'Removed. The timeline keeps it.',
  'guardian-added': 'Guardian added.',
  'guardian-removed': 'Guardian removed.',
  authorized: 'Guardian authorization recorded.',
  merged: 'Records merged. Everything from the duplicate is now on this record.',
};

function clientId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

function childId(c: Context<AppEnv>, name: string): string {
  const id = c.req.param(name);
  if (!isRecordId(id)) throw notFound();
  return id;
}

const accessOf = (c: Context<AppEnv>) => clientAccess(c.get('principal')!.permissions);

/** Loads the record for a page (its audit row included); a merged record sends the reader to the one it became. */
type Loaded<T> = { redirect: string } | { record: ClientRecord; access: ClientAccess; extra: T | undefined };

async function loadRecord<T>(c: Context<AppEnv>, id: string, more?: (ctx: ServiceCtx, record: ClientRecord, access: ClientAccess) => Promise<T>): Promise<Loaded<T>> {
  const access = accessOf(c);
  return withTenant(c.var.deps.db, requestScope(c), async (ctx): Promise<Loaded<T>> => {
    const record = await readClientRecord(ctx, id, access, c.var.deps.now());
    if (!record) throw notFound();
    if ('mergedInto' in record) return { redirect: `/clients/${record.mergedInto}` };
    return { record, access, extra: more ? await more(ctx, record, access) : undefined };
  });
}

async function renderOverview(c: Context<AppEnv>, id: string, view: Partial<ClientOverviewView> = {}, status: 200 | 400 | 404 | 409 = 200) {
  const loaded = await loadRecord(c, id);
  if ('redirect' in loaded) return c.redirect(loaded.redirect, 302);
  const edit = c.req.query('edit');
  const editing = view.editing ?? (edit && (isSectionKey(edit) || edit === 'consent') && loaded.access.editProfile ? { section: edit } : undefined);
  c.status(status);
  return crmPage(
    c,
    // Page titles stay generic: browsers keep them in a searchable history on shared tablets.
    { title: 'Client record', section: SECTION },
    <ClientOverviewPage record={loaded.record} access={loaded.access} csrfToken={csrfToken(c)} notice={DONE[c.req.query('done') ?? '']} {...view} editing={editing} />,
  );
}

async function renderHealth(c: Context<AppEnv>, id: string, form?: FormState, status: 200 | 400 = 200) {
  const loaded = await loadRecord(c, id);
  if ('redirect' in loaded) return c.redirect(`${loaded.redirect}/health`, 302);
  c.status(status);
  return crmPage(
    c,
    { title: 'Client · Health history', section: SECTION },
    <ClientHealthPage record={loaded.record} access={loaded.access} csrfToken={csrfToken(c)} form={form} notice={DONE[c.req.query('done') ?? '']} />,
  );
}

/** Runs a change to one client; a change to a client this spa does not have answers 404. */
async function change<T>(c: Context<AppEnv>, fn: (ctx: ServiceCtx) => Promise<T>): Promise<T> {
  return withTenant(c.var.deps.db, requestScope(c), fn);
}

async function renderNew(c: Context<AppEnv>, form?: FormState, matches?: PossibleDuplicate[], status: 200 | 400 | 409 = 200) {
  const calendar = await withTenant(c.var.deps.db, requestScope(c), (ctx) => spaCalendar(ctx, c.var.deps.now()));
  c.status(status);
  return crmPage(
    c,
    { title: 'New client', section: SECTION },
    <NewClientPage csrfToken={csrfToken(c)} form={form} matches={matches} canRecordHealth={accessOf(c).editHealth} ageOfMajority={calendar.ageOfMajority} today={calendar.today} />,
  );
}

async function formValues(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
}

export function registerClientRecordRoutes(router: SurfaceRouter): void {
  // Before /clients/:id, so that "new" is not taken for an id.
  router.get('/clients/new', 'write:client:any', (c) => renderNew(c));

  router.post('/clients/new', 'write:client:any', async (c) => {
    await demandPermission(c, 'read:client:any'); // possible duplicates show other clients
    const values = await formValues(c);
    const parsed = parseNewClientForm(values, accessOf(c).editHealth);
    if (!parsed.ok) return renderNew(c, { values, errors: parsed.errors }, undefined, 400);
    const confirmedNew = values.different_person === 'on';
    const result = await change(c, async (ctx) => {
      // Offer an existing record first (SPEC CRM-5): the operator opens it, or says this is someone else.
      const matches = confirmedNew ? [] : await findPossibleDuplicates(ctx, parsed.data.profile);
      if (matches.length) return { ok: 'matches' as const, matches };
      return createClient(ctx, parsed.data, c.var.deps.now());
    });
    if (result.ok === 'matches') return renderNew(c, { values, errors: {} }, result.matches, 409);
    if (!result.ok) return renderNew(c, { values, errors: result.errors }, undefined, result.status === 404 ? 400 : result.status);
    return c.redirect(`/clients/${result.id}?done=created`, 303);
  });

  router.get('/clients/:id', 'read:client:any', (c) => renderOverview(c, clientId(c)));

  router.get('/clients/:id/health', 'read:health:any', (c) => renderHealth(c, clientId(c)));

  router.get('/clients/:id/appointments', 'read:appointment:any', async (c) => {
    await demandPermission(c, 'read:client:any'); // the tab shows the record's header too
    const loaded = await loadRecord(c, clientId(c), (ctx, record) => clientAppointments(ctx, record.profile.id));
    if ('redirect' in loaded) return c.redirect(`${loaded.redirect}/appointments`, 302);
    const canBook = c.get('principal')!.permissions.has('write:appointment:any');
    return crmPage(
      c,
      { title: 'Client · Appointments', section: SECTION },
      <ClientAppointmentsPage record={loaded.record} access={loaded.access} appointments={loaded.extra!} now={c.var.deps.now()} canBook={canBook} />,
    );
  });

  router.get('/clients/:id/timeline', 'read:client:any', async (c) => {
    const loaded = await loadRecord(c, clientId(c), (ctx, record, access) => readTimeline(ctx, record.profile.id, access));
    if ('redirect' in loaded) return c.redirect(`${loaded.redirect}/timeline`, 302);
    return crmPage(c, { title: 'Client · Timeline', section: SECTION }, <ClientTimelinePage record={loaded.record} access={loaded.access} entries={loaded.extra!} />);
  });

  router.post('/clients/:id/profile/:section', 'write:client:any', async (c) => {
    const id = clientId(c);
    const section = c.req.param('section') ?? '';
    if (!isSectionKey(section)) throw notFound();
    const form = await parseForm(c, sectionSchema(section));
    if (!form.ok) return renderOverview(c, id, { editing: { section, form } }, 400);
    const mayChangeMinorBirthDate = c.get('principal')!.permissions.has('authorize:minor:any');
    const result = await change(c, (ctx) => updateProfileSection(ctx, id, form.data, c.var.deps.now(), mayChangeMinorBirthDate));
    if (!result) throw notFound();
    if (!result.ok) return renderOverview(c, id, { editing: { section, form: { values: form.values, errors: result.errors } } }, result.status);
    return c.redirect(`/clients/${id}?done=saved#section-${section}`, 303);
  });

  router.post('/clients/:id/consent', 'write:client:any', async (c) => {
    const id = clientId(c);
    const form = await parseForm(c, consentSchema);
    if (!form.ok) return renderOverview(c, id, { editing: { section: 'consent', form } }, 400);
    const result = await change(c, (ctx) => updateConsent(ctx, id, form.data));
    if (!result) throw notFound();
    return c.redirect(`/clients/${id}?done=saved#section-consent`, 303);
  });

  router.post('/clients/:id/allergies', 'write:health:any', async (c) => {
    const id = clientId(c);
    const form = await parseForm(c, allergySchema);
    if (!form.ok) return renderOverview(c, id, { allergyForm: form }, 400);
    if (!(await change(c, (ctx) => addAllergy(ctx, id, form.data)))) throw notFound();
    return c.redirect(`/clients/${id}?done=allergy-added#allergies`, 303);
  });

  router.post('/clients/:id/allergies/:itemId/remove', 'write:health:any', async (c) => {
    const id = clientId(c);
    const itemId = childId(c, 'itemId');
    if (!(await change(c, (ctx) => removeAllergy(ctx, id, itemId)))) throw notFound();
    return c.redirect(`/clients/${id}?done=allergy-removed#allergies`, 303);
  });

  router.post('/clients/:id/health', 'write:health:any', async (c) => {
    const id = clientId(c);
    const form = await parseForm(c, healthItemSchema);
    if (!form.ok) return renderHealth(c, id, form, 400);
    if (!(await change(c, (ctx) => addHealthItem(ctx, id, form.data)))) throw notFound();
    return c.redirect(`/clients/${id}/health?done=health-added#health-${form.data.kind}`, 303);
  });

  router.post('/clients/:id/health/:itemId/remove', 'write:health:any', async (c) => {
    const id = clientId(c);
    const itemId = childId(c, 'itemId');
    if (!(await change(c, (ctx) => removeHealthItem(ctx, id, itemId)))) throw notFound();
    return c.redirect(`/clients/${id}/health?done=health-removed`, 303);
  });

  router.post('/clients/:id/guardians', 'write:client:any', async (c) => {
    const id = clientId(c);
    const form = await parseForm(c, guardianSchema);
    if (!form.ok) return renderOverview(c, id, { guardianForm: form }, 400);
    if (!(await change(c, (ctx) => addGuardian(ctx, id, form.data)))) throw notFound();
    return c.redirect(`/clients/${id}?done=guardian-added#guardians`, 303);
  });

  router.post('/clients/:id/guardians/:guardianId/remove', 'write:client:any', async (c) => {
    const id = clientId(c);
    const guardianId = childId(c, 'guardianId');
    const result = await change(c, (ctx) => removeGuardian(ctx, id, guardianId, c.var.deps.now()));
    if (!result) throw notFound();
    if (!result.ok) return renderOverview(c, id, { guardianForm: { values: {}, errors: result.errors } }, result.status);
    return c.redirect(`/clients/${id}?done=guardian-removed#guardians`, 303);
  });

  router.post('/clients/:id/guardians/:guardianId/authorize', 'authorize:minor:any', async (c) => {
    const id = clientId(c);
    const guardianId = childId(c, 'guardianId');
    if (!(await change(c, (ctx) => recordPaperAuthorization(ctx, id, guardianId)))) throw notFound();
    return c.redirect(`/clients/${id}?done=authorized#guardians`, 303);
  });
}
