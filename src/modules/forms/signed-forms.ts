/**
 * One form of a client as the CRM shows it (issue 7, PUB-2, CRM-5): a signed form's frozen
 * content, signature and whether its SHA-256 still verifies; a pending form's questions and the
 * answers saved so far. The signature image, the PDF (made on first use, then kept encrypted in the
 * file store, checked against its SHA-256 on every read) and emailing that PDF to the client. Every
 * read, download and send writes its audit row naming the client, in the caller's transaction.
 */
import { createHash } from 'node:crypto';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { EmailAttachment } from '../../infra/messaging/ports.ts';
import type { FileStore } from '../../infra/storage/file-store.ts';
import { readSpaLogo } from '../identity/logo/spa-logo.ts';
import { isTimeZone } from '../identity/spa-time.ts';
import { answersSchema, checkDefinition, isLang, readDefinition, type Answers, type FormDefinition, type Lang } from './definition.ts';
import { renderSignedFormPdf } from './pdf/signed-form-pdf.ts';
import type { ClientFormStatus, FormKind } from './rules.ts';
import { verifySignature } from './signature.ts';

export interface SignatureDetail {
  id: string;
  typedName: string;
  signerKind: 'client' | 'guardian';
  signedAt: Date;
  ip: string | null;
  userAgent: string | null;
  linkId: string | null;
  contentSha256: string;
  /** The language signed in (the client's preferred language for signatures before it was kept). */
  lang: Lang;
  /** The stored content still hashes to contentSha256. */
  verified: boolean;
  /** The stored content as a form, or null when it no longer reads as one (altered beyond that). */
  content: { definition: FormDefinition; answers: Answers } | null;
}

export interface ClientFormDetail {
  id: string;
  clientId: string;
  clientName: string;
  status: ClientFormStatus;
  templateName: string;
  kind: FormKind;
  version: number;
  createdAt: Date;
  /** The version asked: what a pending form shows. */
  definition: FormDefinition;
  /** Answers saved so far (a pending form). */
  progress: Answers;
  voided: { at: Date; by: string | null; reason: string } | null;
  signature: SignatureDetail | null;
  /** The zone of the visit's location (or the spa's), for times. */
  timeZone: string;
}

type Row = {
  id: string;
  client_id: string;
  client_name: string;
  preferred_language: string;
  status: ClientFormStatus;
  template_name: string;
  kind: FormKind;
  version: number;
  created_at: Date;
  definition: unknown;
  progress: unknown;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
  time_zone: string | null;
  signature_id: string | null;
  content: unknown;
  content_sha256: string | null;
  typed_name: string | null;
  signer_kind: 'client' | 'guardian' | null;
  signed_at: Date | null;
  ip: string | null;
  user_agent: string | null;
  link_id: string | null;
  lang: string | null;
};

const FORM_SQL = `
  SELECT f.id, f.client_id, c.first_name || ' ' || c.last_name AS client_name, c.preferred_language,
         f.status, t.name AS template_name, t.kind, v.version, f.created_at, v.definition, f.progress,
         f.voided_at, o.full_name AS voided_by, f.void_reason,
         coalesce((SELECT l.timezone FROM appointments a JOIN locations l ON l.tenant_id = a.tenant_id AND l.id = a.location_id WHERE a.tenant_id = f.tenant_id AND a.id = f.appointment_id),
                  (SELECT l.timezone FROM locations l WHERE l.active ORDER BY l.name LIMIT 1)) AS time_zone,
         s.id AS signature_id, s.content, s.content_sha256, s.typed_name, s.signer_kind, s.signed_at, host(s.ip) AS ip, s.user_agent, s.link_id, s.lang
    FROM client_forms f
    JOIN clients c ON c.tenant_id = f.tenant_id AND c.id = f.client_id
    JOIN form_templates t ON t.tenant_id = f.tenant_id AND t.id = f.template_id
    JOIN form_versions v ON v.tenant_id = f.tenant_id AND v.id = f.form_version_id
    LEFT JOIN form_signatures s ON s.tenant_id = f.tenant_id AND s.client_form_id = f.id
    LEFT JOIN operators o ON o.tenant_id = f.tenant_id AND o.id = f.voided_by
   WHERE f.client_id = $1 AND f.id = $2`;

const zoneOr = (zone: string | null): string => (zone && isTimeZone(zone) ? zone : 'UTC');

/** The stored content read as a form, when it still is one. */
function readableContent(content: unknown): SignatureDetail['content'] {
  if (content === null || typeof content !== 'object') return null;
  const { definition, answers } = content as { definition?: unknown; answers?: unknown };
  const def = checkDefinition(definition);
  const ans = answersSchema.safeParse(answers);
  return def.ok && ans.success ? { definition: def.definition, answers: ans.data as Answers } : null;
}

function detailOf(r: Row): ClientFormDetail {
  const progress = answersSchema.safeParse(r.progress);
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    status: r.status,
    templateName: r.template_name,
    kind: r.kind,
    version: r.version,
    createdAt: r.created_at,
    definition: readDefinition(r.definition),
    progress: progress.success ? (progress.data as Answers) : {},
    voided: r.voided_at ? { at: r.voided_at, by: r.voided_by, reason: r.void_reason ?? '' } : null,
    timeZone: zoneOr(r.time_zone),
    signature: r.signature_id
      ? {
          id: r.signature_id,
          typedName: r.typed_name!,
          signerKind: r.signer_kind!,
          signedAt: r.signed_at!,
          ip: r.ip,
          userAgent: r.user_agent,
          linkId: r.link_id,
          contentSha256: r.content_sha256!,
          lang: isLang(r.lang) ? r.lang : isLang(r.preferred_language) ? r.preferred_language : 'en',
          verified: verifySignature({ content: r.content, contentSha256: r.content_sha256! }),
          content: readableContent(r.content),
        }
      : null,
  };
}

async function loadForm(ctx: ServiceCtx, clientId: string, formId: string): Promise<ClientFormDetail | null> {
  const { rows } = await ctx.tx.$client.query<Row>(FORM_SQL, [clientId, formId]);
  return rows[0] ? detailOf(rows[0]) : null;
}

/** One form of this client, with its audit row; null when the client has no such form. */
export async function readClientForm(ctx: ServiceCtx, clientId: string, formId: string): Promise<ClientFormDetail | null> {
  const form = await loadForm(ctx, clientId, formId);
  if (!form) return null;
  ctx.audit({ action: 'read', recordType: 'client_form', recordId: formId, clientIds: [clientId] });
  return form;
}

/** The drawn signature (PNG) of a signed form, with its audit row; null when there is none. */
export async function signatureImage(ctx: ServiceCtx, clientId: string, formId: string): Promise<Buffer | null> {
  const { rows } = await ctx.tx.$client.query<{ id: string; image_png: Buffer }>(
    `SELECT s.id, s.image_png FROM form_signatures s JOIN client_forms f ON f.tenant_id = s.tenant_id AND f.id = s.client_form_id WHERE f.client_id = $1 AND f.id = $2`,
    [clientId, formId],
  );
  if (!rows[0]) return null;
  ctx.audit({ action: 'read', recordType: 'form_signature', recordId: rows[0].id, clientIds: [clientId] });
  return rows[0].image_png;
}

export type PdfOutcome = { ok: true; pdf: Buffer; filename: string; form: ClientFormDetail } | { ok: false; status: 404 | 409; message: string };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What the file is called when downloaded or attached: the signing date, nothing about the client. */
function pdfName(form: ClientFormDetail): string {
  return `signed-form-${form.signature!.signedAt.toISOString().slice(0, 10)}.pdf`;
}

/** The spa's logo for a PDF's header: pdf-lib draws PNG, which is what Lumè keeps. */
async function spaLogoPng(ctx: ServiceCtx): Promise<Uint8Array | null> {
  const logo = await readSpaLogo(ctx);
  return logo?.contentType === 'image/png' ? logo.image : null;
}

async function spaName(ctx: ServiceCtx): Promise<string> {
  const { rows } = await ctx.tx.$client.query<{ display_name: string }>('SELECT display_name FROM tenants WHERE id = current_tenant_id()');
  return rows[0]!.display_name;
}

/**
 * The PDF of a signed form: the one kept for its signature, or made now and kept (encrypted, with
 * its row) when this is the first time. A form whose content no longer verifies gets a PDF made
 * for this request only, marked ALTERED, and never kept in place of the signed record.
 */
async function pdfOf(ctx: ServiceCtx, files: FileStore, form: ClientFormDetail, now: Date): Promise<Buffer> {
  const sig = form.signature!;
  const kept = await ctx.tx.$client.query<{ object_key: string; sha256: string }>('SELECT object_key, sha256 FROM form_pdfs WHERE signature_id = $1', [sig.id]);
  if (kept.rows[0]) return storedPdf(ctx, files, kept.rows[0]);
  const image = (await ctx.tx.$client.query<{ image_png: Buffer }>('SELECT image_png FROM form_signatures WHERE id = $1', [sig.id])).rows[0]!.image_png;
  const content = sig.content ?? { definition: form.definition, answers: {} };
  const pdf = Buffer.from(
    await renderSignedFormPdf({
      spaName: await spaName(ctx),
      spaLogoPng: await spaLogoPng(ctx),
      lang: sig.lang,
      templateName: form.templateName,
      version: form.version,
      clientName: form.clientName,
      formId: form.id,
      content,
      signature: { ...sig, imagePng: image },
      verified: sig.verified && sig.content !== null,
      timeZone: form.timeZone,
      generatedAt: now,
    }),
  );
  if (!sig.verified || !sig.content) return pdf;
  // Two first views at once: the second waits on the unique key, then reads the first one's PDF.
  const made = await ctx.tx.$client.query<{ object_key: string }>(
    `INSERT INTO form_pdfs (tenant_id, signature_id, byte_size, sha256, lang, created_by, created_at)
     VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, signature_id) DO NOTHING RETURNING object_key`,
    [sig.id, pdf.length, sha256(pdf), sig.lang, ctx.actor.kind === 'operator' ? ctx.actor.id : null, now],
  );
  if (!made.rows[0]) {
    const other = (await ctx.tx.$client.query<{ object_key: string; sha256: string }>('SELECT object_key, sha256 FROM form_pdfs WHERE signature_id = $1', [sig.id])).rows[0]!;
    return storedPdf(ctx, files, other);
  }
  await files.putFile(ctx.tx, ctx.tenantId, made.rows[0].object_key, pdf);
  ctx.audit({ action: 'create', recordType: 'signed_form_pdf', recordId: form.id, clientIds: [form.clientId] });
  return pdf;
}

async function storedPdf(ctx: ServiceCtx, files: FileStore, row: { object_key: string; sha256: string }): Promise<Buffer> {
  const bytes = await files.getFile(ctx.tx, ctx.tenantId, row.object_key);
  // A row without its file, or a file that is not the one kept, is damage: it must reach the error log.
  if (!bytes) throw new Error('signed form PDF: the stored file is missing');
  if (sha256(bytes) !== row.sha256) throw new Error('signed form PDF: the stored file does not match its SHA-256');
  return bytes;
}

async function signedForm(ctx: ServiceCtx, clientId: string, formId: string): Promise<{ ok: true; form: ClientFormDetail } | { ok: false; status: 404 | 409; message: string }> {
  const form = await loadForm(ctx, clientId, formId);
  if (!form) return { ok: false, status: 404, message: 'There is no such form on this client’s record.' };
  if (!form.signature) return { ok: false, status: 409, message: 'This form is not signed yet: its PDF exists once the client signs.' };
  return { ok: true, form };
}

/** The PDF to download, with its audit row (an export naming the client). */
export async function downloadSignedFormPdf(ctx: ServiceCtx, files: FileStore, clientId: string, formId: string, now: Date): Promise<PdfOutcome> {
  const found = await signedForm(ctx, clientId, formId);
  if (!found.ok) return found;
  const pdf = await pdfOf(ctx, files, found.form, now);
  ctx.audit({ action: 'export', recordType: 'signed_form_pdf', recordId: formId, clientIds: [clientId] });
  return { ok: true, pdf, filename: pdfName(found.form), form: found.form };
}

export interface SignedFormEmail {
  to: string;
  subject: string;
  text: string;
  spaSlug: string;
  attachments: EmailAttachment[];
}

export type EmailOutcome = { ok: true; message: SignedFormEmail } | { ok: false; status: 404 | 409; message: string };

const EMAIL_WORDS = {
  en: {
    subject: (spa: string) => `${spa}: your signed form`,
    text: (spa: string, title: string, day: string) => `${spa}: attached is a copy of “${title}”, which you signed on ${day}. Keep it for your records; reply to the spa with any question.`,
  },
  es: {
    subject: (spa: string) => `${spa}: su formulario firmado`,
    text: (spa: string, title: string, day: string) => `${spa}: adjuntamos una copia de «${title}», que usted firmó el ${day}. Consérvela para sus archivos; si tiene preguntas, responda al spa.`,
  },
} as const;

/**
 * The email that sends a signed form's PDF to the client, on an operator's request: only with the
 * client's consent to email and an address on file, only for a form signed and not voided, and
 * only while its content verifies. Audited as a send naming the client; the caller delivers it
 * through the PHI email port once the transaction has committed.
 */
export async function emailSignedFormPdf(ctx: ServiceCtx, files: FileStore, input: { clientId: string; formId: string; spaSlug: string; now: Date }): Promise<EmailOutcome> {
  const client = (
    await ctx.tx.$client.query<{ email: string | null; email_consent: boolean; preferred_language: string }>(
      `SELECT email::text AS email, email_consent, preferred_language FROM clients WHERE id = $1 AND status = 'active'`,
      [input.clientId],
    )
  ).rows[0];
  if (!client) return { ok: false, status: 404, message: 'There is no such client.' };
  const found = await signedForm(ctx, input.clientId, input.formId);
  if (!found.ok) return found;
  const { form } = found;
  const sig = form.signature!;
  if (form.status !== 'signed') return { ok: false, status: 409, message: 'This form was voided: a voided form is not sent.' };
  if (!sig.verified || !sig.content) return { ok: false, status: 409, message: 'The stored content no longer matches its signature, so it is not sent. Tell the spa’s owner.' };
  if (!client.email_consent) return { ok: false, status: 409, message: 'This client has not agreed to email: ask them and update their consent first.' };
  if (!client.email) return { ok: false, status: 409, message: 'This client has no email address on file.' };
  const pdf = await pdfOf(ctx, files, form, input.now);
  const lang = sig.lang;
  const spa = await spaName(ctx);
  const title = (lang === 'es' ? sig.content.definition.title.es : undefined) ?? sig.content.definition.title.en;
  const day = new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: form.timeZone }).format(sig.signedAt);
  ctx.audit({ action: 'send', recordType: 'signed_form_pdf', recordId: form.id, clientIds: [input.clientId] });
  return {
    ok: true,
    message: {
      to: client.email,
      subject: EMAIL_WORDS[lang].subject(spa),
      text: EMAIL_WORDS[lang].text(spa, title, day),
      spaSlug: input.spaSlug,
      attachments: [{ filename: pdfName(form), contentType: 'application/pdf', content: pdf }],
    },
  };
}
