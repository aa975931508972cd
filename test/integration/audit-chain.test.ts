import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/database.ts';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { AUDIT_ROW_SQL, GENESIS_MAC, rowMac, sealMac, type AuditRowText } from '../../src/modules/audit/canonical.ts';
import { ensureAuditPartitions, sealAll, sealSpa } from '../../src/modules/audit/seal.ts';
import { verifyAudit, type AuditReport, type SpaVerification } from '../../src/modules/audit/verify.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';

// SEC-3 and checklist #6: audit rows are append-only for the app, and the seals make any
// change by someone who can get around that (the owner, a restored backup) detectable.

const KEY = Buffer.alloc(32, 9);
const OPERATOR = '11111111-1111-4111-8111-111111111111';
const CLIENT = '22222222-2222-4222-8222-222222222222';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let database: TestDatabase;
let db: Database;
const spas = { glow: '', lumen: '' };
let requests = 0;

async function createSpa(slug: string): Promise<string> {
  const { rows } = await db.ownerQuery<{ id: string }>(
    `INSERT INTO tenants (slug, legal_name, display_name, admin_contact_name, admin_contact_email, state_code)
     VALUES ($1, $2, $2, 'Test Admin', $3, 'NY') RETURNING id::text AS id`,
    [slug, `Spa ${slug}`, `admin@${slug}.example`],
  );
  return rows[0]!.id;
}

/** One audited read, the way services record them: a small SELECT and `ctx.audit`, committed together. */
async function audited(tenantId: string, events = 1, before?: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const n = ++requests;
  await withTenant(
    db,
    { tenantId, requestId: `req-${n}`, actor: { kind: 'operator', id: OPERATOR, role: 'provider' }, ip: '203.0.113.7', userAgent: 'Vitest/4' },
    async (ctx) => {
      await before?.(ctx.tx.$client);
      await ctx.tx.$client.query('SELECT count(*) FROM audit_seals');
      for (let e = 0; e < events; e++) ctx.audit({ action: 'read', recordType: 'client', recordId: `c-${n}-${e}`, clientIds: [CLIENT] });
    },
  );
}

/** Seals until nothing is left unsealed: on a shared PostgreSQL server another database's open transaction can hold xmin back for a moment. */
async function sealEverything(): Promise<AuditReport> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await sealAll(db, KEY);
    const report = await verifyAudit(db, KEY);
    if (report.spas.every((s) => s.unsealed === 0) || Date.now() > deadline) return report;
    await sleep(25);
  }
}

const spaReport = (report: AuditReport, tenantId: string): SpaVerification => report.spas.find((s) => s.tenantId === tenantId)!;
const count = async (sql: string, values: unknown[] = []) => Number((await db.ownerQuery<{ n: string }>(sql, values)).rows[0]!.n);

/** The owner gets around the append-only trigger, the way someone with the database's keys could. */
async function asOwnerWithoutTrigger(table: 'audit_events' | 'audit_seals', sql: string, values: unknown[] = []): Promise<void> {
  const trigger = table === 'audit_events' ? 'audit_append_only' : 'audit_seals_append_only';
  await db.transaction('owner', {}, async (client) => {
    await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    await client.query(sql, values);
    await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  });
}

async function sealedRowIds(tenantId: string, seq = 1): Promise<string[]> {
  const { rows } = await db.ownerQuery<{ id: string }>(
    `SELECT e.id::text AS id FROM audit_events e JOIN audit_seals s ON s.tenant_id = e.tenant_id AND e.xid >= s.xid_from AND e.xid < s.xid_to
      WHERE e.tenant_id = $1 AND s.seq = $2 ORDER BY e.xid, e.id`,
    [tenantId, seq],
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  spas.glow = await createSpa('glow');
  spas.lumen = await createSpa('lumen');
});
afterAll(async () => {
  await database?.close();
});

describe('audit seals', () => {
  it('seals every finished access of each spa, verifies, and writes no seal when nothing is new', async () => {
    for (let i = 0; i < 5; i++) await audited(spas.glow);
    await audited(spas.glow, 3); // one request, three rows (a list page)
    for (let i = 0; i < 3; i++) await audited(spas.lumen);

    const report = await sealEverything();
    expect(report.ok).toBe(true);
    expect(spaReport(report, spas.glow)).toMatchObject({ seals: 1, rows: 8, unsealed: 0 });
    expect(spaReport(report, spas.lumen)).toMatchObject({ seals: 1, rows: 3, unsealed: 0 });
    expect(spaReport(report, spas.glow).head).toEqual({ seq: 1, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const before = await count('SELECT count(*) AS n FROM audit_seals');
    const again = await sealAll(db, KEY);
    expect(again.seals).toBe(0);
    expect(await count('SELECT count(*) AS n FROM audit_seals')).toBe(before);

    // New rows wait for the next seal, which chains to the first.
    await audited(spas.glow);
    await audited(spas.glow);
    const waiting = await verifyAudit(db, KEY);
    expect(waiting.ok).toBe(true);
    expect(spaReport(waiting, spas.glow).unsealed).toBe(2);
    const sealed = await sealEverything();
    expect(sealed.ok).toBe(true);
    expect(spaReport(sealed, spas.glow)).toMatchObject({ seals: 2, rows: 10, unsealed: 0, head: { seq: 2 } });
    expect(await count('SELECT count(*) AS n FROM audit_events')).toBe(13);
  });

  it('names a row edited behind the trigger, and is whole again once it is put back', async () => {
    const [, victim] = await sealedRowIds(spas.glow);
    await asOwnerWithoutTrigger('audit_events', `UPDATE audit_events SET action = 'export' WHERE id = $1`, [victim]);
    const broken = await verifyAudit(db, KEY);
    expect(broken.ok).toBe(false);
    expect(spaReport(broken, spas.glow).problem).toEqual({ seq: 1, at: 'seal', rowId: victim, message: `row id ${victim} was altered` });
    expect(spaReport(broken, spas.lumen).problem).toBeUndefined();

    await asOwnerWithoutTrigger('audit_events', `UPDATE audit_events SET action = 'read' WHERE id = $1`, [victim]);
    expect((await verifyAudit(db, KEY)).ok).toBe(true);
  });

  it('reports a deleted row as missing, in the middle and at the end of a seal', async () => {
    const ids = await sealedRowIds(spas.glow);
    for (const [victim, expected] of [
      [ids[2]!, `a row is missing before row id ${ids[3]}`],
      [ids.at(-1)!, `a row is missing at the end of the seal (after row id ${ids.at(-2)})`],
    ] as const) {
      await db.ownerQuery(`CREATE TABLE tamper_backup AS SELECT * FROM audit_events WHERE id = ${BigInt(victim)}`);
      await asOwnerWithoutTrigger('audit_events', 'DELETE FROM audit_events WHERE id = $1', [victim]);
      const broken = await verifyAudit(db, KEY);
      expect(spaReport(broken, spas.glow).problem).toMatchObject({ seq: 1, at: 'seal', message: expected });

      await db.ownerQuery('INSERT INTO audit_events SELECT * FROM tamper_backup');
      await db.ownerQuery('DROP TABLE tamper_backup');
      expect((await verifyAudit(db, KEY)).ok).toBe(true);
    }
  });

  it('reports a forged row slipped into a sealed range', async () => {
    const [first] = await sealedRowIds(spas.glow);
    // The owner can set every column, xid included: a row that looks written by a sealed transaction.
    const { rows } = await db.ownerQuery<{ id: string }>(
      `INSERT INTO audit_events (tenant_id, occurred_at, xid, actor_kind, actor_id, actor_role, action, record_type, record_id,
                                 client_ids, ip, user_agent, surface, outcome, request_id)
       SELECT tenant_id, occurred_at, xid, actor_kind, actor_id, actor_role, 'read', 'client', 'forged',
              client_ids, ip, user_agent, surface, outcome, request_id
         FROM audit_events WHERE id = $1
       RETURNING id::text AS id`,
      [first],
    );
    const forged = rows[0]!.id;
    const broken = await verifyAudit(db, KEY);
    expect(spaReport(broken, spas.glow).problem).toEqual({ seq: 1, at: 'seal', rowId: forged, message: `row id ${forged} was not in the seal` });

    await asOwnerWithoutTrigger('audit_events', 'DELETE FROM audit_events WHERE id = $1', [forged]);
    expect((await verifyAudit(db, KEY)).ok).toBe(true);
  });

  it('reports an edited seal, a deleted seal, and a wrong key', async () => {
    const { rows } = await db.ownerQuery<{ mac: Buffer }>('SELECT mac FROM audit_seals WHERE tenant_id = $1 AND seq = 1', [spas.glow]);
    const mac = rows[0]!.mac;
    const flipped = Buffer.from(mac);
    flipped.writeUInt8(mac[0]! ^ 1, 0);
    await asOwnerWithoutTrigger('audit_seals', 'UPDATE audit_seals SET mac = $2 WHERE tenant_id = $1 AND seq = 1', [spas.glow, flipped]);
    const broken = await verifyAudit(db, KEY);
    expect(spaReport(broken, spas.glow).problem).toMatchObject({ seq: 1, at: 'seal', message: expect.stringContaining('its MAC does not match') });
    await asOwnerWithoutTrigger('audit_seals', 'UPDATE audit_seals SET mac = $2 WHERE tenant_id = $1 AND seq = 1', [spas.glow, mac]);
    expect((await verifyAudit(db, KEY)).ok).toBe(true);

    // Deleting the first of two seals breaks the chain; deleting the last leaves its rows unsealed,
    // which is a problem once they are older than the sealer's schedule allows.
    await db.ownerQuery(`CREATE TABLE seal_backup AS SELECT * FROM audit_seals WHERE tenant_id = '${spas.glow}'`);
    await asOwnerWithoutTrigger('audit_seals', 'DELETE FROM audit_seals WHERE tenant_id = $1 AND seq = 1', [spas.glow]);
    expect(spaReport(await verifyAudit(db, KEY), spas.glow).problem).toMatchObject({ seq: 1, message: 'seal 1 is missing' });
    await db.ownerQuery('INSERT INTO audit_seals SELECT * FROM seal_backup WHERE seq = 1');

    await asOwnerWithoutTrigger('audit_seals', 'DELETE FROM audit_seals WHERE tenant_id = $1 AND seq = 2', [spas.glow]);
    const fresh = spaReport(await verifyAudit(db, KEY), spas.glow);
    expect(fresh).toMatchObject({ seals: 1, rows: 8, unsealed: 2 });
    expect(fresh.problem).toBeUndefined();
    const stale = spaReport(await verifyAudit(db, KEY, { staleAfterSeconds: 0 }), spas.glow);
    expect(stale.problem).toMatchObject({ seq: 1, at: 'tail', message: expect.stringContaining('2 rows older than 0 minutes are not sealed') });
    await db.ownerQuery('INSERT INTO audit_seals SELECT * FROM seal_backup WHERE seq = 2');
    await db.ownerQuery('DROP TABLE seal_backup');
    expect((await verifyAudit(db, KEY)).ok).toBe(true);

    const wrongKey = await verifyAudit(db, Buffer.alloc(32, 1));
    expect(wrongKey.ok).toBe(false);
    expect(spaReport(wrongKey, spas.lumen).problem).toMatchObject({ seq: 1, message: expect.stringContaining('audit key') });
  });

  it('lets the app role neither change nor empty the audit tables', async () => {
    const attempt = (sql: string) =>
      withTenant(db, { tenantId: spas.glow, requestId: 'tamper' }, async ({ tx }) => {
        await tx.$client.query(sql);
      });
    await expect(attempt(`UPDATE audit_events SET action = 'export'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(attempt('DELETE FROM audit_events')).rejects.toThrow(/permission denied|append-only/);
    await expect(attempt('TRUNCATE audit_events')).rejects.toThrow(/permission denied/);
    await expect(attempt('UPDATE audit_seals SET row_count = 0')).rejects.toThrow(/permission denied|append-only/);
    await expect(attempt('DELETE FROM audit_seals')).rejects.toThrow(/permission denied|append-only/);
    // Even the owner needs to switch the triggers off first.
    await expect(db.ownerQuery(`UPDATE audit_events SET action = 'export'`)).rejects.toThrow(/append-only/);
    await expect(db.ownerQuery('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await count('SELECT count(*) AS n FROM audit_events')).toBe(13);
    expect((await verifyAudit(db, KEY)).ok).toBe(true);
  });

  it('lets the daily job create the coming months\' partitions as the app role, once', async () => {
    const created = await ensureAuditPartitions(db, 8);
    expect(created).toBeGreaterThan(0);
    expect(await ensureAuditPartitions(db, 8)).toBe(0);
    expect(await ensureAuditPartitions(db)).toBe(0);
  });

  it('seals a backlog in bounded seals, never splitting a transaction, past seal 9 and xid boundaries', async () => {
    const spa = await createSpa('backlog');
    for (let i = 0; i < 30; i++) await audited(spa, 1 + (i % 3));
    await audited(spa, 12); // one transaction larger than a seal's bound: sealed whole, alone
    for (let i = 0; i < 5; i++) await audited(spa);
    const rows = await count('SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1', [spa]);
    expect(rows).toBe(77);

    let result = await sealSpa(db, KEY, spa, { maxRowsPerSeal: 5 });
    for (let tries = 0; result.rows < rows && tries < 100; tries++) {
      await sleep(25); // another database's open transaction on the shared server may hold xmin back
      const more = await sealSpa(db, KEY, spa, { maxRowsPerSeal: 5 });
      result = { ...more, seals: result.seals + more.seals, rows: result.rows + more.rows };
    }
    expect(result.rows).toBe(rows);
    expect(result.seals).toBeGreaterThanOrEqual(16);
    const sizes = (await db.ownerQuery<{ row_count: number }>('SELECT row_count FROM audit_seals WHERE tenant_id = $1 ORDER BY seq', [spa])).rows.map((r) => r.row_count);
    expect(sizes.filter((n) => n > 5)).toEqual([12]);

    const report = await verifyAudit(db, KEY, { tenantIds: [spa] });
    expect(report.spas[0]).toMatchObject({ seals: result.seals, rows, unsealed: 0 });
    expect(report.ok).toBe(true);

    const [victim] = await sealedRowIds(spa, 11);
    await asOwnerWithoutTrigger('audit_events', `UPDATE audit_events SET surface = 'api' WHERE id = $1`, [victim]);
    expect((await verifyAudit(db, KEY, { tenantIds: [spa] })).spas[0]!.problem).toEqual({ seq: 11, at: 'seal', rowId: victim, message: `row id ${victim} was altered` });
    await asOwnerWithoutTrigger('audit_events', `UPDATE audit_events SET surface = 'crm' WHERE id = $1`, [victim]);
    expect((await verifyAudit(db, KEY, { tenantIds: [spa] })).ok).toBe(true);
  });
});

// PGlite runs one transaction at a time, so these races only exist on PostgreSQL (DESIGN §9).
describe.skipIf(testBackend() !== 'postgres')('audit seals under concurrency (PostgreSQL)', () => {
  it('leaves a finished transaction unsealed while an older one is still open, then seals both', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const hasXid = new Promise<void>((resolve) => (started = resolve));
    // An older transaction: it takes its xid now and commits its audit row last.
    const held = audited(spas.glow, 1, async (client) => {
      await client.query('SELECT pg_current_xact_id()');
      started();
      await gate;
    });
    await hasXid;
    await audited(spas.glow); // a younger one, committed while the older is open
    await sealSpa(db, KEY, spas.glow);
    const during = spaReport(await verifyAudit(db, KEY), spas.glow);
    expect(during.problem).toBeUndefined();
    expect(during.unsealed).toBe(1); // committed, but behind the open transaction's xid: not sealed yet

    release();
    await held;
    const after = await sealEverything();
    expect(after.ok).toBe(true);
    expect(spaReport(after, spas.glow).unsealed).toBe(0);
  });

  it('seals 200 concurrent audited reads exactly once while two sealers race', async () => {
    let done = false;
    const sealer = async () => {
      let seals = 0;
      while (!done) {
        seals += (await sealSpa(db, KEY, spas.glow, { maxRowsPerSeal: 7 })).seals;
        await sleep(1);
      }
      return seals;
    };
    const sealers = [sealer(), sealer()];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        audited(spas.glow, 1 + (i % 3), async (client) => {
          // Half of them take their xid early and commit late, so commits land out of xid order.
          if (i % 2 === 0) {
            await client.query('SELECT pg_current_xact_id()');
            await sleep(Math.random() * 15);
          }
        }),
      ),
    );
    done = true;
    const written = (await Promise.all(sealers)).reduce((a, b) => a + b, 0);
    expect(written).toBeGreaterThan(1);

    const report = await sealEverything();
    expect(report.spas.find((s) => s.problem)?.problem).toBeUndefined();
    expect(report.ok).toBe(true);
    const glow = spaReport(report, spas.glow);
    const rows = await count('SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1', [spas.glow]);
    expect(glow.rows).toBe(rows);
    expect(glow.unsealed).toBe(0);
    expect(await count('SELECT sum(row_count) AS n FROM audit_seals WHERE tenant_id = $1', [spas.glow])).toBe(rows);
    // Each row falls in exactly one seal's range.
    const coverage = await db.ownerQuery<{ id: string; seals: string }>(
      `SELECT e.id, count(s.seq) AS seals FROM audit_events e
         LEFT JOIN audit_seals s ON s.tenant_id = e.tenant_id AND e.xid >= s.xid_from AND e.xid < s.xid_to
        WHERE e.tenant_id = $1 GROUP BY e.id HAVING count(s.seq) <> 1`,
      [spas.glow],
    );
    expect(coverage.rows).toEqual([]);

    // The same checks do fail: one edited row among the 400-odd is found and named.
    const [victim] = await sealedRowIds(spas.glow, glow.head!.seq - 1);
    await asOwnerWithoutTrigger('audit_events', `UPDATE audit_events SET outcome = 'denied' WHERE id = $1`, [victim]);
    expect(spaReport(await verifyAudit(db, KEY), spas.glow).problem).toMatchObject({ rowId: victim, message: `row id ${victim} was altered` });
    await asOwnerWithoutTrigger('audit_events', `UPDATE audit_events SET outcome = 'success' WHERE id = $1`, [victim]);
    expect((await verifyAudit(db, KEY)).ok).toBe(true);
  });

  it('would catch a sealer that trusted the newest xid instead of xmin', async () => {
    const spa = await createSpa('naive');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const hasXid = new Promise<void>((resolve) => (started = resolve));
    const held = audited(spa, 1, async (client) => {
      await client.query('SELECT pg_current_xact_id()');
      started();
      await gate;
    });
    await hasXid;
    await audited(spa);
    // A wrong sealer: seals up to the newest committed row's xid, ignoring the open older transaction.
    await db.transaction('owner', { 'app.tenant_id': spa, 'app.request_id': 'naive' }, async (client) => {
      const { rows } = await client.query<AuditRowText>(`SELECT ${AUDIT_ROW_SQL} FROM audit_events AS e WHERE tenant_id = $1 ORDER BY e.xid, e.id`, [spa]);
      const rowMacs = Buffer.concat(rows.map((r) => rowMac(KEY, r)));
      const xidTo = BigInt(rows.at(-1)!.xid) + 1n;
      const mac = sealMac(KEY, { prevMac: GENESIS_MAC, seq: 1n, xidFrom: 0n, xidTo, rowCount: rows.length, rowMacs });
      await client.query(
        `INSERT INTO audit_seals (tenant_id, seq, xid_from, xid_to, row_count, row_macs, prev_mac, mac) VALUES ($1, 1, '0', $2::xid8, $3, $4, $5, $6)`,
        [spa, xidTo.toString(), rows.length, rowMacs, GENESIS_MAC, mac],
      );
    });
    expect((await verifyAudit(db, KEY, { tenantIds: [spa] })).ok).toBe(true);
    release();
    await held;
    // The older transaction's row lands inside the range already sealed: a false alarm the xmin bound avoids.
    const report = spaReport(await verifyAudit(db, KEY, { tenantIds: [spa] }), spa);
    expect(report.problem).toMatchObject({ seq: 1, message: expect.stringMatching(/^row id \d+ was not in the seal$/) });

    // Out of the way of the other tests: this spa is terminated (no job or verification lists it).
    await db.transaction('owner', { 'app.tenant_id': spa, 'app.request_id': 'naive' }, (client) =>
      client.query(`UPDATE tenants SET status = 'terminated' WHERE id = $1`, [spa]),
    );
  });

  it('npm run audit:verify exits 0 when intact and 1 naming the row when not', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lume-audit-cli-'));
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'src/cli/audit-verify.ts', ...args],
          {
            cwd: new URL('../..', import.meta.url).pathname,
            env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url!, DATA_DIR: dataDir, LUME_AUDIT_KEY: KEY.toString('base64'), LOG_LEVEL: 'silent' },
            timeout: 30_000,
          },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });

    await audited(spas.lumen);
    const sealing = await run('--seal');
    expect(sealing.stderr).toBe('');
    expect(sealing.code).toBe(0);
    expect(sealing.stdout).toMatch(/^Sealed \d+ rows? in \d+ new seals?\./m);
    expect(sealing.stdout).toMatch(/^glow: ok — \d+ seals, [\d,]+ rows, \d+ awaiting seal$/m);
    expect(sealing.stdout).toMatch(/^lumen: ok — \d+ seals?, [\d,]+ rows, \d+ awaiting seal$/m);
    expect(sealing.stdout).toMatch(/^ {2}chain head: seal \d+, mac [0-9a-f]{64}$/m);
    expect(sealing.stdout).not.toContain('naive');

    const [victim] = await sealedRowIds(spas.glow, 2);
    const original = (await db.ownerQuery<{ record_id: string }>('SELECT record_id FROM audit_events WHERE id = $1', [victim])).rows[0]!.record_id;
    await asOwnerWithoutTrigger('audit_events', `UPDATE audit_events SET record_id = 'someone-else' WHERE id = $1`, [victim]);
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`^glow: BROKEN at seal 2 — row id ${victim} was altered`, 'm'));
    expect(broken.stdout).toMatch(/^lumen: ok/m);
    const onlyLumen = await run('--spa', 'lumen');
    expect(onlyLumen.code).toBe(0);
    expect(onlyLumen.stdout).not.toContain('glow');

    await asOwnerWithoutTrigger('audit_events', `UPDATE audit_events SET record_id = $2 WHERE id = $1`, [victim, original]);
    const unknown = await run('--spa', 'nowhere');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No spa');
    const whole = await run();
    expect(whole.code).toBe(0);
  });
});
