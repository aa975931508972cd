/**
 * The seal of a signed chart (checklist row 7): HMAC-SHA256 of its content as canonical JSON (keys
 * sorted, amounts as numbers) under a key derived from LUME_AUDIT_KEY, which the database never
 * holds. Written at signing and checked whenever the chart is shown, so a change made around the
 * database's triggers (a superuser, an edited backup) is reported instead of trusted, and cannot
 * be re-sealed without the app's key. The version prefix lets a later format coexist.
 */
import { createHmac, hkdfSync } from 'node:crypto';

export const SEAL_VERSION = 'v1';

export interface SealedContent {
  chartId: string;
  appointmentServiceId: string;
  serviceId: string;
  providerId: string;
  /** When and where the visit took place, as charted. */
  visitStartsAt: string;
  locationId: string;
  template: string;
  text: Record<string, string>;
  products: { productId: string; name: string; unit: string; lotNumber: string; lotExpiry: string; amount: number | null }[];
  settings: { label: string; value: string }[];
  points: unknown[];
  signedBy: string;
  signedName: string;
  signedAt: string;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chartSealKey(auditKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', auditKey, 'lume', 'lume chart seal v1', 32));
}

/** The client is not part of it: merging duplicate records re-points a visit without changing what was charted. */
export function sealOf(content: SealedContent, key: Buffer): string {
  return createHmac('sha256', key).update(`${SEAL_VERSION}|`).update(canonicalJson(content)).digest('hex');
}
