import type { Child } from 'hono/jsx';
import { Button } from '../components/button.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { TopbarMark } from '../components/spa-brand.tsx';
import { initialsOf } from '../initials.ts';
import { Document, SkipLink } from './document.tsx';

export type NavItem = { href: string; label: string; current?: boolean };

export type AppShellProps = {
  documentTitle: string;
  variant: 'crm' | 'console';
  /** Brand text in the top bar: the spa's name, or "Lumè Console". */
  brand: string;
  brandTag?: Child;
  /** The spa's logo version, when it has a logo: drawn in place of Lumè's mark. */
  brandLogo?: string | null;
  userName?: string;
  /** When given, the top bar shows a "Sign out" button posting to `signOutAction`. */
  csrfToken?: string;
  signOutAction?: string;
  nav: readonly NavItem[];
  navLabel: string;
  /** When the session will end for inactivity: a warning appears two minutes before. */
  idleExpiresAt?: Date;
  children?: Child;
};

/** Shown by src/ui/client/idle-warning.ts two minutes before automatic sign-out. */
function IdleWarning(props: { expiresAt: Date; csrfToken: string }) {
  return (
    <div class="idle-warning" hidden role="alertdialog" aria-labelledby="idle-warning-title" aria-describedby="idle-warning-text" data-expires-at={props.expiresAt.toISOString()} data-csrf={props.csrfToken}>
      <div class="idle-warning__card">
        <h2 id="idle-warning-title" class="idle-warning__title">Still there?</h2>
        <p id="idle-warning-text">For your clients’ privacy you will be signed out in about two minutes.</p>
        <button type="button" class="btn btn--primary" data-idle-keepalive>
          Stay signed in
        </button>
      </div>
    </div>
  );
}

/** Top bar + navigation + main: the frame of every signed-in page. */
export function AppShell(props: AppShellProps) {
  return (
    <Document title={props.documentTitle} bodyClass={`app app--${props.variant}`} robots="noindex, nofollow">
      <SkipLink />
      <header class="topbar">
        <div class="topbar__inner">
          <a class="topbar__brand" href="/">
            <TopbarMark name={props.brand} logoVersion={props.brandLogo} />
            <span class="topbar__name">{props.brand}</span>
            {props.brandTag ? <span class="topbar__tag">{props.brandTag}</span> : null}
          </a>
          <div class="topbar__account">
            {props.userName ? (
              <span class="topbar__user">
                <span class="topbar__avatar" aria-hidden="true">
                  {initialsOf(props.userName)}
                </span>
                <span class="topbar__user-name">{props.userName}</span>
              </span>
            ) : null}
            {props.csrfToken ? (
              <form class="topbar__signout" method="post" action={props.signOutAction ?? '/logout'}>
                <CsrfField token={props.csrfToken} />
                <Button variant="secondary" size="sm">
                  Sign out
                </Button>
              </form>
            ) : null}
          </div>
        </div>
      </header>
      <div class="shell">
        <nav class="sidenav" aria-label={props.navLabel}>
          <ul class="sidenav__list">
            {props.nav.map((item) => (
              <li>
                <a class="sidenav__link" href={item.href} aria-current={item.current ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="shell__main">
          <div class="shell__content">{props.children}</div>
        </main>
      </div>
      {props.idleExpiresAt && props.csrfToken ? <IdleWarning expiresAt={props.idleExpiresAt} csrfToken={props.csrfToken} /> : null}
    </Document>
  );
}
