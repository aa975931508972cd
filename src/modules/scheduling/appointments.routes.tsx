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
import { clientAccess } from '../clients/access.ts';
import { visitForms } from '../forms/visit-forms.ts';
import { formList, isRecordId } from '../identity/form-list.ts';
import { clockIn, dayIn } from '../identity/spa-time.ts';
import { readAppointment } from './appointments.ts';
import { alternativesFor, SlotTakenError } from './booking/book.ts';
import { changeStatus, moveAppointment, resizeAppointment } from './booking/lifecycle.ts';
import { bookSeries, seriesDates } from './booking/series.ts';
import { isAppointmentAction } from './booking/status.ts';
import { AppointmentPage, type AppointmentPageView } from './views/appointment-page.tsx';
import { MovePage, type MovePageView } from './views/move-page.tsx';

const SECTION = '/calendar';
const DONE: Record<string, string> = {
  moved: 'Moved. Everyone else’s bookings were checked.',
  resized: 'The new length is saved; the provider’s and rooms’ time was checked.',
  check_in: 'Checked in.',
  start: 'Started.',
  complete: 'Completed.',
  no_show: 'Marked as a no-show. The time is free again.',
  cancel: 'Cancelled. The time is free again; the appointment stays on record.',
};

const repeatSchema = z.object({
  every_weeks: z.coerce.number({ error: 'Enter how many weeks apart, from 1 to 52.' }).int('Use whole weeks.').min(1, 'At least every week.').max(52, 'At most every 52 weeks.'),
  times: z.coerce.number({ error: 'Enter how many appointments in all, from 2 to 26.' }).int('Use a whole number.').min(2, 'A series has at least 2 appointments.').max(26, 'At most 26 in one go.'),
});

const statusSchema = z.object({
  action: z.string().refine(isAppointmentAction, 'Choose what happened.'),
  reason: z.string().trim().max(300, 'Keep the reason under 300 characters.').optional(),
  override_reason: z.string().trim().max(300, 'Keep the reason under 300 characters.').optional(),
});

const resizeSchema = z.object({
  ends: z.string().trim().regex(/^\d{2}:\d{2}(:00)?$/, 'Enter the end time like 15:30.').transform((t) => t.slice(0, 5)),
});

const moveSchema = z.object({
  date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-12-01.'),
  time: z.string().trim().regex(/^\d{2}:\d{2}(:00)?$/, 'Enter a time like 14:30.').transform((t) => t.slice(0, 5)),
});

function appointmentId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

const canWrite = (c: Context<AppEnv>) => c.get('principal')!.permissions.has('write:appointment:any');

function charting(c: Context<AppEnv>) {
  const p = c.get('principal')!;
  return { operatorId: p.operatorId, read: p.permissions.has('read:chart:own'), write: p.permissions.has('write:chart:own') };
}

async function renderAppointment(c: Context<AppEnv>, id: string, extra: Partial<AppointmentPageView> = {}, status: 200 | 400 | 409 = 200) {
  const access = clientAccess(c.get('principal')!.permissions);
  const loaded = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
    const appointment = await readAppointment(ctx, id, access, c.var.deps.now());
    if (!appointment) return null;
    return { appointment, forms: access.forms ? await visitForms(ctx, appointment.client.id, id) : null };
  });
  if (!loaded) throw notFound();
  c.status(status);
  return crmPage(
    c,
    { title: 'Appointment', section: SECTION },
    <AppointmentPage {...loaded} now={c.var.deps.now()} canOpenForms={access.health} csrfToken={csrfToken(c)} canWrite={canWrite(c)} charting={charting(c)} notice={DONE[c.req.query('done') ?? '']} {...extra} />,
  );
}

async function renderMove(c: Context<AppEnv>, id: string, extra: Partial<MovePageView> = {}, status: 200 | 400 | 404 | 409 = 200) {
  const now = c.var.deps.now();
  const loaded = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
    const appointment = await readAppointment(ctx, id, clientAccess(c.get('principal')!.permissions), now);
    const { rows } = await ctx.tx.$client.query<{ id: string; name: string }>(
      `SELECT DISTINCT o.id, o.full_name AS name FROM staff_hours h JOIN operators o ON o.tenant_id = h.tenant_id AND o.id = h.operator_id
        WHERE o.status = 'active' ORDER BY 2`,
    );
    return appointment ? { appointment, providers: rows } : null;
  });
  if (!loaded) throw notFound();
  const zone = loaded.appointment.location.timeZone;
  const values = extra.values ?? {
    date: dayIn(zone, loaded.appointment.startsAt),
    time: clockIn(zone, loaded.appointment.startsAt),
    providers: loaded.appointment.lines.map((l) => l.providerId),
  };
  c.status(status);
  return crmPage(c, { title: 'Move appointment', section: SECTION }, <MovePage {...loaded} csrfToken={csrfToken(c)} {...extra} values={values} />);
}

export function registerAppointmentRoutes(router: SurfaceRouter): void {
  router.get('/appointments/:id', 'read:appointment:any', (c) => renderAppointment(c, appointmentId(c)));

  router.post('/appointments/:id/status', 'write:appointment:any', async (c) => {
    const id = appointmentId(c);
    const form = await parseForm(c, statusSchema);
    if (!form.ok) {
      const action = form.values.action ?? '';
      return renderAppointment(c, id, isAppointmentAction(action) ? { refusal: { action, message: Object.values(form.errors)[0]! } } : {}, 400);
    }
    const { action } = form.data;
    const input = { reason: form.data.reason, overrideReason: form.data.override_reason, canOverride: c.get('principal')!.permissions.has('manage:schedule:any') };
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => changeStatus(ctx, id, action, input, c.var.deps.now()));
    if (!result) throw notFound();
    if (!result.ok) return renderAppointment(c, id, { refusal: { action, message: result.message, needsOverride: result.needsOverride } }, result.status);
    return c.redirect(`/appointments/${id}?done=${action}`, 303);
  });

  router.post('/appointments/:id/repeat', 'write:appointment:any', async (c) => {
    const id = appointmentId(c);
    const body = await c.req.parseBody();
    const parsed = repeatSchema.safeParse({ every_weeks: body.every_weeks, times: body.times });
    if (!parsed.success) return renderAppointment(c, id, { repeatError: parsed.error.issues[0]!.message }, 400);
    const now = c.var.deps.now();
    const result = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
      const appt = await readAppointment(ctx, id, clientAccess(new Set()), now);
      if (!appt) return null;
      const zone = appt.location.timeZone;
      const date = dayIn(zone, appt.startsAt);
      const time = clockIn(zone, appt.startsAt);
      const lines = appt.lines.map((l) => ({ serviceId: l.serviceId, providerId: l.providerId }));
      const dates = seriesDates(date, parsed.data.every_weeks, parsed.data.times).slice(1);
      const series = await bookSeries(ctx, { clientId: appt.client.id, locationId: appt.location.id, date, time, lines }, dates, now);
      await ctx.tx.$client.query('UPDATE appointments SET series_id = $2 WHERE id = $1 AND series_id IS NULL', [id, series.seriesId]);
      return series.occurrences;
    });
    if (!result) throw notFound();
    return renderAppointment(c, id, { series: result });
  });

  router.post('/appointments/:id/resize', 'write:appointment:any', async (c) => {
    const id = appointmentId(c);
    const form = await parseForm(c, resizeSchema);
    if (!form.ok) return renderAppointment(c, id, { resizeError: form.errors.ends }, 400);
    const now = c.var.deps.now();
    try {
      const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => resizeAppointment(ctx, id, form.data.ends, now));
      if (!result) throw notFound();
      if (!result.ok) return renderAppointment(c, id, { resizeError: result.message }, result.status === 404 ? 400 : result.status);
    } catch (error) {
      if (!(error instanceof SlotTakenError)) throw error;
      return renderAppointment(c, id, { resizeError: 'Someone booked that time a moment ago.' }, 409);
    }
    return c.redirect(`/appointments/${id}?done=resized`, 303);
  });

  router.get('/appointments/:id/move', 'write:appointment:any', (c) => renderMove(c, appointmentId(c)));

  router.post('/appointments/:id/move', 'write:appointment:any', async (c) => {
    const id = appointmentId(c);
    const body = await c.req.parseBody();
    const raw = { date: String(body.date ?? ''), time: String(body.pick_time ?? body.time ?? '') };
    const providers = (await formList(c, 'provider_id')).filter((p) => p === 'any' || isRecordId(p));
    const values = { ...raw, providers };
    const parsed = moveSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return renderMove(c, id, { values, error: { field: String(issue.path[0]), message: issue.message } }, 400);
    }
    const input = { ...parsed.data, providerIds: providers.length ? providers : undefined };
    const now = c.var.deps.now();
    try {
      const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => moveAppointment(ctx, id, input, now));
      if (!result) throw notFound();
      if (!result.ok) return renderMove(c, id, { values, error: { field: result.field, message: result.message }, alternatives: result.alternatives }, result.status);
      return c.redirect(`/appointments/${id}?done=moved`, 303);
    } catch (error) {
      if (!(error instanceof SlotTakenError)) throw error;
      const alternatives = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
        const appt = await readAppointment(ctx, id, clientAccess(new Set()), now);
        return appt ? alternativesFor(ctx, { clientId: appt.client.id, locationId: appt.location.id, date: input.date, time: input.time, lines: appt.lines.map((l) => ({ serviceId: l.serviceId, providerId: l.providerId })) }, now) : [];
      });
      return renderMove(c, id, { values, error: { field: 'time', message: 'Someone booked that time a moment ago. Pick one of the nearest free times.' }, alternatives }, 409);
    }
  });
}
