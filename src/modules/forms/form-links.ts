/**
 * Links that open a client's forms without a login (issue 7, PUB-1, §6a): made by the front desk
 * for one client and a set of that client's pending forms, sent by SMS or email through the PHI
 * messaging port (the message carries the spa's name and the link, never PHI), opened on the spa's
 * host. The token carries 256 random bits; only its SHA-256 is stored. A link expires (after the
 * spa's `form_link_days`, 7 by default), can be revoked, and once every form it covers is signed
 * it shows only the date.
 */
import { hashToken, newToken } from '../../infra/crypto/tokens.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { Messaging } from '../../infra/messaging/ports.ts';
import { answersSchema, readDefinition, validateAnswers, type Answers, type FormDefinition, type Lang } from './definition.ts';
import { freezeContent, signaturePng } from './signature.ts';
import { lockVisitOfForm } from './visit-lock.ts';

export const FORM_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const FORM_LINK_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export type LinkChannel = 'sms' | 'email' | 'kiosk';

export type IssueOutcome = { ok: true; linkId: string; token: string } | { ok: false; status: 400 | 404 | 409; message: string };

/** Makes a link for pending forms of one client. Returns the raw token, for the message only. */
export async function issueFormLink(
  ctx: ServiceCtx,
  input: { clientId: string; clientFormIds: string[]; channel: LinkChannel; createdBy: string; now: Date; ttlMs?: number },
): Promise<IssueOutcome> {
  const ids = [...new Set(input.clientFormIds)];
  if (ids.length === 0) return { ok: false, status: 400, message: 'Choose at least one form to send.' };
  if (ids.length > 20) return { ok: false, status: 400, message: 'Send at most 20 forms in one link.' };
  const { rows } = await ctx.tx.$client.query<{ id: string; status: string }>(
    'SELECT id, status FROM client_forms WHERE client_id = $1 AND id = ANY($2::uuid[])',
    [input.clientId, ids],
  );
  if (rows.length !== ids.length) return { ok: false, status: 404, message: 'There is no such form on this client’s record.' };
  if (rows.some((r) => r.status !== 'pending')) return { ok: false, status: 409, message: 'Only forms waiting to be signed can be sent.' };
  const token = newToken();
  const expires = new Date(input.now.getTime() + (input.ttlMs ?? FORM_LINK_TTL_MS));
  const made = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO form_links (tenant_id, client_id, client_form_ids, token_hash, channel, created_by, created_at, expires_at)
     VALUES (current_tenant_id(), $1, $2::uuid[], $3, $4, $5, $6, $7) RETURNING id`,
    [input.clientId, ids, hashToken(token), input.channel, input.createdBy, input.now, expires],
  );
  const linkId = made.rows[0]!.id;
  ctx.audit({ action: 'create', recordType: 'form_link', recordId: linkId, clientIds: [input.clientId] });
  return { ok: true, linkId, token };
}

/** Every pending form of one client, in the order they were asked. */
export async function pendingFormsOfClient(ctx: ServiceCtx, clientId: string): Promise<string[]> {
  const { rows } = await ctx.tx.$client.query<{ id: string }>(`SELECT id FROM client_forms WHERE client_id = $1 AND status = 'pending' ORDER BY created_at, id LIMIT 20`, [clientId]);
  return rows.map((r) => r.id);
}

/** The pending forms of one appointment, in the order they were asked. */
export async function pendingFormsOfAppointment(ctx: ServiceCtx, clientId: string, appointmentId: string): Promise<string[]> {
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `SELECT id FROM client_forms WHERE client_id = $1 AND appointment_id = $2 AND status = 'pending' ORDER BY created_at, id`,
    [clientId, appointmentId],
  );
  return rows.map((r) => r.id);
}

export interface LinkMessage {
  channel: 'sms' | 'email';
  to: string;
  subject: string;
  text: string;
  spaSlug: string;
}

export type SendOutcome = { ok: true; linkId: string; message: LinkMessage } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * Makes a link to send by SMS or email, honouring the client's consent to that channel and needing
 * a number or address on file, and writes its message: the spa's name and the link only. The caller
 * delivers it with `deliverLinkMessage` once the transaction has committed. Audited as sent.
 */
export async function sendFormLink(
  ctx: ServiceCtx,
  input: { clientId: string; clientFormIds: string[]; channel: 'sms' | 'email'; sentBy: string; origin: string; spaName: string; spaSlug: string; now: Date; ttlMs?: number },
): Promise<SendOutcome> {
  const client = (
    await ctx.tx.$client.query<{ email: string | null; mobile_phone: string | null; sms_consent: boolean; email_consent: boolean; preferred_language: string }>(
      `SELECT email::text AS email, mobile_phone, sms_consent, email_consent, preferred_language FROM clients WHERE id = $1 AND status <> 'merged'`,
      [input.clientId],
    )
  ).rows[0];
  if (!client) return { ok: false, status: 404, message: 'There is no such client.' };
  if (input.channel === 'sms') {
    if (!client.sms_consent) return { ok: false, status: 409, message: 'This client has not agreed to text messages: send by email, or ask them and update their consent first.' };
    if (!client.mobile_phone) return { ok: false, status: 409, message: 'This client has no mobile number on file.' };
  } else {
    if (!client.email_consent) return { ok: false, status: 409, message: 'This client has not agreed to email: send by text, or ask them and update their consent first.' };
    if (!client.email) return { ok: false, status: 409, message: 'This client has no email address on file.' };
  }
  const issued = await issueFormLink(ctx, { clientId: input.clientId, clientFormIds: input.clientFormIds, channel: input.channel, createdBy: input.sentBy, now: input.now, ttlMs: input.ttlMs });
  if (!issued.ok) return issued;
  const url = `${input.origin}/f/${issued.token}`;
  const es = client.preferred_language === 'es';
  const text = es
    ? `${input.spaName}: tiene formularios para completar antes de su visita. Ábralos aquí: ${url}`
    : `${input.spaName}: you have forms to complete before your visit. Open them here: ${url}`;
  const subject = es ? `${input.spaName}: formularios para completar` : `${input.spaName}: forms to complete`;
  ctx.audit({ action: 'send', recordType: 'form_link', recordId: issued.linkId, clientIds: [input.clientId] });
  return {
    ok: true,
    linkId: issued.linkId,
    message: { channel: input.channel, to: input.channel === 'sms' ? client.mobile_phone! : client.email!, subject, text, spaSlug: input.spaSlug },
  };
}

/** Delivers a link's message through the PHI email port or the SMS port. */
export async function deliverLinkMessage(messaging: Pick<Messaging, 'sms' | 'phiEmail'>, message: LinkMessage): Promise<void> {
  if (message.channel === 'sms') await messaging.sms.send({ to: message.to, body: message.text, spaSlug: message.spaSlug });
  else await messaging.phiEmail.send({ to: message.to, subject: message.subject, text: message.text, spaSlug: message.spaSlug });
}

/** Revokes a link that is still open. Audited. */
export async function revokeFormLink(ctx: ServiceCtx, linkId: string, by: string, now: Date): Promise<boolean> {
  const { rows } = await ctx.tx.$client.query<{ client_id: string }>(
    'UPDATE form_links SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL AND used_at IS NULL RETURNING client_id',
    [linkId, now, by],
  );
  if (!rows[0]) return false;
  ctx.audit({ action: 'revoke', recordType: 'form_link', recordId: linkId, clientIds: [rows[0].client_id] });
  return true;
}

export interface LinkedForm {
  id: string;
  definition: FormDefinition;
  status: 'pending' | 'signed' | 'voided' | 'expired';
  progress: Answers;
  signedAt: Date | null;
}

export type OpenLink =
  | { state: 'open'; linkId: string; clientId: string; expiresAt: Date; minor: boolean; guardianNames: string[]; forms: LinkedForm[]; kiosk?: true }
  | { state: 'signed'; signedAt: Date; kiosk?: true }
  | { state: 'expired' }
  | { state: 'invalid' };

type LinkRow = { id: string; client_id: string; client_form_ids: string[]; expires_at: Date; used_at: Date | null; revoked_at: Date | null; channel: LinkChannel };

async function linkRow(ctx: ServiceCtx, token: string, lock: boolean): Promise<LinkRow | null> {
  if (!FORM_LINK_SHAPE.test(token)) return null;
  const { rows } = await ctx.tx.$client.query<LinkRow>(
    `SELECT id, client_id, client_form_ids, expires_at, used_at, revoked_at, channel FROM form_links WHERE token_hash = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [hashToken(token)],
  );
  return rows[0] ?? null;
}

/**
 * What a token opens: its forms while open; only the date once everything is signed; expired; or
 * invalid (unknown, revoked, another spa's, or a client form no longer the link's client's — one
 * answer, whatever the reason). Reading an open link's forms is audited naming the client.
 */
export async function openFormLink(ctx: ServiceCtx, token: string, now: Date, lock = false): Promise<OpenLink> {
  const link = await linkRow(ctx, token, lock);
  if (!link || link.revoked_at) return { state: 'invalid' };
  // A link handed over on the front desk's tablet (kiosk mode, ADR 012) draws the kiosk's pages.
  const kiosk = link.channel === 'kiosk' ? { kiosk: true as const } : {};
  if (link.used_at) return { state: 'signed', signedAt: link.used_at, ...kiosk };
  if (link.expires_at.getTime() <= now.getTime()) return { state: 'expired' };
  const { rows } = await ctx.tx.$client.query<{ id: string; definition: unknown; status: LinkedForm['status']; progress: Answers; signed_at: Date | null; client_id: string }>(
    `SELECT f.id, v.definition, f.status, f.progress, f.signed_at, f.client_id
       FROM client_forms f JOIN form_versions v ON v.tenant_id = f.tenant_id AND v.id = f.form_version_id
      WHERE f.id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], f.id)`,
    [link.client_form_ids],
  );
  if (rows.length !== link.client_form_ids.length || rows.some((r) => r.client_id !== link.client_id)) return { state: 'invalid' };
  const who = (
    await ctx.tx.$client.query<{ minor: boolean; guardians: string[] | null }>(
      `SELECT (c.date_of_birth > ($2::timestamptz AT TIME ZONE 'UTC')::date - make_interval(years => t.age_of_majority)) AS minor,
              (SELECT array_agg(g.full_name ORDER BY g.recorded_at) FROM client_guardians g WHERE g.tenant_id = c.tenant_id AND g.client_id = c.id AND g.removed_at IS NULL) AS guardians
         FROM clients c JOIN tenants t ON t.id = c.tenant_id WHERE c.id = $1`,
      [link.client_id, now],
    )
  ).rows[0];
  ctx.audit({ action: 'read', recordType: 'form_link', recordId: link.id, clientIds: [link.client_id] });
  return {
    state: 'open',
    linkId: link.id,
    clientId: link.client_id,
    expiresAt: link.expires_at,
    minor: who?.minor ?? false,
    guardianNames: who?.guardians ?? [],
    forms: rows.map((r) => ({ id: r.id, definition: readDefinition(r.definition), status: r.status, progress: r.progress, signedAt: r.signed_at })),
    ...kiosk,
  };
}

/** Answers as posted, kept to the shape answers may have (anything else is dropped, not saved). */
function cleanAnswers(answers: unknown): Answers {
  const parsed = answersSchema.safeParse(answers);
  return parsed.success ? (parsed.data as Answers) : {};
}

export type ProgressOutcome = { ok: true; errors: Record<string, string> } | { ok: false; state: 'invalid' | 'expired' | 'signed' | 'not_pending' };

/**
 * Saves the answers so far into the form's progress. Invalid answers never block saving: the
 * messages come back for the page to show beside each field.
 */
export async function saveFormProgress(ctx: ServiceCtx, token: string, formId: string, answers: unknown, lang: Lang, now: Date): Promise<ProgressOutcome> {
  const open = await openFormLink(ctx, token, now);
  if (open.state !== 'open') return { ok: false, state: open.state };
  const form = open.forms.find((f) => f.id === formId);
  if (!form) return { ok: false, state: 'invalid' };
  if (form.status !== 'pending') return { ok: false, state: 'not_pending' };
  const clean = cleanAnswers(answers);
  await ctx.tx.$client.query('UPDATE client_forms SET progress = $2::jsonb, progress_saved_at = $3 WHERE id = $1', [formId, JSON.stringify(clean), now]);
  ctx.audit({ action: 'update', recordType: 'client_form', recordId: formId, clientIds: [open.clientId] });
  return { ok: true, errors: validateAnswers(form.definition, clean, lang) };
}

export interface SignInput {
  answers: unknown;
  signatureDataUrl: string;
  typedName: string;
  consent: boolean;
  /** For a minor's forms: the signer says they are the guardian named on the record. */
  asGuardian: boolean;
  lang: Lang;
  ip: string | null;
  userAgent: string | null;
}

export type SignOutcome =
  | { ok: true; signatureId: string; linkUsed: boolean }
  | { ok: false; state: 'invalid' | 'expired' | 'signed' | 'not_pending' }
  | { ok: false; state: 'refused'; errors: Record<string, string> };

const SIGN_WORDS = {
  en: {
    name: 'Type your full name.',
    consent: 'Tick the box to agree to sign electronically.',
    signature: 'Draw your signature in the box.',
    guardian: 'This form is for a minor: confirm that you are the parent or guardian named on the record.',
  },
  es: {
    name: 'Escriba su nombre completo.',
    consent: 'Marque la casilla para aceptar firmar electrónicamente.',
    signature: 'Dibuje su firma en el recuadro.',
    guardian: 'Este formulario es de un menor: confirme que usted es el padre, la madre o el tutor que figura en el expediente.',
  },
} as const;
export const signWords = (lang: Lang) => SIGN_WORDS[lang];

/**
 * Signs one form of the link: every answer valid, a real PNG signature, a typed name, consent
 * ticked (and for a minor, the guardian's confirmation). Then, in the caller's one transaction: the
 * signature row with the frozen content and its SHA-256, the form signed, and the link used once
 * every form it covers is signed. Audited as a create naming the client.
 */
export async function signLinkedForm(ctx: ServiceCtx, token: string, formId: string, input: SignInput, now: Date): Promise<SignOutcome> {
  const open = await openFormLink(ctx, token, now, true);
  if (open.state !== 'open') return { ok: false, state: open.state };
  const form = open.forms.find((f) => f.id === formId);
  if (!form) return { ok: false, state: 'invalid' };
  if (form.status !== 'pending') return { ok: false, state: 'not_pending' };
  const words = SIGN_WORDS[input.lang];
  const answers = cleanAnswers(input.answers);
  const errors: Record<string, string> = { ...validateAnswers(form.definition, answers, input.lang) };
  const typedName = input.typedName.replace(/\s+/g, ' ').trim();
  if (typedName.length < 2 || typedName.length > 200) errors.signer_name = words.name;
  if (!input.consent) errors.signer_consent = words.consent;
  const image = signaturePng(input.signatureDataUrl);
  if (!image) errors.signer_signature = words.signature;
  if (open.minor && !input.asGuardian) errors.signer_guardian = words.guardian;
  if (Object.keys(errors).length > 0 || !image) {
    await ctx.tx.$client.query('UPDATE client_forms SET progress = $2::jsonb, progress_saved_at = $3 WHERE id = $1', [formId, JSON.stringify(answers), now]);
    return { ok: false, state: 'refused', errors };
  }
  await lockVisitOfForm(ctx, formId);
  const frozen = freezeContent(form.definition, answers);
  const made = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO form_signatures (tenant_id, client_form_id, content, content_sha256, image_png, typed_name, signer_kind, signed_at, ip, user_agent, link_id, lang)
     VALUES (current_tenant_id(), $1, $2::jsonb, $3, $4, $5, $6, $7, $8::inet, $9, $10, $11) RETURNING id`,
    [formId, JSON.stringify(frozen.content), frozen.sha256, image, typedName, open.minor ? 'guardian' : 'client', now, input.ip, input.userAgent?.slice(0, 256) ?? null, open.linkId, input.lang],
  );
  await ctx.tx.$client.query(`UPDATE client_forms SET status = 'signed', signed_at = $2, progress = $3::jsonb, progress_saved_at = $2 WHERE id = $1`, [formId, now, JSON.stringify(answers)]);
  const left = open.forms.filter((f) => f.id !== formId && f.status === 'pending').length;
  if (left === 0) await ctx.tx.$client.query('UPDATE form_links SET used_at = $2 WHERE id = $1', [open.linkId, now]);
  const signatureId = made.rows[0]!.id;
  ctx.audit({ action: 'create', recordType: 'form_signature', recordId: signatureId, clientIds: [open.clientId] });
  return { ok: true, signatureId, linkUsed: left === 0 };
}
