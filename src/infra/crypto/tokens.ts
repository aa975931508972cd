import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes (256 bits), base64url without padding: 43 characters, safe in a URL path. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The only form in which a token is stored: its SHA-256 as 64 lowercase hex
 * characters. A fast hash is enough because the token itself carries 256 bits
 * of entropy; there is nothing to brute-force.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compares two strings in time independent of where they differ. Both sides are
 * hashed first so that inputs of different lengths are compared the same way
 * (timingSafeEqual itself refuses unequal lengths, which would leak the length).
 */
export function safeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}
