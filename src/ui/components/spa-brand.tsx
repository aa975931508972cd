/** The spa's mark beside its name: its logo when it has one, else the initials badge (or, in the CRM top bar, Lumè's mark). */
import { assetUrl } from '../assets.ts';
import { initialsOf } from '../initials.ts';

/** Where a page draws the spa's logo from; the version makes the address change with the image. */
export const spaLogoUrl = (version: string) => `/brand/logo?v=${encodeURIComponent(version)}`;

/** On the client's pages and sign-in cards: the logo, or the spa's initials in a round badge. */
export function SpaMark(props: { name: string; logoVersion?: string | null }) {
  if (props.logoVersion) return <img class="auth__logo" src={spaLogoUrl(props.logoVersion)} alt={props.name} height="48" />;
  return (
    <span class="auth__monogram" aria-hidden="true">
      {initialsOf(props.name)}
    </span>
  );
}

/** In the CRM top bar: the spa's logo, or Lumè's mark when it has none. */
export function TopbarMark(props: { name: string; logoVersion?: string | null }) {
  if (props.logoVersion) return <img class="topbar__logo" src={spaLogoUrl(props.logoVersion)} alt={props.name} height="32" />;
  return <img class="topbar__mark" src={assetUrl('logo.svg')} alt="" width="32" height="32" />;
}
