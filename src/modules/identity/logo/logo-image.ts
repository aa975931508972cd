/**
 * What becomes of an uploaded spa logo before it is kept: the bytes decide the type (PNG, JPEG or
 * WebP), never the name or the declared type; the picture is decoded under a pixel limit and drawn
 * again as a new PNG at most 512×512, with no metadata (no EXIF, XMP or ICC profile: sRGB).
 * Transparency is kept, as logos often have it. No I/O besides the image library.
 */
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { createLimiter, HashingBusyError } from '../security/hash-limiter.ts';

/** The largest file accepted. A logo is a few hundred kilobytes at most. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** The largest side of the kept logo; it is shown at 32–64 CSS pixels, so this covers any screen. */
export const LOGO_EDGE = 512;
/** Pixels a file may claim before it is decoded: a 2 MB file can unpack to gigabytes. */
export const MAX_LOGO_INPUT_PIXELS = 40_000_000;

type LogoInputType = 'png' | 'jpeg' | 'webp';

/** A logo refused with what the person should be told and the HTTP status that goes with it. */
export class LogoRefusedError extends Error {
  constructor(
    readonly status: 413 | 415 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'LogoRefusedError';
  }
}

/** Every logo re-encoder is busy: the route answers 503 rather than queue CPU work without bound. */
export class LogosBusyError extends Error {
  constructor() {
    super('Lumè is busy preparing other images. Wait a moment and upload the logo again.');
    this.name = 'LogosBusyError';
  }
}

const latin1 = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG, JPEG or WebP by their magic bytes; anything else is null. */
export function sniffLogoType(bytes: Uint8Array): LogoInputType | null {
  if (PNG.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (latin1(bytes, 0, 4) === 'RIFF' && latin1(bytes, 8, 12) === 'WEBP') return 'webp';
  return null;
}

function notAcceptedMessage(bytes: Uint8Array): string {
  const head = latin1(bytes, 0, 512).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'SVG drawings are not accepted. Export the logo as a PNG and upload that.';
  if (latin1(bytes, 0, 4) === 'GIF8') return 'GIF images are not accepted. Export the logo as a PNG and upload that.';
  return 'This file is not a PNG, JPEG or WebP image, whatever it is called. Export the logo as a PNG and upload that.';
}

const megabytes = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;

/** The checks that need no decoding: emptiness, size and magic bytes. Throws LogoRefusedError. */
export function checkLogoUpload(bytes: Uint8Array): LogoInputType {
  if (bytes.length === 0) throw new LogoRefusedError(422, 'This file is empty. Choose the logo’s image file.');
  if (bytes.length > MAX_LOGO_BYTES) throw new LogoRefusedError(413, `This file is ${megabytes(bytes.length)}; a logo may be at most ${megabytes(MAX_LOGO_BYTES)}.`);
  const type = sniffLogoType(bytes);
  if (!type) throw new LogoRefusedError(415, notAcceptedMessage(bytes));
  return type;
}

/** A logo ready to keep: the re-encoded bytes (what is served), their type and digest. */
export interface PreparedLogo {
  bytes: Buffer;
  contentType: 'image/png';
  sha256: string;
  width: number;
  height: number;
}

const UNREADABLE = 'This image could not be read. The file may be damaged or incomplete; export the logo again.';

async function prepare(input: Uint8Array, type: LogoInputType): Promise<PreparedLogo> {
  let header: Metadata;
  try {
    // The header alone: how many pixels the picture claims, before anything is decoded.
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new LogoRefusedError(422, UNREADABLE);
  }
  if (header.format !== type) throw new LogoRefusedError(415, notAcceptedMessage(input));
  const pixels = (header.width ?? 0) * (header.height ?? 0);
  if (pixels > MAX_LOGO_INPUT_PIXELS) throw new LogoRefusedError(413, `This image has ${Math.round(pixels / 1e6)} megapixels; at most ${MAX_LOGO_INPUT_PIXELS / 1e6} are accepted. Export the logo smaller.`);
  try {
    const out = await sharp(input, { limitInputPixels: MAX_LOGO_INPUT_PIXELS, failOn: 'error', autoOrient: true, animated: false })
      .resize({ width: LOGO_EDGE, height: LOGO_EDGE, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: out.data, contentType: 'image/png', sha256: createHash('sha256').update(out.data).digest('hex'), width: out.info.width, height: out.info.height };
  } catch {
    throw new LogoRefusedError(422, UNREADABLE);
  }
}

/** One logo at a time per process, a few waiting; beyond that LogosBusyError at once. */
const encoder = createLimiter({ maxConcurrent: 1, maxQueued: 4 });

/** Checks and re-encodes an uploaded logo, or throws LogoRefusedError / LogosBusyError. */
export async function prepareLogo(input: Uint8Array): Promise<PreparedLogo> {
  const type = checkLogoUpload(input);
  try {
    return await encoder.run(() => prepare(input, type));
  } catch (error) {
    if (error instanceof HashingBusyError) throw new LogosBusyError();
    throw error;
  }
}
