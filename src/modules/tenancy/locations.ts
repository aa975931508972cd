/**
 * Locations as the owner and manager set them up (CRM-1): details and opening
 * hours, closures and holidays, and the rooms and devices services book.
 */
import type { BusinessHours } from '../../infra/db/schema.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { dayIn } from '../identity/spa-time.ts';
import type { ClosureInput, LocationInput } from './location-forms.ts';

export type Refusal = { ok: false; status: 400 | 409; field?: string; message: string };
export type Change<T = object> = ({ ok: true } & T) | Refusal;
const refuse = (status: Refusal['status'], message: string, field?: string): Refusal => ({ ok: false, status, message, field });

export interface LocationDetails {
  id: string;
  name: string;
  timezone: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  phone: string;
  businessHours: BusinessHours;
  active: boolean;
}

export interface ResourceRow {
  id: string;
  kind: 'room' | 'device';
  name: string;
  active: boolean;
}

export interface ClosureRow {
  id: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  /** Appointments still booked (or checked in) at the location on those days: made before the closure. */
  booked: number;
}

export interface LocationSummary extends LocationDetails {
  rooms: number;
  devices: number;
  nextClosure: ClosureRow | null;
}

const DETAILS = `SELECT id, name, timezone, address_line1 AS "addressLine1", address_line2 AS "addressLine2", city, region,
  postal_code AS "postalCode", phone, business_hours AS "businessHours", active FROM locations`;

/** Every location of the spa, with how many rooms and devices it has and its next closure. */
export async function listLocationSummaries(ctx: ServiceCtx, now: Date): Promise<LocationSummary[]> {
  const { rows } = await ctx.tx.$client.query<LocationDetails>(`${DETAILS} ORDER BY active DESC, lower(name)`);
  const { rows: counts } = await ctx.tx.$client.query<{ location_id: string; kind: string; n: number }>(
    `SELECT location_id, kind, count(*)::int AS n FROM resources WHERE active GROUP BY location_id, kind`,
  );
  const result: LocationSummary[] = [];
  for (const loc of rows) {
    const upcoming = await upcomingClosures(ctx, loc, now, 1);
    const count = (kind: string) => counts.find((c) => c.location_id === loc.id && c.kind === kind)?.n ?? 0;
    result.push({ ...loc, rooms: count('room'), devices: count('device'), nextClosure: upcoming[0] ?? null });
  }
  return result;
}

export async function getLocation(ctx: ServiceCtx, id: string): Promise<LocationDetails | null> {
  const { rows } = await ctx.tx.$client.query<LocationDetails>(`${DETAILS} WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

async function upcomingClosures(ctx: ServiceCtx, loc: LocationDetails, now: Date, limit = 50): Promise<ClosureRow[]> {
  const { rows } = await ctx.tx.$client.query<ClosureRow>(
    `SELECT c.id, c.starts_on::text AS "startsOn", c.ends_on::text AS "endsOn", c.reason,
            (SELECT count(*)::int FROM appointments a
              WHERE a.location_id = c.location_id AND a.status IN ('booked', 'checked_in')
                AND a.starts_at >= (c.starts_on::timestamp AT TIME ZONE $4) AND a.starts_at < ((c.ends_on + 1)::timestamp AT TIME ZONE $4)) AS booked
       FROM location_closures c
      WHERE c.location_id = $1 AND c.ends_on >= $2::date ORDER BY c.starts_on, c.ends_on LIMIT $3`,
    [loc.id, dayIn(loc.timezone, now), limit, loc.timezone],
  );
  return rows;
}

export interface LocationPage {
  location: LocationDetails;
  resources: ResourceRow[];
  closures: ClosureRow[];
}

/** One location with its rooms and devices and its closures from today on; null when not this spa's. */
export async function getLocationPage(ctx: ServiceCtx, id: string, now: Date): Promise<LocationPage | null> {
  const location = await getLocation(ctx, id);
  if (!location) return null;
  const { rows: resources } = await ctx.tx.$client.query<ResourceRow>(
    `SELECT id, kind, name, active FROM resources WHERE location_id = $1 ORDER BY active DESC, kind DESC, lower(name)`,
    [id],
  );
  return { location, resources, closures: await upcomingClosures(ctx, location, now) };
}

async function nameTaken(ctx: ServiceCtx, name: string, exceptId?: string): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query(`SELECT 1 FROM locations WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid`, [name, exceptId ?? null]);
  return (rowCount ?? 0) > 0;
}

const taken = (name: string) => refuse(409, `There is already a location called “${name}”. Choose another name.`, 'name');

export async function createLocation(ctx: ServiceCtx, input: LocationInput, hours: BusinessHours): Promise<Change<{ id: string }>> {
  if (await nameTaken(ctx, input.name)) return taken(input.name);
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO locations (tenant_id, name, timezone, address_line1, address_line2, city, region, postal_code, phone, business_hours)
     VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [input.name, input.timezone, input.address_line1, input.address_line2, input.city, input.region, input.postal_code, input.phone, JSON.stringify(hours)],
  );
  const id = rows[0]!.id;
  ctx.audit({ action: 'create', recordType: 'location', recordId: id });
  return { ok: true, id };
}

/** Null when the location is not this spa's. */
export async function updateLocation(ctx: ServiceCtx, id: string, input: LocationInput, hours: BusinessHours): Promise<Change | null> {
  const { rowCount } = await ctx.tx.$client.query('SELECT 1 FROM locations WHERE id = $1 FOR UPDATE', [id]);
  if (!rowCount) return null;
  if (await nameTaken(ctx, input.name, id)) return taken(input.name);
  await ctx.tx.$client.query(
    `UPDATE locations SET name = $2, timezone = $3, address_line1 = $4, address_line2 = $5, city = $6, region = $7, postal_code = $8, phone = $9, business_hours = $10
      WHERE id = $1`,
    [id, input.name, input.timezone, input.address_line1, input.address_line2, input.city, input.region, input.postal_code, input.phone, JSON.stringify(hours)],
  );
  ctx.audit({ action: 'update', recordType: 'location', recordId: id });
  return { ok: true };
}

export async function addClosure(ctx: ServiceCtx, locationId: string, input: ClosureInput): Promise<Change | null> {
  if (!(await getLocation(ctx, locationId))) return null;
  const { rowCount } = await ctx.tx.$client.query(
    `SELECT 1 FROM location_closures WHERE location_id = $1 AND starts_on <= $3::date AND ends_on >= $2::date`,
    [locationId, input.startsOn, input.endsOn],
  );
  if (rowCount) return refuse(409, 'These days overlap a closure already on the list. Remove that one first, or choose other days.', 'starts_on');
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO location_closures (tenant_id, location_id, starts_on, ends_on, reason) VALUES (current_tenant_id(), $1, $2, $3, $4) RETURNING id`,
    [locationId, input.startsOn, input.endsOn, input.reason],
  );
  ctx.audit({ action: 'create', recordType: 'location_closure', recordId: rows[0]!.id });
  return { ok: true };
}

/** False when there is no such closure at this location. */
export async function removeClosure(ctx: ServiceCtx, locationId: string, closureId: string): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query('DELETE FROM location_closures WHERE id = $1 AND location_id = $2', [closureId, locationId]);
  if (!rowCount) return false;
  ctx.audit({ action: 'delete', recordType: 'location_closure', recordId: closureId });
  return true;
}

async function resourceNameTaken(ctx: ServiceCtx, locationId: string, name: string, exceptId?: string): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query(
    `SELECT 1 FROM resources WHERE location_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3::uuid`,
    [locationId, name, exceptId ?? null],
  );
  return (rowCount ?? 0) > 0;
}

export async function addResource(ctx: ServiceCtx, locationId: string, input: { kind: 'room' | 'device'; name: string }): Promise<Change | null> {
  const { rowCount } = await ctx.tx.$client.query('SELECT 1 FROM locations WHERE id = $1 FOR UPDATE', [locationId]);
  if (!rowCount) return null;
  if (await resourceNameTaken(ctx, locationId, input.name)) return refuse(409, `This location already has “${input.name}”. Choose another name.`, 'name');
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO resources (tenant_id, location_id, kind, name) VALUES (current_tenant_id(), $1, $2, $3) RETURNING id`,
    [locationId, input.kind, input.name],
  );
  ctx.audit({ action: 'create', recordType: 'resource', recordId: rows[0]!.id });
  return { ok: true };
}

async function lockResource(ctx: ServiceCtx, locationId: string, resourceId: string): Promise<boolean> {
  await ctx.tx.$client.query('SELECT 1 FROM locations WHERE id = $1 FOR UPDATE', [locationId]);
  const { rowCount } = await ctx.tx.$client.query('SELECT 1 FROM resources WHERE id = $1 AND location_id = $2 FOR UPDATE', [resourceId, locationId]);
  return (rowCount ?? 0) > 0;
}

export async function renameResource(ctx: ServiceCtx, locationId: string, resourceId: string, name: string): Promise<Change | null> {
  if (!(await lockResource(ctx, locationId, resourceId))) return null;
  if (await resourceNameTaken(ctx, locationId, name, resourceId)) return refuse(409, `This location already has “${name}”. Choose another name.`, 'name');
  await ctx.tx.$client.query('UPDATE resources SET name = $2 WHERE id = $1', [resourceId, name]);
  ctx.audit({ action: 'update', recordType: 'resource', recordId: resourceId });
  return { ok: true };
}

/** Deactivated rooms and devices stay on past appointments but are no longer offered. */
export async function setResourceActive(ctx: ServiceCtx, locationId: string, resourceId: string, active: boolean): Promise<boolean> {
  if (!(await lockResource(ctx, locationId, resourceId))) return false;
  await ctx.tx.$client.query('UPDATE resources SET active = $2 WHERE id = $1', [resourceId, active]);
  ctx.audit({ action: active ? 'reactivate' : 'deactivate', recordType: 'resource', recordId: resourceId });
  return true;
}
