import { createHmac } from 'node:crypto';

/**
 * The byte forms the audit seals are computed over (docs/adr/004-audit-seals.md).
 * Pure: no I/O. Sealing and verification both read rows through `AUDIT_ROW_SQL`,
 * so both hash exactly the same text, as PostgreSQL prints it.
 */

/** One audit row with every column as PostgreSQL's text, or null. */
export interface AuditRowText {
  tenant_id: string;
  id: string;
  occurred_at: string;
  xid: string;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  client_ids: string;
  ip: string | null;
  user_agent: string | null;
  surface: string;
  outcome: string;
  request_id: string | null;
}

/** The columns, in the order they are hashed. Adding a column to audit_events means a new version. */
export const AUDIT_ROW_FIELDS = [
  'tenant_id',
  'id',
  'occurred_at',
  'xid',
  'actor_kind',
  'actor_id',
  'actor_role',
  'action',
  'record_type',
  'record_id',
  'client_ids',
  'ip',
  'user_agent',
  'surface',
  'outcome',
  'request_id',
] as const satisfies readonly (keyof AuditRowText)[];

/**
 * The select list that yields an `AuditRowText`. The time is formatted in SQL, in UTC with
 * microseconds (a JS Date would drop them); everything else is the column's own text form.
 * Its aliases shadow the columns in ORDER BY: select `FROM audit_events AS e` and order by
 * `e.xid, e.id`, or the order is the text's ('10' before '9').
 */
export const AUDIT_ROW_SQL = `tenant_id::text AS tenant_id, id::text AS id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  xid::text AS xid, actor_kind, actor_id::text AS actor_id, actor_role, action, record_type, record_id,
  client_ids::text AS client_ids, ip::text AS ip, user_agent, surface, outcome, request_id`;

/** Row MACs are HMAC-SHA256 truncated to this many bytes; seal MACs are full length. */
export const ROW_MAC_BYTES = 16;
export const SEAL_MAC_BYTES = 32;
/** The previous MAC of a spa's first seal. */
export const GENESIS_MAC: Buffer = Buffer.alloc(SEAL_MAC_BYTES);
/** The first seal starts at the smallest xid8, so no row can sit below every seal. */
export const GENESIS_XID = 0n;

const ROW_TAG = Buffer.from('lume.audit.row.v1\n', 'utf8');
const NULL_FIELD = Buffer.from([0]);

/**
 * Fixed order; each field is `0x00` for NULL or `0x01`, a 4-byte big-endian length and the
 * UTF-8 bytes — so NULL and '' differ, and no value can run into the next.
 */
export function canonicalRow(row: AuditRowText): Buffer {
  const parts: Buffer[] = [ROW_TAG];
  for (const field of AUDIT_ROW_FIELDS) {
    const value = row[field];
    if (value === null) {
      parts.push(NULL_FIELD);
      continue;
    }
    if (typeof value !== 'string') throw new Error(`audit row field ${field} must be text`);
    const bytes = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(5);
    head[0] = 1;
    head.writeUInt32BE(bytes.length, 1);
    parts.push(head, bytes);
  }
  return Buffer.concat(parts);
}

export function rowMac(key: Buffer, row: AuditRowText): Buffer {
  return createHmac('sha256', key).update(canonicalRow(row)).digest().subarray(0, ROW_MAC_BYTES);
}

export interface SealFields {
  prevMac: Buffer;
  seq: bigint;
  xidFrom: bigint;
  xidTo: bigint;
  rowCount: number;
  rowMacs: Buffer;
}

/** HMAC(key, prev_mac ‖ seq ‖ xid_from ‖ xid_to ‖ row_count ‖ row_macs); integers big-endian, 8/8/8/4 bytes. */
export function sealMac(key: Buffer, seal: SealFields): Buffer {
  if (seal.prevMac.length !== SEAL_MAC_BYTES) throw new Error('seal prev_mac must be 32 bytes');
  const numbers = Buffer.alloc(28);
  numbers.writeBigUInt64BE(seal.seq, 0);
  numbers.writeBigUInt64BE(seal.xidFrom, 8);
  numbers.writeBigUInt64BE(seal.xidTo, 16);
  numbers.writeUInt32BE(seal.rowCount, 24);
  return createHmac('sha256', key).update(seal.prevMac).update(numbers).update(seal.rowMacs).digest();
}

export function assertAuditKey(key: Buffer | undefined): asserts key is Buffer {
  if (!key || key.length !== 32) throw new Error('the audit key must be 32 bytes (LUME_AUDIT_KEY)');
}
