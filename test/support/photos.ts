import sharp from 'sharp';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { preparePhoto } from '../../src/modules/charting/photos/image.ts';
import { storePhotos, type PhotoKind } from '../../src/modules/charting/photos/photos.ts';
import type { TestApp } from './harness.ts';
import type { TestBrowser } from './http-client.ts';

/**
 * A photo as a phone camera writes it: a face-like picture with texture, EXIF naming the camera,
 * GPS coordinates (libvips calls the GPS directory IFD3) and the orientation flag "rotate 90°".
 */
export async function cameraJpeg(options: { width?: number; height?: number; tint?: string } = {}): Promise<Buffer> {
  const width = options.width ?? 1200;
  const height = options.height ?? 900;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><radialGradient id="g" cx="50%" cy="45%" r="60%"><stop offset="0" stop-color="${options.tint ?? '#e8b9a0'}"/><stop offset="1" stop-color="#6d4c41"/></radialGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <ellipse cx="${width / 2}" cy="${height / 2}" rx="${width / 5}" ry="${height / 3}" fill="#f1c9b1" opacity="0.9"/>
  </svg>`;
  return sharp(Buffer.from(svg))
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
  for (const file of files) form.append('photos', new Blob([file.bytes], { type: file.type }), file.name);
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
