import { describe, expect, it } from 'vitest';
import { hashPrefillCode, maskEmail, maskPhone, newPrefillCode, prefillCodeKey, prefillCodeMatches, readPrefillCode } from './prefill-code.ts';

describe('prefill codes (issue 7)', () => {
  it('are six digits, leading zeros kept', () => {
    for (let i = 0; i < 200; i++) expect(newPrefillCode()).toMatch(/^\d{6}$/);
  });

  it('read what a client types, spaces and dashes aside', () => {
    expect(readPrefillCode(' 012 345 ')).toBe('012345');
    expect(readPrefillCode('012-345')).toBe('012345');
    expect(readPrefillCode('12345')).toBeNull();
    expect(readPrefillCode('12345a')).toBeNull();
    expect(readPrefillCode('1234567')).toBeNull();
  });

  it('are stored as an HMAC bound to their row, never as the code', () => {
    const key = prefillCodeKey('a secret long enough for the test');
    const hash = hashPrefillCode(key, 'row-1', '123456');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('123456');
    expect(prefillCodeMatches(key, 'row-1', '123456', hash)).toBe(true);
    expect(prefillCodeMatches(key, 'row-1', '123457', hash)).toBe(false);
    expect(prefillCodeMatches(key, 'row-2', '123456', hash)).toBe(false);
    expect(prefillCodeMatches(prefillCodeKey('another secret entirely'), 'row-1', '123456', hash)).toBe(false);
  });

  it('show only a masked destination', () => {
    expect(maskPhone('+1 (310) 555-0167')).toBe('67');
    expect(maskEmail('jane.doe@gmail.com')).toBe('j•••@g•••.com');
    expect(maskEmail('Ñoño@correo.example.mx')).toBe('Ñ•••@c•••.mx');
    expect(maskEmail('x@localhost')).toBe('x•••@l•••');
  });
});
