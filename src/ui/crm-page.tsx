import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../infra/http/context.ts';
import { csrfToken } from '../infra/http/csrf.ts';
import { CrmLayout } from './layouts.tsx';
import type { NavItem } from './layouts/app-shell.tsx';

/** The CRM's sections, each shown only to those whose permissions open it. */
const SECTIONS: { href: string; label: string; permission: string }[] = [
  { href: '/', label: 'Today', permission: 'use:crm:any' },
  { href: '/settings/staff', label: 'Staff', permission: 'manage:staff:any' },
  { href: '/settings/roles', label: 'Roles', permission: 'manage:role:any' },
  { href: '/audit', label: 'Audit trail', permission: 'read:audit:any' },
  { href: '/settings', label: 'Settings', permission: 'manage:settings:any' },
  { href: '/account', label: 'My account', permission: 'use:crm:any' },
];

/** Renders a signed-in CRM page in the shell, with the navigation this operator may use. */
export function crmPage(c: Context<AppEnv>, page: { title: string; section: string }, children: Child) {
  const principal = c.get('principal')!;
  const nav: NavItem[] = SECTIONS.filter((s) => principal.permissions.has(s.permission)).map((s) => ({
    href: s.href,
    label: s.label,
    current: s.href === page.section,
  }));
  return c.html(
    <CrmLayout title={page.title} spaName={principal.spaName} operatorName={principal.fullName} nav={nav} csrfToken={csrfToken(c)} idleExpiresAt={principal.idleExpiresAt}>
      {children}
    </CrmLayout>,
  );
}
