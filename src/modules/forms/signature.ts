/**
 * What a signature freezes (issue 7, checklist rows 40–41): the exact version's definition and the
 * answers, as one JSON document with a SHA-256 over its canonical form. `verifySignature` recomputes
 * the hash from stored content, so any later change to the stored content is detected. Pure: no
 * database, no clock.
 */
import { createHash } from 'node:crypto';
import type { Answers, FormDefinition } from './definition.ts';

export interface FrozenContent {
  definition: FormDefinition;
  answers: Answers;
}

/** JSON with object keys sorted at every level, so equal content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

export function freezeContent(definition: FormDefinition, answers: Answers): { content: FrozenContent; sha256: string } {
  const content: FrozenContent = { definition, answers };
  return { content, sha256: contentHash(content) };
}

/** True when the stored content still hashes to the stored SHA-256. */
export function verifySignature(stored: { content: unknown; contentSha256: string }): boolean {
  if (!/^[0-9a-f]{64}$/.test(stored.contentSha256)) return false;
  try {
    return contentHash(stored.content) === stored.contentSha256;
  } catch {
    return false;
  }
}

export const SIGNATURE_IMAGE = { maxBytes: 512 * 1024, minSide: 40, maxSide: 4000 } as const;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The drawn signature as PNG bytes from a `data:image/png;base64,…` URL (what signature_pad gives),
 * or null when it is not a real PNG of sane size: the PNG signature, an IHDR chunk first with sane
 * dimensions, and an IEND chunk at the end.
 */
export function signaturePng(dataUrl: string): Buffer | null {
  const prefix = 'data:image/png;base64,';
  if (typeof dataUrl !== 'string' || !dataUrl.startsWith(prefix)) return null;
  const body = dataUrl.slice(prefix.length);
  if (body.length > Math.ceil((SIGNATURE_IMAGE.maxBytes * 4) / 3) + 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return null;
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length < 67 || bytes.length > SIGNATURE_IMAGE.maxBytes) return null;
  if (!bytes.subarray(0, 8).equals(PNG_MAGIC)) return null;
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const inRange = (n: number) => n >= SIGNATURE_IMAGE.minSide && n <= SIGNATURE_IMAGE.maxSide;
  if (!inRange(width) || !inRange(height)) return null;
  if (bytes.toString('latin1', bytes.length - 8, bytes.length - 4) !== 'IEND') return null;
  return bytes;
}
