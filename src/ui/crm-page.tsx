import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { originFor } from '../config.ts';
import type { AppEnv } from '../infra/http/context.ts';
import { csrfToken } from '../infra/http/csrf.ts';
import { BreakGlassBanner } from '../modules/break-glass/views/banner.tsx';
import { policyKindName, policyPath, type PolicyNotice } from '../modules/identity/policy-notices.ts';
import { Alert, Button, CsrfField } from './components.tsx';
import { CrmLayout } from './layouts.tsx';
import type { NavItem } from './layouts/app-shell.tsx';

/** The CRM's sections, each shown only to those whose permissions open it. */
const SECTIONS: { href: string; label: string; permission: string }[] = [
  { href: '/', label: 'Today', permission: 'use:crm:any' },
  { href: '/calendar', label: 'Calendar', permission: 'read:appointment:any' },
  { href: '/clients', label: 'Clients', permission: 'read:client:any' },
  { href: '/charts/follow-up', label: 'Charts to finish', permission: 'read:chart:own' },
  { href: '/charts/lots', label: 'Lot recall', permission: 'read:chart:any' },
  { href: '/settings/staff', label: 'Staff', permission: 'manage:staff:any' },
  { href: '/settings/roles', label: 'Roles', permission: 'manage:role:any' },
  { href: '/settings/schedules', label: 'Schedules', permission: 'manage:schedule:any' },
  { href: '/settings/services', label: 'Services', permission: 'manage:schedule:any' },
  { href: '/settings/products', label: 'Products', permission: 'manage:schedule:any' },
  { href: '/settings/forms', label: 'Forms', permission: 'manage:form:any' },
  { href: '/settings/locations', label: 'Locations', permission: 'manage:schedule:any' },
  { href: '/audit', label: 'Audit trail', permission: 'read:audit:any' },
  { href: '/settings', label: 'Settings', permission: 'manage:settings:any' },
  { href: '/account', label: 'My account', permission: 'use:crm:any' },
];

/** Where to come back to after acknowledging: this page's path, when it is a plain one. */
function returnPath(path: string): string {
  return /^\/[A-Za-z0-9/_-]*$/.test(path) && !path.startsWith('//') ? path : '/';
}

/** A material policy change this operator has not acknowledged yet (LIFE-6): on every page until they do. */
function PolicyNotices(props: { notices: readonly PolicyNotice[]; origin: string; csrfToken: string; back: string }) {
  if (props.notices.length === 0) return null;
  return (
    <div class="stack" data-policy-notices>
      {props.notices.map((n) => {
        const name = policyKindName(n.kind);
        return (
          <Alert tone="warning" id={`policy-notice-${n.id}`} class="policy-notice" title={`Lumè is updating its ${name.toLowerCase()}: version ${n.version}, effective ${n.effectiveOn}`}>
            <p>{n.summary}</p>
            <form method="post" action={`/policies/${n.id}/acknowledge`} class="cluster">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="back" value={props.back} />
              <a href={`${props.origin}${policyPath(n.kind)}`} target="_blank" rel="noopener">
                Read the {name.toLowerCase()}
              </a>
              <Button variant="secondary" size="sm">
                I have read this
              </Button>
            </form>
          </Alert>
        );
      })}
    </div>
  );
}

/** Renders a signed-in CRM page in the shell, with the navigation this operator may use. */
export function crmPage(c: Context<AppEnv>, page: { title: string; section: string }, children: Child) {
  const principal = c.get('principal')!;
  const glass = principal.breakGlass;
  const nav: NavItem[] = SECTIONS.filter((s) => principal.permissions.has(s.permission) && !(glass && s.href === '/account')).map((s) => ({
    href: s.href,
    label: s.label,
    current: s.href === page.section,
  }));
  const token = csrfToken(c);
  return c.html(
    <CrmLayout title={page.title} spaName={principal.spaName} spaLogoVersion={principal.spaLogoVersion} operatorName={principal.fullName} nav={nav} csrfToken={token} idleExpiresAt={principal.idleExpiresAt}>
      {glass ? <BreakGlassBanner staffName={principal.fullName} endsAt={glass.endsAt} timeZone={glass.timeZone} csrfToken={token} /> : null}
      <PolicyNotices notices={principal.pendingPolicies ?? []} origin={originFor(c.var.deps.config)} csrfToken={token} back={returnPath(c.req.path)} />
      {children}
    </CrmLayout>,
  );
}
