import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, decrypt, encrypt, newDataKey, unwrapKey, wrapKey } from './envelope.ts';

const aad = 'lume.file\0tenant-a\0photos/1.jpg';

describe('envelope encryption', () => {
  it('round-trips bytes and never stores them in the clear', () => {
    const key = newDataKey();
    const plaintext = Buffer.from('Allergies: penicillin — canary-7f3a');
    const blob = encrypt(key, plaintext, aad);
    expect(blob.length).toBe(1 + 12 + 16 + plaintext.length);
    expect(blob[0]).toBe(1);
    expect(blob.includes(Buffer.from('canary-7f3a'))).toBe(false);
    expect(decrypt(key, blob, aad)).toEqual(plaintext);
  });

  it('uses a fresh IV each time, so equal plaintexts give different ciphertexts', () => {
    const key = newDataKey();
    expect(encrypt(key, Buffer.from('same'), aad)).not.toEqual(encrypt(key, Buffer.from('same'), aad));
  });

  it('round-trips empty input', () => {
    const key = newDataKey();
    expect(decrypt(key, encrypt(key, Buffer.alloc(0), aad), aad)).toEqual(Buffer.alloc(0));
  });

  it('refuses a blob with any single byte flipped', () => {
    const key = newDataKey();
    const blob = encrypt(key, randomBytes(40), aad);
    for (let i = 0; i < blob.length; i++) {
      const tampered = Buffer.from(blob);
      tampered[i]! ^= 0x01;
      expect(() => decrypt(key, tampered, aad), `byte ${i}`).toThrow(DecryptionError);
    }
  });

  it('refuses truncated or extended blobs', () => {
    const key = newDataKey();
    const blob = encrypt(key, Buffer.from('hello'), aad);
    expect(() => decrypt(key, blob.subarray(0, blob.length - 1), aad)).toThrow(DecryptionError);
    expect(() => decrypt(key, blob.subarray(0, 10), aad)).toThrow(DecryptionError);
    expect(() => decrypt(key, Buffer.concat([blob, Buffer.of(0)]), aad)).toThrow(DecryptionError);
  });

  it('refuses another context: a different tenant or object in the AAD', () => {
    const key = newDataKey();
    const blob = encrypt(key, Buffer.from('note'), aad);
    expect(() => decrypt(key, blob, 'lume.file\0tenant-b\0photos/1.jpg')).toThrow(DecryptionError);
    expect(() => decrypt(key, blob, 'lume.file\0tenant-a\0photos/2.jpg')).toThrow(DecryptionError);
    expect(() => decrypt(key, blob, '')).toThrow(DecryptionError);
  });

  it('refuses the wrong key', () => {
    const blob = encrypt(newDataKey(), Buffer.from('note'), aad);
    expect(() => decrypt(newDataKey(), blob, aad)).toThrow(DecryptionError);
  });

  it('refuses keys that are not 256 bits', () => {
    expect(() => encrypt(randomBytes(16), Buffer.from('x'), aad)).toThrow(/32 bytes/);
  });
});

describe('key wrapping', () => {
  it('wraps and unwraps a data key under the master key', () => {
    const master = randomBytes(32);
    const dataKey = newDataKey();
    const wrapped = wrapKey(master, dataKey, 'tenant-a/key-1');
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(unwrapKey(master, wrapped, 'tenant-a/key-1')).toEqual(dataKey);
  });

  it('refuses another master key, another context, or a flipped byte', () => {
    const master = randomBytes(32);
    const wrapped = wrapKey(master, newDataKey(), 'tenant-a/key-1');
    expect(() => unwrapKey(randomBytes(32), wrapped, 'tenant-a/key-1')).toThrow(DecryptionError);
    expect(() => unwrapKey(master, wrapped, 'tenant-b/key-1')).toThrow(DecryptionError);
    const tampered = Buffer.from(wrapped);
    tampered[tampered.length - 1]! ^= 0x80;
    expect(() => unwrapKey(master, tampered, 'tenant-a/key-1')).toThrow(DecryptionError);
  });

  it('keeps wrapped keys and data ciphertexts apart', () => {
    const key = randomBytes(32);
    const wrapped = wrapKey(key, newDataKey());
    expect(() => decrypt(key, wrapped, '')).toThrow(DecryptionError);
    expect(() => unwrapKey(key, encrypt(key, newDataKey(), ''))).toThrow(DecryptionError);
  });
});
