import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets.ts';
import { Button } from '../components/button.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { initialsOf } from '../initials.ts';
import { Document, SkipLink } from './document.tsx';

export type NavItem = { href: string; label: string; current?: boolean };

export type AppShellProps = {
  documentTitle: string;
  variant: 'crm' | 'console';
  /** Brand text in the top bar: the spa's name, or "Lumè Console". */
  brand: string;
  brandTag?: Child;
  userName?: string;
  /** When given, the top bar shows a "Sign out" button posting to `signOutAction`. */
  csrfToken?: string;
  signOutAction?: string;
  nav: readonly NavItem[];
  navLabel: string;
  children?: Child;
};

/** Top bar + navigation + main: the frame of every signed-in page. */
export function AppShell(props: AppShellProps) {
  return (
    <Document title={props.documentTitle} bodyClass={`app app--${props.variant}`} robots="noindex, nofollow">
      <SkipLink />
      <header class="topbar">
        <div class="topbar__inner">
          <a class="topbar__brand" href="/">
            <img class="topbar__mark" src={assetUrl('logo.svg')} alt="" width="32" height="32" />
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
    </Document>
  );
}
