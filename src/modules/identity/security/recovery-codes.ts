/**
 * One-time recovery codes for when the authenticator is lost: ten codes of ten
 * characters from an alphabet without look-alikes (no 0/o, 1/i/l), shown as "abcde-fghjk".
 *
 * Entropy: 31 symbols, so log2(31) * 10 ≈ 49.5 bits per code. They are stored as
 * HMAC-SHA256 under a server secret that never enters the database, so a sign-in can
 * look a code up directly while a stolen database copy alone cannot be brute-forced
 * (ASVS 5.0 6.5.2 asks for more than a plain hash below 112 bits).
 */
import { createHmac, randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_LENGTH = 10;
const CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < CODE_COUNT) {
    let raw = '';
    for (let i = 0; i < CODE_LENGTH; i += 1) raw += ALPHABET[randomInt(ALPHABET.length)];
    codes.add(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  return [...codes];
}

const strip = (input: string) => input.toLowerCase().replace(/[\s\-\u2010-\u2015]/g, '');
const SHAPE = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

/**
 * Lowercase, without spaces or dashes, so "ABCDE FGHJK" and "abcde-fghjk" are the same
 * code; null when the result cannot be a recovery code at all (wrong length or letters).
 */
export function normaliseRecoveryCode(input: string): string | null {
  const code = strip(input);
  return SHAPE.test(code) ? code : null;
}

export function hashRecoveryCode(code: string, key: string): string {
  return createHmac('sha256', key).update(`recovery-code|${strip(code)}`).digest('hex');
}
