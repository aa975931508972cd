import type { Context } from 'hono';
import type { TenantScope } from '../db/tenant.ts';
import type { AppEnv } from './context.ts';

/** The tenant transaction scope of this request: spa, actor, request id and where it came from (for the audit rows). */
export function requestScope(c: Context<AppEnv>): TenantScope {
  const principal = c.get('principal');
  return {
    tenantId: c.var.tenant.id,
    requestId: c.var.requestId,
    actor: principal ? { kind: 'operator', id: principal.operatorId, role: principal.roles.join(',') } : { kind: 'anonymous', id: null },
    surface: c.var.surface === 'console' ? 'console' : 'crm',
    ip: c.var.ip,
    userAgent: c.req.header('user-agent') ?? null,
  };
}
