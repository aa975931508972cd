import { randomUUID } from 'node:crypto';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { hashToken, newToken } from '../../src/infra/crypto/tokens.ts';
import { sealAll } from '../../src/modules/audit/seal.ts';
import { addHealthItem } from '../../src/modules/clients/health.ts';
import { createClient } from '../../src/modules/clients/records.ts';
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
      const ctx = { tx, tenantId, actor: { kind: 'operator' as const, id: operator.id }, audit };
      await acknowledgePolicy(ctx, operator.id, policyId, new Date());
      await addClientRows(ctx);
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

type Ctx = Parameters<typeof createClient>[0];

/** Two clients (a minor with a guardian, an adult with an allergy), a health entry, their history and a merge record. */
async function addClientRows(ctx: Ctx): Promise<void> {
  const now = new Date();
  const profile = {
    first_name: 'Fixture', last_name: 'Client', preferred_name: '', pronouns: '', date_of_birth: '1990-01-01', sex: 'unknown' as const, gender_identity: '',
    preferred_language: 'en' as const, email: null, mobile_phone: null, other_phone: null, address_line1: '', address_line2: '', city: '', region: '', postal_code: '',
  };
  const consent = { sms_consent: false, email_consent: false };
  const adult = await createClient(ctx, { profile, consent, guardian: null, allergies: [{ substance: 'Lidocaine', reaction: '', severity: 'severe' }] }, now);
  const minor = await createClient(
    ctx,
    { profile: { ...profile, first_name: 'Young', date_of_birth: '2015-06-01' }, consent, allergies: [],
      guardian: { guardian_name: 'Fixture Parent', guardian_relationship: 'Mother', guardian_phone: '+13105550100', guardian_email: null } },
    now,
  );
  if (!adult.ok || !minor.ok) throw new Error('fixture clients were refused');
  await addHealthItem(ctx, adult.id, { kind: 'medication', label: 'Fixture medication', detail: '', occurred_on: null });
  await ctx.tx.$client.query(
    `INSERT INTO client_merges (tenant_id, survivor_id, merged_id, snapshot) VALUES (current_tenant_id(), $1, $2, '{}')`,
    [adult.id, minor.id],
  );
}
