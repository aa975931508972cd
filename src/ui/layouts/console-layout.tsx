import type { Child } from 'hono/jsx';
import { AppShell, type NavItem } from './app-shell.tsx';

export type ConsoleLayoutProps = {
  /** Page title; the document title becomes "<title> · Lumè Console". */
  title: string;
  staffName?: string;
  nav: readonly NavItem[];
  /** When given, the top bar shows "Sign out" (POST /logout with this token). */
  csrfToken?: string;
  children?: Child;
};

/** The Lumè staff console: the same shell on a dark top bar, so it is never mistaken for a spa. */
export function ConsoleLayout(props: ConsoleLayoutProps) {
  return (
    <AppShell
      documentTitle={`${props.title} · Lumè Console`}
      variant="console"
      brand="Lumè Console"
      brandTag={<span class="console-tag">Staff</span>}
      userName={props.staffName}
      csrfToken={props.csrfToken}
      nav={props.nav}
      navLabel="Console"
    >
      {props.children}
    </AppShell>
  );
}
