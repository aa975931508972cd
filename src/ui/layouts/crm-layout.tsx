import type { Child } from 'hono/jsx';
import { AppShell, type NavItem } from './app-shell.tsx';

export type CrmLayoutProps = {
  /** Page title; the document title becomes "<title> · <spa name>". */
  title: string;
  spaName: string;
  /** The spa's logo version when it has one (the session loads it with the spa's name). */
  spaLogoVersion?: string | null;
  operatorName?: string;
  nav: readonly NavItem[];
  /** When given, the top bar shows "Sign out" (POST /logout with this token). */
  csrfToken?: string;
  idleExpiresAt?: Date;
  children?: Child;
};

/** The spa CRM: top bar with the spa's name, sidebar on landscape tablets, tab strip below. */
export function CrmLayout(props: CrmLayoutProps) {
  return (
    <AppShell
      documentTitle={`${props.title} · ${props.spaName}`}
      variant="crm"
      brand={props.spaName}
      brandLogo={props.spaLogoVersion}
      userName={props.operatorName}
      csrfToken={props.csrfToken}
      nav={props.nav}
      navLabel="Main"
      idleExpiresAt={props.idleExpiresAt}
    >
      {props.children}
    </AppShell>
  );
}
