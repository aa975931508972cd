import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import { formsAtCheckIn, requiredFormsMessage } from '../../forms/check-in-forms.ts';
import { visitForms } from '../../forms/visit-forms.ts';
import { GUARDIAN_COUNT_SQL, minorStanding, spaCalendar, type GuardianCount } from '../../clients/records.ts';
import { clockIn, dayIn } from '../../identity/spa-time.ts';
import { localToInstant } from '../availability/index.ts';
import { checkSlot, holdOrThrow, insertHolds, refuse, resourcesByLabel, type Booked, type BookingRefusal } from './book.ts';
import { nextStatus, tooEarly, type AppointmentAction, type AppointmentStatus } from './status.ts';
import { loadLocation, loadServices, type LoadedService } from './request-loader.ts';

/**
 * What happens to an appointment after it is booked (CRM-4): moved, checked in,
 * started, completed, marked a no-show or cancelled. Every change is audited;
 * a cancellation or no-show releases the holds but keeps the record.
 */

type Locked = {
  id: string;
  client_id: string;
  location_id: string;
  status: AppointmentStatus;
  starts_at: Date;
  ends_at: Date;
  lines: { id: string; service_id: string; provider_id: string; extra_minutes: number }[];
  /** A chart was started for one of its services: the visit's time, place and providers are then part of a clinical record. */
  charted: boolean;
};

const CHARTED = 'This visit has been charted, so its time, place and provider can no longer change. Book a new appointment instead.';

async function lockAppointment(ctx: ServiceCtx, id: string): Promise<Locked | null> {
  const { rows } = await ctx.tx.$client.query<Locked>(
    `SELECT a.id, a.client_id, a.location_id, a.status, a.starts_at, a.ends_at,
            (SELECT json_agg(json_build_object('id', s.id, 'service_id', s.service_id, 'provider_id', s.provider_id, 'extra_minutes', s.extra_minutes) ORDER BY s.position)
               FROM appointment_services s WHERE s.tenant_id = a.tenant_id AND s.appointment_id = a.id) AS lines,
            EXISTS (SELECT 1 FROM charts ch WHERE ch.tenant_id = a.tenant_id AND ch.appointment_id = a.id) AS charted
       FROM appointments a WHERE a.id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export interface MoveInput {
  date: string;
  time: string;
  /** Per service, in order; missing means "keep the current provider". */
  providerIds?: (string | 'any')[];
  locationId?: string;
  /** Minutes added to (or taken from) the last service's last phase; missing keeps what it has. */
  lastExtraMinutes?: number;
}

/** Moves an appointment to another time (and provider or location), checked like a new booking against everyone else's holds. */
export async function moveAppointment(ctx: ServiceCtx, id: string, input: MoveInput, now: Date): Promise<Booked | BookingRefusal | null> {
  const appt = await lockAppointment(ctx, id);
  if (!appt) return null;
  if (appt.status !== 'booked' && appt.status !== 'checked_in') return refuse(409, 'Only a booked or checked-in appointment can be moved.', 'time');
  if (appt.charted) return refuse(409, CHARTED, 'time');
  await ctx.tx.$client.query('SELECT 1 FROM clients WHERE id = $1 FOR NO KEY UPDATE', [appt.client_id]);
  const location = await loadLocation(ctx, input.locationId ?? appt.location_id);
  if (!location) return refuse(404, 'That location was not found.', 'location_id');
  const loaded = await loadServices(ctx, appt.lines.map((l) => l.service_id));
  if (!loaded) return refuse(409, 'One of its services is no longer offered; book it again instead.', 'time');
  const extras = appt.lines.map((l, i) => (i === appt.lines.length - 1 && input.lastExtraMinutes !== undefined ? input.lastExtraMinutes : l.extra_minutes));
  const services = lengthened(loaded, extras);
  if (!services) return refuse(400, 'That would leave the last step of the appointment shorter than 5 minutes.', 'ends');
  const req = {
    clientId: appt.client_id,
    locationId: location.id,
    date: input.date,
    time: input.time,
    lines: appt.lines.map((l, i) => ({ serviceId: l.service_id, providerId: input.providerIds?.[i] ?? l.provider_id })),
  };
  const checked = await checkSlot(ctx, location, services, req, now, id);
  if (!checked.ok) return checked;
  const { slot } = checked;

  const q = ctx.tx.$client;
  await q.query('UPDATE occupancy SET held = false WHERE appointment_id = $1 AND held', [id]);
  for (const [i, line] of slot.assignment.entries()) {
    await q.query('UPDATE appointment_services SET provider_id = $2, starts_at = $3, ends_at = $4, resources = $5, extra_minutes = $6 WHERE id = $1', [
      appt.lines[i]!.id,
      line.providerId,
      line.start,
      line.end,
      resourcesByLabel(services[i]!, line),
      extras[i],
    ]);
  }
  await q.query('UPDATE appointments SET starts_at = $2, ends_at = $3, location_id = $4, updated_at = now() WHERE id = $1', [id, slot.start, slot.end, location.id]);
  await insertHolds(ctx, id, appt.lines.map((l) => l.id), services, slot);
  ctx.audit({ action: 'update', recordType: 'appointment', recordId: id, clientIds: [appt.client_id] });
  return { ok: true, appointmentId: id, slot };
}

/** Services whose last phase is longer or shorter by the given minutes (pure); null when a phase would drop under 5 minutes. */
export function lengthened(services: readonly LoadedService[], extras: readonly number[]): LoadedService[] | null {
  const out: LoadedService[] = [];
  for (const [i, service] of services.entries()) {
    const extra = extras[i] ?? 0;
    if (extra === 0) {
      out.push(service);
      continue;
    }
    const phases = service.spec.phases.map((p, j, all) => (j === all.length - 1 ? { ...p, durationMinutes: p.durationMinutes + extra } : p));
    if (phases.at(-1)!.durationMinutes < 5) return null;
    out.push({ ...service, spec: { ...service.spec, phases } });
  }
  return out;
}

/**
 * Makes an appointment end at another time the same day (resize): the difference goes to the
 * last phase of its last service, and the longer or shorter holds are checked like a booking.
 */
export async function resizeAppointment(ctx: ServiceCtx, id: string, endsAtLocal: string, now: Date): Promise<Booked | BookingRefusal | null> {
  const { rows } = await ctx.tx.$client.query<Pick<Locked, 'starts_at' | 'ends_at' | 'location_id'> & { time_zone: string; last_extra: number }>(
    `SELECT a.starts_at, a.ends_at, a.location_id, l.timezone AS time_zone,
            (SELECT s.extra_minutes FROM appointment_services s WHERE s.tenant_id = a.tenant_id AND s.appointment_id = a.id ORDER BY s.position DESC LIMIT 1) AS last_extra
       FROM appointments a JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id WHERE a.id = $1`,
    [id],
  );
  const a = rows[0];
  if (!a) return null;
  const day = dayIn(a.time_zone, a.starts_at);
  const time = clockIn(a.time_zone, a.starts_at);
  const end = localToInstant(a.time_zone, day, endsAtLocal);
  if (!end.ok) return refuse(400, end.message, 'ends');
  if (end.instant <= a.starts_at) return refuse(400, 'The end must be after the start.', 'ends');
  const delta = Math.round((end.instant.getTime() - a.ends_at.getTime()) / 60_000);
  return moveAppointment(ctx, id, { date: day, time, lastExtraMinutes: a.last_extra + delta }, now);
}

export interface StatusInput {
  reason?: string;
  /** A manager's reason to check in despite a rule (a minor without guardian authorization, an unsigned consent). */
  overrideReason?: string;
  canOverride: boolean;
}

const STAMPS: Record<AppointmentAction, string | null> = { check_in: 'checked_in_at', start: 'started_at', complete: 'completed_at', no_show: null, cancel: null };

export type StatusResult = { ok: true; status: AppointmentStatus } | { ok: false; status: 400 | 409; message: string; needsOverride?: boolean };

/**
 * Moves an appointment along its day; check-in refuses a minor without a guardian's authorization,
 * or a visit whose consent is unsigned, unless a manager overrides with a reason (CRM-7, PUB-3).
 */
export async function changeStatus(ctx: ServiceCtx, id: string, action: AppointmentAction, input: StatusInput, now: Date): Promise<StatusResult | null> {
  const appt = await lockAppointment(ctx, id);
  if (!appt) return null;
  const next = nextStatus(appt.status, action);
  if (!next.ok) return { ok: false, status: 409, message: next.message };
  const early = tooEarly(action, appt.starts_at, now);
  if (early) return { ok: false, status: 409, message: early };
  if (appt.charted && (action === 'cancel' || action === 'no_show')) return { ok: false, status: 409, message: 'This visit has been charted: it took place, so it cannot be cancelled or marked as a no-show.' };
  const q = ctx.tx.$client;
  let override: string | null = null;
  if (action === 'cancel' && !input.reason?.trim()) return { ok: false, status: 400, message: 'Say why the appointment is cancelled.' };
  if (action === 'check_in') {
    const blocker = await checkInBlocker(ctx, id, appt.client_id, now);
    if (blocker) {
      const reason = input.overrideReason?.trim() ?? '';
      // No reason field yet: the refusal, with the field for a manager. A field left blank or terse: ask for the why.
      if (input.overrideReason === undefined) return { ok: false, status: 409, message: blocker, needsOverride: input.canOverride };
      if (!input.canOverride) return { ok: false, status: 409, message: `${blocker} Only a manager can check them in anyway.` };
      if (reason.length < 3) return { ok: false, status: 400, message: `${blocker} Say why you check them in anyway, in a few words.`, needsOverride: true };
      override = reason.slice(0, 300);
    }
  }
  const sets = ['status = $2', 'updated_at = now()'];
  const values: unknown[] = [id, next.status];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  };
  const stamp = STAMPS[action];
  if (stamp) set(stamp, now);
  if (action === 'cancel') set('cancel_reason', input.reason!.trim().slice(0, 300));
  if (override) {
    set('check_in_override', override);
    set('check_in_override_by', ctx.actor.id);
  }
  await q.query(`UPDATE appointments SET ${sets.join(', ')} WHERE id = $1`, values);
  if (next.status === 'cancelled' || next.status === 'no_show') await q.query('UPDATE occupancy SET held = false WHERE appointment_id = $1 AND held', [id]);
  ctx.audit({ action: override ? 'override' : 'update', recordType: 'appointment', recordId: id, clientIds: [appt.client_id] });
  return { ok: true, status: next.status };
}

/** Why a client may not be checked in for treatment (a minor's missing authorization, an unsigned consent), or null. */
async function checkInBlocker(ctx: ServiceCtx, appointmentId: string, clientId: string, now: Date): Promise<string | null> {
  const { rows } = await ctx.tx.$client.query<{ date_of_birth: string } & GuardianCount>(
    `SELECT c.date_of_birth::text AS date_of_birth, ${GUARDIAN_COUNT_SQL} FROM clients c WHERE c.id = $1`,
    [clientId],
  );
  const row = rows[0];
  if (!row) return null;
  const reasons: string[] = [];
  const standing = minorStanding(row.date_of_birth, await spaCalendar(ctx, now), row);
  if (standing === 'needs_guardian') reasons.push('This client is a minor with no parent or guardian on file.');
  if (standing === 'needs_authorization') reasons.push('This client is a minor and no guardian authorization is on file.');
  const forms = requiredFormsMessage(formsAtCheckIn(await visitForms(ctx, clientId, appointmentId), appointmentId));
  if (forms) reasons.push(forms);
  return reasons.length ? reasons.join(' ') : null;
}

export interface BlockInput {
  locationId: string;
  providerId?: string;
  resourceId?: string;
  date: string;
  from: string;
  to: string;
  reason: string;
}

/** Blocks a provider's or a room's time (a meeting, maintenance); refused when it overlaps a booking or another block. */
export async function addBlock(ctx: ServiceCtx, input: BlockInput): Promise<{ ok: true; blockId: string } | BookingRefusal> {
  const location = await loadLocation(ctx, input.locationId);
  if (!location) return refuse(404, 'That location was not found.', 'location_id');
  if (!input.providerId === !input.resourceId) return refuse(400, 'Choose a provider or a room to block.', 'subject');
  const subject = input.providerId
    ? await ctx.tx.$client.query(`SELECT 1 FROM operators WHERE id = $1 AND status = 'active'`, [input.providerId])
    : await ctx.tx.$client.query('SELECT 1 FROM resources WHERE id = $1 AND location_id = $2 AND active', [input.resourceId, location.id]);
  if (!subject.rowCount) return refuse(400, 'Choose a provider, a room or a device from the list.', 'subject');
  const from = localToInstant(location.timeZone, input.date, input.from);
  const to = localToInstant(location.timeZone, input.date, input.to);
  if (!from.ok) return refuse(400, from.message, 'from');
  if (!to.ok) return refuse(400, to.message, 'to');
  if (to.instant <= from.instant) return refuse(400, 'The end must be after the start.', 'to');
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO time_blocks (tenant_id, location_id, operator_id, resource_id, during, reason, created_by)
     VALUES (current_tenant_id(), $1, $2, $3, tstzrange($4, $5), $6, $7) RETURNING id`,
    [location.id, input.providerId ?? null, input.resourceId ?? null, from.instant, to.instant, input.reason.trim().slice(0, 120), ctx.actor.id],
  );
  const blockId = rows[0]!.id;
  await holdOrThrow(ctx, `INSERT INTO occupancy (tenant_id, provider_id, resource_id, during, time_block_id) VALUES (current_tenant_id(), $1, $2, tstzrange($3, $4), $5)`, [
    input.providerId ?? null,
    input.resourceId ?? null,
    from.instant,
    to.instant,
    blockId,
  ]);
  ctx.audit({ action: 'create', recordType: 'time_block', recordId: blockId });
  return { ok: true, blockId };
}
