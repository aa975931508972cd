import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrSvg } from './qr-svg.ts';

const uri = 'otpauth://totp/Lum%C3%A8:maria%40glow.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Lum%C3%A8';

describe('qrSvg', () => {
  const svg = qrSvg(uri);

  it('is a bare SVG element that the CSP allows', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/style[\s=]/i);
    expect(svg).not.toMatch(/<style/i);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/\son\w+=/i);
  });

  it('is labelled for screen readers without revealing the secret', () => {
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/aria-label="[^"]+"/);
    expect(svg).not.toContain('JBSWY3DP');
  });

  it('escapes a custom label', () => {
    expect(qrSvg(uri, { label: 'Scan "this" <now>' })).toContain('aria-label="Scan &#34;this&#34; &#60;now&#62;"');
  });

  it('draws exactly the modules the encoder produced, inside a quiet zone', () => {
    const { modules } = QRCode.create(uri, { errorCorrectionLevel: 'M' });
    const side = modules.size + 8;
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}"`);

    const drawn = new Set<string>();
    const path = /d="([^"]*)"/.exec(svg)?.[1] ?? '';
    for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let i = 0; i < Number(w); i += 1) drawn.add(`${Number(y) - 4},${Number(x) - 4 + i}`);
    }
    const expected = new Set<string>();
    for (let row = 0; row < modules.size; row += 1) {
      for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) expected.add(`${row},${col}`);
    }
    expect(drawn).toEqual(expected);
  });
});
