import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { signedConsentInput } from '../../../../test/support/signed-consent.ts';
import { renderSignedFormPdf } from './signed-form-pdf.ts';

/** poppler's pdftotext (installed by .ci/run) reads the text back as a reader's viewer would. */
const pdftotext = existsSync('/usr/bin/pdftotext');
function textOf(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}

/** The embedded font programs, by the name of the font they belong to (pdf-lib names them "<font>-<number>"). */
function embeddedFonts(doc: PDFDocument): string[] {
  const names: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor') && object.get(PDFName.of('FontFile2'))) {
      names.push(String(object.get(PDFName.of('FontName'))).replace(/^\/|-\d+$/g, ''));
    }
  }
  return names.sort();
}

/** How many images the PDF embeds (the signature is one). */
function embeddedImages(doc: PDFDocument): number {
  return [...doc.context.enumerateIndirectObjects()].filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')).length;
}

describe('the signed-form PDF (issue 7, PUB-2)', () => {
  it('draws the spa’s logo above its name when the spa has one', async () => {
    const input = await signedConsentInput('en');
    const logo = await sharp({ create: { width: 400, height: 200, channels: 4, background: '#7a4e6e' } }).png().toBuffer();
    const without = await PDFDocument.load(await renderSignedFormPdf(input));
    const withLogo = await PDFDocument.load(await renderSignedFormPdf({ ...input, spaLogoPng: logo }));
    expect(embeddedImages(withLogo)).toBe(embeddedImages(without) + 1);
    expect(withLogo.getPageCount()).toBe(without.getPageCount());
  });

  it('lays a signed neurotoxin consent over three pages with DejaVu embedded and the form title as metadata', async () => {
    const pdf = await renderSignedFormPdf(await signedConsentInput('es'));
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getTitle()).toBe('Consentimiento para tratamiento con neurotoxina');
    expect(doc.getAuthor()).toBe('Glow Aesthetics & Spa');
    expect(embeddedFonts(doc)).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    // Subsetting keeps only the glyphs used: the whole regular face alone is 740 KB.
    expect(pdf.length).toBeLessThan(120_000);
  });

  it.skipIf(!pdftotext)('says, in Spanish, every answer, the signer and the signature record with the hash verified', async () => {
    const input = await signedConsentInput('es');
    const text = textOf(await renderSignedFormPdf(input));
    for (const expected of [
      'Glow Aesthetics & Spa',
      '¿Se ha hecho antes un tratamiento con neurotoxina?',
      '☒ Sí',
      'la ceja izquierda quedó «un poco más alta»',
      'Con iniciales: MJG',
      '☒ Aceptado',
      'Firma del cliente',
      'María José García-Núñez',
      'Firmado por el cliente',
      '27 de noviembre de 2026',
      '(America/New_York)',
      '2026-11-27 14:41:07 UTC',
      '203.0.113.45',
      'c2b4d6e8-0a1c-4e3f-8a5b-7c9d1e2f3a4b',
      input.signature.contentSha256.slice(0, 40),
      'Verificado',
      'Página 1 de 3',
      'Página 3 de 3',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('ALTERADO');
  });

  it.skipIf(!pdftotext)('in English, for a guardian, with typographic quotes, and ALTERED when the content no longer verifies', async () => {
    const input = await signedConsentInput('en', { verified: false });
    const text = textOf(await renderSignedFormPdf({ ...input, signature: { ...input.signature, signerKind: 'guardian', typedName: 'Rosa García' } }));
    expect(text).toContain('Consent to neurotoxin treatment');
    expect(text).toContain('“a little higher”');
    expect(text).toContain('Signed by the parent or guardian, for María José García-Núñez');
    expect(text).toContain('ALTERED');
    expect(text).not.toContain('Verified');
  });

  it('breaks a long answer across pages and numbers every page', async () => {
    const input = await signedConsentInput('en');
    const long = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of a long account of previous treatments, with dates, products and how each went.`).join('\n');
    const answers = { ...input.content.answers, 'previous-treatment': { answer: 'yes' as const, followUp: long } };
    const doc = await PDFDocument.load(await renderSignedFormPdf({ ...input, content: { ...input.content, answers } }));
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(4);
    if (pdftotext) expect(textOf(await doc.save())).toContain(`Page ${doc.getPageCount()} of ${doc.getPageCount()}`);
  });
});
