/**
 * What becomes of an uploaded photo before it is stored (checklist #31, ASVS 5.2): the bytes
 * decide the type, never the name or the declared type; only JPEG and PNG are read; the picture
 * is turned upright by its EXIF orientation and drawn again as a new JPEG that carries no
 * metadata at all (no EXIF, GPS, XMP, IPTC or ICC profile: colours are converted to sRGB).
 * No I/O besides the image library; the database and file store never see the original bytes.
 */
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { createLimiter, HashingBusyError } from '../../identity/security/hash-limiter.ts';

/** The largest file accepted, per photo. A phone's JPEG is 2–8 MB. */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
/** Pixels a photo may have before it is decoded (a small file can unpack to gigabytes). 100 MP covers every phone camera's JPEG. */
export const MAX_INPUT_PIXELS = 100_000_000;
/** The stored photo's longest side, and the thumbnail's. */
export const LONG_EDGE = 3000;
export const THUMB_EDGE = 640;
export const JPEG_QUALITY = 85;
const THUMB_QUALITY = 78;

export type AcceptedType = 'jpeg' | 'png';

/** A photo refused with what the person should be told, and the HTTP status that goes with it. */
export class PhotoRefusedError extends Error {
  /** Which file of the upload (0-based), when several were sent. */
  file = 0;

  constructor(
    readonly status: 413 | 415 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'PhotoRefusedError';
  }
}

/** Every photo re-encoder is busy: answer 503 rather than queue CPU work without bound. */
export class PhotosBusyError extends Error {
  constructor() {
    super('Lumè is busy preparing other photos. Wait a moment and send them again.');
    this.name = 'PhotosBusyError';
  }
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** JPEG or PNG by their magic bytes; anything else is null. */
export function sniffImageType(bytes: Uint8Array): AcceptedType | null {
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, PNG)) return 'png';
  return null;
}

/** A plain sentence for a file that is not JPEG or PNG, naming what it is when we can tell. */
function notAcceptedMessage(bytes: Uint8Array): string {
  const head = ascii(bytes, 0, 512).trimStart().toLowerCase();
  if (ascii(bytes, 0, 4) === 'GIF8') return 'GIF images are not accepted. Send the photo as a JPEG or PNG.';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'WebP images are not accepted. Send the photo as a JPEG or PNG.';
  if (ascii(bytes, 4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)$/.test(ascii(bytes, 8, 12))) {
    return 'HEIC photos cannot be read here. Take or choose the photo from this page (phones then send a JPEG), or export it as JPEG.';
  }
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'SVG drawings are not accepted, whatever the file is called. Send a JPEG or PNG photo.';
  if (head.startsWith('<')) return 'This file is a web page or document, not a photo, whatever it is called. Send a JPEG or PNG photo.';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'PDF files are not accepted here. Send the photo as a JPEG or PNG.';
  return 'Only JPEG and PNG photos are accepted, and this file is neither, whatever it is called.';
}

const megabytes = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;

/** The checks that need no decoding: size and magic bytes. Throws PhotoRefusedError. */
export function checkUpload(bytes: Uint8Array): AcceptedType {
  if (bytes.length === 0) throw new PhotoRefusedError(422, 'This file is empty.');
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw new PhotoRefusedError(413, `This file is ${megabytes(bytes.length)}; a photo may be at most ${megabytes(MAX_PHOTO_BYTES)}.`);
  }
  const type = sniffImageType(bytes);
  if (!type) throw new PhotoRefusedError(415, notAcceptedMessage(bytes));
  return type;
}

export interface EncodedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/** A photo ready to store: the re-encoded JPEG (what is kept and served), its digest, and a thumbnail for lists. */
export interface PreparedPhoto extends EncodedImage {
  sha256: string;
  thumbnail: EncodedImage;
}

/**
 * Reads a JPEG or PNG and draws it again as a clean JPEG: upright, at most LONG_EDGE on its
 * longest side, sRGB, transparency flattened on white, and no metadata. Refuses (PhotoRefusedError)
 * anything too large, of another type, with too many pixels, or that cannot be decoded.
 */
export async function preparePhoto(input: Uint8Array): Promise<PreparedPhoto> {
  const type = checkUpload(input);
  let header: Metadata;
  try {
    // The header alone: how many pixels the picture claims, before anything is decoded.
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoRefusedError(422, 'This photo could not be read. The file may be damaged or incomplete; take or export it again.');
  }
  if (header.format !== type) throw new PhotoRefusedError(415, notAcceptedMessage(input));
  const pixels = (header.width ?? 0) * (header.height ?? 0);
  if (pixels > MAX_INPUT_PIXELS) {
    throw new PhotoRefusedError(413, `This photo has ${Math.round(pixels / 1e6)} megapixels; at most ${MAX_INPUT_PIXELS / 1e6} are accepted. Take it at the camera’s normal size.`);
  }
  try {
    const full = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true, autoOrient: true })
      .resize({ width: LONG_EDGE, height: LONG_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:2:0' })
      .toBuffer({ resolveWithObject: true });
    // From the clean JPEG (already upright and stripped): decoding it shrinks on load, so this is cheap.
    const thumb = await sharp(full.data)
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: THUMB_QUALITY, chromaSubsampling: '4:2:0' })
      .toBuffer({ resolveWithObject: true });
    return {
      bytes: full.data,
      width: full.info.width,
      height: full.info.height,
      sha256: createHash('sha256').update(full.data).digest('hex'),
      thumbnail: { bytes: thumb.data, width: thumb.info.width, height: thumb.info.height },
    };
  } catch {
    throw new PhotoRefusedError(422, 'This photo could not be read. The file may be damaged or incomplete; take or export it again.');
  }
}

/**
 * Re-encoding takes a core for a fraction of a second per photo: one batch at a time per
 * process, a few waiting, and beyond that PhotosBusyError at once (the route answers 503).
 */
const encoder = createLimiter({ maxConcurrent: 1, maxQueued: 6 });

/** Prepares every photo of one upload, in order, or throws for the first that is refused (nothing is kept). */
export async function preparePhotos(inputs: readonly Uint8Array[]): Promise<PreparedPhoto[]> {
  // The cheap refusals first, before waiting for the encoder.
  inputs.forEach((input, i) => refusedAs(i, () => checkUpload(input)));
  try {
    return await encoder.run(async () => {
      const prepared: PreparedPhoto[] = [];
      for (const [i, input] of inputs.entries()) prepared.push(await refusedAs(i, () => preparePhoto(input)));
      return prepared;
    });
  } catch (error) {
    if (error instanceof HashingBusyError) throw new PhotosBusyError();
    throw error;
  }
}

function refusedAs<T>(file: number, work: () => T): T {
  const mark = (error: unknown) => {
    if (error instanceof PhotoRefusedError) error.file = file;
    throw error;
  };
  try {
    const result = work();
    return (result instanceof Promise ? result.catch(mark) : result) as T;
  } catch (error) {
    return mark(error);
  }
}
