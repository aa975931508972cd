/**
 * Text flowing down US Letter pages: pieces (lines already wrapped, images, gaps) go into the page
 * until it is full, then a new page starts. A group of pieces that belongs together (a question
 * and its answer) moves whole to the next page when it would not fit and is shorter than a page.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';
import type { FontFace } from './fonts.ts';
import { wrapText } from './wrap.ts';

export const PAGE = { width: 612, height: 792, margin: 54, footer: 30 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

export const INK = rgb(0.11, 0.11, 0.13);
export const MUTED = rgb(0.38, 0.38, 0.42);
export const ALERT = rgb(0.7, 0.06, 0.06);
export const OK = rgb(0.05, 0.42, 0.2);
export const RULE = rgb(0.82, 0.82, 0.85);

export interface TextStyle {
  face: FontFace;
  size: number;
  color?: RGB;
  /** Points from the left margin. */
  indent?: number;
}

export type Piece =
  | { kind: 'line'; text: string; style: TextStyle; height: number }
  | { kind: 'gap'; height: number }
  | { kind: 'image'; image: PDFImage; width: number; height: number; indent: number }
  | { kind: 'rule'; height: number };

export class Flow {
  readonly pages: PDFPage[] = [];
  private page: PDFPage | null = null;
  private y = 0;
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Record<FontFace, PDFFont>,
  ) {}

  /** Width of a text in points. Glyph by glyph, cached: pdf-lib draws advance widths only (no kerning), so the sum is exact. */
  measure(text: string, face: FontFace, size: number): number {
    let units = 0;
    for (const ch of text) {
      const key = face + ch;
      let w = this.widths.get(key);
      if (w === undefined) {
        w = this.fonts[face].widthOfTextAtSize(ch, 1000);
        this.widths.set(key, w);
      }
      units += w;
    }
    return (units * size) / 1000;
  }

  /** A text as lines that fit the content width less its indent (or a narrower column). */
  text(text: string, style: TextStyle, leading = 1.35, column = CONTENT_WIDTH - (style.indent ?? 0)): Piece[] {
    const width = Math.min(column, CONTENT_WIDTH - (style.indent ?? 0));
    return wrapText(text, width, (t) => this.measure(t, style.face, style.size)).map((line) => ({ kind: 'line' as const, text: line, style, height: style.size * leading }));
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
  }

  private room(): number {
    return this.y - (PAGE.margin + PAGE.footer);
  }

  /** Places pieces; `together` keeps them on one page when they fit on one. */
  place(pieces: Piece[], together = false): void {
    if (!this.page) this.newPage();
    const total = pieces.reduce((sum, p) => sum + p.height, 0);
    const fullPage = PAGE.height - 2 * PAGE.margin - PAGE.footer;
    if (together && total > this.room() && total <= fullPage && this.y < PAGE.height - PAGE.margin) this.newPage();
    for (const piece of pieces) {
      if (piece.height > this.room()) {
        if (piece.kind === 'gap') continue; // a gap at a page break is the break itself
        this.newPage();
      }
      this.draw(piece);
      this.y -= piece.height;
    }
  }

  private draw(piece: Piece): void {
    const page = this.page!;
    if (piece.kind === 'line') {
      if (!piece.text) return;
      // The baseline sits a little above the bottom of the line's box.
      const baseline = this.y - piece.style.size;
      page.drawText(piece.text, { x: PAGE.margin + (piece.style.indent ?? 0), y: baseline, size: piece.style.size, font: this.fonts[piece.style.face], color: piece.style.color ?? INK });
    } else if (piece.kind === 'image') {
      page.drawImage(piece.image, { x: PAGE.margin + piece.indent, y: this.y - piece.height, width: piece.width, height: piece.height });
    } else if (piece.kind === 'rule') {
      const at = this.y - piece.height / 2;
      page.drawLine({ start: { x: PAGE.margin, y: at }, end: { x: PAGE.width - PAGE.margin, y: at }, thickness: 0.6, color: RULE });
    }
  }

  /** The footer of every page: a label on the left, "Page n of N" on the right. */
  footers(label: string, pageWord: (n: number, of: number) => string): void {
    const size = 8;
    const y = PAGE.margin - 14;
    const right = (t: string) => PAGE.width - PAGE.margin - this.measure(t, 'regular', size);
    this.pages.forEach((page, i) => {
      const count = pageWord(i + 1, this.pages.length);
      const room = CONTENT_WIDTH - this.measure(count, 'regular', size) - 18;
      let left = label;
      while (left.length > 1 && this.measure(left, 'regular', size) > room) left = `${left.slice(0, -2)}…`;
      page.drawLine({ start: { x: PAGE.margin, y: y + 12 }, end: { x: PAGE.width - PAGE.margin, y: y + 12 }, thickness: 0.5, color: RULE });
      page.drawText(left, { x: PAGE.margin, y, size, font: this.fonts.regular, color: MUTED });
      page.drawText(count, { x: right(count), y, size, font: this.fonts.regular, color: MUTED });
    });
  }
}
