import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkUpload, MAX_INPUT_PIXELS, MAX_PHOTO_BYTES, PhotoRefusedError, preparePhoto, preparePhotos, sniffImageType } from './image.ts';

/** A camera-like JPEG: EXIF with a maker, a comment and GPS coordinates, and the orientation flag "rotate 90° clockwise". */
async function jpegWithGps(width = 600, height = 400): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#d9a38f' } })
    .composite([{ input: { create: { width: 60, height: 40, channels: 3, background: '#1c6b62' } }, left: 0, top: 0 }])
    .withExif({
      IFD0: { Make: 'CanaryCam', Model: 'Lumen X', ImageDescription: 'canary-description' },
      // libvips calls the GPS directory IFD3.
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 3/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '118/1 14/1 5678/100' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The GPS directory's pointer tag (0x8825) and the latitude's seconds (1234/100), as a little-endian TIFF writes them. */
function hasGps(bytes: Buffer): boolean {
  const seconds = Buffer.alloc(8);
  seconds.writeUInt32LE(1234, 0);
  seconds.writeUInt32LE(100, 4);
  return bytes.includes(Buffer.from([0x25, 0x88])) && bytes.includes(seconds);
}

async function refusal(work: Promise<unknown> | (() => unknown)): Promise<PhotoRefusedError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (error instanceof PhotoRefusedError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('sniffing the type from the bytes', () => {
  it('knows JPEG and PNG by their magic bytes and nothing else', async () => {
    expect(sniffImageType(await jpegWithGps())).toBe('jpeg');
    expect(sniffImageType(await sharp({ create: { width: 4, height: 4, channels: 4, background: '#fff0' } }).png().toBuffer())).toBe('png');
    expect(sniffImageType(Buffer.from('<html><body>hi</body></html>'))).toBeNull();
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });

  it('refuses HTML, SVG, GIF, HEIC and PDF with 415 and says what the file is', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), /web page or document/],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /SVG drawings are not accepted/],
      [Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'), /SVG/],
      [Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20)]), /GIF images are not accepted/],
      [Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(20)]), /HEIC photos cannot be read here/],
      [Buffer.from('%PDF-1.7\n'), /PDF files are not accepted/],
      [Buffer.from('just some text'), /Only JPEG and PNG photos are accepted/],
    ];
    for (const [bytes, message] of cases) {
      const error = await refusal(() => checkUpload(bytes));
      expect(error.status).toBe(415);
      expect(error.message).toMatch(message);
    }
  });

  it('refuses an empty file (422) and one over the size limit (413) before looking at it', async () => {
    expect((await refusal(() => checkUpload(Buffer.alloc(0)))).status).toBe(422);
    const big = Buffer.concat([await jpegWithGps(), Buffer.alloc(MAX_PHOTO_BYTES)]);
    const error = await refusal(() => checkUpload(big));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/at most 20 MB/);
  });
});

describe('re-encoding', () => {
  it('drops EXIF and GPS, turns the picture upright and keeps no trace of the original metadata', async () => {
    const original = await jpegWithGps(600, 400);
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(hasGps(before.exif!)).toBe(true);
    expect(original.includes('CanaryCam')).toBe(true);
    expect(before.orientation).toBe(6);

    const photo = await preparePhoto(original);
    const after = await sharp(photo.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(hasGps(photo.bytes)).toBe(false);
    for (const marker of ['Exif', 'CanaryCam', 'canary-description', 'http://ns.adobe.com/xap', 'ICC_PROFILE']) expect(photo.bytes.includes(marker), marker).toBe(false);
    // Orientation 6 means the camera held it sideways: upright it is 400 × 600.
    expect([photo.width, photo.height]).toEqual([400, 600]);
    expect([after.width, after.height]).toEqual([400, 600]);
    // The dark-green corner (top left as stored) is now at the top right.
    const { data, info } = await sharp(photo.bytes).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(info.width - 10, 10)[1]).toBeLessThan(130);
    expect(at(10, 10)[1]).toBeGreaterThan(130);
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes a thumbnail that is just as clean', async () => {
    const photo = await preparePhoto(await jpegWithGps(1600, 1200));
    expect(Math.max(photo.thumbnail.width, photo.thumbnail.height)).toBe(640);
    const meta = await sharp(photo.thumbnail.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(photo.thumbnail.bytes.includes('CanaryCam')).toBe(false);
  });

  it('shrinks a large photo to 3000 px on its long side and never enlarges a small one', async () => {
    const large = await preparePhoto(await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#aaa' } }).jpeg().toBuffer());
    expect([large.width, large.height]).toEqual([3000, 2250]);
    const small = await preparePhoto(await sharp({ create: { width: 320, height: 200, channels: 3, background: '#aaa' } }).jpeg().toBuffer());
    expect([small.width, small.height]).toEqual([320, 200]);
  });

  it('turns a PNG with transparency and a wide-gamut profile into an sRGB JPEG on white', async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0 } } })
      .png()
      .withIccProfile('p3')
      .toBuffer();
    expect((await sharp(png).metadata()).icc).toBeDefined();
    const photo = await preparePhoto(png);
    const meta = await sharp(photo.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.icc).toBeUndefined();
    expect(meta.channels).toBe(3);
    const { data } = await sharp(photo.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(245); // transparent became white
  });

  it('refuses a PNG-named HTML file and a JPEG whose body is garbage', async () => {
    expect((await refusal(preparePhoto(Buffer.from('<html>not a photo</html>')))).status).toBe(415);
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('garbage that is not a jpeg at all')]);
    const error = await refusal(preparePhoto(broken));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/could not be read/);
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    // A tiny PNG whose header claims 12,000 × 10,000 pixels (one colour would compress to almost nothing).
    const bomb = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer();
    bomb.writeUInt32BE(12_000, 16);
    bomb.writeUInt32BE(10_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    const error = await refusal(preparePhoto(bomb));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/120 megapixels; at most 100/);
    expect(12_000 * 10_000).toBeGreaterThan(MAX_INPUT_PIXELS);
  });

  it('says which file of an upload was refused, and refuses the type before any decoding', async () => {
    const good = await jpegWithGps(200, 100);
    const error = await refusal(preparePhotos([good, good, Buffer.from('<svg/>')]));
    expect(error.status).toBe(415);
    expect(error.file).toBe(2);
    const prepared = await preparePhotos([good, good]);
    expect(prepared).toHaveLength(2);
  });
});
