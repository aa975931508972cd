/**
 * Password hashing: argon2id (m=19456 KiB, t=2, p=1, the OWASP minimum), run through
 * a small limiter so a burst of sign-ins cannot monopolise the CPU.
 *
 * Passwords are NFKC-normalised before hashing and verifying (NIST 800-63B 5.1.1.2),
 * so the same passphrase typed on different keyboards or OSes still matches. They
 * are never truncated.
 */
import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { createLimiter } from './hash-limiter.ts';

export { HashingBusyError } from './hash-limiter.ts';

// The package declares Algorithm as an ambient const enum with no runtime values,
// so the member has to be written as its number: 2 is Argon2id; version 1 is 0x13.
const ARGON2ID = 2 as Algorithm;
const ARGON2_V19 = 1;

const PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} satisfies Options;

export interface PasswordHasherOptions {
  /** Hashes allowed to run at once (default 2: one per core here). */
  maxConcurrent?: number;
  /** Hashes allowed to wait for a slot; beyond that HashingBusyError (default 32). */
  maxQueued?: number;
}

export interface PasswordHasher {
  hashPassword(password: string): Promise<string>;
  verifyPassword(storedHash: string, password: string): Promise<boolean>;
  /** Costs what verifyPassword costs and always answers false: use it when no account matches. */
  verifyAgainstDummy(password: string): Promise<false>;
}

export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const limiter = createLimiter({ maxConcurrent: options.maxConcurrent ?? 2, maxQueued: options.maxQueued ?? 32 });

  const hashPassword = (password: string) => limiter.run(() => hash(password.normalize('NFKC'), PARAMS));
  const verifyPassword = (storedHash: string, password: string) =>
    limiter.run(() => verify(storedHash, password.normalize('NFKC')));

  let dummyHash: Promise<string> | undefined;

  const verifyAgainstDummy = async (password: string): Promise<false> => {
    if (!dummyHash) {
      // The first call pays for making the dummy, which costs about one verify.
      dummyHash = hashPassword(randomBytes(32).toString('base64url'));
      dummyHash.catch(() => {
        dummyHash = undefined;
      });
      await dummyHash;
      return false;
    }
    await verifyPassword(await dummyHash, password);
    return false;
  };

  return { hashPassword, verifyPassword, verifyAgainstDummy };
}

/** True when a stored hash was made with other parameters and should be replaced at the next sign-in. */
export function needsRehash(storedHash: string): boolean {
  const used = parseOptions(storedHash);
  return (
    used.algorithm !== PARAMS.algorithm ||
    used.version !== ARGON2_V19 ||
    used.memoryCost !== PARAMS.memoryCost ||
    used.timeCost !== PARAMS.timeCost ||
    used.parallelism !== PARAMS.parallelism
  );
}

const shared = createPasswordHasher();

export const hashPassword = shared.hashPassword;
export const verifyPassword = shared.verifyPassword;
export const verifyAgainstDummy = shared.verifyAgainstDummy;
