import { describe, expect, it } from 'vitest';
import {
  HashingBusyError,
  createPasswordHasher,
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from './password-hash.ts';

const phc = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

describe('hashPassword', () => {
  it('stores an argon2id hash with m=19456, t=2, p=1 and a fresh salt', async () => {
    const first = await hashPassword('correct horse battery staple vault');
    const second = await hashPassword('correct horse battery staple vault');
    expect(first).toMatch(phc);
    expect(second).toMatch(phc);
    expect(first).not.toBe(second);
    expect(needsRehash(first)).toBe(false);
  });

  it('flags hashes made with weaker parameters for rehashing', () => {
    const older = '$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(needsRehash(older)).toBe(true);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('lavender facial tuesday');
    expect(await verifyPassword(stored, 'lavender facial tuesday')).toBe(true);
    expect(await verifyPassword(stored, 'lavender facial Tuesday')).toBe(false);
  });

  it.each([64, 128])('uses every character of a %i-character passphrase', async (length) => {
    const passphrase = 'spa-day '.repeat(16).slice(0, length - 1) + 'Q';
    expect([...passphrase]).toHaveLength(length);
    const stored = await hashPassword(passphrase);
    expect(await verifyPassword(stored, passphrase)).toBe(true);
    expect(await verifyPassword(stored, passphrase.slice(0, -1) + 'R')).toBe(false);
  });

  it('matches the same passphrase typed in composed or decomposed Unicode', async () => {
    const composed = 'crème brûlée à la café';
    const stored = await hashPassword(composed);
    expect(await verifyPassword(stored, composed.normalize('NFD'))).toBe(true);
  });
});

describe('verifyAgainstDummy', () => {
  it('always answers false, including after the dummy hash exists', async () => {
    expect(await verifyAgainstDummy('anything at all')).toBe(false);
    expect(await verifyAgainstDummy('anything at all')).toBe(false);
  });
});

describe('hashing limiter', () => {
  it('refuses at once with HashingBusyError when the waiting room is full', async () => {
    const hasher = createPasswordHasher({ maxConcurrent: 2, maxQueued: 3 });
    const attempts = Array.from({ length: 8 }, (_, i) => hasher.hashPassword(`burst password ${i}`));
    const results = await Promise.allSettled(attempts);
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(done).toHaveLength(5);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(HashingBusyError);
  });

  it('serves work again once the burst has drained', async () => {
    const hasher = createPasswordHasher({ maxConcurrent: 1, maxQueued: 0 });
    const busy = hasher.hashPassword('first');
    await expect(hasher.hashPassword('second')).rejects.toBeInstanceOf(HashingBusyError);
    await busy;
    await expect(hasher.hashPassword('third')).resolves.toMatch(phc);
  });
});
