/**
 * The forms asked of one client (the Forms tab): pending, signed, expired and voided, each with
 * its template, exact version and visit. Reading the list is a PHI read, audited naming the
 * client; voiding keeps the row with who, when and why.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
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

export const VOID_REASON = { min: 3, max: 500 } as const;

export type VoidOutcome = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * Voids a pending form of this client with a reason: it stays on the record, shown as voided.
 * (Voiding a signed form comes with signing.) Audited naming the client.
 */
export async function voidClientForm(ctx: ServiceCtx, clientId: string, formId: string, reason: string, voider: string): Promise<VoidOutcome> {
  const why = reason.replace(/\s+/g, ' ').trim();
  const q = ctx.tx.$client;
  const form = (await q.query<{ status: ClientFormStatus }>('SELECT status FROM client_forms WHERE id = $1 AND client_id = $2 FOR UPDATE', [formId, clientId])).rows[0];
  if (!form) return { ok: false, status: 404, message: 'There is no such form on this client’s record.' };
  if (why.length < VOID_REASON.min) return { ok: false, status: 400, message: 'Write why this form is voided, so the record explains it.' };
  if (why.length > VOID_REASON.max) return { ok: false, status: 400, message: `Keep the reason under ${VOID_REASON.max} characters.` };
  if (form.status !== 'pending') return { ok: false, status: 409, message: 'Only a form waiting to be signed can be voided here.' };
  await q.query(`UPDATE client_forms SET status = 'voided', voided_at = now(), voided_by = $2, void_reason = $3 WHERE id = $1`, [formId, voider, why]);
  ctx.audit({ action: 'void', recordType: 'client_form', recordId: formId, clientIds: [clientId] });
  return { ok: true };
}
