import type { Tx } from '../db/tenant.ts';
import { decrypt, encrypt } from '../crypto/envelope.ts';
import { tenantDataKey, tenantDataKeyById } from '../crypto/tenant-keys.ts';
import type { BlobStore } from './blob-store.ts';

/**
 * A tenant's files (photos, signed-form PDFs, exports), encrypted by the app
 * with the tenant's data key before they reach the blob store (SEC-8).
 * Object keys are relative to the tenant: `photos/<id>.jpg`.
 *
 * `tx` is the caller's withTenant transaction: it reads (or creates) the data
 * key under row-level security. The blob write is not part of that transaction:
 * if it rolls back, the stored object is left behind unreferenced.
 */
export interface FileStore {
  putFile(tx: Tx, tenantId: string, objectKey: string, bytes: Uint8Array): Promise<void>;
  /** The decrypted bytes, or null when no object is stored under that key. */
  getFile(tx: Tx, tenantId: string, objectKey: string): Promise<Buffer | null>;
  deleteFile(tenantId: string, objectKey: string): Promise<void>;
  /** Removes every object of the tenant (tenant destruction); answers how many. */
  deleteTenantFiles(tenantId: string): Promise<number>;
}

/**
 * Stored layout: [format: 1 byte = 1][data key id: 16 bytes][envelope from encrypt()].
 * The key id travels with the object so that objects written before a rotation
 * still name the key that opens them.
 */
const OBJECT_FORMAT = 1;
const KEY_ID_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class UnreadableFileError extends Error {
  constructor(reason: string) {
    super(`stored file cannot be read: ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

export function createFileStore(options: { blobs: BlobStore; masterKey: Buffer }): FileStore {
  const { blobs, masterKey } = options;

  return {
    async putFile(tx, tenantId, objectKey, bytes) {
      const tenant = canonicalTenantId(tenantId);
      const dataKey = await tenantDataKey(tx, masterKey);
      if (dataKey.tenantId !== tenant) throw new Error('putFile: the transaction belongs to another tenant');
      const sealed = encrypt(dataKey.key, bytes, objectAad(tenant, objectKey, dataKey.id));
      await blobs.put(blobKey(tenant, objectKey), Buffer.concat([Buffer.of(OBJECT_FORMAT), uuidToBytes(dataKey.id), sealed]));
    },

    async getFile(tx, tenantId, objectKey) {
      const tenant = canonicalTenantId(tenantId);
      const stored = await blobs.get(blobKey(tenant, objectKey));
      if (!stored) return null;
      if (stored.length < 1 + KEY_ID_BYTES || stored[0] !== OBJECT_FORMAT) throw new UnreadableFileError('unknown format');
      const keyId = bytesToUuid(stored.subarray(1, 1 + KEY_ID_BYTES));
      // Under row-level security a key of another tenant is simply not found.
      const dataKey = await tenantDataKeyById(tx, masterKey, keyId);
      if (!dataKey) throw new UnreadableFileError("the tenant has no such data key");
      return decrypt(dataKey.key, stored.subarray(1 + KEY_ID_BYTES), objectAad(tenant, objectKey, keyId));
    },

    async deleteFile(tenantId, objectKey) {
      await blobs.delete(blobKey(canonicalTenantId(tenantId), objectKey));
    },

    deleteTenantFiles(tenantId) {
      return blobs.deletePrefix(`tenants/${canonicalTenantId(tenantId)}/`);
    },
  };
}

/** Binds the ciphertext to where it lives: moved to another object or tenant, it no longer decrypts. */
function objectAad(tenantId: string, objectKey: string, keyId: string): string {
  return `lume.file\0${tenantId}\0${objectKey}\0${keyId}`;
}

// The blob store validates the whole key, so an objectKey like `../x` is refused there.
function blobKey(tenantId: string, objectKey: string): string {
  return `tenants/${tenantId}/${objectKey}`;
}

/** PostgreSQL prints uuids in lowercase; one spelling keeps paths and AAD stable. */
function canonicalTenantId(tenantId: string): string {
  const lower = tenantId.toLowerCase();
  if (!UUID.test(lower)) throw new Error('tenant id must be a uuid');
  return lower;
}

function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
