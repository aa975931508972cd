import type pg from 'pg';
import { SYSTEM_ACTOR_ID } from '../../infra/audit/event.ts';
import type { Database, DbRole } from '../../infra/db/database.ts';
import { withTenant } from '../../infra/db/tenant.ts';
import { AUDIT_ROW_SQL, GENESIS_MAC, GENESIS_XID, assertAuditKey, rowMac, sealMac, type AuditRowText } from './canonical.ts';

/**
 * Audit seals (docs/adr/004-audit-seals.md). Writing an audit row takes no lock and
 * does no crypto; this job, run every minute, seals for each spa every row written by
 * transactions that have finished, as one HMAC chained to the previous seal.
 */

export interface SealOptions {
  /**
   * Rows per seal: a long backlog is sealed in several seals so no seal (its `row_macs`,
   * 16 bytes a row) grows without bound. One transaction's rows are never split.
   */
  maxRowsPerSeal?: number;
}

export interface SpaSealResult {
  tenantId: string;
  /** Seals written by this call. */
  seals: number;
  /** Rows those seals cover. */
  rows: number;
  /** Another sealer wrote the next seal first; this spa is left to it (or to the next run). */
  raced: boolean;
}

export interface SealAllResult {
  spas: SpaSealResult[];
  seals: number;
  rows: number;
}

const DEFAULT_MAX_ROWS = 10_000;
const SEALER = { kind: 'system', id: SYSTEM_ACTOR_ID } as const;

/** Every spa that jobs work on, through the `list_tenant_ids()` door. */
export async function listSpaIds(db: Database, role: DbRole = 'app'): Promise<string[]> {
  return db.transaction(role, {}, async (client) => {
    const { rows } = await client.query<{ id: string }>('SELECT id::text AS id FROM list_tenant_ids() AS t(id)');
    return rows.map((r) => r.id);
  });
}

/** Seals every spa; one spa failing does not stop the others (the error names how many failed). */
export async function sealAll(db: Database, key: Buffer, options: SealOptions = {}): Promise<SealAllResult> {
  assertAuditKey(key);
  const spas: SpaSealResult[] = [];
  const failures: unknown[] = [];
  for (const tenantId of await listSpaIds(db)) {
    try {
      spas.push(await sealSpa(db, key, tenantId, options));
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `audit sealing failed for ${failures.length} spa(s)`);
  return { spas, seals: spas.reduce((n, s) => n + s.seals, 0), rows: spas.reduce((n, s) => n + s.rows, 0) };
}

/** Seals one spa up to the oldest transaction still running. Writes nothing when there is nothing new. */
export async function sealSpa(db: Database, key: Buffer, tenantId: string, options: SealOptions = {}): Promise<SpaSealResult> {
  assertAuditKey(key);
  const maxRows = options.maxRowsPerSeal ?? DEFAULT_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new Error('maxRowsPerSeal must be a positive integer');
  const result: SpaSealResult = { tenantId, seals: 0, rows: 0, raced: false };
  for (;;) {
    const step = await withTenant(db, { tenantId, requestId: 'audit-seal', actor: SEALER, surface: 'job' }, ({ tx }) =>
      sealStep(tx.$client, key, tenantId, maxRows),
    );
    if (step.kind === 'raced') return { ...result, raced: true };
    if (step.kind === 'nothing') return result;
    result.seals += 1;
    result.rows += step.rows;
    if (!step.more) return result;
  }
}

type Step = { kind: 'nothing' } | { kind: 'raced' } | { kind: 'sealed'; rows: number; more: boolean };

async function sealStep(client: pg.PoolClient, key: Buffer, tenantId: string, maxRows: number): Promise<Step> {
  // 1. The bound first: every transaction with an xid below the snapshot's xmin has finished,
  //    so the set of rows below it is final. The chain head is read in the same statement.
  const head = await client.query<{ xmin: string; seq: string | null; xid_to: string | null; mac: Buffer | null }>(
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, s.seq::text AS seq, s.xid_to::text AS xid_to, s.mac
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT seq, xid_to, mac FROM audit_seals WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1) AS s ON true`,
    [tenantId],
  );
  const h = head.rows[0]!;
  const xmin = BigInt(h.xmin);
  const seq = h.seq === null ? 1n : BigInt(h.seq) + 1n;
  const xidFrom = h.xid_to === null ? GENESIS_XID : BigInt(h.xid_to);
  const prevMac = h.mac ?? GENESIS_MAC;
  if (xmin <= xidFrom) return { kind: 'nothing' };

  // 2. The rows, in (xid, id) order. READ COMMITTED: this statement's snapshot is newer than the
  //    xmin above, so it sees every committed row below it.
  const page = await client.query<AuditRowText>(
    `SELECT ${AUDIT_ROW_SQL} FROM audit_events AS e
      WHERE tenant_id = $1 AND xid >= $2::xid8 AND xid < $3::xid8
      ORDER BY e.xid, e.id LIMIT $4`,
    [tenantId, xidFrom.toString(), xmin.toString(), maxRows + 1],
  );
  let rows = page.rows;
  let xidTo = xmin;
  let more = false;
  if (rows.length > maxRows) {
    more = true;
    // Cut at a transaction boundary: the seal ends where the first row left out begins.
    const cut = BigInt(rows[maxRows]!.xid);
    if (cut > BigInt(rows[0]!.xid)) {
      rows = rows.filter((r) => BigInt(r.xid) < cut);
      xidTo = cut;
    } else {
      // One transaction wrote more than maxRows rows: seal all of it, alone.
      const whole = await client.query<AuditRowText>(
        `SELECT ${AUDIT_ROW_SQL} FROM audit_events AS e WHERE tenant_id = $1 AND xid = $2::xid8 ORDER BY e.id`,
        [tenantId, cut.toString()],
      );
      rows = whole.rows;
      xidTo = cut + 1n;
      more = xidTo < xmin;
    }
  }
  if (rows.length === 0) return { kind: 'nothing' };

  const rowMacs = Buffer.concat(rows.map((r) => rowMac(key, r)));
  const mac = sealMac(key, { prevMac, seq, xidFrom, xidTo, rowCount: rows.length, rowMacs });
  // 3. Two sealers racing both want `seq`: the loser inserts nothing and leaves it to the winner.
  const inserted = await client.query(
    `INSERT INTO audit_seals (tenant_id, seq, xid_from, xid_to, row_count, row_macs, prev_mac, mac)
     VALUES ($1, $2, $3::xid8, $4::xid8, $5, $6, $7, $8)
     ON CONFLICT (tenant_id, seq) DO NOTHING RETURNING seq`,
    [tenantId, seq.toString(), xidFrom.toString(), xidTo.toString(), rows.length, rowMacs, prevMac, mac],
  );
  if (inserted.rowCount === 0) return { kind: 'raced' };
  return { kind: 'sealed', rows: rows.length, more };
}

/**
 * Merges the pending lists of the audit rows' client index (the GIN on client_ids, docs/adr/009)
 * into the index, run with sealing every minute: inserts stay appends, lookups scan at most
 * about a minute of pending keys, and no request pays for a merge unless a pending list fills
 * (16 MB) within that minute. Returns the pending pages merged.
 */
export async function flushClientIndex(db: Database): Promise<number> {
  return db.transaction('app', {}, async (client) => {
    const { rows } = await client.query<{ merged: string }>('SELECT audit_client_index_flush()::text AS merged');
    return Number(rows[0]!.merged);
  });
}

/** Creates this month's and the next `months - 1` months' audit partitions (idempotent). */
export async function ensureAuditPartitions(db: Database, months = 3): Promise<number> {
  return db.transaction('app', {}, async (client) => {
    const { rows } = await client.query<{ created: number }>('SELECT ensure_audit_partitions(current_date, $1) AS created', [months]);
    return rows[0]!.created;
  });
}
