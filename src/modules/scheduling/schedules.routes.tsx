import type { Context } from 'hono';
import { z } from 'zod';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { isRecordId } from '../identity/form-list.ts';
import { futureAppointmentsOf } from './future-appointments.ts';
import { dayChangeSchema, readDayChangeHours, readWeek, timeOffRange, timeOffSchema } from './schedule-form.ts';
import { addTimeOff, getSchedulePage, listSchedules, removeDayChange, removeTimeOff, saveWeek, setDayChange, zoneOfLocation } from './schedules.ts';
import { SchedulePageView, type SchedulePageView as PageProps } from './views/schedule-page.tsx';
import { SchedulesPage } from './views/schedules.tsx';

const SCHEDULE = 'manage:schedule:any';
const SECTION = '/settings/schedules';

const DONE: Record<string, string> = {
  week: 'Week saved.',
  day: 'Day saved.',
  'day-removed': 'Removed. Their usual hours apply that day.',
  'time-off': 'Time off added.',
  'time-off-removed': 'Time off removed.',
};

function recordId(c: Context<AppEnv>, param: string): string {
  const id = c.req.param(param);
  if (!isRecordId(id)) throw notFound();
  return id;
}

async function renderPage(c: Context<AppEnv>, id: string, extra: Partial<PageProps> = {}, status: 200 | 400 | 409 = 200) {
  const now = c.var.deps.now();
  // Client names only for those who may see clients; reading them is audited.
  const withClients = c.get('principal')!.permissions.has('read:client:any');
  const data = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
    const page = await getSchedulePage(ctx, id, now);
    return page ? { page, appointments: await futureAppointmentsOf(ctx, id, now, { withClients }) } : null;
  });
  if (!data) throw notFound();
  c.status(status);
  return crmPage(
    c,
    { title: `${data.page.person.fullName} — schedule`, section: SECTION },
    <SchedulePageView page={data.page} appointments={data.appointments} csrfToken={csrfToken(c)} notice={DONE[c.req.query('done') ?? '']} {...extra} />,
  );
}

const back = (id: string, done: string, anchor = '') => `${SECTION}/${id}?done=${done}${anchor}`;

export function registerScheduleRoutes(router: SurfaceRouter): void {
  router.get(SECTION, SCHEDULE, async (c) => {
    const { entries, locations } = await withTenant(c.var.deps.db, requestScope(c), (ctx) => listSchedules(ctx, c.var.deps.now()));
    return crmPage(c, { title: 'Schedules', section: SECTION }, <SchedulesPage entries={entries} hasLocations={locations.length > 0} />);
  });

  router.get(`${SECTION}/:id`, SCHEDULE, (c) => renderPage(c, recordId(c, 'id')));

  router.post(`${SECTION}/:id/hours/:locationId`, SCHEDULE, async (c) => {
    const id = recordId(c, 'id');
    const locationId = recordId(c, 'locationId');
    const form = await parseForm(c, z.object({}));
    const week = readWeek(form.values);
    if (Object.keys(week.errors).length) return renderPage(c, id, { weekForm: { values: form.values, errors: week.errors, locationId } }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => saveWeek(ctx, id, locationId, week.days));
    if (!result) throw notFound();
    if (!result.ok) return renderPage(c, id, { weekForm: { values: form.values, errors: { [result.field ?? 'form']: result.message }, locationId } }, result.status);
    return c.redirect(back(id, 'week'), 303);
  });

  router.post(`${SECTION}/:id/day-changes`, SCHEDULE, async (c) => {
    const id = recordId(c, 'id');
    const form = await parseForm(c, dayChangeSchema);
    const hours = readDayChangeHours(form.values);
    const errors = { ...(form.ok ? {} : form.errors), ...hours.errors };
    if (!form.ok || Object.keys(errors).length) return renderPage(c, id, { dayForm: { values: form.values, errors } }, 400);
    if (!isRecordId(form.data.location_id)) return renderPage(c, id, { dayForm: { values: form.values, errors: { location_id: 'Choose a location from the list.' } } }, 400);
    const input = { locationId: form.data.location_id, onDate: form.data.on_date, hours: hours.hours, note: form.data.note };
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => setDayChange(ctx, id, input));
    if (!result) throw notFound();
    if (!result.ok) return renderPage(c, id, { dayForm: { values: form.values, errors: { [result.field ?? 'form']: result.message } } }, result.status);
    return c.redirect(back(id, 'day', '#days'), 303);
  });

  router.post(`${SECTION}/:id/day-changes/:changeId/delete`, SCHEDULE, async (c) => {
    const id = recordId(c, 'id');
    const changeId = recordId(c, 'changeId');
    if (!(await withTenant(c.var.deps.db, requestScope(c), (ctx) => removeDayChange(ctx, id, changeId)))) throw notFound();
    return c.redirect(back(id, 'day-removed', '#days'), 303);
  });

  router.post(`${SECTION}/:id/time-off`, SCHEDULE, async (c) => {
    const id = recordId(c, 'id');
    const form = await parseForm(c, timeOffSchema);
    if (!form.ok) return renderPage(c, id, { timeOffForm: form }, 400);
    const zone = isRecordId(form.data.location_id) ? await withTenant(c.var.deps.db, requestScope(c), (ctx) => zoneOfLocation(ctx, form.data.location_id)) : null;
    if (!zone) return renderPage(c, id, { timeOffForm: { values: form.values, errors: { location_id: 'Choose a location from the list.' } } }, 400);
    const range = timeOffRange(zone, form.data);
    if (!range.ok) return renderPage(c, id, { timeOffForm: { values: form.values, errors: range.errors } }, 400);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => addTimeOff(ctx, id, { from: range.from, to: range.to, reason: form.data.reason }));
    if (!result) throw notFound();
    if (!result.ok) return renderPage(c, id, { timeOffForm: { values: form.values, errors: { [result.field ?? 'form']: result.message } } }, result.status);
    return c.redirect(back(id, 'time-off', '#time-off'), 303);
  });

  router.post(`${SECTION}/:id/time-off/:timeOffId/delete`, SCHEDULE, async (c) => {
    const id = recordId(c, 'id');
    const timeOffId = recordId(c, 'timeOffId');
    if (!(await withTenant(c.var.deps.db, requestScope(c), (ctx) => removeTimeOff(ctx, id, timeOffId)))) throw notFound();
    return c.redirect(back(id, 'time-off-removed', '#time-off'), 303);
  });
}
