import { randomUUID } from 'node:crypto';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { hashToken, newToken } from '../../src/infra/crypto/tokens.ts';
import { sealAll } from '../../src/modules/audit/seal.ts';
import { acknowledgePolicy } from '../../src/modules/identity/policy-notices.ts';
import type { TestApp } from './harness.ts';
import { signIn } from './operators.ts';

/**
 * Puts rows of both spas into every tenant table, through the product's own
 * paths where one exists (sign-in makes sessions, recovery codes and audit rows;
 * a stored file makes the data key). The isolation suite refuses a table without
 * rows of the second spa, so a new table must be added here.
 */
export async function giveEveryTableRowsOfBothSpas(app: TestApp): Promise<void> {
  // A Lumè-wide policy version (not material: no notice for other suites), acknowledged in each spa.
  await app.deps.db.ownerQuery(
    `INSERT INTO policies (kind, version, effective_on, material, summary, published_by)
     SELECT 'terms', 'fixture', current_date, false, 'Fixture version.', id FROM console_staff ORDER BY created_at LIMIT 1
     ON CONFLICT (kind, version) DO NOTHING`,
  );
  const policyId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM policies WHERE kind = 'terms' AND version = 'fixture'`)).rows[0]!.id;
  for (const [tenantId, slug] of [[app.spas.glow, 'glow'], [app.spas.other, 'lumen']] as const) {
    await signIn(app, `owner@${slug}.example`, `${slug}.localhost:3000`);
    await withTenant(app.deps.db, { tenantId, requestId: 'fixture' }, async ({ tx, audit }) => {
      audit({ action: 'read', recordType: 'client_list', clientIds: [randomUUID(), randomUUID()] });
      await app.deps.files.putFile(tx, tenantId, 'fixture/hello.txt', Buffer.from('hello'));
      await tx.$client.query(
        `INSERT INTO auth_tokens (tenant_id, operator_id, purpose, token_hash, expires_at)
         SELECT tenant_id, id, 'password_reset', $1, now() + interval '30 minutes' FROM operators LIMIT 1`,
        [hashToken(newToken())],
      );
      const operator = (await tx.$client.query<{ id: string }>('SELECT id FROM operators ORDER BY created_at, id LIMIT 1')).rows[0]!;
      await acknowledgePolicy({ tx, tenantId, actor: { kind: 'anonymous', id: null }, audit }, operator.id, policyId, new Date());
    });
  }
  await openBreakGlassInBothSpas(app);
  await sealAll(app.deps.db, app.deps.config.auditKey);
}

/** A break-glass window in each spa, opened the console's way (the function writes the grant and the spa's audit row). */
async function openBreakGlassInBothSpas(app: TestApp): Promise<void> {
  const staffId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM console_staff WHERE role IN ('support', 'admin') AND status = 'active' ORDER BY created_at LIMIT 1`)).rows[0]!.id;
  for (const tenantId of [app.spas.glow, app.spas.other]) {
    await app.deps.db.transaction('console', { 'app.request_id': 'fixture' }, (client) =>
      client.query('SELECT * FROM console_open_break_glass($1, $2, $3, 15, $4, now(), $5)', [tenantId, staffId, 'Fixture: support checking an import.', hashToken(newToken()), 'fixture']),
    );
  }
}
