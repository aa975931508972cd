/**
 * Where a sent form link stands, as the Forms tab shows it. A revoked link reads as revoked even
 * if it was past its expiry; a used one (everything it covered signed) as used.
 */
export type LinkState = 'open' | 'used' | 'expired' | 'revoked';

export function linkState(link: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null }, now: Date): LinkState {
  if (link.revokedAt) return 'revoked';
  if (link.usedAt) return 'used';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'open';
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A link lifetime in whole days as the milliseconds `sendFormLink` takes. */
export const daysToMs = (days: number) => days * DAY_MS;
