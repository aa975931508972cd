/** Gives photos the links a page may embed for the current viewer (photo-links.ts): this spa, this session, five minutes. */
import type { Context } from 'hono';
import type { AppEnv } from '../../../infra/http/context.ts';
import { photoLinkKey, signPhotoLink } from './photo-links.ts';
import type { Photo } from './photos.ts';
import type { ShownPhoto } from './views/photo-parts.tsx';

/** For a page of the signed-in viewer: each photo with its full-size, thumbnail and download links. */
export function photoLinker(c: Context<AppEnv>): (photo: Photo) => ShownPhoto {
  const key = photoLinkKey(c.var.deps.config.secret);
  const { sessionId } = c.get('principal')!;
  const tenantId = c.var.tenant.id;
  const now = c.var.deps.now();
  return (photo) => {
    const token = signPhotoLink(key, { tenantId, clientId: photo.clientId, photoId: photo.id, sessionId }, now);
    const image = `/clients/${photo.clientId}/photos/${photo.id}/image?t=${token}`;
    return { ...photo, links: { full: image, thumb: `${image}&size=thumb`, download: `${image}&download=1` } };
  };
}
