/**
 * The one-time code a returning client confirms before their answers from last time are filled
 * in (issue 7): six digits, stored only as an HMAC under a key derived from LUME_SECRET and bound
 * to its row, and the masked destination the page shows ("ending 67", "j•••@g•••.com"). Pure.
 */
import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';

export const PREFILL_CODE_TTL_MS = 10 * 60 * 1000;
export const PREFILL_MAX_TRIES = 5;
export const PREFILL_SENDS_PER_HOUR = 3;
/** Over a link's whole life (up to a month): with 5 tries each, at most 50 guesses of a million. */
export const PREFILL_SENDS_PER_LINK = 10;
/**
 * Across every link of one client form, since each kiosk start makes a new link: codes sent in a
 * day, and wrong tries in all, after which the form is no longer offered to fill from last time.
 */
export const PREFILL_SENDS_PER_FORM_PER_DAY = 10;
export const PREFILL_WRONG_TRIES_PER_FORM = 15;

/** Six random digits, leading zeros kept. */
export function newPrefillCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** What a client typed, as six digits ("123 456" and "123-456" are fine); null when it cannot be a code. */
export function readPrefillCode(input: string): string | null {
  const digits = input.replace(/[\s\-\u2010-\u2015.]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

const keys = new Map<string, Buffer>();

/** The codes' own key, derived from LUME_SECRET so that no other use of the secret can stand in for it. */
export function prefillCodeKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'lume', 'lume form prefill codes v1', 32));
    keys.set(secret, key);
  }
  return key;
}

/** The stored form of a code: 64 hex characters, bound to the row it belongs to. */
export function hashPrefillCode(key: Buffer, rowId: string, code: string): string {
  return createHmac('sha256', key).update(`form-prefill|v1|${rowId}|${code}`).digest('hex');
}

export function prefillCodeMatches(key: Buffer, rowId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(hashPrefillCode(key, rowId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The last two digits of a phone number: all the page says of it. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.slice(-2) || '••';
}

/** "jane.doe@gmail.com" → "j•••@g•••.com": the first letter of each part and the top-level domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at + 1) : '';
  const dot = domain.lastIndexOf('.');
  const top = dot > 0 ? domain.slice(dot) : '';
  const first = (s: string) => [...s][0] ?? '';
  return `${first(local)}•••@${first(domain)}•••${top}`.slice(0, 80);
}
