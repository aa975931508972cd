import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Database } from './database.ts';
import * as schema from './schema.ts';

export type Tx = NodePgDatabase<typeof schema> & { $client: pg.PoolClient };

/** Who is acting, for whom, and under which request: set on every tenant transaction. */
export interface TenantScope {
  tenantId: string;
  actorId?: string | null | undefined;
  requestId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The only way to touch a tenant's rows (DESIGN §3): one transaction, as
 * `lume_app`, with `app.tenant_id`, `app.actor_id` and `app.request_id` set
 * transaction-locally so row-level security and the audit trail see them.
 */
export async function withTenant<T>(db: Database, scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction('app', tenantSettings(scope), (client) => fn(drizzle(client, { schema }) as Tx));
}

export function tenantSettings(scope: TenantScope): Record<string, string> {
  if (!UUID.test(scope.tenantId)) throw new Error('withTenant needs a tenant id (uuid)');
  if (scope.actorId != null && !UUID.test(scope.actorId)) throw new Error('withTenant: actor id must be a uuid');
  if (!REQUEST_ID.test(scope.requestId)) throw new Error('withTenant: malformed request id');
  return {
    'app.tenant_id': scope.tenantId,
    'app.actor_id': scope.actorId ?? '',
    'app.request_id': scope.requestId,
  };
}

/** Resolves a host's slug to its spa through the narrow `resolve_tenant` function. */
export async function resolveTenant(db: Database, slug: string, requestId: string): Promise<{ id: string; status: string } | null> {
  return db.transaction('app', { 'app.request_id': requestId }, async (client) => {
    const { rows } = await client.query<{ id: string; status: string }>('SELECT id, status FROM resolve_tenant($1)', [slug]);
    return rows[0] ?? null;
  });
}
