import type { Context } from 'hono';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { isRecordId } from '../identity/form-list.ts';
import { businessHoursValues, readBusinessHours } from './hours.ts';
import { closureSchema, locationSchema, renameSchema, resourceSchema } from './location-forms.ts';
import { addClosure, addResource, createLocation, getLocationPage, listLocationSummaries, removeClosure, renameResource, setResourceActive, updateLocation, type LocationDetails } from './locations.ts';
import { LocationPageView, NewLocationPage, type LocationPageView as PageProps } from './views/location-page.tsx';
import type { FormState } from './views/location-fields.tsx';
import { LocationsPage } from './views/locations.tsx';

const SCHEDULE = 'manage:schedule:any';
const SECTION = '/settings/locations';

const DONE: Record<string, string> = {
  created: 'Location added. Add its rooms, devices and closures below.',
  saved: 'Details and opening hours saved.',
  'closure-added': 'Closure added.',
  'closure-removed': 'Closure removed.',
  'resource-added': 'Added.',
  'resource-renamed': 'Renamed.',
  'resource-deactivated': 'Deactivated. It is no longer offered for new appointments.',
  'resource-reactivated': 'Reactivated.',
};

/** The location's stored details as the form's fields. */
function detailsValues(loc: LocationDetails): Record<string, string> {
  return {
    name: loc.name,
    timezone: loc.timezone,
    address_line1: loc.addressLine1,
    address_line2: loc.addressLine2,
    city: loc.city,
    region: loc.region,
    postal_code: loc.postalCode,
    phone: loc.phone,
    ...businessHoursValues(loc.businessHours),
  };
}

const NEW_LOCATION: Record<string, string> = {
  ...businessHoursValues({ mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']], sat: [['10:00', '16:00']] }),
  timezone: 'America/Los_Angeles',
};

function locationId(c: Context<AppEnv>, param = 'id'): string {
  const id = c.req.param(param);
  if (!isRecordId(id)) throw notFound();
  return id;
}

async function renderPage(c: Context<AppEnv>, id: string, extra: Partial<PageProps> = {}, status: 200 | 400 | 409 = 200) {
  const page = await withTenant(c.var.deps.db, requestScope(c), (ctx) => getLocationPage(ctx, id, c.var.deps.now()));
  if (!page) throw notFound();
  c.status(status);
  const view: PageProps = {
    page,
    csrfToken: csrfToken(c),
    notice: DONE[c.req.query('done') ?? ''],
    details: { values: detailsValues(page.location), errors: {} },
    ...extra,
  };
  return crmPage(c, { title: page.location.name, section: SECTION }, <LocationPageView {...view} />);
}

function renderNew(c: Context<AppEnv>, form: FormState = { values: NEW_LOCATION, errors: {} }, status: 200 | 400 | 409 = 200) {
  c.status(status);
  return crmPage(c, { title: 'Add a location', section: SECTION }, <NewLocationPage csrfToken={csrfToken(c)} form={form} />);
}

/** The location form checked in full: details by zod, hours by the hours reader. */
async function readLocationForm(c: Context<AppEnv>) {
  const form = await parseForm(c, locationSchema);
  const { hours, errors: hourErrors } = readBusinessHours(form.values);
  const errors = { ...(form.ok ? {} : form.errors), ...hourErrors };
  return form.ok && !Object.keys(hourErrors).length ? { ok: true as const, data: form.data, hours, values: form.values } : { ok: false as const, errors, values: form.values };
}

export function registerLocationRoutes(router: SurfaceRouter): void {
  router.get(SECTION, SCHEDULE, async (c) => {
    const locations = await withTenant(c.var.deps.db, requestScope(c), (ctx) => listLocationSummaries(ctx, c.var.deps.now()));
    return crmPage(c, { title: 'Locations', section: SECTION }, <LocationsPage locations={locations} />);
  });

  router.get(`${SECTION}/new`, SCHEDULE, (c) => renderNew(c));

  router.post(SECTION, SCHEDULE, async (c) => {
    const form = await readLocationForm(c);
    if (!form.ok) return renderNew(c, form, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => createLocation(ctx, form.data, form.hours));
    if (!result.ok) return renderNew(c, { values: form.values, errors: { [result.field ?? 'form']: result.message } }, result.status);
    return c.redirect(`${SECTION}/${result.id}?done=created`, 303);
  });

  router.get(`${SECTION}/:id`, SCHEDULE, (c) => renderPage(c, locationId(c)));

  router.post(`${SECTION}/:id`, SCHEDULE, async (c) => {
    const id = locationId(c);
    const form = await readLocationForm(c);
    if (!form.ok) return renderPage(c, id, { details: form }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => updateLocation(ctx, id, form.data, form.hours));
    if (!result) throw notFound();
    if (!result.ok) return renderPage(c, id, { details: { values: form.values, errors: { [result.field ?? 'form']: result.message } } }, result.status);
    return c.redirect(`${SECTION}/${id}?done=saved`, 303);
  });

  router.post(`${SECTION}/:id/closures`, SCHEDULE, async (c) => {
    const id = locationId(c);
    const form = await parseForm(c, closureSchema);
    if (!form.ok) return renderPage(c, id, { closureForm: form }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => addClosure(ctx, id, form.data));
    if (!result) throw notFound();
    if (!result.ok) return renderPage(c, id, { closureForm: { values: form.values, errors: { [result.field ?? 'form']: result.message } } }, result.status);
    return c.redirect(`${SECTION}/${id}?done=closure-added#closures`, 303);
  });

  router.post(`${SECTION}/:id/closures/:closureId/delete`, SCHEDULE, async (c) => {
    const id = locationId(c);
    const closureId = locationId(c, 'closureId');
    const removed = await withTenant(c.var.deps.db, requestScope(c), (ctx) => removeClosure(ctx, id, closureId));
    if (!removed) throw notFound();
    return c.redirect(`${SECTION}/${id}?done=closure-removed#closures`, 303);
  });

  router.post(`${SECTION}/:id/resources`, SCHEDULE, async (c) => {
    const id = locationId(c);
    const form = await parseForm(c, resourceSchema);
    if (!form.ok) return renderPage(c, id, { resourceForm: form }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => addResource(ctx, id, form.data));
    if (!result) throw notFound();
    if (!result.ok) return renderPage(c, id, { resourceForm: { values: form.values, errors: { [result.field ?? 'form']: result.message } } }, result.status);
    return c.redirect(`${SECTION}/${id}?done=resource-added#resources`, 303);
  });

  router.post(`${SECTION}/:id/resources/:resourceId`, SCHEDULE, async (c) => {
    const id = locationId(c);
    const resourceId = locationId(c, 'resourceId');
    const form = await parseForm(c, renameSchema);
    if (!form.ok) return renderPage(c, id, { renameForm: { ...form, resourceId } }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => renameResource(ctx, id, resourceId, form.data.name));
    if (!result) throw notFound();
    if (!result.ok) return renderPage(c, id, { renameForm: { values: form.values, errors: { name: result.message }, resourceId } }, result.status);
    return c.redirect(`${SECTION}/${id}?done=resource-renamed#resources`, 303);
  });

  for (const [verb, active] of [['deactivate', false], ['reactivate', true]] as const) {
    router.post(`${SECTION}/:id/resources/:resourceId/${verb}`, SCHEDULE, async (c) => {
      const id = locationId(c);
      const resourceId = locationId(c, 'resourceId');
      const done = await withTenant(c.var.deps.db, requestScope(c), (ctx) => setResourceActive(ctx, id, resourceId, active));
      if (!done) throw notFound();
      return c.redirect(`${SECTION}/${id}?done=resource-${verb}d#resources`, 303);
    });
  }
}
