import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PHOTO_LINK_LIFETIME_MS, photoLinkKey, signPhotoLink, verifyPhotoLink, type PhotoLinkClaims } from './photo-links.ts';

const key = photoLinkKey('a-test-secret-that-is-at-least-32-characters');
const claims: PhotoLinkClaims = { tenantId: randomUUID(), clientId: randomUUID(), photoId: randomUUID(), sessionId: randomUUID() };
const now = new Date('2026-11-27T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('signed photo links', () => {
  it('open the photo they were drawn for, for five minutes', () => {
    const token = signPhotoLink(key, claims, now);
    expect(verifyPhotoLink(key, claims, token, now)).toBe('valid');
    expect(verifyPhotoLink(key, claims, token, later(PHOTO_LINK_LIFETIME_MS - 1000))).toBe('valid');
    expect(verifyPhotoLink(key, claims, token, later(PHOTO_LINK_LIFETIME_MS))).toBe('expired');
    expect(PHOTO_LINK_LIFETIME_MS).toBe(5 * 60 * 1000);
  });

  it('open nothing for another spa, client, photo or session, or under another secret', () => {
    const token = signPhotoLink(key, claims, now);
    for (const field of ['tenantId', 'clientId', 'photoId', 'sessionId'] as const) {
      expect(verifyPhotoLink(key, { ...claims, [field]: randomUUID() }, token, now), field).toBe('invalid');
    }
    expect(verifyPhotoLink(photoLinkKey('another-secret-that-is-at-least-32-characters'), claims, token, now)).toBe('invalid');
  });

  it('cannot be stretched or tampered with', () => {
    const token = signPhotoLink(key, claims, now);
    const [expires, signature] = token.split('.') as [string, string];
    const stretched = `${(parseInt(expires, 36) + 3600).toString(36)}.${signature}`;
    expect(verifyPhotoLink(key, claims, stretched, now)).toBe('invalid');
    const flipped = `${expires}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(verifyPhotoLink(key, claims, flipped, now)).toBe('invalid');
    for (const junk of [undefined, '', 'abc', `${expires}.`, `${expires}.${signature}x`, `-1.${signature}`]) expect(verifyPhotoLink(key, claims, junk, now)).toBe('invalid');
  });

  it('use a key of their own, not the secret itself', () => {
    expect(key.length).toBe(32);
    expect(key.toString('utf8')).not.toContain('a-test-secret');
  });
});
