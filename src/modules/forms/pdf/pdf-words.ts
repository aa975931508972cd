/** The words the signed-form PDF adds around the form's own text, in the signer's language. */
import type { Lang } from '../definition.ts';

export const PDF_WORDS = {
  en: {
    locale: 'en-US',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    signedForm: 'Signed form',
    signedBy: 'Signed by',
    signer: { client: 'the client', guardian: 'the parent or guardian' },
    signerFor: (name: string) => `for ${name}`,
    signedOn: 'Signed on',
    record: 'Signature record',
    recordIntro: 'How, when and from where this form was signed electronically, and how to check that its content has not changed since.',
    rows: {
      form: 'Form',
      version: (n: number) => `version ${n}`,
      client: 'Client',
      signedBy: 'Signed by',
      local: 'Signed at (spa time)',
      utc: 'Signed at (UTC)',
      ip: 'IP address',
      userAgent: 'Browser (user agent)',
      link: 'Signing link',
      formId: 'Form id',
      signatureId: 'Signature id',
      contentHash: 'Content SHA-256',
      imageHash: 'Signature image SHA-256',
      check: 'Check',
      made: 'This PDF made',
    },
    unknown: 'Not recorded',
    inPerson: 'Not through a link',
    verified: 'Verified: the stored content (the form as asked and every answer) still hashes to the SHA-256 taken at signing.',
    altered: 'ALTERED: the stored content no longer hashes to the SHA-256 taken at signing. Do not rely on this copy.',
    hashNote: 'The SHA-256 is taken over the form’s definition and the answers as canonical JSON (keys sorted).',
  },
  es: {
    locale: 'es-US',
    page: (n: number, of: number) => `Página ${n} de ${of}`,
    signedForm: 'Formulario firmado',
    signedBy: 'Firmado por',
    signer: { client: 'el cliente', guardian: 'el padre, la madre o el tutor' },
    signerFor: (name: string) => `en nombre de ${name}`,
    signedOn: 'Firmado el',
    record: 'Registro de la firma',
    recordIntro: 'Cómo, cuándo y desde dónde se firmó electrónicamente este formulario, y cómo comprobar que su contenido no ha cambiado desde entonces.',
    rows: {
      form: 'Formulario',
      version: (n: number) => `versión ${n}`,
      client: 'Cliente',
      signedBy: 'Firmado por',
      local: 'Firmado (hora del spa)',
      utc: 'Firmado (UTC)',
      ip: 'Dirección IP',
      userAgent: 'Navegador (user agent)',
      link: 'Enlace de firma',
      formId: 'Id. del formulario',
      signatureId: 'Id. de la firma',
      contentHash: 'SHA-256 del contenido',
      imageHash: 'SHA-256 de la imagen de la firma',
      check: 'Comprobación',
      made: 'PDF generado',
    },
    unknown: 'No registrado',
    inPerson: 'Sin enlace',
    verified: 'Verificado: el contenido guardado (el formulario tal como se pidió y cada respuesta) sigue coincidiendo con el SHA-256 tomado al firmar.',
    altered: 'ALTERADO: el contenido guardado ya no coincide con el SHA-256 tomado al firmar. No confíe en esta copia.',
    hashNote: 'El SHA-256 se calcula sobre la definición del formulario y las respuestas como JSON canónico (claves ordenadas).',
  },
} as const;

export type PdfWords = (typeof PDF_WORDS)[Lang];

/** A moment in a zone, in the signer's language, with the zone named: "November 27, 2026 at 9:41 AM (America/New_York)". */
export function localMoment(at: Date, timeZone: string, lang: Lang): string {
  const text = new Intl.DateTimeFormat(PDF_WORDS[lang].locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
  return `${text} (${timeZone})`;
}

/** The same moment in UTC, to the second: "2026-11-27 14:41:07 UTC". */
export function utcMoment(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
