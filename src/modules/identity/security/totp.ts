/**
 * TOTP second factor (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) on otplib 13,
 * whose default crypto and base32 come from the audited @noble/@scure libraries.
 *
 * A code is accepted for the current step or one step either side (RFC 6238 5.2,
 * checklist row 9), and only for a step later than the last one accepted, so a code
 * is never used twice and an older code cannot follow a newer one. The caller stores
 * the returned step as the account's lastUsedStep in the same transaction as the sign-in.
 */
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

const STEP_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;
const CODE_SHAPE = /^[0-9]{6}$/;

export type TotpVerdict = { ok: true; step: number } | { ok: false };

/** A new base32 secret of 160 random bits. */
export function newTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
export function totpUri({ secret, accountName, issuer }: { secret: string; accountName: string; issuer: string }): string {
  return generateURI({ issuer, label: accountName, secret, algorithm: 'sha1', digits: DIGITS, period: STEP_SECONDS });
}

export function totpStepAt(date: Date): number {
  return Math.floor(date.getTime() / 1000 / STEP_SECONDS);
}

export function totpCodeAt(secret: string, date: Date): string {
  return generateSync({ secret, epoch: Math.floor(date.getTime() / 1000), digits: DIGITS, period: STEP_SECONDS });
}

export function verifyTotp(
  secret: string,
  code: string,
  { now, lastUsedStep }: { now: Date; lastUsedStep: number | null },
): TotpVerdict {
  // Apps show codes as "123 456"; people may type the space.
  const digits = code.replace(/ /g, '');
  if (!CODE_SHAPE.test(digits)) return { ok: false };

  // A last step beyond the window means the clock went backwards: nothing is acceptable.
  // otplib would throw for it, so answer here.
  if (lastUsedStep !== null && lastUsedStep >= totpStepAt(now) + 1) return { ok: false };

  const result = verifySync({
    secret,
    token: digits,
    epoch: Math.floor(now.getTime() / 1000),
    digits: DIGITS,
    period: STEP_SECONDS,
    // In seconds: one whole step before and after, so exactly steps N-1, N and N+1.
    epochTolerance: STEP_SECONDS,
    ...(lastUsedStep !== null && lastUsedStep >= 0 ? { afterTimeStep: lastUsedStep } : {}),
  });
  if (!result.valid || !('timeStep' in result)) return { ok: false };
  return { ok: true, step: result.timeStep };
}
