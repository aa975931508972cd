import type pg from 'pg';
import type { Database, DbRole } from '../../infra/db/database.ts';
import {
  AUDIT_ROW_SQL,
  GENESIS_MAC,
  GENESIS_XID,
  ROW_MAC_BYTES,
  assertAuditKey,
  rowMac,
  sealMac,
  type AuditRowText,
} from './canonical.ts';
import { listSpaIds } from './seal.ts';

/**
 * Read-only verification of the audit seals (docs/adr/004-audit-seals.md): walks each
 * spa's seals in order, recomputes every MAC over the rows as they are now, and names
 * the first thing that does not match.
 */

export interface AuditProblem {
  /** The seal where the chain breaks; for an unsealed-tail problem, the last seal (0 if none). */
  seq: number;
  /** Where: inside the sealed chain, or in the rows after the last seal. */
  at: 'seal' | 'tail';
  rowId?: string;
  message: string;
}

export interface SpaVerification {
  tenantId: string;
  /** Seals checked (up to the problem, when there is one). */
  seals: number;
  /** Rows covered by the checked seals. */
  rows: number;
  /** Rows after the last seal, not sealed yet. */
  unsealed: number;
  /** The chain head, to be recorded outside the database and compared later. */
  head: { seq: number; mac: string } | null;
  problem?: AuditProblem;
}

export interface AuditReport {
  ok: boolean;
  spas: SpaVerification[];
}

export interface VerifyOptions {
  /** Spas to verify; all of them (`list_tenant_ids()`) when absent. */
  tenantIds?: readonly string[];
  /** The role reading the rows: the app role by default; the operator's CLI may use the owner. */
  role?: DbRole;
  /** Unsealed rows older than this are a problem (a deleted last seal, or a stopped sealer). */
  staleAfterSeconds?: number;
}

const SEAL_PAGE = 500;
const ROW_PAGE = 5_000;
const DEFAULT_STALE_SECONDS = 600;

export async function verifyAudit(db: Database, key: Buffer, options: VerifyOptions = {}): Promise<AuditReport> {
  assertAuditKey(key);
  const role = options.role ?? 'app';
  const tenantIds = options.tenantIds ?? (await listSpaIds(db, role));
  const spas: SpaVerification[] = [];
  for (const tenantId of tenantIds) spas.push(await verifySpa(db, key, tenantId, options));
  return { ok: spas.every((s) => !s.problem), spas };
}

export async function verifySpa(db: Database, key: Buffer, tenantId: string, options: VerifyOptions = {}): Promise<SpaVerification> {
  assertAuditKey(key);
  const staleAfter = options.staleAfterSeconds ?? DEFAULT_STALE_SECONDS;
  const settings = { 'app.tenant_id': tenantId, 'app.request_id': 'audit-verify' };
  return db.transaction(options.role ?? 'app', settings, async (client) => {
    const report: SpaVerification = { tenantId, seals: 0, rows: 0, unsealed: 0, head: null };
    const reader = new RowReader(client, tenantId);
    let prev = { seq: 0n, xidTo: GENESIS_XID, mac: GENESIS_MAC };
    let problem: AuditProblem | undefined;

    walk: for (;;) {
      const page = await client.query<SealRow>(
        `SELECT seq::text AS seq, xid_from::text AS xid_from, xid_to::text AS xid_to, row_count, row_macs, prev_mac, mac
           FROM audit_seals AS s WHERE tenant_id = $1 AND seq > $2 ORDER BY s.seq LIMIT ${SEAL_PAGE}`,
        [tenantId, prev.seq.toString()],
      );
      if (page.rows.length === 0) break;
      // Rows are fetched in pages that may span this whole page of seals, never past its end.
      reader.limit = BigInt(page.rows.at(-1)!.xid_to);
      for (const seal of page.rows) {
        const seq = BigInt(seal.seq);
        const xidFrom = BigInt(seal.xid_from);
        const xidTo = BigInt(seal.xid_to);
        const n = Number(seq);
        const chainError = checkLink(key, prev, seal, seq, xidFrom, xidTo);
        if (chainError) {
          problem = { seq: chainError.seq, at: 'seal', message: chainError.message };
          break walk;
        }
        if (reader.limit < xidTo) reader.limit = xidTo;
        const actual: { id: string; mac: Buffer }[] = [];
        for (let row = await reader.peek(); row && BigInt(row.xid) < xidTo; row = await reader.peek()) {
          actual.push({ id: row.id, mac: rowMac(key, row) });
          reader.take();
        }
        const rowError = compareRows(seal.row_macs, actual);
        if (rowError) {
          problem = { seq: n, at: 'seal', ...rowError };
          break walk;
        }
        report.seals += 1;
        report.rows += seal.row_count;
        prev = { seq, xidTo, mac: seal.mac };
      }
    }

    // The head and the tail's bound: the last seal checked or, past a break, the last seal there is.
    let tailFrom = prev.xidTo;
    if (prev.seq > 0n) report.head = { seq: Number(prev.seq), mac: prev.mac.toString('hex') };
    if (problem) {
      const last = await client.query<{ seq: string; xid_to: string; mac: Buffer }>(
        'SELECT seq::text AS seq, xid_to::text AS xid_to, mac FROM audit_seals AS s WHERE tenant_id = $1 ORDER BY s.seq DESC LIMIT 1',
        [tenantId],
      );
      const top = last.rows[0];
      if (top) {
        report.head = { seq: Number(top.seq), mac: top.mac.toString('hex') };
        if (BigInt(top.xid_to) > tailFrom) tailFrom = BigInt(top.xid_to);
      }
    }

    // The tail: rows of transactions at or after the last seal's bound.
    const tail = await client.query<{ unsealed: number; stale: number; first_stale: string | null }>(
      `SELECT count(*)::int AS unsealed,
              count(*) FILTER (WHERE occurred_at < now() - make_interval(secs => $3))::int AS stale,
              (SELECT e.id::text FROM audit_events AS e
                WHERE tenant_id = $1 AND xid >= $2::xid8 AND occurred_at < now() - make_interval(secs => $3)
                ORDER BY e.xid, e.id LIMIT 1) AS first_stale
         FROM audit_events WHERE tenant_id = $1 AND xid >= $2::xid8`,
      [tenantId, tailFrom.toString(), staleAfter],
    );
    const t = tail.rows[0]!;
    report.unsealed = t.unsealed;
    if (!problem && t.stale > 0) {
      const minutes = Math.round(staleAfter / 60);
      problem = {
        seq: Number(prev.seq),
        at: 'tail',
        rowId: t.first_stale ?? undefined,
        message:
          `${t.stale.toLocaleString('en-US')} row${t.stale === 1 ? '' : 's'} older than ${minutes} minutes ` +
          `${t.stale === 1 ? 'is' : 'are'} not sealed, from row id ${t.first_stale} (the last seal was deleted, or the sealer has stopped)`,
      };
    }
    if (problem) report.problem = problem;
    return report;
  });
}

interface SealRow {
  seq: string;
  xid_from: string;
  xid_to: string;
  row_count: number;
  row_macs: Buffer;
  prev_mac: Buffer;
  mac: Buffer;
}

function checkLink(
  key: Buffer,
  prev: { seq: bigint; xidTo: bigint; mac: Buffer },
  seal: SealRow,
  seq: bigint,
  xidFrom: bigint,
  xidTo: bigint,
): { seq: number; message: string } | null {
  const expected = prev.seq + 1n;
  if (seq !== expected) {
    const missing = seq - expected === 1n ? `seal ${expected} is missing` : `seals ${expected}–${seq - 1n} are missing`;
    return { seq: Number(expected), message: missing };
  }
  const n = Number(seq);
  if (xidFrom !== prev.xidTo) return { seq: n, message: `seal ${n} does not start where seal ${n - 1} ended (xid ${xidFrom}, expected ${prev.xidTo})` };
  if (!seal.prev_mac.equals(prev.mac)) return { seq: n, message: `seal ${n} does not chain to seal ${n - 1} (previous MAC differs)` };
  if (xidTo <= xidFrom) return { seq: n, message: `seal ${n} covers an empty range` };
  if (seal.row_macs.length !== seal.row_count * ROW_MAC_BYTES) return { seq: n, message: `seal ${n} was altered (row count and row MACs disagree)` };
  const mac = sealMac(key, { prevMac: seal.prev_mac, seq, xidFrom, xidTo, rowCount: seal.row_count, rowMacs: seal.row_macs });
  if (!mac.equals(seal.mac)) return { seq: n, message: `seal ${n} was altered, or the audit key is not the one that sealed it (its MAC does not match)` };
  return null;
}

/** Compares the sealed row MACs with the rows now in the seal's range, position by position. */
function compareRows(sealed: Buffer, actual: readonly { id: string; mac: Buffer }[]): { rowId?: string; message: string } | null {
  const expected: Buffer[] = [];
  for (let at = 0; at < sealed.length; at += ROW_MAC_BYTES) expected.push(sealed.subarray(at, at + ROW_MAC_BYTES));
  let i = 0;
  let j = 0;
  while (i < expected.length && j < actual.length) {
    const row = actual[j]!;
    if (expected[i]!.equals(row.mac)) {
      i += 1;
      j += 1;
      continue;
    }
    const ahead = expected.findIndex((m, k) => k > i && m.equals(row.mac));
    if (ahead > i) {
      const gone = ahead - i;
      return { rowId: row.id, message: `${gone === 1 ? 'a row is' : `${gone} rows are`} missing before row id ${row.id}` };
    }
    if (actual.some((a, k) => k > j && a.mac.equals(expected[i]!))) return { rowId: row.id, message: `row id ${row.id} was not in the seal` };
    return { rowId: row.id, message: `row id ${row.id} was altered` };
  }
  if (i < expected.length) {
    const gone = expected.length - i;
    const after = j > 0 ? ` (after row id ${actual[j - 1]!.id})` : '';
    return { message: `${gone === 1 ? 'a row is' : `${gone} rows are`} missing at the end of the seal${after}` };
  }
  if (j < actual.length) return { rowId: actual[j]!.id, message: `row id ${actual[j]!.id} was not in the seal` };
  return null;
}

/** The spa's rows in (xid, id) order, fetched a page at a time and never at or past `limit`. */
class RowReader {
  limit = GENESIS_XID;
  private buffer: AuditRowText[] = [];
  private at = 0;
  private cursor: { xid: string; id: string } | null = null;
  private doneBelow = -1n;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly tenantId: string,
  ) {}

  async peek(): Promise<AuditRowText | null> {
    if (this.at < this.buffer.length) return this.buffer[this.at]!;
    if (this.doneBelow >= this.limit) return null;
    const values: unknown[] = [this.tenantId, this.limit.toString(), ROW_PAGE];
    let after = '';
    if (this.cursor) {
      values.push(this.cursor.xid, this.cursor.id);
      after = 'AND xid >= $4::xid8 AND (xid > $4::xid8 OR id > $5::bigint)';
    }
    const { rows } = await this.client.query<AuditRowText>(
      `SELECT ${AUDIT_ROW_SQL} FROM audit_events AS e
        WHERE tenant_id = $1 AND xid < $2::xid8 ${after}
        ORDER BY e.xid, e.id LIMIT $3`,
      values,
    );
    this.buffer = rows;
    this.at = 0;
    if (rows.length < ROW_PAGE) this.doneBelow = this.limit;
    if (rows.length === 0) return null;
    const last = rows.at(-1)!;
    this.cursor = { xid: last.xid, id: last.id };
    return rows[0]!;
  }

  take(): void {
    this.at += 1;
  }
}
