import type { Context } from 'hono';
import type { Actor } from '../audit/event.ts';
import type { TenantScope } from '../db/tenant.ts';
import type { AppEnv } from './context.ts';

/** The actor role of Lumè staff inside a break-glass window (SEC-9); see src/modules/break-glass/window.ts. */
const BREAK_GLASS_ROLE = 'lume_break_glass';

function actorOf(principal: AppEnv['Variables']['principal']): Actor {
  if (!principal) return { kind: 'anonymous', id: null };
  if (principal.breakGlass) return { kind: 'staff', id: principal.breakGlass.staffId, role: BREAK_GLASS_ROLE };
  return { kind: 'operator', id: principal.operatorId, role: principal.roles.join(',') };
}

/** The tenant transaction scope of this request: spa, actor, request id and where it came from (for the audit rows). */
export function requestScope(c: Context<AppEnv>): TenantScope {
  return {
    tenantId: c.var.tenant.id,
    requestId: c.var.requestId,
    actor: actorOf(c.get('principal')),
    surface: c.var.surface === 'console' ? 'console' : 'crm',
    ip: c.var.ip,
    userAgent: c.req.header('user-agent') ?? null,
  };
}
