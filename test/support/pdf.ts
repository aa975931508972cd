import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';

export const PDF_DIR = new URL('../../test-results/pdf/', import.meta.url).pathname;

export interface SavedPdf {
  path: string;
  bytes: Buffer;
  /** Page 1 drawn as a PNG (poppler's pdftoppm, installed by .ci/run), to look at. */
  pageOnePng: string;
  /** Page 1's text (pdftotext). */
  pageOneText: string;
}

/** Keeps a downloaded PDF under test-results/pdf and renders its first page. */
export async function savePdf(download: Download, name: string): Promise<SavedPdf> {
  mkdirSync(PDF_DIR, { recursive: true });
  const path = `${PDF_DIR}${name}.pdf`;
  await download.saveAs(path);
  const pageOnePng = `${PDF_DIR}${name}-page-1`;
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path, pageOnePng]);
  const pageOneText = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', path, '-']).toString();
  return { path, bytes: readFileSync(path), pageOnePng: `${pageOnePng}.png`, pageOneText };
}
