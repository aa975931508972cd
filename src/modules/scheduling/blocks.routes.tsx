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
import { SlotTakenError } from './booking/book.ts';
import { addBlock } from './booking/lifecycle.ts';
import { blockChoices } from './blocks.ts';
import { BlockFormPage } from './views/block-form.tsx';

const time = (what: string) => z.string().trim().regex(/^\d{2}:\d{2}(:00)?$/, `Enter the ${what} time like 13:00.`).transform((t) => t.slice(0, 5));

const blockSchema = z.object({
  location_id: z.string().refine(isRecordId, 'Choose a location.'),
  subject: z.string().regex(/^(provider|resource):[0-9a-f-]{36}$/, 'Choose a provider, a room or a device.'),
  date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-12-01.'),
  from: time('start'),
  to: time('end'),
  reason: z.string().trim().max(120, 'Keep the reason under 120 characters.').refine((v) => !/[<>]/.test(v), 'The reason cannot contain < or >.').optional().default(''),
});

async function renderForm(c: Context<AppEnv>, locationId: string | undefined, values: Record<string, string>, errors: Record<string, string> = {}, status: 200 | 400 | 404 | 409 = 200) {
  const choices = await withTenant(c.var.deps.db, requestScope(c), (ctx) => blockChoices(ctx, locationId));
  if (!choices) throw notFound();
  c.status(status);
  return crmPage(c, { title: 'Block time', section: '/calendar' }, <BlockFormPage choices={choices} csrfToken={csrfToken(c)} values={values} errors={errors} />);
}

/** Blocked time for a provider or a room (issue 5): held like a booking, so nobody is booked into it. */
export function registerBlockRoutes(router: SurfaceRouter): void {
  router.get('/calendar/block', 'write:appointment:any', (c) => {
    const location = c.req.query('location');
    if (location !== undefined && !isRecordId(location)) throw notFound();
    return renderForm(c, location, { date: c.req.query('date') ?? '', from: '12:00', to: '13:00' });
  });

  router.post('/calendar/block', 'write:appointment:any', async (c) => {
    const form = await parseForm(c, blockSchema);
    const locationId = isRecordId(form.values.location_id) ? form.values.location_id : undefined;
    if (!form.ok) return renderForm(c, locationId, form.values, form.errors, 400);
    const [kind, subjectId] = form.data.subject.split(':') as ['provider' | 'resource', string];
    const input = { locationId: form.data.location_id, date: form.data.date, from: form.data.from, to: form.data.to, reason: form.data.reason, ...(kind === 'provider' ? { providerId: subjectId } : { resourceId: subjectId }) };
    try {
      const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => addBlock(ctx, input));
      if (!result.ok) return renderForm(c, locationId, form.values, { [result.field ?? 'form']: result.message }, result.status);
    } catch (error) {
      if (!(error instanceof SlotTakenError)) throw error;
      return renderForm(c, locationId, form.values, { form: 'That time is already booked or blocked for them. Move the appointments first, or block another time.' }, 409);
    }
    return c.redirect(`/calendar?location=${form.data.location_id}&date=${form.data.date}&view=day`, 303);
  });
}
