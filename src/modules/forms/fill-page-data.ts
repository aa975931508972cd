/**
 * Everything the client's fill page draws, read in one transaction: the link's forms (audited by
 * openFormLink), which of them may be filled from last time (no old answers read), and the spa's
 * name and time zone (its first location's), in which "signed on" dates are told.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { spaTimeZone } from '../identity/spa-time.ts';
import { getSpaProfile } from '../tenancy/service.ts';
import { openFormLink, type OpenLink } from './form-links.ts';
import { prefillOffers, type PrefillOffer } from './prefill.ts';

export interface FillSpa {
  name: string;
  timeZone: string;
}

export interface FillPageData {
  open: OpenLink;
  offers: Map<string, PrefillOffer>;
  spa: FillSpa;
}

export async function fillPageSpa(ctx: ServiceCtx): Promise<FillSpa> {
  const profile = await getSpaProfile(ctx);
  return { name: profile.displayName, timeZone: await spaTimeZone(ctx) };
}

export async function loadFillPage(ctx: ServiceCtx, token: string, now: Date): Promise<FillPageData> {
  const open = await openFormLink(ctx, token, now);
  const offers = open.state === 'open' ? await prefillOffers(ctx, open, now) : new Map<string, PrefillOffer>();
  return { open, offers, spa: await fillPageSpa(ctx) };
}
