/**
 * The treatment catalogue (CRM-3): services with price, credentials, the rooms and devices
 * they need, and their phases. Services are never deleted (appointments point at them):
 * they are deactivated. Editing replaces phases and requirements in one transaction.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { centsToDollars, type ServiceDraft, type ServiceInput } from './service-form.ts';

export type Refusal = { ok: false; status: 400 | 409; field?: string; message: string };
export type Change<T = object> = ({ ok: true } & T) | Refusal;

export interface Phase {
  label: string;
  minutes: number;
  usesProvider: boolean;
  usesClient: boolean;
  requirementLabels: string[];
}

export interface Requirement {
  label: string;
  resourceIds: string[];
}

export interface Service {
  id: string;
  name: string;
  category: string;
  description: string;
  priceCents: number;
  onlineBookable: boolean;
  requiredCredentials: string[];
  active: boolean;
  requirements: Requirement[];
  phases: Phase[];
}

export const totalMinutes = (s: { phases: { minutes: number }[] }): number => s.phases.reduce((sum, p) => sum + p.minutes, 0);

const SERVICES = `
  SELECT s.id, s.name, s.category, s.description, s.price_cents AS "priceCents", s.online_bookable AS "onlineBookable",
         s.required_credentials AS "requiredCredentials", s.active,
         coalesce((SELECT json_agg(json_build_object('label', r.label, 'resourceIds', r.resource_ids) ORDER BY r.label)
                     FROM service_requirements r WHERE r.tenant_id = s.tenant_id AND r.service_id = s.id), '[]') AS requirements,
         coalesce((SELECT json_agg(json_build_object('label', p.label, 'minutes', p.minutes, 'usesProvider', p.uses_provider,
                                                     'usesClient', p.uses_client, 'requirementLabels', p.requirement_labels) ORDER BY p.position)
                     FROM service_phases p WHERE p.tenant_id = s.tenant_id AND p.service_id = s.id), '[]') AS phases
    FROM services s`;

/** Requirements in the order the phases first hold them (the table keeps no order of its own). */
function inPhaseOrder(s: Service): Service {
  const first = (label: string) => {
    const i = s.phases.findIndex((p) => p.requirementLabels.includes(label));
    return i < 0 ? s.phases.length : i;
  };
  return { ...s, requirements: [...s.requirements].sort((a, b) => first(a.label) - first(b.label) || a.label.localeCompare(b.label)) };
}

/** Every service, active first, by category then name. */
export async function listServices(ctx: ServiceCtx): Promise<Service[]> {
  const { rows } = await ctx.tx.$client.query<Service>(`${SERVICES} ORDER BY s.active DESC, lower(s.category), lower(s.name)`);
  return rows.map(inPhaseOrder);
}

export async function getService(ctx: ServiceCtx, id: string): Promise<Service | null> {
  const { rows } = await ctx.tx.$client.query<Service>(`${SERVICES} WHERE s.id = $1`, [id]);
  return rows[0] ? inPhaseOrder(rows[0]) : null;
}

/** The form's draft of a stored service. */
export function draftOfService(s: Service): ServiceDraft {
  return {
    name: s.name,
    category: s.category,
    description: s.description,
    price: centsToDollars(s.priceCents),
    onlineBookable: s.onlineBookable,
    credentials: s.requiredCredentials,
    requirements: s.requirements.map((r) => ({ label: r.label, resourceIds: r.resourceIds })),
    phases: s.phases.map((p) => ({ label: p.label, minutes: String(p.minutes), usesProvider: p.usesProvider, usesClient: p.usesClient, holds: p.requirementLabels.join(', ') })),
  };
}

export interface ResourceChoice {
  locationId: string;
  locationName: string;
  resources: { id: string; kind: 'room' | 'device'; name: string; active: boolean }[];
}

/** The rooms and devices a requirement may name, by location. */
export async function resourceChoices(ctx: ServiceCtx): Promise<ResourceChoice[]> {
  const { rows } = await ctx.tx.$client.query<{ location_id: string; location_name: string; id: string; kind: 'room' | 'device'; name: string; active: boolean }>(
    `SELECT l.id AS location_id, l.name AS location_name, r.id, r.kind, r.name, r.active AND l.active AS active
       FROM resources r JOIN locations l ON l.tenant_id = r.tenant_id AND l.id = r.location_id
      ORDER BY l.active DESC, lower(l.name), r.kind DESC, lower(r.name)`,
  );
  const byLocation = new Map<string, ResourceChoice>();
  for (const r of rows) {
    const choice = byLocation.get(r.location_id) ?? { locationId: r.location_id, locationName: r.location_name, resources: [] };
    choice.resources.push({ id: r.id, kind: r.kind, name: r.name, active: r.active });
    byLocation.set(r.location_id, choice);
  }
  return [...byLocation.values()];
}

async function check(ctx: ServiceCtx, input: ServiceInput, exceptId: string | null, draftRequirements: { label: string }[]): Promise<Refusal | null> {
  const { rowCount } = await ctx.tx.$client.query(`SELECT 1 FROM services WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid`, [input.name, exceptId]);
  if (rowCount) return { ok: false, status: 409, field: 'name', message: `There is already a service called “${input.name}”. Choose another name, or edit that one.` };
  const ids = [...new Set(input.requirements.flatMap((r) => r.resourceIds))];
  const { rows } = await ctx.tx.$client.query<{ id: string }>('SELECT id FROM resources WHERE id = ANY($1::uuid[])', [ids]);
  const known = new Set(rows.map((r) => r.id));
  for (const r of input.requirements) {
    if (r.resourceIds.some((id) => !known.has(id))) {
      const index = draftRequirements.findIndex((d) => d.label === r.label);
      return { ok: false, status: 400, field: `req_${index}_resources`, message: 'Choose rooms and devices from the list.' };
    }
  }
  return null;
}

async function writeParts(ctx: ServiceCtx, id: string, input: ServiceInput): Promise<void> {
  for (const r of input.requirements) {
    await ctx.tx.$client.query(
      `INSERT INTO service_requirements (tenant_id, service_id, label, resource_ids) VALUES (current_tenant_id(), $1, $2, $3::uuid[])`,
      [id, r.label, r.resourceIds],
    );
  }
  for (const [position, p] of input.phases.entries()) {
    await ctx.tx.$client.query(
      `INSERT INTO service_phases (tenant_id, service_id, position, label, minutes, uses_provider, uses_client, requirement_labels)
       VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6, $7::text[])`,
      [id, position, p.label, p.minutes, p.usesProvider, p.usesClient, p.requirementLabels],
    );
  }
}

export async function createService(ctx: ServiceCtx, input: ServiceInput, draft: ServiceDraft): Promise<Change<{ id: string }>> {
  const refused = await check(ctx, input, null, draft.requirements);
  if (refused) return refused;
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO services (tenant_id, name, category, description, price_cents, online_bookable, required_credentials)
     VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6::text[]) RETURNING id`,
    [input.name, input.category, input.description, input.priceCents, input.onlineBookable, input.requiredCredentials],
  );
  const id = rows[0]!.id;
  await writeParts(ctx, id, input);
  ctx.audit({ action: 'create', recordType: 'service', recordId: id });
  return { ok: true, id };
}

/** Replaces the service's details, requirements and phases at once; null when it is not this spa's. */
export async function updateService(ctx: ServiceCtx, id: string, input: ServiceInput, draft: ServiceDraft): Promise<Change | null> {
  const { rowCount } = await ctx.tx.$client.query('SELECT 1 FROM services WHERE id = $1 FOR UPDATE', [id]);
  if (!rowCount) return null;
  const refused = await check(ctx, input, id, draft.requirements);
  if (refused) return refused;
  await ctx.tx.$client.query(
    `UPDATE services SET name = $2, category = $3, description = $4, price_cents = $5, online_bookable = $6, required_credentials = $7::text[] WHERE id = $1`,
    [id, input.name, input.category, input.description, input.priceCents, input.onlineBookable, input.requiredCredentials],
  );
  await ctx.tx.$client.query('DELETE FROM service_phases WHERE service_id = $1', [id]);
  await ctx.tx.$client.query('DELETE FROM service_requirements WHERE service_id = $1', [id]);
  await writeParts(ctx, id, input);
  ctx.audit({ action: 'update', recordType: 'service', recordId: id });
  return { ok: true };
}

/** Deactivated services stay on past and booked appointments but cannot be booked again. False when not this spa's. */
export async function setServiceActive(ctx: ServiceCtx, id: string, active: boolean): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query('UPDATE services SET active = $2 WHERE id = $1', [id, active]);
  if (!rowCount) return false;
  ctx.audit({ action: active ? 'reactivate' : 'deactivate', recordType: 'service', recordId: id });
  return true;
}
