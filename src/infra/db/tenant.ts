import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { auditInsertSql, type Actor, type AuditInput, type RequestMeta } from '../audit/event.ts';
import type { Database } from './database.ts';
import * as schema from './schema.ts';

export type Tx = NodePgDatabase<typeof schema> & { $client: pg.PoolClient };

/** Who is acting, for which spa, under which request: set on every tenant transaction. */
export interface TenantScope {
  tenantId: string;
  requestId: string;
  actor?: Actor;
  surface?: RequestMeta['surface'];
  ip?: string | null;
  userAgent?: string | null;
}

/** What a service receives (DESIGN §4): the transaction, the spa, the actor, and the audit recorder. */
export interface ServiceCtx {
  tx: Tx;
  tenantId: string;
  actor: Actor;
  /** Records an access; the row is written in this transaction, in the COMMIT's round trip. */
  audit(event: AuditInput): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NOBODY: Actor = { kind: 'anonymous', id: null };

/** One Drizzle instance per pooled connection: building it walks the whole schema. */
const drizzles = new WeakMap<pg.PoolClient, Tx>();
function drizzleFor(client: pg.PoolClient): Tx {
  let tx = drizzles.get(client);
  if (!tx) {
    tx = drizzle(client, { schema }) as Tx;
    drizzles.set(client, tx);
  }
  return tx;
}

/**
 * The only way to touch a spa's rows (DESIGN §3): one transaction as `lume_app`,
 * with `app.tenant_id`, `app.actor_id` and `app.request_id` set locally so that
 * row-level security and the audit trail see them. Audit events recorded through
 * `ctx.audit` commit or roll back with the work they describe.
 */
export async function withTenant<T>(db: Database, scope: TenantScope, fn: (ctx: ServiceCtx) => Promise<T>): Promise<T> {
  const settings = tenantSettings(scope);
  const actor = scope.actor ?? NOBODY;
  const events: AuditInput[] = [];
  const meta: RequestMeta = { requestId: scope.requestId, surface: scope.surface ?? 'crm', ip: scope.ip, userAgent: scope.userAgent };
  return db.transaction(
    'app',
    settings,
    (client) => fn({ tx: drizzleFor(client), tenantId: scope.tenantId, actor, audit: (e) => void events.push(e) }),
    () => (events.length ? auditInsertSql(scope.tenantId, actor, meta, events) : null),
  );
}

export function tenantSettings(scope: TenantScope): Record<string, string> {
  if (!UUID.test(scope.tenantId)) throw new Error('withTenant needs a tenant id (uuid)');
  if (scope.actor?.id != null && !UUID.test(scope.actor.id)) throw new Error('withTenant: actor id must be a uuid');
  if (!REQUEST_ID.test(scope.requestId)) throw new Error('withTenant: malformed request id');
  return {
    'app.tenant_id': scope.tenantId,
    'app.actor_id': scope.actor?.id ?? '',
    'app.request_id': scope.requestId,
  };
}
