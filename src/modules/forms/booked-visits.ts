/**
 * Visits booked before a form was linked to their service do not ask for it: a booking asks for
 * forms once, when it is made (assignment.ts). The service page counts those visits still to come
 * and asks them on request, by the same rules (booked-visits-plan.ts).
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { isMinorOn } from '../clients/age.ts';
import { missingForms, type BookedVisit, type FormHistory, type LinkedTemplate, type MissingForm } from './booked-visits-plan.ts';

export interface BookedVisitsGap {
  visits: number;
  /** The names of the forms some of those visits lack. */
  formNames: string[];
  /** The earliest such visit. */
  from: Date | null;
}

type TemplateRow = LinkedTemplate & { name: string };

async function linkedTemplates(ctx: ServiceCtx, serviceId: string): Promise<TemplateRow[]> {
  const { rows } = await ctx.tx.$client.query<TemplateRow>(
    `SELECT t.id AS "templateId", v.id AS "versionId", t.name, t.kind, t.rule, t.renewal_months AS "renewalMonths",
            (SELECT array_agg(x.service_id) FROM service_forms x WHERE x.tenant_id = t.tenant_id AND x.template_id = t.id) AS "linkedServiceIds"
       FROM service_forms sf
       JOIN form_templates t ON t.tenant_id = sf.tenant_id AND t.id = sf.template_id AND NOT t.archived
       JOIN LATERAL (SELECT id FROM form_versions x WHERE x.tenant_id = t.tenant_id AND x.template_id = t.id ORDER BY x.version DESC LIMIT 1) v ON true
      WHERE sf.service_id = $1
      ORDER BY t.created_at, t.id`,
    [serviceId],
  );
  return rows;
}

/** Booked visits to come with this service, with what the rules need to know of them. */
async function bookedVisits(ctx: ServiceCtx, serviceId: string, now: Date, only: readonly string[] | null): Promise<BookedVisit[]> {
  const { rows } = await ctx.tx.$client.query<{ appointmentId: string; clientId: string; startsAt: Date; serviceIds: string[]; dateOfBirth: string; localDate: string; ageOfMajority: number }>(
    `SELECT a.id AS "appointmentId", a.client_id AS "clientId", a.starts_at AS "startsAt",
            (SELECT array_agg(s.service_id) FROM appointment_services s WHERE s.tenant_id = a.tenant_id AND s.appointment_id = a.id) AS "serviceIds",
            c.date_of_birth::text AS "dateOfBirth", (a.starts_at AT TIME ZONE l.timezone)::date::text AS "localDate",
            (SELECT age_of_majority FROM tenants WHERE id = current_tenant_id()) AS "ageOfMajority"
       FROM appointments a
       JOIN clients c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
       JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id
      WHERE a.status = 'booked' AND a.starts_at > $2 AND ($3::uuid[] IS NULL OR a.id = ANY($3::uuid[]))
        AND EXISTS (SELECT 1 FROM appointment_services s WHERE s.tenant_id = a.tenant_id AND s.appointment_id = a.id AND s.service_id = $1)
      ORDER BY a.starts_at, a.id`,
    [serviceId, now, only],
  );
  return rows.map((r) => ({ appointmentId: r.appointmentId, clientId: r.clientId, startsAt: r.startsAt, serviceIds: r.serviceIds, minor: isMinorOn(r.dateOfBirth, r.localDate, r.ageOfMajority) }));
}

/** The forms the visits to come lack (only those of `only`, when given). */
async function plan(ctx: ServiceCtx, serviceId: string, now: Date, only: readonly string[] | null = null): Promise<{ templates: TemplateRow[]; visits: BookedVisit[]; missing: MissingForm[] }> {
  const templates = await linkedTemplates(ctx, serviceId);
  if (!templates.length) return { templates, visits: [], missing: [] };
  const visits = await bookedVisits(ctx, serviceId, now, only);
  if (!visits.length) return { templates, visits, missing: [] };
  const q = ctx.tx.$client;
  const templateIds = templates.map((t) => t.templateId);
  const history = (await q.query<FormHistory>(
    `SELECT client_id AS "clientId", template_id AS "templateId", max(signed_at) FILTER (WHERE status = 'signed') AS "lastSignedAt", bool_or(status = 'pending') AS pending
       FROM client_forms WHERE client_id = ANY($1::uuid[]) AND template_id = ANY($2::uuid[]) GROUP BY client_id, template_id`,
    [[...new Set(visits.map((v) => v.clientId))], templateIds],
  )).rows;
  const asked = (await q.query<{ pair: string }>(
    `SELECT appointment_id || ' ' || template_id AS pair FROM client_forms WHERE appointment_id = ANY($1::uuid[]) AND template_id = ANY($2::uuid[])`,
    [visits.map((v) => v.appointmentId), templateIds],
  )).rows;
  return { templates, visits, missing: missingForms(visits, templates, history, new Set(asked.map((r) => r.pair))) };
}

/**
 * How many visits to come with this service lack one of its forms (none when every visit asks
 * them). Reading their clients' ages and forms is audited, naming them, though only a count shows.
 */
export async function bookedVisitsGap(ctx: ServiceCtx, serviceId: string, now: Date): Promise<BookedVisitsGap> {
  const { templates, visits, missing } = await plan(ctx, serviceId, now);
  if (visits.length) ctx.audit({ action: 'read', recordType: 'service_booked_visits', recordId: serviceId, clientIds: [...new Set(visits.map((v) => v.clientId))] });
  const names = new Map(templates.map((t) => [t.templateId, t.name]));
  const lacking = new Set(missing.map((m) => m.appointmentId));
  return {
    visits: lacking.size,
    formNames: [...new Set(missing.map((m) => names.get(m.templateId)!))],
    // Visits come in order of time: the first lacking one is the earliest.
    from: visits.find((v) => lacking.has(v.appointmentId))?.startsAt ?? null,
  };
}

/**
 * Asks those visits for the forms they lack; returns how many forms were asked. The visits are
 * locked first and then their clients, each in one order, as a move or a check-in takes them
 * (the visit, then its client) and as a booking locks its client: a booking made meanwhile cannot
 * ask the same once-per-client form twice, and only visits whose client is held are planned.
 * Each form is audited naming its client.
 */
export async function askBookedVisits(ctx: ServiceCtx, serviceId: string, now: Date): Promise<number> {
  const q = ctx.tx.$client;
  const held = (await q.query<{ id: string; client_id: string }>(
    `SELECT a.id, a.client_id FROM appointments a
      WHERE a.status = 'booked' AND a.starts_at > $2
        AND EXISTS (SELECT 1 FROM appointment_services s WHERE s.tenant_id = a.tenant_id AND s.appointment_id = a.id AND s.service_id = $1)
      ORDER BY a.id FOR NO KEY UPDATE`,
    [serviceId, now],
  )).rows;
  if (!held.length) return 0;
  await q.query('SELECT 1 FROM clients WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [[...new Set(held.map((v) => v.client_id))]]);
  const { missing } = await plan(ctx, serviceId, now, held.map((v) => v.id));
  if (!missing.length) return 0;
  // FOR SHARE: a builder saving one of these versions waits for this, then sees it used.
  const { rows: made } = await q.query<{ id: string; client_id: string }>(
    `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, appointment_id, created_by)
     SELECT current_tenant_id(), m.client_id, v.template_id, v.id, m.appointment_id, $4
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS m(client_id, appointment_id, version_id)
       JOIN (SELECT id, template_id FROM form_versions WHERE id = ANY($3::uuid[]) FOR SHARE) v ON v.id = m.version_id
     RETURNING id, client_id`,
    [missing.map((m) => m.clientId), missing.map((m) => m.appointmentId), missing.map((m) => m.versionId), ctx.actor.id],
  );
  for (const form of made) ctx.audit({ action: 'create', recordType: 'client_form', recordId: form.id, clientIds: [form.client_id] });
  return made.length;
}
