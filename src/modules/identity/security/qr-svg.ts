/**
 * Server-side QR code as an inline SVG string, for the MFA enrolment page.
 *
 * `qrcode` only encodes; the markup is drawn here so it carries no style attribute or
 * <style> element (the CSP forbids inline styles), no script, and is labelled for
 * screen readers. The label is fixed text on purpose: the encoded otpauth URI holds
 * the TOTP secret and must not be echoed into an attribute.
 */
import QRCode from 'qrcode';

const QUIET_ZONE = 4; // modules of white border the QR specification asks for

export interface QrSvgOptions {
  /** What a screen reader announces. */
  label?: string;
  /** Rendered width and height in CSS pixels; CSS may still resize it. */
  size?: number;
}

export function qrSvg(text: string, { label = 'QR code for your authenticator app', size = 240 }: QrSvgOptions = {}): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = modules.size + QUIET_ZONE * 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${size}" height="${size}"` +
    ` role="img" aria-label="${escapeAttribute(label)}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#ffffff"/>` +
    `<path fill="#000000" d="${darkRuns(modules)}"/>` +
    `</svg>`
  );
}

/** One rectangle per horizontal run of dark modules keeps the path short. */
function darkRuns(modules: { size: number; get(row: number, col: number): number }): string {
  let d = '';
  for (let row = 0; row < modules.size; row += 1) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      d += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h-${col - start}z`;
    }
  }
  return d;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
