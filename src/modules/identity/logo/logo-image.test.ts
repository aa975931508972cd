import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkLogoUpload, LogoRefusedError, MAX_LOGO_BYTES, prepareLogo, sniffLogoType } from './logo-image.ts';

const refusal = async (work: () => unknown) => {
  try {
    await work();
  } catch (error) {
    if (error instanceof LogoRefusedError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('not refused');
};

describe('the spa logo image (issue 7)', () => {
  it('knows PNG, JPEG and WebP by their bytes, not their name', async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#c9705a' } });
    expect(sniffLogoType(await base.clone().png().toBuffer())).toBe('png');
    expect(sniffLogoType(await base.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffLogoType(await base.clone().webp().toBuffer())).toBe('webp');
    expect(sniffLogoType(await base.clone().gif().toBuffer())).toBeNull();
    expect(sniffLogoType(Buffer.from('logo.png'))).toBeNull();
  });

  it('refuses empty, oversized, text, SVG and GIF files with a sentence saying why', async () => {
    expect(await refusal(() => checkLogoUpload(new Uint8Array(0)))).toEqual({ status: 422, message: expect.stringContaining('empty') });
    expect(await refusal(() => checkLogoUpload(new Uint8Array(MAX_LOGO_BYTES + 1)))).toEqual({ status: 413, message: expect.stringContaining('at most 2 MB') });
    expect((await refusal(() => checkLogoUpload(Buffer.from('just some words')))).message).toContain('not a PNG, JPEG or WebP image');
    expect((await refusal(() => checkLogoUpload(Buffer.from('<?xml version="1.0"?><svg/>')))).message).toContain('SVG drawings are not accepted');
    expect((await refusal(() => checkLogoUpload(Buffer.from('GIF89a....')))).message).toContain('GIF images are not accepted');
  });

  it('redraws a WebP with transparency as a PNG within 512 × 512, keeping its shape and alpha, dropping its metadata', async () => {
    const webp = await sharp({ create: { width: 900, height: 300, channels: 4, background: { r: 122, g: 78, b: 110, alpha: 0.5 } } })
      .withExif({ IFD0: { Artist: 'CanaryArtist' } })
      .webp()
      .toBuffer();
    const logo = await prepareLogo(webp);
    const meta = await sharp(logo.bytes).metadata();
    expect([logo.contentType, meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['image/png', 'png', 512, 171, true]);
    expect(meta.exif).toBeUndefined();
    expect(logo.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a small logo at its own size rather than enlarging it', async () => {
    const logo = await prepareLogo(await sharp({ create: { width: 120, height: 80, channels: 3, background: '#2f6f5e' } }).jpeg().toBuffer());
    expect([logo.width, logo.height]).toEqual([120, 80]);
  });

  it('refuses a small file that claims too many pixels, before decoding it', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(MAX_LOGO_BYTES);
    expect(await refusal(() => prepareLogo(bomb))).toEqual({ status: 413, message: expect.stringContaining('48 megapixels') });
  });

  it('refuses a PNG header with nothing readable behind it', async () => {
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really')]);
    expect(await refusal(() => prepareLogo(broken))).toEqual({ status: 422, message: expect.stringContaining('could not be read') });
  });
});
