import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, freezeContent, signaturePng, verifySignature } from './signature.ts';
import type { FormDefinition } from './definition.ts';

const DEF: FormDefinition = { title: { en: 'Consent' }, items: [{ type: 'short_text', id: 'name', label: { en: 'Name' }, required: true }] };

describe('the frozen content', () => {
  it('hashes the same whatever the key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe('{"a":[{"c":"x","d":2}],"b":1}');
    expect(contentHash({ answers: { b: 1, a: 2 }, definition: DEF })).toBe(contentHash({ definition: DEF, answers: { a: 2, b: 1 } }));
  });

  it('verifies what was signed and detects any change', () => {
    const { content, sha256 } = freezeContent(DEF, { name: 'Ana' });
    expect(verifySignature({ content: JSON.parse(JSON.stringify(content)), contentSha256: sha256 })).toBe(true);
    expect(verifySignature({ content: { ...content, answers: { name: 'Ana ' } }, contentSha256: sha256 })).toBe(false);
    expect(verifySignature({ content: { ...content, definition: { ...DEF, title: { en: 'Other' } } }, contentSha256: sha256 })).toBe(false);
    expect(verifySignature({ content, contentSha256: 'not-a-hash' })).toBe(false);
  });
});

describe('the signature image', () => {
  it('takes a real PNG of sane size and refuses anything else', async () => {
    const png = await sharp({ create: { width: 300, height: 100, channels: 4, background: '#fff' } }).png().toBuffer();
    expect(signaturePng(`data:image/png;base64,${png.toString('base64')}`)?.equals(png)).toBe(true);
    const tiny = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#fff' } }).png().toBuffer();
    expect(signaturePng(`data:image/png;base64,${tiny.toString('base64')}`)).toBeNull();
    const jpeg = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    expect(signaturePng(`data:image/png;base64,${jpeg.toString('base64')}`)).toBeNull();
    expect(signaturePng(`data:image/png;base64,${png.subarray(0, png.length - 12).toString('base64')}`)).toBeNull();
    expect(signaturePng('data:image/svg+xml;base64,PHN2Zz4=')).toBeNull();
    expect(signaturePng(`data:image/png;base64,${'A'.repeat(900_000)}`)).toBeNull();
  });
});
