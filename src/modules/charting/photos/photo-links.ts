/**
 * Photos are never at a stable address. A page that shows one embeds a link signed for this
 * spa, this client and photo, and the viewer's own session, valid for a few minutes: copied
 * into another browser, another spa or a later session, or kept past its time, it opens
 * nothing. The route still demands a signed-in session with read:photo:any. Pure.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** How long a photo link works after the page that holds it was drawn. */
export const PHOTO_LINK_LIFETIME_MS = 5 * 60 * 1000;

/** What a link is good for: the spa, the client and photo, and the session it was drawn for. */
export interface PhotoLinkClaims {
  tenantId: string;
  clientId: string;
  photoId: string;
  sessionId: string;
}

export type PhotoLinkVerdict = 'valid' | 'expired' | 'invalid';

const keys = new Map<string, Buffer>();

/** The links' own key, derived from LUME_SECRET (which also signs CSRF tokens), so neither use can stand in for the other. */
export function photoLinkKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'lume', 'lume photo links v1', 32));
    keys.set(secret, key);
  }
  return key;
}

function mac(key: Buffer, claims: PhotoLinkClaims, expires: number): Buffer {
  const message = ['photo-link', 'v1', claims.tenantId, claims.clientId, claims.photoId, claims.sessionId, String(expires)].join('|');
  return createHmac('sha256', key).update(message).digest();
}

/** The token for `?t=`: expiry in whole seconds (base 36), a dot, then the HMAC (base64url). */
export function signPhotoLink(key: Buffer, claims: PhotoLinkClaims, now: Date): string {
  const expires = Math.floor((now.getTime() + PHOTO_LINK_LIFETIME_MS) / 1000);
  return `${expires.toString(36)}.${mac(key, claims, expires).toString('base64url')}`;
}

const TOKEN = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

/**
 * Whether a token opens this photo for this session now. The signature is checked before the
 * time, so "expired" is only ever said of a link that was really drawn for this viewer.
 */
export function verifyPhotoLink(key: Buffer, claims: PhotoLinkClaims, token: string | undefined, now: Date): PhotoLinkVerdict {
  const parts = token ? TOKEN.exec(token) : null;
  if (!parts) return 'invalid';
  const expires = parseInt(parts[1]!, 36);
  const given = Buffer.from(parts[2]!, 'base64url');
  const expected = mac(key, claims, expires);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return now.getTime() >= expires * 1000 ? 'expired' : 'valid';
}
