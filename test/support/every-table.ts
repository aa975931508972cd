import { randomUUID } from 'node:crypto';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { hashToken, newToken } from '../../src/infra/crypto/tokens.ts';
import { sealAll } from '../../src/modules/audit/seal.ts';
import type { TestApp } from './harness.ts';
import { signIn } from './operators.ts';

/**
 * Puts rows of both spas into every tenant table, through the product's own
 * paths where one exists (sign-in makes sessions, recovery codes and audit rows;
 * a stored file makes the data key). The isolation suite refuses a table without
 * rows of the second spa, so a new table must be added here.
 */
export async function giveEveryTableRowsOfBothSpas(app: TestApp): Promise<void> {
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
    });
  }
  await sealAll(app.deps.db, app.deps.config.auditKey);
}
