/**
 * The pages a spa's client sees without a login — the fill page, its signed and expired answers, and
 * the kiosk's screens: the sign-in card's look under the spa's name and logo, on the light form
 * stylesheet and script (under 100 KB together), never the CRM's.
 */
import type { Child } from 'hono/jsx';
import { SpaMark } from '../../../ui/components/spa-brand.tsx';
import { Document } from '../../../ui/layouts/document.tsx';
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
  footer?: Child;
  children?: Child;
}

export function ClientPageLayout(props: ClientPageLayoutProps) {
  return (
    <Document
      title={`${props.title} · ${props.brand}`}
      bodyClass="auth auth--spa"
      robots="noindex, nofollow"
      entry={{ css: 'form-fill.css', js: 'form-fill.js' }}
      script={props.script ?? true}
    >
      <main id="main" class="auth__inner" lang={props.lang ?? 'en'}>
        <p class="auth__brand">
          <SpaMark name={props.brand} logoVersion={props.logo} />
          <span>{props.brand}</span>
        </p>
        <div class="auth__card">
          <header class="auth__header">
            <h1 class="auth__title">{props.title}</h1>
            {props.lede ? <p class="auth__lede">{props.lede}</p> : null}
          </header>
          {props.children}
        </div>
        {props.footer === undefined ? <p class="auth__footer">Powered by Lumè</p> : props.footer}
      </main>
    </Document>
  );
}
