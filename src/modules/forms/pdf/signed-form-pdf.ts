/**
 * A signed form as a PDF (issue 7, PUB-2, checklist row 7): the spa's name, then the form drawn
 * from the same blocks as every HTML view (layout.ts) in the signer's language, every question
 * with its answer; then the signature (the drawn image, the typed name, who signed); then a
 * signature record page: who signed, when (in the spa's zone and in UTC), from which address and
 * browser, through which link, the content's SHA-256 and whether it still verifies. Pure apart
 * from reading the font files once: data in, bytes out.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, type PDFImage } from 'pdf-lib';
import sharp from 'sharp';
import type { FormDefinition, Lang } from '../definition.ts';
import { layoutForm, paragraphsOf, type Block, type FormLayout } from '../layout.ts';
import type { FrozenContent } from '../signature.ts';
import { fontBytes, sharedFontkit } from './fonts.ts';
import { ALERT, Flow, MUTED, OK, type Piece, type TextStyle } from './pdf-flow.ts';
import { localMoment, PDF_WORDS, utcMoment, type PdfWords } from './pdf-words.ts';

export interface SignedFormPdfInput {
  spaName: string;
  /** The spa's logo as Lumè keeps it (a PNG, src/modules/identity/logo), drawn above its name when it has one. */
  spaLogoPng?: Uint8Array | null;
  /** The language the form was signed in. */
  lang: Lang;
  /** What staff call the template, and the version signed (for the record page). */
  templateName: string;
  version: number;
  clientName: string;
  formId: string;
  content: { definition: FormDefinition; answers: FrozenContent['answers'] };
  signature: {
    id: string;
    imagePng: Uint8Array;
    typedName: string;
    signerKind: 'client' | 'guardian';
    signedAt: Date;
    ip: string | null;
    userAgent: string | null;
    linkId: string | null;
    contentSha256: string;
  };
  /** Whether the stored content still hashes to contentSha256 (verifySignature), now. */
  verified: boolean;
  /** The spa location's zone, for the local time of signing. */
  timeZone: string;
  generatedAt: Date;
}

const S = {
  spa: { face: 'bold', size: 10, color: MUTED },
  title: { face: 'bold', size: 17 },
  section: { face: 'bold', size: 12.5 },
  body: { face: 'regular', size: 9.5 },
  question: { face: 'bold', size: 9.5 },
  answer: { face: 'regular', size: 9.5, indent: 14 },
  note: { face: 'regular', size: 8, color: MUTED },
  label: { face: 'bold', size: 8.5, color: MUTED },
  value: { face: 'regular', size: 9.5, indent: 150 },
} satisfies Record<string, TextStyle>;

/** The logo's box at the top of the first page, in points: about the height of two lines of the title. */
const LOGO_BOX = { width: 144, height: 36 };

async function logoPieces(doc: PDFDocument, png: Uint8Array | null | undefined): Promise<Piece[]> {
  if (!png) return [];
  const image = await doc.embedPng(png);
  const scale = Math.min(LOGO_BOX.width / image.width, LOGO_BOX.height / image.height, 1);
  return [{ kind: 'image', image, width: image.width * scale, height: image.height * scale, indent: 0 }, { kind: 'gap', height: 6 }];
}

const TICKED = '☒';
const EMPTY = '☐';

export async function renderSignedFormPdf(input: SignedFormPdfInput): Promise<Uint8Array> {
  const words = PDF_WORDS[input.lang];
  const layout = layoutForm(input.content.definition, { answers: input.content.answers, lang: input.lang });
  const doc = await PDFDocument.create();
  doc.registerFontkit(sharedFontkit);
  const files = fontBytes();
  const fonts = { regular: await doc.embedFont(files.regular, { subset: true }), bold: await doc.embedFont(files.bold, { subset: true }) };
  const ink = await doc.embedJpg(await printableSignature(input.signature.imagePng));
  const flow = new Flow(doc, fonts);

  flow.place([...(await logoPieces(doc, input.spaLogoPng)), ...flow.text(input.spaName, S.spa), { kind: 'gap', height: 6 }], true);
  // A heading waits for what follows it, so it never ends a page alone.
  let heading: Piece[] = [];
  let signatureDrawn = false;
  for (const block of layout.blocks) {
    const part = block.kind === 'signature' ? { pieces: signaturePieces(flow, block.label, input, ink, words), together: true } : blockPieces(flow, block, layout);
    signatureDrawn ||= block.kind === 'signature';
    if (block.kind === 'heading') {
      heading.push(...part.pieces);
      continue;
    }
    const lead = part.together ? part.pieces.length : 2;
    flow.place([...heading, ...part.pieces.slice(0, lead)], true);
    flow.place(part.pieces.slice(lead), part.together);
    heading = [];
  }
  if (!signatureDrawn) flow.place([...heading, ...signaturePieces(flow, layout.words.signature, input, ink, words)], true);
  else if (heading.length) flow.place(heading, true);

  flow.newPage();
  recordPage(flow, input, layout, words);
  flow.footers(`${input.spaName} · ${layout.title} · ${input.clientName}`, words.page);

  doc.setTitle(layout.title, { showInWindowTitleBar: true });
  doc.setAuthor(input.spaName);
  doc.setSubject(words.signedForm);
  doc.setLanguage(input.lang);
  doc.setCreator('Lumè');
  doc.setProducer('Lumè (pdf-lib)');
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);
  return doc.save();
}

function paragraphs(flow: Flow, text: string, style: TextStyle, gap = 4): Piece[] {
  const out: Piece[] = [];
  paragraphsOf(text).forEach((p, i) => {
    if (i) out.push({ kind: 'gap', height: gap });
    out.push(...flow.text(p, style));
  });
  return out;
}

/** One block of the form as pieces, and whether they belong together on one page (a question and its answer). */
function blockPieces(flow: Flow, block: Exclude<Block, { kind: 'signature' }>, layout: FormLayout): { pieces: Piece[]; together: boolean } {
  const w = layout.words;
  const numbered = (n: number, text: string) => `${n}. ${text}`;
  switch (block.kind) {
    case 'heading':
      return block.level === 1
        ? { pieces: [...flow.text(block.text, S.title, 1.25), { kind: 'gap', height: 8 }], together: true }
        : { pieces: [{ kind: 'gap', height: 10 }, ...flow.text(block.text, S.section, 1.3), { kind: 'rule', height: 6 }, { kind: 'gap', height: 2 }], together: true };
    case 'paragraph':
      return { pieces: [...paragraphs(flow, block.text, S.body), { kind: 'gap', height: 8 }], together: false };
    case 'acknowledgement':
      return {
        pieces: [...paragraphs(flow, numbered(block.number, block.text), S.body), ...flow.text(`${block.checked ? TICKED : EMPTY} ${block.display}`, { ...S.answer, face: 'bold' }), { kind: 'gap', height: 9 }],
        together: true,
      };
    case 'initials':
      return { pieces: [...paragraphs(flow, numbered(block.number, block.text), S.body), ...flow.text(block.display, { ...S.answer, face: 'bold' }), { kind: 'gap', height: 9 }], together: true };
    case 'field': {
      const pieces: Piece[] = [...flow.text(numbered(block.number, block.label), S.question)];
      if (block.help) pieces.push(...paragraphs(flow, block.help, { ...S.note, indent: 14 }, 2));
      if (block.options && block.input !== 'yes_no') {
        for (const o of block.options) pieces.push(...flow.text(`${o.selected ? TICKED : EMPTY} ${o.label}`, { ...S.answer, color: o.selected ? undefined : MUTED }));
        if (!block.answered) pieces.push(...flow.text(w.notAnswered, { ...S.answer, color: MUTED }));
      } else if (block.input === 'yes_no') {
        const said = block.options!.map((o) => `${o.selected ? TICKED : EMPTY} ${o.label}`).join('     ');
        pieces.push(...flow.text(block.answered ? said : `${said}     (${w.notAnswered})`, S.answer));
        if (block.followUp?.shown && block.followUp.value) {
          pieces.push(...flow.text(`${w.ifYes}: ${block.followUp.label}`, { ...S.note, indent: 14 }));
          pieces.push(...paragraphs(flow, block.followUp.value, S.answer, 2));
        }
      } else {
        pieces.push(...paragraphs(flow, block.display, { ...S.answer, color: block.answered ? undefined : MUTED }, 3));
      }
      pieces.push({ kind: 'gap', height: 9 });
      return { pieces, together: true };
    }
  }
}

/**
 * The drawn signature on white, at most twice the size it is printed, as a JPEG: pdf-lib copies a
 * JPEG as it is, where a PNG is decoded, split from its transparency and compressed again in
 * JavaScript (a third of a document's time).
 */
function printableSignature(png: Uint8Array): Promise<Buffer> {
  return sharp(png).flatten({ background: '#ffffff' }).resize({ width: 480, height: 160, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 92 }).toBuffer();
}

function signatureBox(image: PDFImage): { width: number; height: number } {
  const scale = Math.min(240 / image.width, 80 / image.height, 1);
  return { width: image.width * scale, height: image.height * scale };
}

function signaturePieces(flow: Flow, label: string, input: SignedFormPdfInput, ink: PDFImage, words: PdfWords): Piece[] {
  const sig = input.signature;
  const box = signatureBox(ink);
  const who = sig.signerKind === 'guardian' ? `${words.signer.guardian}, ${words.signerFor(input.clientName)}` : words.signer.client;
  return [
    { kind: 'gap', height: 12 },
    ...flow.text(label, S.section),
    { kind: 'rule', height: 6 },
    { kind: 'gap', height: 6 },
    { kind: 'image', image: ink, width: box.width, height: box.height, indent: 0 },
    { kind: 'rule', height: 4 },
    ...flow.text(sig.typedName, { face: 'bold', size: 11 }),
    ...flow.text(`${words.signedBy} ${who}`, S.body),
    ...flow.text(`${words.signedOn} ${localMoment(sig.signedAt, input.timeZone, input.lang)}`, S.body),
  ];
}

/** The signature record: one label and value per row, the values wrapped in their column. */
function recordPage(flow: Flow, input: SignedFormPdfInput, layout: FormLayout, words: PdfWords): void {
  const sig = input.signature;
  const r = words.rows;
  flow.place([...flow.text(words.record, S.title, 1.25), { kind: 'gap', height: 4 }, ...flow.text(words.recordIntro, S.body), { kind: 'gap', height: 12 }]);
  const who = `${sig.typedName} (${sig.signerKind === 'guardian' ? words.signer.guardian : words.signer.client})`;
  const rows: [string, string][] = [
    [r.form, `${layout.title}: ${input.templateName}, ${r.version(input.version)}`],
    [r.client, input.clientName],
    [r.signedBy, who],
    [r.local, localMoment(sig.signedAt, input.timeZone, input.lang)],
    [r.utc, utcMoment(sig.signedAt)],
    [r.ip, sig.ip ?? words.unknown],
    [r.userAgent, sig.userAgent ?? words.unknown],
    [r.link, sig.linkId ?? words.inPerson],
    [r.formId, input.formId],
    [r.signatureId, sig.id],
    [r.contentHash, sig.contentSha256],
    [r.imageHash, createHash('sha256').update(sig.imagePng).digest('hex')],
    [r.made, `${localMoment(input.generatedAt, input.timeZone, input.lang)}; ${utcMoment(input.generatedAt)}`],
  ];
  const labelWidth = (S.value.indent ?? 0) - 10;
  for (const [label, value] of rows) {
    const labelLines = flow.text(label, S.label, 1.35, labelWidth);
    const valueLines = flow.text(value, S.value);
    // Label and value side by side: the taller of the two sets the row's height.
    const rowLines = Math.max(labelLines.length, valueLines.length);
    const pieces: Piece[] = [];
    for (let i = 0; i < rowLines; i++) pieces.push(...overlay(labelLines[i], valueLines[i]));
    pieces.push({ kind: 'gap', height: 5 });
    flow.place(pieces, true);
  }
  flow.place([
    { kind: 'gap', height: 10 },
    ...flow.text(input.verified ? words.verified : words.altered, { face: 'bold', size: 10, color: input.verified ? OK : ALERT }),
    { kind: 'gap', height: 6 },
    ...flow.text(words.hashNote, S.note),
  ], true);
}

/** A label line and a value line side by side: both drawn at the same height, then one line's height down. */
function overlay(label: Piece | undefined, value: Piece | undefined): Piece[] {
  const height = Math.max(label?.height ?? 0, value?.height ?? 0);
  const out: Piece[] = [];
  if (label && label.kind === 'line') out.push({ ...label, height: 0 });
  if (value && value.kind === 'line') out.push({ ...value, height: 0 });
  out.push({ kind: 'gap', height });
  return out;
}
