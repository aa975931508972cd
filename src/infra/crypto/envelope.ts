import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM sealing for stored files and for the data keys that encrypt them.
 *
 * Sealed layout: [version: 1 byte][iv: 12 bytes][tag: 16 bytes][ciphertext].
 * The authenticated data is the version byte, a purpose label and the caller's
 * AAD, so a blob cannot be replayed as another kind of blob, in another format
 * version, or under another context (tenant, object key).
 */
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
export const KEY_BYTES = 32;

type Purpose = 'lume.data-key' | 'lume.data';

export class DecryptionError extends Error {
  constructor(message = 'ciphertext is damaged or does not belong to this key and context') {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** A fresh random 256-bit data key. */
export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Wraps a data key under the master key; `context` (e.g. tenant and key id) must be given again to unwrap. */
export function wrapKey(masterKey: Buffer, dataKey: Buffer, context = ''): Buffer {
  assertKey(dataKey, 'data key');
  return seal(masterKey, dataKey, 'lume.data-key', context);
}

export function unwrapKey(masterKey: Buffer, wrapped: Buffer, context = ''): Buffer {
  const dataKey = open(masterKey, wrapped, 'lume.data-key', context);
  if (dataKey.length !== KEY_BYTES) throw new DecryptionError('unwrapped key has the wrong length');
  return dataKey;
}

/** Encrypts `plaintext` under a data key; `aad` names what the bytes are (tenant, object) and is not stored. */
export function encrypt(dataKey: Buffer, plaintext: Uint8Array, aad: Uint8Array | string): Buffer {
  return seal(dataKey, plaintext, 'lume.data', aad);
}

/** Reverses `encrypt`; throws `DecryptionError` when any byte or the AAD differs. */
export function decrypt(dataKey: Buffer, blob: Uint8Array, aad: Uint8Array | string): Buffer {
  return open(dataKey, blob, 'lume.data', aad);
}

function seal(key: Buffer, plaintext: Uint8Array, purpose: Purpose, aad: Uint8Array | string): Buffer {
  assertKey(key, 'key');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(FORMAT_VERSION, purpose, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT_VERSION), iv, cipher.getAuthTag(), ciphertext]);
}

function open(key: Buffer, blob: Uint8Array, purpose: Purpose, aad: Uint8Array | string): Buffer {
  assertKey(key, 'key');
  const sealed = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (sealed.length < HEADER_BYTES) throw new DecryptionError('ciphertext is too short');
  const version = sealed[0]!;
  if (version !== FORMAT_VERSION) throw new DecryptionError(`unknown ciphertext format version ${version}`);
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(version, purpose, aad));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

function associatedData(version: number, purpose: Purpose, aad: Uint8Array | string): Buffer {
  const callerPart = typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad;
  // The label has no NUL in it, so the NUL separator keeps label and caller AAD apart.
  return Buffer.concat([Buffer.of(version), Buffer.from(purpose, 'ascii'), Buffer.of(0), callerPart]);
}

function assertKey(key: Buffer, what: string): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) throw new Error(`${what} must be ${KEY_BYTES} bytes`);
}
