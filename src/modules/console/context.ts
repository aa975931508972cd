import { isIP } from 'node:net';
import pg from 'pg';
import type { Database } from '../../infra/db/database.ts';

/** Who acts in the console: a staff member, nobody yet (a failed sign-in), or Lumè itself (the CLI). */
export interface ConsoleActor {
  kind: 'staff' | 'anonymous' | 'system';
  id: string | null;
  role?: string | null;
}

/** One thing done in the console. Never carries a prospect's or a patient's details: kinds, ids, short facts. */
export interface ConsoleAuditInput {
  action: string;
  targetKind: string;
  targetId?: string | null;
  /** A short, non-personal fact: "active → suspended", "role: support". */
  detail?: string | null;
  outcome?: 'success' | 'denied' | 'not_found' | 'failed';
}

export interface ConsoleScope {
  requestId: string;
  actor: ConsoleActor;
  ip?: string | null;
  userAgent?: string | null;
}

/** What a console service receives: the transaction (as lume_console), the actor and the audit recorder. */
export interface ConsoleCtx {
  client: pg.PoolClient;
  actor: ConsoleActor;
  requestId: string;
  /** Records an action; the row is written in this transaction, in the COMMIT's round trip. */
  audit(event: ConsoleAuditInput): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NAME = /^[a-z][a-z_]{1,39}$/;
const lit = (value: string | null | undefined) => (value == null ? 'NULL' : pg.escapeLiteral(value));

/**
 * The console's only way to the database: one transaction as `lume_console` (which can read no
 * spa's table), its audit rows committed with the work they describe or not at all.
 */
export async function withConsole<T>(db: Database, scope: ConsoleScope, fn: (ctx: ConsoleCtx) => Promise<T>): Promise<T> {
  if (!REQUEST_ID.test(scope.requestId)) throw new Error('withConsole: malformed request id');
  const events: ConsoleAuditInput[] = [];
  return db.transaction(
    'console',
    { 'app.request_id': scope.requestId },
    (client) => fn({ client, actor: scope.actor, requestId: scope.requestId, audit: (e) => void events.push(e) }),
    () => (events.length ? consoleAuditSql(scope, events) : null),
  );
}

/** The INSERT for a transaction's console audit rows; every value checked or escaped. */
export function consoleAuditSql(scope: ConsoleScope, events: readonly ConsoleAuditInput[]): string {
  const { actor } = scope;
  if (actor.kind === 'staff' && !actor.id) throw new Error('console audit: a staff actor needs an id');
  if (actor.id != null && !UUID.test(actor.id)) throw new Error('console audit: actor id must be a uuid');
  const ip = scope.ip && isIP(scope.ip) ? `'${scope.ip}'::inet` : 'NULL';
  const shared = [
    lit(actor.kind),
    actor.id ? `'${actor.id}'::uuid` : 'NULL',
    lit(actor.role?.slice(0, 40)),
    ip,
    lit(scope.userAgent?.slice(0, 256)),
    lit(scope.requestId.slice(0, 64)),
  ];
  const rows = events.map((e) => {
    if (!NAME.test(e.action) || !NAME.test(e.targetKind)) throw new Error('console audit: action and target kind must be lower-case words');
    return `(${[...shared, lit(e.action), lit(e.targetKind), lit(e.targetId?.slice(0, 80)), lit(e.detail?.slice(0, 200)), lit(e.outcome ?? 'success')].join(', ')})`;
  });
  return `INSERT INTO console_audit_events (actor_kind, staff_id, staff_role, ip, user_agent, request_id, action, target_kind, target_id, detail, outcome) VALUES ${rows.join(', ')}`;
}
