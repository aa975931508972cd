import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { ConsoleLayout, type NavItem } from '../../ui/layouts.tsx';
import { signedInStaff } from './guard.ts';
import type { ConsolePermission } from './permissions.ts';

/** The console's sections, each shown only to staff whose role opens it. */
const SECTIONS: { href: string; label: string; permission: ConsolePermission }[] = [
  { href: '/', label: 'Spas', permission: 'read:spa:any' },
  { href: '/demo-requests', label: 'Demo requests', permission: 'read:demo:any' },
  { href: '/rights', label: 'Rights requests', permission: 'manage:rights:any' },
  { href: '/policies', label: 'Policies', permission: 'manage:policy:any' },
  { href: '/staff', label: 'Lumè staff', permission: 'manage:staff:any' },
];

/**
 * The automatic-logoff warning, read by the shared client script (src/ui/client/idle-warning.ts)
 * through its class and data attributes: two minutes before the server ends an idle session.
 */
function IdleWarning(props: { expiresAt: Date; csrfToken: string }) {
  return (
    <div class="idle-warning" hidden role="alertdialog" aria-labelledby="idle-warning-title" aria-describedby="idle-warning-text" data-expires-at={props.expiresAt.toISOString()} data-csrf={props.csrfToken}>
      <div class="idle-warning__card">
        <h2 id="idle-warning-title" class="idle-warning__title">Still there?</h2>
        <p id="idle-warning-text">The console signs you out after 15 idle minutes. You will be signed out in about two minutes.</p>
        <button type="button" class="btn btn--primary" data-idle-keepalive>
          Stay signed in
        </button>
      </div>
    </div>
  );
}

/** Renders a signed-in console page in the staff shell, with the sections this staff member may use. */
export function consolePage(c: Context<AppEnv>, page: { title: string; section: string }, children: Child) {
  const staff = signedInStaff(c);
  const nav: NavItem[] = SECTIONS.filter((s) => staff.permissions.has(s.permission)).map((s) => ({ href: s.href, label: s.label, current: s.href === page.section }));
  const token = csrfToken(c);
  return c.html(
    <ConsoleLayout title={page.title} staffName={staff.fullName} nav={nav} csrfToken={token}>
      {children}
      <IdleWarning expiresAt={staff.idleExpiresAt} csrfToken={token} />
    </ConsoleLayout>,
  );
}
