/**
 * The demo spa's forms (development only): a copy of each starter, as a spa that has just added
 * the whole library would have. Runs as the owner inside the demo seed's transaction.
 */
import type pg from 'pg';
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
