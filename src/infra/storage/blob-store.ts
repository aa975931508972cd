/**
 * Object storage for opaque bytes (local disk now, S3 later). Keys look like
 * relative paths: `tenants/<tenant id>/photos/<id>.jpg`. A blob store knows
 * nothing of tenants or encryption; FileStore adds both on top.
 */
export interface BlobStore {
  /** Stores `bytes` under `key`, replacing any previous value; readers see the old or the new bytes, never a mix. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Removes every key starting with `prefix` and answers how many were removed. */
  deletePrefix(prefix: string): Promise<number>;
}

export class InvalidBlobKeyError extends Error {
  constructor(what: string) {
    super(`invalid blob ${what}`);
    this.name = 'InvalidBlobKeyError';
  }
}

const KEY_CHARS = /^[A-Za-z0-9/_.-]+$/;
const MAX_KEY_LENGTH = 1024;

/**
 * Keys every adapter accepts: a relative path of [A-Za-z0-9_.-] segments, no
 * leading or trailing slash, no empty or `.` segment, and no `..` anywhere.
 * The same rules on disk and in S3 keep a key that works locally from failing later.
 */
export function assertBlobKey(key: string): void {
  if (!isSafePath(key) || key.endsWith('/')) throw new InvalidBlobKeyError('key');
}

/** A prefix follows the key rules but may end with `/`; it may not be empty (that would mean everything). */
export function assertBlobPrefix(prefix: string): void {
  const body = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (!isSafePath(body)) throw new InvalidBlobKeyError('prefix');
}

function isSafePath(path: string): boolean {
  if (path.length === 0 || path.length > MAX_KEY_LENGTH) return false;
  if (!KEY_CHARS.test(path) || path.includes('..')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.');
}
