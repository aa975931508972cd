import type pg from 'pg';
import { DEFAULT_ROLES } from './permissions.ts';

/** Gives a new spa the default roles (runs where the spa is created, as the owner). Returns role ids by key. */
export async function installDefaultRoles(client: pg.PoolClient, tenantId: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const role of DEFAULT_ROLES) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO roles (tenant_id, key, name, description, builtin, permissions) VALUES ($1, $2, $3, $4, true, $5) RETURNING id`,
      [tenantId, role.key, role.name, role.description, role.permissions],
    );
    ids.set(role.key, rows[0]!.id);
  }
  return ids;
}
