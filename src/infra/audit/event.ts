import { isIP } from 'node:net';
import pg from 'pg';

export type ActorKind = 'operator' | 'client' | 'staff' | 'system' | 'anonymous';
export type AuditSurface = 'crm' | 'public' | 'api' | 'console' | 'job';
export type AuditOutcome = 'success' | 'denied' | 'not_found' | 'failed';

/** Who acts: an operator, a client through a link, Lumè staff, a job, or nobody yet (failed sign-in). */
export interface Actor {
  kind: ActorKind;
  id: string | null;
  /** The actor's role keys at the time, e.g. "provider,manager". */
  role?: string | null;
}

/** Where a request came from; recorded with each of its audit rows. */
export interface RequestMeta {
  requestId: string;
  surface: AuditSurface;
  ip?: string | null;
  userAgent?: string | null;
}

/** One access to record. Never carries PHI values: only kinds and ids. */
export interface AuditInput {
  action: string;
  recordType: string;
  recordId?: string | null;
  /** Every client the access concerns, including every client shown on a list page. */
  clientIds?: readonly string[];
  outcome?: AuditOutcome;
}

export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[a-z][a-z_]{1,39}$/;
const lit = (value: string | null | undefined) => (value == null ? 'NULL' : pg.escapeLiteral(value));

function uuidLiteral(value: string | null | undefined, what: string): string {
  if (value == null) return 'NULL';
  if (!UUID.test(value)) throw new Error(`audit: ${what} must be a uuid`);
  return `'${value}'::uuid`;
}

/**
 * One statement for a transaction's audit events, sent in the same round trip as
 * its COMMIT; the clients each event names are found again through the GIN index on
 * client_ids (docs/adr/009). Every value is checked or escaped: ids must be uuids,
 * names must be lower-case words, free text (user agent) goes through
 * escapeLiteral with standard_conforming_strings (PostgreSQL's default).
 */
export function auditInsertSql(tenantId: string, actor: Actor, meta: RequestMeta, events: readonly AuditInput[]): string {
  const ip = meta.ip && isIP(meta.ip) ? `'${meta.ip}'::inet` : 'NULL';
  const shared = [
    uuidLiteral(tenantId, 'tenant id'),
    lit(actor.kind),
    uuidLiteral(actor.id, 'actor id'),
    lit(actor.role?.slice(0, 200)),
    ip,
    lit(meta.userAgent?.slice(0, 256)),
    lit(meta.surface),
    lit(meta.requestId.slice(0, 64)),
  ];
  const rows = events.map((e) => {
    if (!NAME.test(e.action) || !NAME.test(e.recordType)) throw new Error('audit: action and record type must be lower-case words');
    // One array literal: a thousand `'…'::uuid` casts (a calendar week) cost the server more to parse.
    for (const id of e.clientIds ?? []) if (!UUID.test(id)) throw new Error('audit: client id must be a uuid');
    return `(${[
      ...shared,
      lit(e.action),
      lit(e.recordType),
      lit(e.recordId?.slice(0, 80)),
      `'{${(e.clientIds ?? []).join(',')}}'::uuid[]`,
      lit(e.outcome ?? 'success'),
    ].join(', ')})`;
  });
  return `INSERT INTO audit_events (tenant_id, actor_kind, actor_id, actor_role, ip, user_agent, surface, request_id, action, record_type, record_id, client_ids, outcome) VALUES ${rows.join(', ')}`;
}
