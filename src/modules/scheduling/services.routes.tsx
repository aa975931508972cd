import type { Context } from 'hono';
import { retryOnDeadlock } from '../../infra/db/retry.ts';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { isRecordId } from '../identity/form-list.ts';
import { askBookedVisits, bookedVisitsGap } from '../forms/booked-visits.ts';
import { serviceFormChoices, setServiceForms } from '../forms/templates.ts';
import { spaTimeZone } from '../identity/spa-time.ts';
import { HttpError } from '../../infra/http/errors.ts';
import { formBody } from '../../infra/http/forms.ts';
import { readServiceForm, type ServiceDraft } from './service-form.ts';
import { createService, draftOfService, getService, listServices, resourceChoices, setServiceActive, updateService } from './services.ts';
import { ServiceFormPage } from './views/service-form.tsx';
import { ServicesPage } from './views/services.tsx';

const SCHEDULE = 'manage:schedule:any';
const SECTION = '/settings/services';

const DONE: Record<string, string> = {
  created: 'Service added.',
  saved: 'Service saved. New bookings use these phases; appointments already booked keep their times.',
  deactivated: 'Deactivated. It can no longer be booked.',
  reactivated: 'Reactivated. It can be booked again.',
  asked: 'The visits already booked now ask for these forms. Nothing was sent: send each client theirs from their Forms tab, or hand them the tablet at check-in.',
};

const EMPTY: ServiceDraft = { name: '', category: '', description: '', price: '', onlineBookable: false, credentials: [], requirements: [], phases: [] };

function serviceId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

/**
 * The add or edit page. With an id, the stored service must exist (404 otherwise), and its
 * stored draft is shown unless a posted one is given.
 */
async function renderForm(c: Context<AppEnv>, id: string | null, posted?: { draft: ServiceDraft; errors: Record<string, string>; forms?: string[] | null }, status: 200 | 400 | 409 = 200) {
  const data = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => ({
    service: id ? await getService(ctx, id) : undefined,
    resources: await resourceChoices(ctx),
    categories: [...new Set((await listServices(ctx)).map((s) => s.category).filter(Boolean))],
    forms: await serviceFormChoices(ctx, id),
    gap: id ? await bookedVisitsGap(ctx, id, c.var.deps.now()) : null,
    zone: await spaTimeZone(ctx),
  }));
  if (id && !data.service) throw notFound();
  const service = data.service ?? undefined;
  c.status(status);
  return crmPage(
    c,
    { title: service ? service.name : 'Add a service', section: SECTION },
    <ServiceFormPage
      csrfToken={csrfToken(c)}
      service={service}
      draft={posted?.draft ?? (service ? draftOfService(service) : EMPTY)}
      errors={posted?.errors ?? {}}
      resources={data.resources}
      categories={data.categories}
      forms={data.forms.choices}
      linkedForms={posted?.forms ?? data.forms.linked}
      notice={DONE[c.req.query('done') ?? '']}
      bookedGap={data.gap}
      timeZone={data.zone}
    />,
  );
}

/** The forms ticked on the page (ids only; the service checks they are the spa's); null when the page had no form list. */
function formsOf(body: Record<string, string[]>): string[] | null {
  if (!body.forms_shown) return null;
  const ids = [...new Set(body.forms ?? [])];
  if (!ids.every(isRecordId)) throw new HttpError(400, 'Choose forms from the list.');
  return ids;
}

/** Links the ticked forms in the service's own transaction; an unknown form undoes the whole save. */
async function linkForms(ctx: Parameters<typeof setServiceForms>[0], serviceId: string, forms: string[] | null): Promise<void> {
  if (forms && !(await setServiceForms(ctx, serviceId, forms))) throw new HttpError(400, 'Choose forms from the list.');
}

export function registerServiceRoutes(router: SurfaceRouter): void {
  router.get(SECTION, SCHEDULE, async (c) => {
    const services = await withTenant(c.var.deps.db, requestScope(c), listServices);
    return crmPage(c, { title: 'Services', section: SECTION }, <ServicesPage services={services} notice={DONE[c.req.query('done') ?? '']} />);
  });

  router.get(`${SECTION}/new`, SCHEDULE, (c) => renderForm(c, null));

  router.post(SECTION, SCHEDULE, async (c) => {
    const body = await formBody(c);
    const forms = formsOf(body);
    const form = readServiceForm(body);
    if (!form.ok) return renderForm(c, null, { ...form, forms }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
      const created = await createService(ctx, form.input, form.draft);
      if (created.ok) await linkForms(ctx, created.id, forms);
      return created;
    });
    if (!result.ok) return renderForm(c, null, { draft: form.draft, errors: { [result.field ?? 'form']: result.message }, forms }, result.status);
    return c.redirect(`${SECTION}/${result.id}?done=created`, 303);
  });

  router.get(`${SECTION}/:id`, SCHEDULE, (c) => renderForm(c, serviceId(c)));

  router.post(`${SECTION}/:id`, SCHEDULE, async (c) => {
    const id = serviceId(c);
    const body = await formBody(c);
    const forms = formsOf(body);
    const form = readServiceForm(body);
    if (!form.ok) return renderForm(c, id, { ...form, forms }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
      const updated = await updateService(ctx, id, form.input, form.draft);
      if (updated?.ok) await linkForms(ctx, id, forms);
      return updated;
    });
    if (!result) throw notFound();
    if (!result.ok) return renderForm(c, id, { draft: form.draft, errors: { [result.field ?? 'form']: result.message }, forms }, result.status);
    return c.redirect(`${SECTION}/${id}?done=saved`, 303);
  });

  // Visits booked before the service's forms were linked to it: asked now, by the booking's rules.
  router.post(`${SECTION}/:id/ask-booked`, SCHEDULE, async (c) => {
    const id = serviceId(c);
    const found = await retryOnDeadlock(() =>
      withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
        if (!(await getService(ctx, id))) return false;
        await askBookedVisits(ctx, id, c.var.deps.now());
        return true;
      }),
    );
    if (!found) throw notFound();
    return c.redirect(`${SECTION}/${id}?done=asked`, 303);
  });

  for (const [verb, active] of [['deactivate', false], ['reactivate', true]] as const) {
    router.post(`${SECTION}/:id/${verb}`, SCHEDULE, async (c) => {
      const id = serviceId(c);
      const done = await withTenant(c.var.deps.db, requestScope(c), (ctx) => setServiceActive(ctx, id, active));
      if (!done) throw notFound();
      return c.redirect(`${SECTION}/${id}?done=${verb}d`, 303);
    });
  }
}
