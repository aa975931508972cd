import { describe, expect, it } from 'vitest';
import { daysToMs, linkState } from './link-state.ts';

// Issue 7, PUB-1: a link's state on the Forms tab.
describe('linkState', () => {
  const now = new Date('2026-12-04T18:00:00Z');
  const later = new Date('2026-12-11T18:00:00Z');
  const earlier = new Date('2026-12-01T18:00:00Z');

  it('is open until it expires, at the very instant of expiry expired', () => {
    expect(linkState({ expiresAt: later, usedAt: null, revokedAt: null }, now)).toBe('open');
    expect(linkState({ expiresAt: now, usedAt: null, revokedAt: null }, now)).toBe('expired');
  });

  it('reads used once everything is signed, even past its expiry', () => {
    expect(linkState({ expiresAt: earlier, usedAt: earlier, revokedAt: null }, now)).toBe('used');
  });

  it('reads revoked above everything else', () => {
    expect(linkState({ expiresAt: earlier, usedAt: null, revokedAt: earlier }, now)).toBe('revoked');
  });

  it('turns days into milliseconds', () => {
    expect(daysToMs(7)).toBe(7 * 24 * 3600 * 1000);
  });
});
