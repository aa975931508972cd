import sharp from 'sharp';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { preparePhoto } from '../../src/modules/charting/photos/image.ts';
import { storePhotos, type PhotoKind } from '../../src/modules/charting/photos/photos.ts';
import type { TestApp } from './harness.ts';
import type { TestBrowser } from './http-client.ts';

/** A studio portrait, drawn: a face on a grey backdrop, with forehead and frown lines unless `smooth` (an "after"). */
function portraitSvg(width: number, height: number, smooth: boolean): string {
  const lines = smooth
    ? ''
    : `<g stroke="#a8735c" stroke-linecap="round" fill="none" opacity="0.55">
        <path d="M118 128 Q150 121 182 128" stroke-width="1.6"/><path d="M112 140 Q150 132 188 140" stroke-width="1.8"/><path d="M120 152 Q150 146 180 152" stroke-width="1.4"/>
        <path d="M144 170 L142 186" stroke-width="1.6"/><path d="M156 170 L158 186" stroke-width="1.6"/>
        <path d="M92 196 l-10 -4 M92 202 l-11 0 M92 208 l-10 5" stroke-width="1.2"/><path d="M208 196 l10 -4 M208 202 l11 0 M208 208 l10 5" stroke-width="1.2"/>
      </g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 300 400" preserveAspectRatio="xMidYMid slice">
    <defs>
      <radialGradient id="bg" cx="50%" cy="35%" r="75%"><stop offset="0" stop-color="#dfe4e8"/><stop offset="1" stop-color="#8d979f"/></radialGradient>
      <radialGradient id="skin" cx="45%" cy="40%" r="65%"><stop offset="0" stop-color="${smooth ? '#f2cdb6' : '#eec4ab'}"/><stop offset="1" stop-color="#d29a7e"/></radialGradient>
    </defs>
    <rect width="300" height="400" fill="url(#bg)"/>
    <path d="M70 200 Q62 70 150 62 Q238 70 230 200 L236 300 Q150 330 64 300 Z" fill="#4a3226"/>
    <path d="M40 400 Q50 330 120 316 L180 316 Q250 330 260 400 Z" fill="#d9a98f"/>
    <rect x="124" y="270" width="52" height="60" fill="#d8a487"/>
    <ellipse cx="150" cy="190" rx="74" ry="98" fill="url(#skin)"/>
    <path d="M78 150 Q96 80 150 84 Q206 80 222 150 Q200 108 150 110 Q104 108 78 150 Z" fill="#4a3226"/>
    ${lines}
    <g fill="none" stroke="#5a3b2c" stroke-width="4" stroke-linecap="round"><path d="M104 168 Q120 160 136 166"/><path d="M164 166 Q180 160 196 168"/></g>
    <g><ellipse cx="120" cy="188" rx="12" ry="7" fill="#fff"/><circle cx="120" cy="188" r="5.5" fill="#4b3a2f"/><ellipse cx="180" cy="188" rx="12" ry="7" fill="#fff"/><circle cx="180" cy="188" r="5.5" fill="#4b3a2f"/></g>
    <path d="M150 196 Q146 222 140 230 Q150 236 160 230" fill="none" stroke="#b57b62" stroke-width="2.2" stroke-linecap="round"/>
    <path d="M126 252 Q150 244 174 252 Q150 270 126 252 Z" fill="${smooth ? '#c9676a' : '#bf6a68'}"/>
  </svg>`;
}

/**
 * A photo as a phone camera writes it: a portrait held upright while the sensor lies sideways, so
 * the pixels are stored turned a quarter and the EXIF orientation flag says "rotate 90°"; EXIF
 * naming the camera and GPS coordinates (libvips calls the GPS directory IFD3). `width` × `height`
 * is the stored (sideways) size: upright, the photo is `height` × `width`.
 */
export async function cameraJpeg(options: { width?: number; height?: number; smooth?: boolean } = {}): Promise<Buffer> {
  const width = options.width ?? 1200;
  const height = options.height ?? 900;
  const upright = await sharp(Buffer.from(portraitSvg(height, width, options.smooth ?? false))).png().toBuffer();
  return sharp(upright)
    .rotate(270)
    .withExif({
      IFD0: { Make: 'CanaryCam', Model: 'Lumen X', ImageDescription: 'canary-description' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 3/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '118/1 14/1 5678/100' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The GPS directory's pointer tag (0x8825) and the latitude's seconds (1234/100) as the little-endian EXIF above holds them. */
export function hasGps(bytes: Buffer): boolean {
  const seconds = Buffer.alloc(8);
  seconds.writeUInt32LE(1234, 0);
  seconds.writeUInt32LE(100, 4);
  return bytes.includes(Buffer.from([0x25, 0x88])) && bytes.includes(seconds);
}

export interface UploadFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** Posts the upload form as a browser does (multipart, the page's CSRF token, same-origin fetch metadata). */
export async function postPhotos(browser: TestBrowser, path: string, fields: Record<string, string>, files: UploadFile[], headers: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  if (browser.lastCsrf) form.append('_csrf', browser.lastCsrf);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('photos', new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
  return browser.send('POST', path, form, { origin: `http://${browser.host}`, 'sec-fetch-site': 'same-origin', ...headers });
}

/** The photo links a page holds (HTML-escaped `&` undone), in page order. */
export function imageLinks(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/clients\/[0-9a-f-]{36}\/photos\/[0-9a-f-]{36}\/image\?[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

/** Stores a small photo for a client through the product's own service (row, encrypted files, audit row), as the spa's owner. */
export async function addSamplePhoto(app: TestApp, tenantId: string, clientId: string, kind: PhotoKind = 'before'): Promise<string> {
  const owner = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT o.id FROM operators o WHERE o.tenant_id = $1 AND o.email LIKE 'owner@%' ORDER BY o.created_at LIMIT 1`, [tenantId])).rows[0]!;
  const photo = await preparePhoto(await cameraJpeg({ width: 320, height: 240 }));
  const stored = await withTenant(app.deps.db, { tenantId, requestId: 'sample-photo', actor: { kind: 'operator', id: owner.id } }, (ctx) =>
    storePhotos(ctx, app.deps.files, clientId, { kind, area: 'Sample area', appointmentId: null }, [photo]),
  );
  if (!stored.ok) throw new Error('the sample photo was refused');
  return stored.ids[0]!;
}
