/**
 * The demo spa's forms (development only): a copy of each starter, as a spa that has just added
 * the whole library would have. Runs as the owner inside the demo seed's transaction.
 */
import type pg from 'pg';
import { SYSTEM_ACTOR_ID } from '../../infra/audit/event.ts';
import type { Database } from '../../infra/db/database.ts';
import { withTenant } from '../../infra/db/tenant.ts';
import { STARTERS } from './starters/index.ts';

export async function seedDemoForms(client: pg.PoolClient, tenantId: string): Promise<void> {
  for (const s of STARTERS) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO form_templates (tenant_id, name, kind, rule, renewal_months, starter_key) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [tenantId, s.name, s.kind, s.rule, s.renewalMonths, s.key],
    );
    await client.query(`INSERT INTO form_versions (tenant_id, template_id, version, definition) VALUES ($1, $2, 1, $3)`, [tenantId, rows[0]!.id, JSON.stringify(s.definition)]);
  }
}

/** Which demo service asks which consent: the starter's key, and the start of the service's name. */
const DEMO_CONSENTS: readonly [starterKey: string, servicePrefix: string][] = [
  ['neurotoxin-consent', 'Neurotoxin'],
  ['dermal-filler-consent', 'Dermal filler'],
  ['laser-consent', 'Laser'],
];

/**
 * Links the demo spa's consents to the services they cover, before its bookings are made, so that
 * its visits ask for them as a spa's would (development only).
 */
export async function linkDemoConsents(db: Database, tenantId: string): Promise<void> {
  const scope = { tenantId, requestId: 'demo-seed', actor: { kind: 'system' as const, id: SYSTEM_ACTOR_ID }, surface: 'job' as const };
  await withTenant(db, scope, async (ctx) => {
    for (const [starterKey, prefix] of DEMO_CONSENTS) {
      await ctx.tx.$client.query(
        `INSERT INTO service_forms (tenant_id, service_id, template_id)
         SELECT current_tenant_id(), s.id, t.id FROM services s JOIN form_templates t ON t.starter_key = $1 WHERE s.name LIKE $2 || '%'
         ON CONFLICT DO NOTHING`,
        [starterKey, prefix],
      );
    }
  });
}
