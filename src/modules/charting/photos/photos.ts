/**
 * Before/after photos of a client (CRM-5, checklist #31, SEC-3, SEC-8). Each photo is a row in
 * `client_photos` and two encrypted objects in the file store (the re-encoded JPEG and its
 * thumbnail). Every read of a photo or of the list writes its audit row naming the client, in
 * the same transaction; removing a photo hides it and keeps the row, the file and the reason.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import type { FileStore } from '../../../infra/storage/file-store.ts';
import type { PreparedPhoto } from './image.ts';

export const PHOTO_KINDS = { before: 'Before', after: 'After', progress: 'Progress' } as const;
export type PhotoKind = keyof typeof PHOTO_KINDS;

export interface Photo {
  id: string;
  clientId: string;
  appointmentId: string | null;
  kind: PhotoKind;
  area: string;
  takenAt: Date;
  width: number;
  height: number;
  byteSize: number;
  uploadedBy: string | null;
  createdAt: Date;
}

/** A removed photo as the page lists it: what it was, and who removed it, when and why. No image. */
export interface RemovedPhoto {
  id: string;
  kind: PhotoKind;
  area: string;
  takenAt: Date;
  removedAt: Date;
  removedBy: string | null;
  reason: string;
}

export interface PhotoUpload {
  kind: PhotoKind;
  area: string;
  appointmentId: string | null;
}

export type StoreResult = { ok: true; ids: string[] } | { ok: false; status: 404 } | { ok: false; status: 400; errors: Record<string, string> };

export type PhotoVariant = 'full' | 'thumb';

const PHOTO_COLUMNS = `p.id, p.client_id AS "clientId", p.appointment_id AS "appointmentId", p.kind, p.area, p.taken_at AS "takenAt",
  p.width, p.height, p.byte_size AS "byteSize", o.full_name AS "uploadedBy", p.created_at AS "createdAt"`;
const UPLOADER = 'LEFT JOIN operators o ON o.tenant_id = p.tenant_id AND o.id = p.uploaded_by';

/**
 * Stores the photos of one upload for an active client, all or nothing: the rows, the encrypted
 * files and one audit row per photo. Taken at the chosen visit (which must be this client's and
 * not cancelled), or now. The client row is locked so a merge cannot move it meanwhile.
 */
export async function storePhotos(ctx: ServiceCtx, files: FileStore, clientId: string, input: PhotoUpload, photos: readonly PreparedPhoto[]): Promise<StoreResult> {
  const client = await ctx.tx.$client.query(`SELECT 1 FROM clients WHERE id = $1 AND status = 'active' FOR UPDATE`, [clientId]);
  if (client.rowCount !== 1) return { ok: false, status: 404 };
  let takenAt: Date | null = null;
  if (input.appointmentId) {
    const { rows } = await ctx.tx.$client.query<{ starts_at: Date; status: string }>(`SELECT starts_at, status FROM appointments WHERE id = $1 AND client_id = $2`, [input.appointmentId, clientId]);
    const visit = rows[0];
    if (!visit) return { ok: false, status: 400, errors: { appointment_id: 'Choose one of this client’s visits, or none.' } };
    if (visit.status === 'cancelled') return { ok: false, status: 400, errors: { appointment_id: 'That visit was cancelled. Choose another visit, or none.' } };
    takenAt = visit.starts_at;
  }
  const ids: string[] = [];
  for (const photo of photos) {
    const { rows } = await ctx.tx.$client.query<{ id: string; object_key: string; thumb_key: string }>(
      `INSERT INTO client_photos (tenant_id, id, client_id, appointment_id, kind, area, taken_at, width, height, byte_size, sha256, uploaded_by)
       VALUES (current_tenant_id(), $1, $2, $3, $4, $5, coalesce($6, now()), $7, $8, $9, $10, $11)
       RETURNING id, object_key, thumb_key`,
      [randomUUID(), clientId, input.appointmentId, input.kind, input.area, takenAt, photo.width, photo.height, photo.bytes.length, photo.sha256, ctx.actor.id],
    );
    const row = rows[0]!;
    // The files go last: if one fails the transaction rolls back and no row points at a missing file.
    await files.putFile(ctx.tx, ctx.tenantId, row.object_key, photo.bytes);
    await files.putFile(ctx.tx, ctx.tenantId, row.thumb_key, photo.thumbnail.bytes);
    ctx.audit({ action: 'create', recordType: 'photo', recordId: row.id, clientIds: [clientId] });
    ids.push(row.id);
  }
  return { ok: true, ids };
}

/** A client's photos, newest first, and the removed ones (without images); audited as one read of the list. */
export async function listClientPhotos(ctx: ServiceCtx, clientId: string): Promise<{ photos: Photo[]; removed: RemovedPhoto[] }> {
  const { rows } = await ctx.tx.$client.query<Photo & { removedAt: Date | null; removedBy: string | null; reason: string | null }>(
    `SELECT ${PHOTO_COLUMNS}, p.removed_at AS "removedAt", r.full_name AS "removedBy", p.removal_reason AS reason
       FROM client_photos p ${UPLOADER}
       LEFT JOIN operators r ON r.tenant_id = p.tenant_id AND r.id = p.removed_by
      WHERE p.client_id = $1
      ORDER BY p.taken_at DESC, array_position(ARRAY['before', 'progress', 'after'], p.kind), p.created_at, p.id`,
    [clientId],
  );
  ctx.audit({ action: 'read', recordType: 'client_photos', recordId: clientId, clientIds: [clientId] });
  const photos: Photo[] = [];
  const removed: RemovedPhoto[] = [];
  for (const { removedAt, removedBy, reason, ...photo } of rows) {
    if (removedAt) removed.push({ id: photo.id, kind: photo.kind, area: photo.area, takenAt: photo.takenAt, removedAt, removedBy, reason: reason ?? '' });
    else photos.push(photo);
  }
  return { photos, removed };
}

/**
 * The photos taken at one visit (what that visit's chart shows), before then after, with an
 * audit row naming the client when there are any.
 */
export async function listVisitPhotos(ctx: ServiceCtx, appointmentId: string): Promise<Photo[]> {
  const { rows } = await ctx.tx.$client.query<Photo>(
    `SELECT ${PHOTO_COLUMNS} FROM client_photos p ${UPLOADER}
      WHERE p.appointment_id = $1 AND p.removed_at IS NULL
      ORDER BY array_position(ARRAY['before', 'progress', 'after'], p.kind), p.created_at, p.id`,
    [appointmentId],
  );
  const clients = [...new Set(rows.map((r) => r.clientId))];
  if (rows.length) ctx.audit({ action: 'read', recordType: 'visit_photos', recordId: appointmentId, clientIds: clients });
  return rows;
}

/** One photo's details (not removed), with its audit row; null when this client has no such photo. */
export async function readPhoto(ctx: ServiceCtx, clientId: string, photoId: string): Promise<Photo | null> {
  const { rows } = await ctx.tx.$client.query<Photo>(`SELECT ${PHOTO_COLUMNS} FROM client_photos p ${UPLOADER} WHERE p.client_id = $1 AND p.id = $2 AND p.removed_at IS NULL`, [clientId, photoId]);
  if (!rows[0]) return null;
  ctx.audit({ action: 'read', recordType: 'photo', recordId: photoId, clientIds: [clientId] });
  return rows[0];
}

/**
 * The decrypted JPEG of a photo (or its thumbnail), with its audit row: a view is a read, a
 * download an export. Null when this client has no such photo, or it was removed.
 */
export async function photoFile(ctx: ServiceCtx, files: FileStore, clientId: string, photoId: string, variant: PhotoVariant, purpose: 'view' | 'download'): Promise<Buffer | null> {
  const { rows } = await ctx.tx.$client.query<{ object_key: string; thumb_key: string }>(
    `SELECT object_key, thumb_key FROM client_photos WHERE client_id = $1 AND id = $2 AND removed_at IS NULL`,
    [clientId, photoId],
  );
  const row = rows[0];
  if (!row) return null;
  const bytes = await files.getFile(ctx.tx, ctx.tenantId, variant === 'full' ? row.object_key : row.thumb_key);
  // A row without its file is damage, not a missing page: it must reach the error log.
  if (!bytes) throw new Error('client photo: the stored file is missing');
  ctx.audit({ action: purpose === 'download' ? 'export' : 'read', recordType: 'photo', recordId: photoId, clientIds: [clientId] });
  return bytes;
}

/** Hides a photo with the reason; the row and the file are kept. False when there is no such photo (or it was already removed). */
export async function removePhoto(ctx: ServiceCtx, clientId: string, photoId: string, reason: string): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query(
    `UPDATE client_photos SET removed_at = now(), removed_by = $3, removal_reason = $4 WHERE client_id = $1 AND id = $2 AND removed_at IS NULL`,
    [clientId, photoId, ctx.actor.id, reason],
  );
  if (rowCount !== 1) return false;
  ctx.audit({ action: 'delete', recordType: 'photo', recordId: photoId, clientIds: [clientId] });
  return true;
}
