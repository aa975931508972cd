import type { Database } from '../../src/infra/db/database.ts';

/** Every tenant-owned table, read from the catalog (never listed by hand), with the column that names its tenant. */
export async function tenantTables(db: Database): Promise<{ table: string; column: string }[]> {
  const { rows } = await db.ownerQuery<{ table: string; column: string }>(`
    SELECT c.relname AS table, a.attname AS column
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND (a.attname = 'tenant_id' OR (c.relname = 'tenants' AND a.attname = 'id'))
    ORDER BY 1`);
  return rows;
}

class Rollback extends Error {}

/** Runs `sql` as lume_app with the given settings and always rolls back; returns rows, rowCount, or the error's SQLSTATE. */
async function probe(db: Database, settings: Record<string, string>, sql: string, values: unknown[] = []) {
  let outcome: { rows: Record<string, unknown>[]; count: number } | { error: string } = { error: 'none' };
  try {
    await db.transaction('app', settings, async (client) => {
      try {
        const r = await client.query(sql, values);
        outcome = { rows: r.rows, count: r.rowCount ?? 0 };
      } catch (error) {
        outcome = { error: (error as { code?: string }).code ?? 'unknown' };
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return outcome as { rows: Record<string, unknown>[]; count: number } | { error: string };
}

const DENIED = '42501'; // insufficient_privilege: both "permission denied" and an RLS WITH CHECK violation

/**
 * Looks for every way tenant A could see or change tenant B's rows. Returns one
 * line per gap found; an empty list means isolation holds for every table.
 */
export async function findIsolationGaps(db: Database, tenantA: string, tenantB: string): Promise<string[]> {
  const gaps: string[] = [];
  const asA = { 'app.tenant_id': tenantA, 'app.request_id': 'isolation' };
  const asNobody = { 'app.request_id': 'isolation' };

  const flags = await db.ownerQuery<{ relname: string; rls: boolean; forced: boolean; policies: number; complete: number }>(`
    SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
      (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname)::int AS policies,
      (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
         AND p.cmd = 'ALL' AND p.permissive = 'PERMISSIVE'
         AND p.qual LIKE '%current_tenant_id()%' AND p.with_check LIKE '%current_tenant_id()%')::int AS complete
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`);
  const byName = new Map(flags.rows.map((r) => [r.relname, r]));

  for (const { table, column } of await tenantTables(db)) {
    const f = byName.get(table)!;
    if (!f.rls) gaps.push(`${table}: row-level security is not enabled`);
    if (!f.forced) gaps.push(`${table}: row-level security is not forced`);
    if (f.policies !== 1 || f.complete !== 1) gaps.push(`${table}: needs exactly one tenant policy with USING and WITH CHECK on current_tenant_id()`);

    const q = (sql: string) => sql.replaceAll('$T', `"${table}"`).replaceAll('$C', `"${column}"`);
    const others = await db.ownerQuery(q('SELECT to_jsonb(t) AS row FROM $T t WHERE $C = $1 LIMIT 1'), [tenantB]);
    if (!others.rowCount) {
      gaps.push(`${table}: the fixture has no row of the second tenant, so isolation cannot be shown`);
      continue;
    }
    const seen = await probe(db, asA, q('SELECT count(*)::int AS n FROM $T WHERE $C <> $1'), [tenantA]);
    if (!('rows' in seen) || seen.rows[0]!.n !== 0) gaps.push(`${table}: tenant A can read another tenant's rows (${JSON.stringify(seen)})`);

    const unscoped = await probe(db, asNobody, q('SELECT count(*)::int AS n FROM $T'));
    if ('rows' in unscoped && unscoped.rows[0]!.n !== 0) gaps.push(`${table}: rows are visible with no tenant set`);

    // Generated columns cannot be inserted: copy only the stored ones.
    const stored = await db.ownerQuery<{ list: string }>(
      `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS list FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
      [`"${table}"`],
    );
    const cols = stored.rows[0]!.list;
    const insert = await probe(db, asA, q(`INSERT INTO $T (${cols}) SELECT ${cols} FROM jsonb_populate_record(NULL::$T, $1)`), [others.rows[0]!.row]);
    if (!('error' in insert) || insert.error !== DENIED) gaps.push(`${table}: tenant A can insert a row of another tenant (${JSON.stringify(insert)})`);

    const moveIn = await probe(db, asA, q('UPDATE $T SET $C = $1 WHERE $C = $2'), [tenantB, tenantA]);
    if ('count' in moveIn && moveIn.count > 0) gaps.push(`${table}: tenant A can move its rows to another tenant`);

    const update = await probe(db, asA, q('UPDATE $T SET $C = $C WHERE $C = $1'), [tenantB]);
    if ('count' in update && update.count > 0) gaps.push(`${table}: tenant A can update another tenant's rows`);

    const remove = await probe(db, asA, q('DELETE FROM $T WHERE $C = $1'), [tenantB]);
    if ('count' in remove && remove.count > 0) gaps.push(`${table}: tenant A can delete another tenant's rows`);
  }
  return gaps;
}
