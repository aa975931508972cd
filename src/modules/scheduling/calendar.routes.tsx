import type { Context } from 'hono';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { notFound } from '../../infra/http/errors.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { Alert, EmptyState } from '../../ui/components.tsx';
import { crmPage } from '../../ui/crm-page.tsx';
import { formatTime } from '../../ui/format.ts';
import { clientAccess } from '../clients/access.ts';
import { newClientSchema } from '../clients/fields.ts';
import { createClient } from '../clients/records.ts';
import { searchClients, type ClientSearchResult } from '../clients/search.ts';
import { demandPermission } from '../identity/guard.ts';
import type { AvailableSlot } from './availability/index.ts';
import { alternativesFor, bookAppointment, SlotTakenError, type BookingRequest } from './booking/book.ts';
import { arrange } from './calendar/arrange.ts';
import { bookingChoices, resolveDraft } from './calendar/book-choices.ts';
import { bookView } from './calendar/book-view.ts';
import { emptyDraft, readBookingDraft, readBookingForm, type BookingDraft } from './calendar/booking-form.ts';
import { loadCalendar } from './calendar/calendar.ts';
import { readCalendarQuery } from './calendar/view-query.ts';
import { BookFormPage, ClientResults } from './calendar/views/book-form.tsx';
import { CalendarGrid } from './calendar/views/calendar-grid.tsx';
import { CalendarPage } from './calendar/views/calendar-page.tsx';
import { formBody } from '../../infra/http/forms.ts';

const READ = 'read:appointment:any';
const WRITE = 'write:appointment:any';
const SECTION = '/calendar';

const has = (c: Context<AppEnv>, permission: string) => c.get('principal')!.permissions.has(permission);

/** The calendar of the address asked for, with its audit row (null: no location in this spa yet). 404 for a location that is not this spa's. */
async function calendarOf(c: Context<AppEnv>) {
  const query = readCalendarQuery(c.req.query(), '');
  if ('invalidLocation' in query) throw notFound();
  const now = c.var.deps.now();
  const access = clientAccess(c.get('principal')!.permissions);
  const data = await withTenant(c.var.deps.db, requestScope(c), (ctx) => loadCalendar(ctx, query, { allergies: access.allergies, forms: access.forms }, now));
  if (!data && query.location) throw notFound();
  return data ? { data, arranged: arrange(data, now) } : null;
}

/** A refusal that must undo the transaction's work (an inline client created for a booking that did not happen). */
class Undo extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly errors: Record<string, string>,
    readonly alternatives: readonly AvailableSlot[] = [],
  ) {
    super('booking refused');
  }
}

const NEW_CLIENT_FIELDS = new Set(['first_name', 'last_name', 'date_of_birth', 'mobile_phone', 'email']);
const newField = (key: string) => (NEW_CLIENT_FIELDS.has(key) ? `new_${key}` : key === 'guardian_name' ? 'new_date_of_birth' : 'form');

/** The inline new client, checked as the client record checks it (sex and language left for the record). */
function readNewClient(draft: BookingDraft) {
  const n = draft.newClient;
  const parsed = newClientSchema.safeParse({
    first_name: n.first_name, last_name: n.last_name, preferred_name: '', pronouns: '', date_of_birth: n.date_of_birth, sex: 'unknown', gender_identity: '',
    preferred_language: 'en', email: n.email, mobile_phone: n.mobile_phone, other_phone: '', address_line1: '', address_line2: '', city: '', region: '', postal_code: '',
  });
  if (parsed.success) return { ok: true as const, profile: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[newField(String(issue.path[0]))] ??= issue.message;
  return { ok: false as const, errors };
}

async function renderBook(c: Context<AppEnv>, draft: BookingDraft, errors: Record<string, string> = {}, status: 200 | 400 | 404 | 409 = 200, alternatives: readonly AvailableSlot[] = [], typed = '') {
  const now = c.var.deps.now();
  const access = clientAccess(c.get('principal')!.permissions);
  const { resolved, choices, results } = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
    const resolved = await resolveDraft(ctx, draft, now);
    const results: ClientSearchResult | null = typed ? await searchClients(ctx, typed, access, now, 8) : null;
    return { resolved, choices: await bookingChoices(ctx, resolved, now), results };
  });
  c.status(status);
  const view = bookView(choices, alternatives, { date: resolved.date, locationId: resolved.locationId || null });
  return crmPage(c, { title: draft.walkIn ? 'Walk-in' : 'Book an appointment', section: SECTION }, <BookFormPage view={view} draft={resolved} errors={errors} csrfToken={csrfToken(c)} clientResults={results} />);
}

export function registerCalendarRoutes(router: SurfaceRouter): void {
  router.get(SECTION, READ, async (c) => {
    const shown = await calendarOf(c);
    if (!shown) {
      return crmPage(c, { title: 'Calendar', section: SECTION }, <EmptyState title="No location yet">Add a location with its hours under Settings → Locations, and the calendar appears here.</EmptyState>);
    }
    // The appointment just booked, named from the day already loaded (its client is in that day's audit row).
    const booked = c.req.query('done') === 'booked' ? shown.data.appointments.find((a) => a.id === c.req.query('appointment')) : undefined;
    const done =
      c.req.query('done') === 'booked' ? (
        <Alert tone="success" title="Booked.">
          {booked ? (
            <>
              <a href={`/appointments/${booked.id}`}>{booked.clientName}</a>, {formatTime(booked.start, shown.data.location.timeZone)}
              {booked.lines[0] ? ` · ${booked.lines.map((l) => l.serviceName).join(' then ')}` : ''}
            </>
          ) : null}
        </Alert>
      ) : null;
    return crmPage(
      c,
      { title: 'Calendar', section: SECTION },
      <>
        {done}
        <CalendarPage data={shown.data} arranged={shown.arranged} canBook={has(c, WRITE)} canMove={has(c, WRITE)} csrfToken={csrfToken(c)} />
      </>,
    );
  });

  // The grid alone: polled by the page every 20 s with X-Lume-Background (not activity), and audited like the page.
  router.get(`${SECTION}/grid`, READ, async (c) => {
    const shown = await calendarOf(c);
    if (!shown) return c.html('<div id="calendar-grid"></div>');
    return c.html(<CalendarGrid data={shown.data} arranged={shown.arranged} canBook={has(c, WRITE)} canMove={has(c, WRITE)} />);
  });

  router.get(`${SECTION}/book`, WRITE, (c) => {
    const q = c.req.query();
    const uuid = /^[0-9a-f-]{36}$/i;
    const draft = emptyDraft({
      locationId: q.location && uuid.test(q.location) ? q.location : '',
      date: q.date && /^\d{4}-\d{2}-\d{2}$/.test(q.date) ? q.date : '',
      time: q.time && /^\d{2}:\d{2}$/.test(q.time) ? q.time : '',
      walkIn: q.walk_in === '1',
      lines: [{ serviceId: q.service && uuid.test(q.service) ? q.service : '', providerId: q.provider && uuid.test(q.provider) ? q.provider : 'any' }],
    });
    return renderBook(c, draft);
  });

  router.post(`${SECTION}/book`, WRITE, async (c) => {
    await demandPermission(c, 'read:client:any'); // the form names the chosen client
    const body = await formBody(c);
    const intent = body.intent?.[0] ?? 'book';
    const typed = (body.client_q?.[0] ?? '').slice(0, 200);
    if (intent !== 'book') return renderBook(c, readBookingDraft(body), {}, 200, [], typed);
    const form = readBookingForm(body);
    if (!form.ok) return renderBook(c, form.draft, form.errors, 400, [], typed);
    if (!form.request.clientId) await demandPermission(c, 'write:client:any'); // a new client typed into the form
    const now = c.var.deps.now();
    let request: BookingRequest | null = null;
    try {
      const booked = await withTenant(c.var.deps.db, requestScope(c), async (ctx) => {
        let clientId = form.request.clientId;
        if (!clientId) {
          const profile = readNewClient(form.draft);
          if (!profile.ok) throw new Undo(400, profile.errors);
          const created = await createClient(ctx, { profile: profile.profile, consent: { sms_consent: false, email_consent: false }, guardian: null, allergies: [] }, now);
          if (!created.ok) throw new Undo(created.status, Object.fromEntries(Object.entries(created.errors).map(([k, v]) => [newField(k), v])));
          clientId = created.id;
        }
        request = { ...form.request, clientId };
        const result = await bookAppointment(ctx, request, now);
        if (!result.ok) throw new Undo(result.status, { [result.field ?? 'form']: result.message }, result.alternatives ?? []);
        return result;
      });
      const params = new URLSearchParams({ view: 'day', date: booked.slot.local.date, by: 'provider', location: form.draft.locationId, done: 'booked', appointment: booked.appointmentId });
      return c.redirect(`${SECTION}?${params}`, 303);
    } catch (error) {
      if (error instanceof Undo) return renderBook(c, form.draft, error.errors, error.status, error.alternatives);
      if (error instanceof SlotTakenError && request) {
        const taken: BookingRequest = request;
        const alternatives = await withTenant(c.var.deps.db, requestScope(c), (ctx) => alternativesFor(ctx, taken, now));
        return renderBook(c, form.draft, { time: 'Someone else just booked that time. Pick one of the nearest free times.' }, 409, alternatives);
      }
      throw error;
    }
  });

  // As you type in the booking form: names travel in the POST body only, never in a URL (SEC-6).
  router.post(`${SECTION}/book/search`, WRITE, async (c) => {
    await demandPermission(c, 'read:client:any');
    const body = await formBody(c);
    const typed = (body.client_q?.[0] ?? '').slice(0, 200);
    const now = c.var.deps.now();
    const access = clientAccess(c.get('principal')!.permissions);
    const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => searchClients(ctx, typed, access, now, 8));
    return c.html(<ClientResults result={result} chosen={body.client_id?.[0] ?? ''} />);
  });
}
