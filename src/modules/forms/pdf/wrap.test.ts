import { describe, expect, it } from 'vitest';
import { printable, wrapText } from './wrap.ts';

// One point per character keeps the arithmetic visible.
const chars = (t: string) => [...t].length;

describe('wrapText', () => {
  it('breaks at spaces so no line is wider than the width', () => {
    const lines = wrapText('Botulinum toxin relaxes the muscles it is injected into.', 20, chars);
    expect(lines).toEqual(['Botulinum toxin', 'relaxes the muscles', 'it is injected into.']);
    for (const line of lines) expect(chars(line)).toBeLessThanOrEqual(20);
  });

  it('keeps the writer’s line breaks and blank lines', () => {
    expect(wrapText('Uno\n\nDos tres', 40, chars)).toEqual(['Uno', '', 'Dos tres']);
  });

  it('cuts a word wider than the line (a SHA-256) into pieces that fit', () => {
    const hash = 'a'.repeat(64);
    const lines = wrapText(`SHA-256 ${hash}`, 30, chars);
    expect(lines[0]).toBe('SHA-256');
    expect(lines.slice(1).join('')).toBe(hash);
    for (const line of lines) expect(chars(line)).toBeLessThanOrEqual(30);
  });

  it('keeps accented letters whole (¿Está embarazada?)', () => {
    expect(wrapText('¿Está embarazada o amamantando?', 18, chars)).toEqual(['¿Está embarazada o', 'amamantando?']);
  });
});

describe('printable', () => {
  it('turns tabs into spaces and drops invisible controls and direction overrides', () => {
    expect(printable('a\tb\u202ec\u0007d\r\ne')).toBe('a bcd\ne');
  });
});
