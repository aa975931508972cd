import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets.ts';
import { SpaMark } from '../components/spa-brand.tsx';
import { Document } from './document.tsx';

export type AuthLayoutProps = {
  /** The card's heading and the start of the document title. */
  title: string;
  /** Whose sign-in this is: the spa's display name, or "Lumè Console". */
  brand: string;
  /** The spa's logo version, drawn instead of its initials. */
  logo?: string | null;
  /** A sentence under the heading. */
  lede?: Child;
  /** "console" gives the Lumè staff look. */
  variant?: 'spa' | 'console';
  /** The language of the card's words, when not English. */
  lang?: string;
  /** The client's own pages: the light form stylesheet, with or without its script, instead of the CRM's. */
  light?: { script: boolean };
  /** What stands under the card, instead of the usual line; null for nothing. */
  footer?: Child | null;
  children?: Child;
};

function BrandMark(props: { brand: string; logo?: string | null; variant: 'spa' | 'console' }) {
  if (props.variant === 'console') {
    return <img class="auth__mark" src={assetUrl('logo.svg')} alt="" width="36" height="36" />;
  }
  return <SpaMark name={props.brand} logoVersion={props.logo} />;
}

/** A centred card under the brand: sign-in for spa operators and Lumè staff, and the client's own pages. */
export function AuthLayout(props: AuthLayoutProps) {
  const variant = props.variant ?? 'spa';
  const footer = props.footer === undefined ? <p class="auth__footer">{variant === 'console' ? 'For authorised Lumè staff only.' : 'Powered by Lumè'}</p> : props.footer;
  return (
    <Document
      title={`${props.title} · ${props.brand}`}
      bodyClass={`auth auth--${variant}`}
      robots="noindex, nofollow"
      {...(props.light ? { entry: { css: 'form-fill.css', js: 'form-fill.js' }, script: props.light.script } : {})}
    >
      <main id="main" class="auth__inner" lang={props.lang}>
        <p class="auth__brand">
          <BrandMark brand={props.brand} logo={props.logo} variant={variant} />
          <span>{props.brand}</span>
        </p>
        <div class="auth__card">
          <header class="auth__header">
            <h1 class="auth__title">{props.title}</h1>
            {props.lede ? <p class="auth__lede">{props.lede}</p> : null}
          </header>
          {props.children}
        </div>
        {footer}
      </main>
    </Document>
  );
}
