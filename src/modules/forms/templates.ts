/**
 * A spa's form templates (issue 7, PUB-2): copied from the starter library or started blank,
 * edited in the builder, linked to services. Saving a template whose current version some
 * client's form uses makes a new version; otherwise the current version is edited in place.
 * The database enforces the first half too (a used version cannot change). Every write is audited.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { TemplateSettings } from './builder-form.ts';
import { blankDefinition } from './builder-form.ts';
import { readDefinition, type FormDefinition } from './definition.ts';
import type { AssignmentRule, FormKind } from './rules.ts';
import { starterByKey } from './starters/index.ts';

export interface TemplateSummary {
  id: string;
  name: string;
  kind: FormKind;
  rule: AssignmentRule;
  renewalMonths: number | null;
  archived: boolean;
  starterKey: string | null;
  version: number;
  /** Client forms asked on any version. */
  uses: number;
  services: { id: string; name: string }[];
  updatedAt: Date;
}

export interface VersionSummary {
  id: string;
  version: number;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  uses: number;
}

export interface TemplateDetail extends TemplateSummary {
  current: { id: string; version: number; definition: FormDefinition; uses: number };
  versions: VersionSummary[];
}

const SUMMARY = `
  SELECT t.id, t.name, t.kind, t.rule, t.renewal_months AS "renewalMonths", t.archived, t.starter_key AS "starterKey", t.updated_at AS "updatedAt",
         (SELECT max(v.version) FROM form_versions v WHERE v.tenant_id = t.tenant_id AND v.template_id = t.id) AS version,
         (SELECT count(*)::int FROM client_forms f WHERE f.tenant_id = t.tenant_id AND f.template_id = t.id) AS uses,
         coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY lower(s.name))
                     FROM service_forms sf JOIN services s ON s.tenant_id = sf.tenant_id AND s.id = sf.service_id
                    WHERE sf.tenant_id = t.tenant_id AND sf.template_id = t.id), '[]') AS services
    FROM form_templates t`;

/** Every template: live ones first, by kind then name. */
export async function listTemplates(ctx: ServiceCtx): Promise<TemplateSummary[]> {
  const { rows } = await ctx.tx.$client.query<TemplateSummary>(
    `${SUMMARY} ORDER BY t.archived, array_position(ARRAY['intake','consent','photo_release','guardian_authorization','other'], t.kind), lower(t.name)`,
  );
  return rows;
}

/** One template with its current version and its history; null when it is not this spa's. */
export async function getTemplate(ctx: ServiceCtx, id: string): Promise<TemplateDetail | null> {
  const q = ctx.tx.$client;
  const summary = (await q.query<TemplateSummary>(`${SUMMARY} WHERE t.id = $1`, [id])).rows[0];
  if (!summary) return null;
  const { rows } = await q.query<VersionSummary & { definition: unknown }>(
    `SELECT v.id, v.version, v.created_at AS "createdAt", o.full_name AS "createdBy", v.updated_at AS "updatedAt", v.definition,
            (SELECT count(*)::int FROM client_forms f WHERE f.tenant_id = v.tenant_id AND f.form_version_id = v.id) AS uses
       FROM form_versions v LEFT JOIN operators o ON o.tenant_id = v.tenant_id AND o.id = v.created_by
      WHERE v.template_id = $1 ORDER BY v.version DESC`,
    [id],
  );
  const latest = rows[0]!;
  return {
    ...summary,
    current: { id: latest.id, version: latest.version, definition: readDefinition(latest.definition), uses: latest.uses },
    versions: rows.map(({ definition: _d, ...v }) => v),
  };
}

/** One version as it was written, for the history; null when there is no such version. */
export async function getVersion(ctx: ServiceCtx, templateId: string, version: number): Promise<{ name: string; version: number; definition: FormDefinition; createdAt: Date; uses: number } | null> {
  const { rows } = await ctx.tx.$client.query<{ name: string; version: number; definition: unknown; createdAt: Date; uses: number }>(
    `SELECT t.name, v.version, v.definition, v.created_at AS "createdAt",
            (SELECT count(*)::int FROM client_forms f WHERE f.tenant_id = v.tenant_id AND f.form_version_id = v.id) AS uses
       FROM form_versions v JOIN form_templates t ON t.tenant_id = v.tenant_id AND t.id = v.template_id
      WHERE v.template_id = $1 AND v.version = $2`,
    [templateId, version],
  );
  const r = rows[0];
  return r ? { ...r, definition: readDefinition(r.definition) } : null;
}

/** A name no other template of the spa uses: "Neurotoxin consent", then "Neurotoxin consent (2)"… */
async function freeName(ctx: ServiceCtx, wanted: string): Promise<string> {
  const { rows } = await ctx.tx.$client.query<{ name: string }>('SELECT lower(name) AS name FROM form_templates');
  const taken = new Set(rows.map((r) => r.name));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

async function insertTemplate(ctx: ServiceCtx, settings: TemplateSettings, definition: FormDefinition, starterKey: string | null): Promise<string> {
  const q = ctx.tx.$client;
  // Two people copying the same starter at once: the second takes the next free name.
  let id: string | undefined;
  while (!id) {
    const name = await freeName(ctx, settings.name);
    id = (
      await q.query<{ id: string }>(
        `INSERT INTO form_templates (tenant_id, name, kind, rule, renewal_months, starter_key, created_by) VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, lower(name)) DO NOTHING RETURNING id`,
        [name, settings.kind, settings.rule, settings.renewalMonths, starterKey, ctx.actor.id],
      )
    ).rows[0]?.id;
  }
  const version = (
    await q.query<{ id: string }>(
      `INSERT INTO form_versions (tenant_id, template_id, version, definition, created_by, updated_by) VALUES (current_tenant_id(), $1, 1, $2, $3, $3) RETURNING id`,
      [id, JSON.stringify(definition), ctx.actor.id],
    )
  ).rows[0]!.id;
  ctx.audit({ action: 'create', recordType: 'form_template', recordId: id });
  ctx.audit({ action: 'create', recordType: 'form_version', recordId: version });
  return id;
}

/** Copies a starter into the spa's templates; null when there is no such starter. */
export async function copyStarter(ctx: ServiceCtx, key: string): Promise<string | null> {
  const starter = starterByKey(key);
  if (!starter) return null;
  return insertTemplate(ctx, { name: starter.name, kind: starter.kind, rule: starter.rule, renewalMonths: starter.renewalMonths }, starter.definition, starter.key);
}

/** A new blank form (a question and the signature): asked of no one until it is linked to a service or its rule changes. */
export async function createBlankTemplate(ctx: ServiceCtx): Promise<string> {
  return insertTemplate(ctx, { name: 'Untitled form', kind: 'other', rule: 'per_service', renewalMonths: null }, blankDefinition(), null);
}

export type SaveOutcome = { ok: true; version: number; newVersion: boolean; changed: boolean } | { ok: false; field: 'name'; message: string } | null;

/**
 * Saves the builder: the template's settings, and its definition — into the current version when
 * no client's form uses it, else as a new version (the old one stays as it was asked). The current
 * version is locked first, so a booking that is assigning it either finishes before (and the save
 * makes a new version) or waits and then assigns what was saved. Null when not this spa's.
 */
export async function saveTemplate(ctx: ServiceCtx, id: string, settings: TemplateSettings, definition: FormDefinition): Promise<SaveOutcome> {
  const q = ctx.tx.$client;
  const template = (await q.query<{ id: string }>('SELECT id FROM form_templates WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!template) return null;
  const clash = await q.query('SELECT 1 FROM form_templates WHERE lower(name) = lower($1) AND id <> $2', [settings.name, id]);
  if (clash.rowCount) return { ok: false, field: 'name', message: `Another form is already called “${settings.name}”. Choose another name.` };

  const latest = (await q.query<{ id: string; version: number; definition: unknown }>('SELECT id, version, definition FROM form_versions WHERE template_id = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE', [id])).rows[0]!;
  // A fresh statement after the lock: it sees forms committed by a booking that held the version.
  const used = (await q.query('SELECT 1 FROM client_forms WHERE form_version_id = $1 LIMIT 1', [latest.id])).rowCount! > 0;
  const same = JSON.stringify(readDefinition(latest.definition)) === JSON.stringify(definition);
  let version = latest.version;
  let newVersion = false;
  if (!same && used) {
    version = latest.version + 1;
    newVersion = true;
    const created = (
      await q.query<{ id: string }>(
        `INSERT INTO form_versions (tenant_id, template_id, version, definition, created_by, updated_by) VALUES (current_tenant_id(), $1, $2, $3, $4, $4) RETURNING id`,
        [id, version, JSON.stringify(definition), ctx.actor.id],
      )
    ).rows[0]!.id;
    ctx.audit({ action: 'create', recordType: 'form_version', recordId: created });
  } else if (!same) {
    await q.query('UPDATE form_versions SET definition = $2, updated_by = $3, updated_at = now() WHERE id = $1', [latest.id, JSON.stringify(definition), ctx.actor.id]);
    ctx.audit({ action: 'update', recordType: 'form_version', recordId: latest.id });
  }
  await q.query('UPDATE form_templates SET name = $2, kind = $3, rule = $4, renewal_months = $5, updated_at = now() WHERE id = $1', [id, settings.name, settings.kind, settings.rule, settings.renewalMonths]);
  ctx.audit({ action: 'update', recordType: 'form_template', recordId: id });
  return { ok: true, version, newVersion, changed: !same };
}

/** Archived templates are no longer asked at booking; forms already asked keep them. False when not this spa's. */
export async function setTemplateArchived(ctx: ServiceCtx, id: string, archived: boolean): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query(
    `UPDATE form_templates SET archived = $2, archived_at = CASE WHEN $2 THEN now() END, archived_by = CASE WHEN $2 THEN $3::uuid END, updated_at = now() WHERE id = $1`,
    [id, archived, ctx.actor.id],
  );
  if (!rowCount) return false;
  ctx.audit({ action: archived ? 'archive' : 'restore', recordType: 'form_template', recordId: id });
  return true;
}

// ——— Services ↔ templates (the services screen) ———

export interface FormChoice {
  id: string;
  name: string;
  kind: FormKind;
  rule: AssignmentRule;
  renewalMonths: number | null;
  archived: boolean;
}

/** The templates a service may ask for: every live one, plus archived ones still linked to it. */
export async function serviceFormChoices(ctx: ServiceCtx, serviceId: string | null): Promise<{ choices: FormChoice[]; linked: string[] }> {
  const { rows } = await ctx.tx.$client.query<FormChoice & { linked: boolean }>(
    `SELECT t.id, t.name, t.kind, t.rule, t.renewal_months AS "renewalMonths", t.archived,
            EXISTS (SELECT 1 FROM service_forms sf WHERE sf.tenant_id = t.tenant_id AND sf.template_id = t.id AND sf.service_id = $1::uuid) AS linked
       FROM form_templates t
      ORDER BY array_position(ARRAY['consent','photo_release','intake','guardian_authorization','other'], t.kind), lower(t.name)`,
    [serviceId],
  );
  return { choices: rows.filter((r) => !r.archived || r.linked).map(({ linked: _l, ...c }) => c), linked: rows.filter((r) => r.linked).map((r) => r.id) };
}

/**
 * Sets which templates a service asks for. Ids that are not this spa's templates are refused with
 * nothing written; false then. Audited as one change of the service's forms.
 */
export async function setServiceForms(ctx: ServiceCtx, serviceId: string, templateIds: readonly string[]): Promise<boolean> {
  const q = ctx.tx.$client;
  const wanted = [...new Set(templateIds)];
  const known = (await q.query<{ id: string }>('SELECT id FROM form_templates WHERE id = ANY($1::uuid[])', [wanted])).rows.map((r) => r.id);
  if (known.length !== wanted.length) return false;
  const removed = await q.query('DELETE FROM service_forms WHERE service_id = $1 AND NOT (template_id = ANY($2::uuid[]))', [serviceId, wanted]);
  const added = await q.query(
    `INSERT INTO service_forms (tenant_id, service_id, template_id, created_by) SELECT current_tenant_id(), $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
    [serviceId, wanted, ctx.actor.id],
  );
  if (removed.rowCount || added.rowCount) ctx.audit({ action: 'update', recordType: 'service_forms', recordId: serviceId });
  return true;
}
