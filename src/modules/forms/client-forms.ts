/**
 * The forms asked of one client (the Forms tab): pending, signed, expired and voided, each with
 * its template, exact version and visit, and the links sent for them. Reading either list is a
 * PHI read, audited naming the client; voiding keeps the row with who, when and why; revoking a
 * link is audited by `revokeFormLink`.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { revokeFormLink, type LinkChannel } from './form-links.ts';
import { linkState, type LinkState } from './link-state.ts';
import { lockVisitOfForm } from './visit-lock.ts';
import { formStanding, type AssignmentRule, type ClientFormStatus, type FormKind } from './rules.ts';

export interface ClientFormView {
  id: string;
  templateId: string;
  templateName: string;
  kind: FormKind;
  version: number;
  /** As it stands today (a signed intake past its renewal age shows as expired). */
  status: ClientFormStatus;
  renewalDue: Date | null;
  createdAt: Date;
  signedAt: Date | null;
  appointment: { id: string; startsAt: Date; timeZone: string; services: string[]; status: string } | null;
  voided: { at: Date; by: string; reason: string } | null;
}

type Row = {
  id: string;
  template_id: string;
  template_name: string;
  kind: FormKind;
  rule: AssignmentRule;
  renewal_months: number | null;
  version: number;
  status: ClientFormStatus;
  created_at: Date;
  signed_at: Date | null;
  voided_at: Date | null;
  voided_by_name: string | null;
  void_reason: string | null;
  appointment_id: string | null;
  starts_at: Date | null;
  time_zone: string | null;
  appointment_status: string | null;
  services: string[] | null;
};

/** The client's forms, newest first, audited as one read naming the client. */
export async function listClientForms(ctx: ServiceCtx, clientId: string, now: Date): Promise<ClientFormView[]> {
  const { rows } = await ctx.tx.$client.query<Row>(
    `SELECT f.id, f.template_id, t.name AS template_name, t.kind, t.rule, t.renewal_months, v.version, f.status, f.created_at, f.signed_at,
            f.voided_at, o.full_name AS voided_by_name, f.void_reason,
            a.id AS appointment_id, a.starts_at, l.timezone AS time_zone, a.status AS appointment_status,
            (SELECT array_agg(s.name ORDER BY x.position) FROM appointment_services x JOIN services s ON s.tenant_id = x.tenant_id AND s.id = x.service_id
              WHERE x.tenant_id = a.tenant_id AND x.appointment_id = a.id) AS services
       FROM client_forms f
       JOIN form_templates t ON t.tenant_id = f.tenant_id AND t.id = f.template_id
       JOIN form_versions v ON v.tenant_id = f.tenant_id AND v.id = f.form_version_id
       LEFT JOIN appointments a ON a.tenant_id = f.tenant_id AND a.id = f.appointment_id
       LEFT JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id
       LEFT JOIN operators o ON o.tenant_id = f.tenant_id AND o.id = f.voided_by
      WHERE f.client_id = $1
      ORDER BY f.created_at DESC, f.id`,
    [clientId],
  );
  ctx.audit({ action: 'read', recordType: 'client_forms', recordId: clientId, clientIds: [clientId] });
  return rows.map((r) => {
    const standing = formStanding({ status: r.status, signedAt: r.signed_at }, { rule: r.rule, renewalMonths: r.renewal_months }, now);
    return {
      id: r.id,
      templateId: r.template_id,
      templateName: r.template_name,
      kind: r.kind,
      version: r.version,
      status: standing.status,
      renewalDue: standing.renewalDue,
      createdAt: r.created_at,
      signedAt: r.signed_at,
      appointment:
        r.appointment_id && r.starts_at
          ? { id: r.appointment_id, startsAt: r.starts_at, timeZone: r.time_zone ?? 'UTC', services: r.services ?? [], status: r.appointment_status ?? 'booked' }
          : null,
      voided: r.voided_at ? { at: r.voided_at, by: r.voided_by_name ?? 'Someone', reason: r.void_reason ?? '' } : null,
    };
  });
}

export interface ClientLinkView {
  id: string;
  channel: LinkChannel;
  state: LinkState;
  createdAt: Date;
  createdBy: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  revoked: { at: Date; by: string } | null;
  /** The names of the forms the link opens, in its order. */
  forms: string[];
}

/** How many links the tab lists, newest first. */
export const LINKS_SHOWN = 20;

/** The links sent for this client's forms, newest first, audited as one read naming the client. */
export async function listClientLinks(ctx: ServiceCtx, clientId: string, now: Date): Promise<ClientLinkView[]> {
  const { rows } = await ctx.tx.$client.query<{
    id: string;
    channel: LinkChannel;
    created_at: Date;
    created_by_name: string | null;
    expires_at: Date;
    used_at: Date | null;
    revoked_at: Date | null;
    revoked_by_name: string | null;
    forms: string[] | null;
  }>(
    `SELECT k.id, k.channel, k.created_at, c.full_name AS created_by_name, k.expires_at, k.used_at, k.revoked_at, r.full_name AS revoked_by_name,
            (SELECT array_agg(t.name ORDER BY array_position(k.client_form_ids, f.id))
               FROM client_forms f JOIN form_templates t ON t.tenant_id = f.tenant_id AND t.id = f.template_id
              WHERE f.tenant_id = k.tenant_id AND f.id = ANY(k.client_form_ids)) AS forms
       FROM form_links k
       LEFT JOIN operators c ON c.tenant_id = k.tenant_id AND c.id = k.created_by
       LEFT JOIN operators r ON r.tenant_id = k.tenant_id AND r.id = k.revoked_by
      WHERE k.client_id = $1
      ORDER BY k.created_at DESC, k.id
      LIMIT ${LINKS_SHOWN}`,
    [clientId],
  );
  ctx.audit({ action: 'read', recordType: 'form_links', recordId: clientId, clientIds: [clientId] });
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    state: linkState({ expiresAt: r.expires_at, usedAt: r.used_at, revokedAt: r.revoked_at }, now),
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    revoked: r.revoked_at ? { at: r.revoked_at, by: r.revoked_by_name ?? 'Someone' } : null,
    forms: r.forms ?? [],
  }));
}

export type RevokeOutcome = { ok: true } | { ok: false; status: 404 | 409; message: string };

const NOT_OPEN: Record<Exclude<LinkState, 'open'>, string> = {
  revoked: 'This link was already revoked.',
  used: 'This link was already used: everything it covered is signed.',
  expired: 'This link has already expired; it no longer opens anything.',
};

/**
 * Revokes a link of this client that is still open: from then on its token opens nothing, not
 * even a fill already under way. Audited naming the client (by `revokeFormLink`).
 */
export async function revokeClientLink(ctx: ServiceCtx, clientId: string, linkId: string, by: string, now: Date): Promise<RevokeOutcome> {
  const link = (
    await ctx.tx.$client.query<{ expires_at: Date; used_at: Date | null; revoked_at: Date | null }>(
      'SELECT expires_at, used_at, revoked_at FROM form_links WHERE id = $1 AND client_id = $2 FOR UPDATE',
      [linkId, clientId],
    )
  ).rows[0];
  if (!link) return { ok: false, status: 404, message: 'There is no such link for this client.' };
  const state = linkState({ expiresAt: link.expires_at, usedAt: link.used_at, revokedAt: link.revoked_at }, now);
  if (state !== 'open') return { ok: false, status: 409, message: NOT_OPEN[state] };
  if (!(await revokeFormLink(ctx, linkId, by, now))) return { ok: false, status: 409, message: NOT_OPEN.revoked };
  return { ok: true };
}

/** The spa's form link lifetime in days (1–30, 7 unless changed in Settings). */
export async function formLinkDays(ctx: ServiceCtx): Promise<number> {
  const { rows } = await ctx.tx.$client.query<{ days: number }>('SELECT form_link_days AS days FROM tenants WHERE id = current_tenant_id()');
  return rows[0]?.days ?? 7;
}

export const VOID_REASON = { min: 3, max: 500 } as const;

export type VoidOutcome = { ok: true } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

/**
 * Voids a form of this client with a reason: it stays on the record, shown as voided with who,
 * when and why. A signed form keeps its signature row (the database never changes or deletes
 * one); voiding it withdraws a signed consent, so it takes `mayVoidSigned` (decided by the route).
 * Audited naming the client.
 */
export async function voidClientForm(
  ctx: ServiceCtx,
  clientId: string,
  formId: string,
  reason: string,
  voider: string,
  mayVoidSigned: boolean,
): Promise<VoidOutcome> {
  const why = reason.replace(/\s+/g, ' ').trim();
  const q = ctx.tx.$client;
  await lockVisitOfForm(ctx, formId);
  const form = (await q.query<{ status: ClientFormStatus }>('SELECT status FROM client_forms WHERE id = $1 AND client_id = $2 FOR UPDATE', [formId, clientId])).rows[0];
  if (!form) return { ok: false, status: 404, message: 'There is no such form on this client’s record.' };
  if (form.status !== 'pending' && form.status !== 'signed') return { ok: false, status: 409, message: 'This form is already final: only a form waiting to be signed, or a signed one, can be voided.' };
  if (form.status === 'signed' && !mayVoidSigned) return { ok: false, status: 403, message: 'Voiding a signed form needs the right to manage forms (owners and managers).' };
  if (why.length < VOID_REASON.min) return { ok: false, status: 400, message: 'Write why this form is voided, so the record explains it.' };
  if (why.length > VOID_REASON.max) return { ok: false, status: 400, message: `Keep the reason to ${VOID_REASON.max} characters at most.` };
  await q.query(`UPDATE client_forms SET status = 'voided', voided_at = now(), voided_by = $2, void_reason = $3 WHERE id = $1`, [formId, voider, why]);
  ctx.audit({ action: 'void', recordType: 'client_form', recordId: formId, clientIds: [clientId] });
  return { ok: true };
}
