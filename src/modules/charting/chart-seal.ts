/**
 * The fingerprint of a signed chart (checklist row 7): SHA-256 of its content as canonical JSON
 * (keys sorted, amounts as numbers), written when it is signed and checked whenever it is shown,
 * so a change behind the database's back is reported instead of trusted.
 */
import { createHash } from 'node:crypto';

export interface SealedContent {
  chartId: string;
  appointmentServiceId: string;
  serviceId: string;
  providerId: string;
  template: string;
  text: Record<string, string>;
  products: { productId: string; lotNumber: string; lotExpiry: string; amount: number | null }[];
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

/** The client is not part of it: merging duplicate records re-points a chart without changing what was charted. */
export function sealOf(content: SealedContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
