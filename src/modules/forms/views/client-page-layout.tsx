/**
 * The pages a spa's client sees without a login — the fill page, its signed and expired answers, and
 * the kiosk's screens: the sign-in card under the spa's name and logo, on the light form stylesheet
 * and script (under 100 KB together), never the CRM's.
 */
import type { Child } from 'hono/jsx';
import { AuthLayout } from '../../../ui/layouts/auth-layout.tsx';
import type { Lang } from '../definition.ts';

export interface ClientPageLayoutProps {
  title: string;
  /** The spa's name. */
  brand: string;
  /** The spa's logo version, when it has one. */
  logo?: string | null;
  lede?: Child;
  lang?: Lang;
  /** Whether the page loads the form script (the kiosk's staff pages need none). */
  script?: boolean;
  /** What stands under the card; "Powered by Lumè" unless told otherwise. */
  footer?: Child | null;
  children?: Child;
}

export function ClientPageLayout(props: ClientPageLayoutProps) {
  return <AuthLayout {...props} lang={props.lang ?? 'en'} light={{ script: props.script ?? true }} />;
}
