import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import { displayName } from '../../clients/profile.ts';
import { computeAvailability } from '../availability/index.ts';
import { selectionOf } from '../booking/book.ts';
import { loadAvailabilityRequest, loadServices } from '../booking/request-loader.ts';
import { dayIn } from '../../identity/spa-time.ts';
import type { BookingDraft } from './booking-form.ts';

/**
 * What the booking form offers for a draft (CRM-4): the spa's locations and services, the
 * providers who may perform each chosen service there (a valid licence of a required kind),
 * and the free starts of the chosen day for the services in sequence. The chosen client's
 * name is shown back, so reading it is audited.
 */
export interface BookingChoices {
  locations: { id: string; name: string; timeZone: string }[];
  location: { id: string; name: string; timeZone: string } | null;
  services: { id: string; name: string }[];
  /** Providers with hours at the location. */
  providers: { id: string; name: string }[];
  /** Per draft line: provider ids who may perform that service (all providers while no service is chosen). */
  eligible: string[][];
  /** Free local starts 'HH:MM' on the draft's date, when services are chosen. */
  freeTimes: string[] | null;
  client: { id: string; name: string } | null;
}

export async function bookingChoices(ctx: ServiceCtx, draft: BookingDraft, now: Date): Promise<BookingChoices> {
  const q = ctx.tx.$client;
  const locations = (await q.query<{ id: string; name: string; timeZone: string }>('SELECT id, name, timezone AS "timeZone" FROM locations WHERE active ORDER BY name, id')).rows;
  const location = locations.find((l) => l.id === draft.locationId) ?? null;
  const services = (
    await q.query<{ id: string; name: string }>(
      `SELECT s.id, s.name FROM services s WHERE s.active AND EXISTS (SELECT 1 FROM service_phases p WHERE p.tenant_id = s.tenant_id AND p.service_id = s.id) ORDER BY s.name, s.id`,
    )
  ).rows;
  const providers = location
    ? (
        await q.query<{ id: string; name: string }>(
          `SELECT op.id, op.full_name AS name FROM operators op
            WHERE op.status = 'active' AND EXISTS (SELECT 1 FROM staff_hours h WHERE h.tenant_id = op.tenant_id AND h.operator_id = op.id AND h.location_id = $1)
            ORDER BY op.full_name, op.id`,
          [location.id],
        )
      ).rows
    : [];

  let client: BookingChoices['client'] = null;
  if (draft.clientMode === 'existing' && /^[0-9a-f-]{36}$/i.test(draft.clientId)) {
    const row = (await q.query<{ id: string; first_name: string; last_name: string; preferred_name: string }>(`SELECT id, first_name, last_name, preferred_name FROM clients WHERE id = $1 AND status = 'active'`, [draft.clientId])).rows[0];
    if (row) {
      client = { id: row.id, name: displayName(row) };
      ctx.audit({ action: 'read', recordType: 'client', recordId: row.id, clientIds: [row.id] });
    }
  }

  const known = new Set(services.map((s) => s.id));
  const chosen = draft.lines.filter((l) => known.has(l.serviceId));
  let eligible = draft.lines.map(() => providers.map((p) => p.id));
  let freeTimes: string[] | null = null;
  const loaded = location && chosen.length === draft.lines.length ? await loadServices(ctx, chosen.map((l) => l.serviceId)) : null;
  if (location && loaded && /^\d{4}-\d{2}-\d{2}$/.test(draft.date)) {
    const probe = await loadAvailabilityRequest(ctx, {
      location,
      dates: { from: draft.date, to: draft.date },
      services: loaded,
      providerSelection: { kind: 'any', sameForAll: false },
      now: new Date(now.getTime() - 15 * 60_000),
      ignoreOccupancy: true,
    });
    eligible = probe.services.map((s) => [...s.eligibleProviderIds]);
    // Free starts for the providers chosen where they may perform the service, else anyone.
    const lines = draft.lines.map((l, i) => ({ serviceId: l.serviceId, providerId: l.providerId !== 'any' && eligible[i]!.includes(l.providerId) ? l.providerId : 'any' }));
    const request = await loadAvailabilityRequest(ctx, {
      location,
      dates: { from: draft.date, to: draft.date },
      services: loaded,
      providerSelection: selectionOf(lines),
      now: new Date(now.getTime() - 15 * 60_000),
      ...(draft.clientMode === 'existing' && client ? { clientId: client.id } : {}),
    });
    try {
      freeTimes = computeAvailability(request).slots.map((s) => s.local.time);
    } catch {
      freeTimes = [];
    }
  }
  return { locations, location, services, providers, eligible, freeTimes, client };
}

/**
 * Fills what the form was opened without: the first location, today in its zone, and for a
 * walk-in the time now rounded up to the next five minutes.
 */
export async function resolveDraft(ctx: ServiceCtx, draft: BookingDraft, now: Date): Promise<BookingDraft> {
  const { rows } = await ctx.tx.$client.query<{ id: string; timezone: string }>('SELECT id, timezone FROM locations WHERE active ORDER BY name, id');
  const location = rows.find((l) => l.id === draft.locationId) ?? rows[0];
  if (!location) return draft;
  const out = { ...draft, locationId: location.id };
  if (draft.walkIn) {
    const local = localDateTime(location.timezone, new Date(Math.ceil(now.getTime() / 300_000) * 300_000));
    return { ...out, date: local.date, time: local.time };
  }
  return { ...out, date: draft.date || dayIn(location.timezone, now) };
}

function localDateTime(zone: string, at: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}
