import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets.ts';
import { initialsOf } from '../initials.ts';
import { Document } from './document.tsx';

export type AuthLayoutProps = {
  /** The card's heading and the start of the document title. */
  title: string;
  /** Whose sign-in this is: the spa's display name, or "Lumè Console". */
  brand: string;
  /** A sentence under the heading. */
  lede?: Child;
  /** "console" gives the Lumè staff look. */
  variant?: 'spa' | 'console';
  children?: Child;
};

function BrandMark(props: { brand: string; variant: 'spa' | 'console' }) {
  if (props.variant === 'console') {
    return <img class="auth__mark" src={assetUrl('logo.svg')} alt="" width="36" height="36" />;
  }
  return (
    <span class="auth__monogram" aria-hidden="true">
      {initialsOf(props.brand)}
    </span>
  );
}

/** A centred sign-in card under the brand, for spa operators and Lumè staff. */
export function AuthLayout(props: AuthLayoutProps) {
  const variant = props.variant ?? 'spa';
  return (
    <Document title={`${props.title} · ${props.brand}`} bodyClass={`auth auth--${variant}`} robots="noindex, nofollow">
      <main id="main" class="auth__inner">
        <p class="auth__brand">
          <BrandMark brand={props.brand} variant={variant} />
          <span>{props.brand}</span>
        </p>
        <div class="auth__card">
          <header class="auth__header">
            <h1 class="auth__title">{props.title}</h1>
            {props.lede ? <p class="auth__lede">{props.lede}</p> : null}
          </header>
          {props.children}
        </div>
        <p class="auth__footer">
          {variant === 'console' ? 'For authorised Lumè staff only.' : 'Powered by Lumè'}
        </p>
      </main>
    </Document>
  );
}
