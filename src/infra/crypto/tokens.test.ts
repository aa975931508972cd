import { describe, expect, it } from 'vitest';
import { hashToken, newToken, safeEqual } from './tokens.ts';

describe('tokens', () => {
  it('are 256 random bits, base64url encoded in 43 characters', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(token);
  });

  it('are stored as a SHA-256 hex digest that does not reveal the token', () => {
    const token = newToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
    expect(hashToken(newToken())).not.toBe(hash);
    // Known answer, so the stored form never changes by accident.
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compare equal only when identical, whatever the lengths', () => {
    const token = newToken();
    expect(safeEqual(token, `${token}`)).toBe(true);
    expect(safeEqual(token, newToken())).toBe(false);
    expect(safeEqual(token, token.slice(0, -1))).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('', 'a')).toBe(false);
  });
});
