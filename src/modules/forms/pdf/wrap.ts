/**
 * Line breaking for the signed-form PDF: a text becomes lines no wider than a width, breaking at
 * spaces, keeping the writer's own line breaks, and cutting inside a word only when the word alone
 * is wider than the line (a hash, a user agent, a long URL). Pure: the caller measures.
 */

/** The width of a text at the size being drawn, in points. */
export type Measure = (text: string) => number;

/** Tabs and other white space become spaces; line breaks stay; nothing invisible reaches the page. */
export function printable(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\v\f\u00a0\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '');
}

export function wrapText(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const raw of printable(text).split('\n')) {
    const words = raw.split(/ +/).filter(Boolean);
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      if (measure(word) <= width) {
        line = word;
        continue;
      }
      // A word wider than the line: as many characters as fit on each line.
      let piece = '';
      for (const ch of word) {
        if (piece && measure(piece + ch) > width) {
          lines.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}
