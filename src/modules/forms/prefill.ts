/**
 * "Use my answers from last time" on the fill page (issue 7, PUB-1): an intake form whose client
 * signed the same template before (any version) may be filled from that signature, but only once
 * the client confirms a six-digit code sent to the mobile number on file by text (with consent
 * to texts) or else to the email address (with consent to email). Codes last 10 minutes and take
 * 5 wrong tries; a link may send 3 an hour and 10 in all, and one form, over all its links (a kiosk
 * start makes a new one), 10 a day; after 15 wrong tries in all the form is no longer offered. Until a code matches, nothing of the old answers is
 * read. A match copies the answers that still fit the current version into the form's progress,
 * audited as a read of the old signature and an update of the form, in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { Answers, Lang } from './definition.ts';
import { openFormLink, type LinkMessage, type OpenLink } from './form-links.ts';
import { carryOverAnswers } from './prefill-answers.ts';
import { progressSavedBefore } from './progress-held-back.ts';
import {
  hashPrefillCode,
  maskEmail,
  maskPhone,
  newPrefillCode,
  PREFILL_CODE_TTL_MS,
  PREFILL_MAX_TRIES,
  PREFILL_SENDS_PER_FORM_PER_DAY,
  PREFILL_SENDS_PER_HOUR,
  PREFILL_SENDS_PER_LINK,
  PREFILL_WRONG_TRIES_PER_FORM,
  prefillCodeKey,
  prefillCodeMatches,
  readPrefillCode,
} from './prefill-code.ts';

type OpenForms = Extract<OpenLink, { state: 'open' }>;

/** What the page may offer for one form: the offer alone, or a code sent and waiting. */
export interface PrefillOffer {
  waiting: { channel: 'sms' | 'email'; hint: string } | null;
}

/**
 * The pending intake forms of an open link that may be filled from last time: the client has a
 * signed form of the same template, this form has not been filled that way already, and its codes
 * have not been guessed at too often over all its links. Reads no answers.
 */
export async function prefillOffers(ctx: ServiceCtx, open: OpenForms, now: Date): Promise<Map<string, PrefillOffer>> {
  const pending = open.forms.filter((f) => f.status === 'pending').map((f) => f.id);
  const offers = new Map<string, PrefillOffer>();
  if (pending.length === 0) return offers;
  const { rows } = await ctx.tx.$client.query<{ id: string; channel: 'sms' | 'email' | null; hint: string | null }>(
    `SELECT f.id, w.channel, w.destination_hint AS hint
       FROM client_forms f
       JOIN form_templates t ON t.tenant_id = f.tenant_id AND t.id = f.template_id AND t.kind = 'intake'
       LEFT JOIN LATERAL (
         SELECT c.channel, c.destination_hint FROM form_prefill_codes c
          WHERE c.tenant_id = f.tenant_id AND c.client_form_id = f.id AND c.link_id = $2
            AND c.used_at IS NULL AND c.expires_at > $3 AND c.attempts < $4
          ORDER BY c.created_at DESC LIMIT 1
       ) w ON true
      WHERE f.id = ANY($1::uuid[]) AND f.status = 'pending'
        AND EXISTS (SELECT 1 FROM client_forms p WHERE p.tenant_id = f.tenant_id AND p.client_id = f.client_id AND p.template_id = f.template_id AND p.status = 'signed')
        AND NOT EXISTS (SELECT 1 FROM form_prefill_codes u WHERE u.tenant_id = f.tenant_id AND u.client_form_id = f.id AND u.used_at IS NOT NULL)
        AND (SELECT coalesce(sum(g.attempts), 0) FROM form_prefill_codes g WHERE g.tenant_id = f.tenant_id AND g.client_form_id = f.id) < $5`,
    [pending, open.linkId, now, PREFILL_MAX_TRIES, PREFILL_WRONG_TRIES_PER_FORM],
  );
  for (const r of rows) offers.set(r.id, { waiting: r.channel && r.hint ? { channel: r.channel, hint: r.hint } : null });
  return offers;
}

const WORDS = {
  en: {
    text: (spa: string, code: string) => `${spa}: your code is ${code}. It works for 10 minutes.`,
    subject: (spa: string) => `${spa}: your code`,
    notOffered: 'There are no earlier answers to fill in for this form.',
    tooMany: 'You asked for 3 codes in the last hour. Please wait an hour, or answer the questions yourself.',
    spent: 'This link has sent all the codes it may. Please answer the questions yourself.',
    dayFull: 'We have sent as many codes for this form as we may today. Please answer the questions yourself, or try again tomorrow.',
    noWay: 'We have no mobile number or email address we may use to send you a code. Please answer the questions yourself.',
    shape: 'Enter the 6 digits of the code we sent you.',
    none: 'Ask for a code first: press “Use my answers from last time”.',
    expired: 'This code has expired. Send a new code.',
    used: 'This code was tried too many times. Send a new code.',
    wrong: (left: number) => `That code is not right. You can try ${left === 1 ? 'once more' : `${left} more times`}.`,
  },
  es: {
    text: (spa: string, code: string) => `${spa}: su código es ${code}. Es válido durante 10 minutos.`,
    subject: (spa: string) => `${spa}: su código`,
    notOffered: 'No hay respuestas anteriores para este formulario.',
    tooMany: 'Ha pedido 3 códigos en la última hora. Espere una hora o responda las preguntas usted mismo.',
    spent: 'Este enlace ya envió todos los códigos que puede. Responda las preguntas usted mismo.',
    dayFull: 'Hoy ya enviamos todos los códigos que podemos para este formulario. Responda las preguntas usted mismo o inténtelo mañana.',
    noWay: 'No tenemos un número de móvil ni un correo electrónico que podamos usar para enviarle un código. Responda las preguntas usted mismo.',
    shape: 'Escriba los 6 dígitos del código que le enviamos.',
    none: 'Primero pida un código: pulse «Usar mis respuestas de la última vez».',
    expired: 'Este código ha caducado. Pida un código nuevo.',
    used: 'Este código se ha intentado demasiadas veces. Pida un código nuevo.',
    wrong: (left: number) => `El código no es correcto. ${left === 1 ? 'Le queda un intento.' : `Le quedan ${left} intentos.`}`,
  },
} as const;

/** The limits over all of a form's links hold when two links race only with the form's row locked. */
async function lockForm(ctx: ServiceCtx, formId: string): Promise<void> {
  await ctx.tx.$client.query('SELECT 1 FROM client_forms WHERE id = $1 FOR UPDATE', [formId]);
}

export type PrefillRefusal = { ok: false; status: 400 | 404 | 409 | 410 | 429; message: string };
export type SendCodeOutcome = { ok: true; codeId: string; channel: 'sms' | 'email'; hint: string; message: LinkMessage } | PrefillRefusal;

/**
 * Makes a code for one form of the link and writes its message (the spa's name and the code,
 * nothing else), for the caller to deliver once the transaction has committed. Audited as sent,
 * naming the client.
 */
export async function sendPrefillCode(
  ctx: ServiceCtx,
  input: { token: string; formId: string; lang: Lang; secret: string; spaName: string; spaSlug: string; now: Date },
): Promise<SendCodeOutcome> {
  const w = WORDS[input.lang];
  // Locking the link makes "3 an hour" hold when two sends race; locking the form, "10 a day" over its links.
  const open = await openFormLink(ctx, input.token, input.now, true);
  if (open.state !== 'open') return { ok: false, status: 410, message: w.notOffered };
  if (!open.forms.some((f) => f.id === input.formId)) return { ok: false, status: 404, message: w.notOffered };
  await lockForm(ctx, input.formId);
  if (!(await prefillOffers(ctx, open, input.now)).has(input.formId)) return { ok: false, status: 404, message: w.notOffered };
  const today = (
    await ctx.tx.$client.query<{ n: number }>('SELECT count(*)::int AS n FROM form_prefill_codes WHERE client_form_id = $1 AND created_at > $2', [
      input.formId,
      new Date(input.now.getTime() - 24 * 60 * 60 * 1000),
    ])
  ).rows[0]!;
  const sends = (
    await ctx.tx.$client.query<{ total: number; recent: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE created_at > $2)::int AS recent FROM form_prefill_codes WHERE link_id = $1`,
      [open.linkId, new Date(input.now.getTime() - 60 * 60 * 1000)],
    )
  ).rows[0]!;
  if (sends.total >= PREFILL_SENDS_PER_LINK) return { ok: false, status: 429, message: w.spent };
  if (sends.recent >= PREFILL_SENDS_PER_HOUR) return { ok: false, status: 429, message: w.tooMany };
  if (today.n >= PREFILL_SENDS_PER_FORM_PER_DAY) return { ok: false, status: 429, message: w.dayFull };
  const client = (
    await ctx.tx.$client.query<{ email: string | null; mobile_phone: string | null; sms_consent: boolean; email_consent: boolean }>(
      `SELECT email::text AS email, mobile_phone, sms_consent, email_consent FROM clients WHERE id = $1`,
      [open.clientId],
    )
  ).rows[0];
  const channel = client?.sms_consent && client.mobile_phone ? 'sms' : client?.email_consent && client.email ? 'email' : null;
  if (!client || !channel) return { ok: false, status: 409, message: w.noWay };
  const to = channel === 'sms' ? client.mobile_phone! : client.email!;
  const hint = channel === 'sms' ? maskPhone(to) : maskEmail(to);
  const codeId = randomUUID();
  const code = newPrefillCode();
  await ctx.tx.$client.query(
    `INSERT INTO form_prefill_codes (tenant_id, id, link_id, client_form_id, code_hash, channel, destination_hint, created_at, expires_at)
     VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6, $7, $8)`,
    [codeId, open.linkId, input.formId, hashPrefillCode(prefillCodeKey(input.secret), codeId, code), channel, hint, input.now, new Date(input.now.getTime() + PREFILL_CODE_TTL_MS)],
  );
  ctx.audit({ action: 'send', recordType: 'form_prefill_code', recordId: codeId, clientIds: [open.clientId] });
  return { ok: true, codeId, channel, hint, message: { channel, to, subject: w.subject(input.spaName), text: w.text(input.spaName, code), spaSlug: input.spaSlug } };
}

export type ConfirmCodeOutcome = { ok: true; filled: string[] } | PrefillRefusal;

/**
 * Checks a code for one form of the link. A wrong one counts a try (kept even though the answer
 * is a refusal: the caller commits); the right one fills the form's progress from the client's
 * latest signed copy of the same template, only with answers the current version still accepts.
 */
export async function confirmPrefillCode(
  ctx: ServiceCtx,
  input: { token: string; formId: string; code: string; lang: Lang; secret: string; now: Date; hideProgressBefore?: Date | null },
): Promise<ConfirmCodeOutcome> {
  const w = WORDS[input.lang];
  const open = await openFormLink(ctx, input.token, input.now, true);
  if (open.state !== 'open') return { ok: false, status: 410, message: w.notOffered };
  const form = open.forms.find((f) => f.id === input.formId);
  if (!form) return { ok: false, status: 404, message: w.notOffered };
  await lockForm(ctx, form.id);
  if (!(await prefillOffers(ctx, open, input.now)).has(form.id)) return { ok: false, status: 404, message: w.notOffered };
  const row = (
    await ctx.tx.$client.query<{ id: string; code_hash: string; expires_at: Date; attempts: number }>(
      `SELECT id, code_hash, expires_at, attempts FROM form_prefill_codes
        WHERE link_id = $1 AND client_form_id = $2 AND used_at IS NULL ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [open.linkId, form.id],
    )
  ).rows[0];
  if (!row) return { ok: false, status: 409, message: w.none };
  if (row.attempts >= PREFILL_MAX_TRIES) return { ok: false, status: 429, message: w.used };
  if (row.expires_at.getTime() <= input.now.getTime()) return { ok: false, status: 400, message: w.expired };
  const code = readPrefillCode(input.code);
  if (!code) return { ok: false, status: 400, message: w.shape };
  if (!prefillCodeMatches(prefillCodeKey(input.secret), row.id, code, row.code_hash)) {
    const tries = row.attempts + 1;
    await ctx.tx.$client.query('UPDATE form_prefill_codes SET attempts = $2 WHERE id = $1', [row.id, tries]);
    return tries >= PREFILL_MAX_TRIES ? { ok: false, status: 429, message: w.used } : { ok: false, status: 400, message: w.wrong(PREFILL_MAX_TRIES - tries) };
  }
  await ctx.tx.$client.query('UPDATE form_prefill_codes SET used_at = $2 WHERE id = $1', [row.id, input.now]);
  const last = (
    await ctx.tx.$client.query<{ id: string; content: { answers?: unknown } }>(
      `SELECT s.id, s.content FROM client_forms f
         JOIN client_forms p ON p.tenant_id = f.tenant_id AND p.client_id = f.client_id AND p.template_id = f.template_id AND p.status = 'signed'
         JOIN form_signatures s ON s.tenant_id = p.tenant_id AND s.client_form_id = p.id
        WHERE f.id = $1 ORDER BY s.signed_at DESC, s.id DESC LIMIT 1`,
      [form.id],
    )
  ).rows[0];
  if (!last) return { ok: false, status: 404, message: w.notOffered };
  const carried = carryOverAnswers(last.content.answers, form.definition);
  // On a kiosk holding earlier answers back, those are not merged in: the page would then show them.
  const heldBack = input.hideProgressBefore ? (await progressSavedBefore(ctx, [form.id], input.hideProgressBefore)).has(form.id) : false;
  const progress: Answers = { ...(heldBack ? {} : form.progress), ...carried };
  await ctx.tx.$client.query('UPDATE client_forms SET progress = $2::jsonb, progress_saved_at = $3 WHERE id = $1', [form.id, JSON.stringify(progress), input.now]);
  ctx.audit({ action: 'read', recordType: 'form_signature', recordId: last.id, clientIds: [open.clientId] });
  ctx.audit({ action: 'update', recordType: 'client_form', recordId: form.id, clientIds: [open.clientId] });
  return { ok: true, filled: Object.keys(carried) };
}
