/**
 * The signed-form PDF's typeface: DejaVu Sans (regular and bold, from the `dejavu-fonts-ttf`
 * package; Bitstream Vera licence, free to embed and redistribute). pdf-lib's standard fonts
 * cannot draw “¿Está…?”, ñ, typographic quotes or the check boxes; DejaVu draws all of them.
 * Only the glyphs a document uses are embedded (subsetting), so a form's PDF stays small.
 */
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PDFDocument } from 'pdf-lib';

export type FontFace = 'regular' | 'bold';

const FILES: Record<FontFace, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
};

let bytes: Record<FontFace, Uint8Array> | null = null;

/** The font files, read once per process. */
export function fontBytes(): Record<FontFace, Uint8Array> {
  if (!bytes) {
    const require = createRequire(import.meta.url);
    bytes = { regular: readFileSync(require.resolve(FILES.regular)), bold: readFileSync(require.resolve(FILES.bold)) };
  }
  return bytes;
}

const parsed = new WeakMap<Uint8Array, Font>();

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;

/**
 * The font with one glyph per character, without OpenType shaping. pdf-lib writes glyph ids and
 * their advance widths only (it ignores the positions shaping computes), and Latin text needs no
 * contextual forms; shaping was most of a document's time. Text is composed (NFC) first so an
 * accent typed as a combining mark becomes its precomposed letter.
 */
function unshaped(font: Font): Font {
  return Object.create(font, {
    layout: { value: (text: string) => ({ glyphs: font.glyphsForString(text.normalize('NFC')), positions: [] }) },
  }) as Font;
}

/**
 * fontkit, parsing each font file once per process. pdf-lib parses the file again for every
 * document; the parsed font is only read afterwards (each document makes its own subset), so one
 * parse can serve them all.
 */
export const sharedFontkit: Fontkit = {
  create(buffer, postscriptName) {
    if (postscriptName) return fontkit.create(buffer, postscriptName);
    let font = parsed.get(buffer);
    if (!font) {
      font = unshaped(fontkit.create(buffer));
      parsed.set(buffer, font);
    }
    return font;
  },
};
