import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import { assignFormsForBooking } from '../../forms/assignment.ts';
import { computeAvailability, localToInstant, type AvailableSlot, type ProviderSelection } from '../availability/index.ts';
import { holdsOf } from './holds.ts';
import { loadAvailabilityRequest, loadLocation, loadServices, type LoadedLocation, type LoadedService } from './request-loader.ts';

/** What the front desk asks for: who, where, when (local), which services in order, by whom. */
export interface BookingRequest {
  clientId: string;
  locationId: string;
  date: string;
  time: string;
  lines: { serviceId: string; providerId: string | 'any' }[];
  walkIn?: boolean;
  note?: string;
  seriesId?: string;
}

export type BookingRefusal = {
  ok: false;
  status: 400 | 404 | 409;
  field?: string;
  message: string;
  /** For a time that is taken: the nearest free starts the same day. */
  alternatives?: AvailableSlot[];
};

export type Booked = { ok: true; appointmentId: string; slot: AvailableSlot };

/** The database refused a hold because someone else took the time first (exclusion constraint). */
export class SlotTakenError extends Error {
  override readonly name = 'SlotTakenError';
}

export const refuse = (status: BookingRefusal['status'], message: string, field?: string): BookingRefusal => ({ ok: false, status, message, field });

export function selectionOf(lines: BookingRequest['lines']): ProviderSelection {
  return { kind: 'perService', choices: lines.map((l) => (l.providerId === 'any' ? 'any' : { providerId: l.providerId })) };
}

/** The slots of one local day for this request, from the engine. */
async function slotsOn(ctx: ServiceCtx, location: LoadedLocation, services: LoadedService[], req: BookingRequest, now: Date, opts: { ignoreOccupancy?: boolean; excludeAppointmentId?: string } = {}) {
  const request = await loadAvailabilityRequest(ctx, {
    location,
    dates: { from: req.date, to: req.date },
    services,
    providerSelection: selectionOf(req.lines),
    // The front desk may book up to a quarter of an hour back (a client who walked in a moment ago).
    now: new Date(now.getTime() - 15 * 60_000),
    clientId: req.clientId,
    ...opts,
  });
  return { request, slots: computeAvailability(request).slots };
}

/** The three free starts nearest to the one asked for. */
export function nearest(slots: readonly AvailableSlot[], wanted: Date, count = 3): AvailableSlot[] {
  return [...slots].sort((a, b) => Math.abs(a.start.getTime() - wanted.getTime()) - Math.abs(b.start.getTime() - wanted.getTime()) || a.start.getTime() - b.start.getTime()).slice(0, count);
}

/** Why a start the engine does not offer is not bookable, in words for the front desk. */
async function explain(ctx: ServiceCtx, location: LoadedLocation, services: LoadedService[], req: BookingRequest, at: Date, now: Date, excludeAppointmentId?: string): Promise<BookingRefusal> {
  const open = await slotsOn(ctx, location, services, req, now, { ignoreOccupancy: true });
  if (open.slots.some((s) => s.start.getTime() === at.getTime())) {
    const free = await slotsOn(ctx, location, services, req, now, { excludeAppointmentId });
    return { ...refuse(409, 'That time was just taken: the provider, the room or the client is already booked then. Pick one of the nearest free times.', 'time'), alternatives: nearest(free.slots, at) };
  }
  for (const [i, line] of req.lines.entries()) {
    const service = open.request.services[i]!;
    if (line.providerId !== 'any' && !service.eligibleProviderIds.includes(line.providerId)) {
      const works = open.request.providers.some((p) => p.id === line.providerId);
      return refuse(
        400,
        works
          ? `This provider cannot perform ${services[i]!.name}: it needs a valid licence (${services[i]!.requiredCredentials.join(', ')}).`
          : `This provider has no hours at ${location.name}. Set their schedule first, or choose someone else.`,
        `provider_${i}`,
      );
    }
  }
  if (at.getTime() < now.getTime() - 15 * 60_000) return refuse(400, 'That time has passed. Choose a time from now on.', 'time');
  // The nearest starts that are free, not merely within hours: each one offered must book.
  const free = await slotsOn(ctx, location, services, req, now, { excludeAppointmentId });
  return {
    ...refuse(400, `That time is outside ${location.name}’s hours or the provider’s schedule (or runs past closing). Choose one of the times offered.`, 'time'),
    alternatives: nearest(free.slots, at),
  };
}

/**
 * Books an appointment (CRM-4): checks the time with the availability engine,
 * then writes the appointment, its services and every hold. Two bookings that
 * race for the same provider or room both pass the check; the database's
 * exclusion constraint lets exactly one commit and the other gets SlotTakenError.
 */
export async function bookAppointment(ctx: ServiceCtx, req: BookingRequest, now: Date): Promise<Booked | BookingRefusal> {
  // Locked (without blocking foreign-key checks): waits behind a merge of this client and then sees it merged,
  // and serialises two bookings of one client so its own overlap check cannot be raced.
  const client = await ctx.tx.$client.query<{ status: string }>('SELECT status FROM clients WHERE id = $1 FOR NO KEY UPDATE', [req.clientId]);
  if (client.rows[0]?.status !== 'active') return refuse(404, 'That client was not found.', 'client_id');
  const location = await loadLocation(ctx, req.locationId);
  if (!location) return refuse(404, 'That location was not found.', 'location_id');
  if (req.lines.length === 0) return refuse(400, 'Choose at least one service.', 'service_0');
  const services = await loadServices(ctx, req.lines.map((l) => l.serviceId));
  if (!services) return refuse(400, 'Choose services from the list (one of them is no longer offered).', 'service_0');

  const checked = await checkSlot(ctx, location, services, req, now);
  if (!checked.ok) return checked;
  const { slot } = checked;

  const appointmentId = await writeBooking(ctx, req, services, slot);
  // The intake and the services' consents are asked in the same transaction (PUB-3).
  await assignFormsForBooking(ctx, { appointmentId, clientId: req.clientId, serviceIds: req.lines.map((l) => l.serviceId), startsAt: slot.start, localDate: req.date });
  ctx.audit({ action: 'create', recordType: 'appointment', recordId: appointmentId, clientIds: [req.clientId] });
  return { ok: true, appointmentId, slot };
}

/** Finds the requested start among the engine's free starts, or says why it is not there. */
export async function checkSlot(
  ctx: ServiceCtx,
  location: LoadedLocation,
  services: LoadedService[],
  req: BookingRequest,
  now: Date,
  excludeAppointmentId?: string,
): Promise<{ ok: true; slot: AvailableSlot } | BookingRefusal> {
  const local = localToInstant(location.timeZone, req.date, req.time);
  if (!local.ok) return refuse(400, local.reason === 'nonexistent-time' ? local.message : 'Enter a date like 2026-12-01 and a time like 14:30.', 'time');
  const { slots } = await slotsOn(ctx, location, services, req, now, { excludeAppointmentId });
  const slot = slots.find((s) => s.start.getTime() === local.instant.getTime());
  return slot ? { ok: true, slot } : explain(ctx, location, services, req, local.instant, now, excludeAppointmentId);
}

async function writeBooking(ctx: ServiceCtx, req: BookingRequest, services: LoadedService[], slot: AvailableSlot): Promise<string> {
  const q = ctx.tx.$client;
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at, walk_in, note, series_id, created_by)
     VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [req.clientId, req.locationId, slot.start, slot.end, req.walkIn ?? false, req.note ?? '', req.seriesId ?? null, ctx.actor.id],
  );
  const appointmentId = rows[0]!.id;
  await insertHolds(ctx, appointmentId, await insertLines(ctx, appointmentId, services, slot), services, slot);
  return appointmentId;
}

/** Writes the appointment's services in order; returns their ids. */
async function insertLines(ctx: ServiceCtx, appointmentId: string, services: LoadedService[], slot: AvailableSlot): Promise<string[]> {
  const lineIds: string[] = [];
  for (const [i, line] of slot.assignment.entries()) {
    const { rows } = await ctx.tx.$client.query<{ id: string }>(
      `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
       VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [appointmentId, i, line.serviceId, line.providerId, line.start, line.end, resourcesByLabel(services[i]!, line), services[i]!.priceCents],
    );
    lineIds.push(rows[0]!.id);
  }
  return lineIds;
}

/** {"Room": "<resource id>"}: the resource chosen for each of the service's requirements. */
export function resourcesByLabel(service: LoadedService, line: AvailableSlot['assignment'][number]): string {
  const labelOf = new Map([...service.requirementIds].map(([label, id]) => [id, label]));
  return JSON.stringify(Object.fromEntries(line.resources.map((r) => [labelOf.get(r.requirementId) ?? r.requirementId, r.resourceId])));
}

/** Writes every hold of the slot for the appointment's lines; a taken time surfaces as SlotTakenError. */
export async function insertHolds(ctx: ServiceCtx, appointmentId: string, lineIds: readonly string[], services: LoadedService[], slot: AvailableSlot): Promise<void> {
  const holds = holdsOf(slot.assignment, services.map((s) => s.spec.phases));
  if (!holds.length) return;
  const values: unknown[] = [];
  const tuples = holds.map((h) => {
    values.push('providerId' in h ? h.providerId : null, 'resourceId' in h ? h.resourceId : null, h.start, h.end, appointmentId, lineIds[h.serviceIndex]);
    const n = values.length;
    return `(current_tenant_id(), $${n - 5}::uuid, $${n - 4}::uuid, tstzrange($${n - 3}, $${n - 2}), $${n - 1}::uuid, $${n}::uuid)`;
  });
  await holdOrThrow(ctx, `INSERT INTO occupancy (tenant_id, provider_id, resource_id, during, appointment_id, appointment_service_id) VALUES ${tuples.join(', ')}`, values);
}

/** Runs an insert of holds; the exclusion constraint's refusal becomes SlotTakenError. */
export async function holdOrThrow(ctx: ServiceCtx, sql: string, values: unknown[]): Promise<void> {
  try {
    await ctx.tx.$client.query(sql, values);
  } catch (error) {
    // 23P01: the exclusion constraint refused an overlap. 40P01: two bookings each waited on the
    // other's holds (several holds per booking, checked as they are inserted); PostgreSQL rolled one
    // back, and for its client that is the same answer: someone else has the time.
    const code = (error as { code?: string }).code;
    if (code === '23P01' || code === '40P01') throw new SlotTakenError('time already held');
    throw error;
  }
}

/** Free starts around a wanted time, read in their own transaction (after a lost race). */
export async function alternativesFor(ctx: ServiceCtx, req: BookingRequest, now: Date): Promise<AvailableSlot[]> {
  const location = await loadLocation(ctx, req.locationId);
  const services = location ? await loadServices(ctx, req.lines.map((l) => l.serviceId)) : null;
  if (!location || !services) return [];
  const local = localToInstant(location.timeZone, req.date, req.time);
  if (!local.ok) return [];
  return nearest((await slotsOn(ctx, location, services, req, now)).slots, local.instant);
}
