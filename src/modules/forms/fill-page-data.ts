/**
 * Everything the client's fill page draws, read in one transaction: the link's forms (audited by
 * openFormLink), which of them may be filled from last time (no old answers read), and the spa's
 * name and time zone (its first location's), in which "signed on" dates are told. On a kiosk whose
 * operator may not read health records, answers saved before the kiosk started are held back.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { spaTimeZone } from '../identity/spa-time.ts';
import { getSpaProfile } from '../tenancy/service.ts';
import { openFormLink, type OpenLink } from './form-links.ts';
import { prefillOffers, type PrefillOffer } from './prefill.ts';
import { progressSavedBefore } from './progress-held-back.ts';

export interface FillSpa {
  name: string;
  timeZone: string;
  /** The spa's logo version when it has one, read with its name. */
  logoVersion: string | null;
}

export interface FillPageData {
  open: OpenLink;
  offers: Map<string, PrefillOffer>;
  spa: FillSpa;
  /** Forms whose answers saved before the kiosk started are kept but not shown (ADR 012). */
  heldBack: ReadonlySet<string>;
}

export async function fillPageSpa(ctx: ServiceCtx): Promise<FillSpa> {
  const profile = await getSpaProfile(ctx);
  return { name: profile.displayName, timeZone: await spaTimeZone(ctx), logoVersion: profile.logoVersion };
}

export async function loadFillPage(ctx: ServiceCtx, token: string, now: Date, hideProgressBefore: Date | null = null): Promise<FillPageData> {
  const open = await openFormLink(ctx, token, now);
  if (open.state !== 'open') return { open, offers: new Map<string, PrefillOffer>(), spa: await fillPageSpa(ctx), heldBack: new Set() };
  const heldBack = hideProgressBefore ? await progressSavedBefore(ctx, open.forms.map((f) => f.id), hideProgressBefore) : new Set<string>();
  const shown = heldBack.size ? { ...open, forms: open.forms.map((f) => (heldBack.has(f.id) ? { ...f, progress: {} } : f)) } : open;
  return { open: shown, offers: await prefillOffers(ctx, shown, now), spa: await fillPageSpa(ctx), heldBack };
}
