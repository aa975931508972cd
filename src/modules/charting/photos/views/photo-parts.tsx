/** Pieces the photo pages share: the kind badge, a thumbnail tile, and how visits and dates read. */
import { Badge, type BadgeTone } from '../../../../ui/components.tsx';
import { formatDay } from '../../../../ui/format.ts';
import type { ClientAppointment } from '../../../clients/appointments.ts';
import { PHOTO_KINDS, type Photo, type PhotoKind } from '../photos.ts';

/** Where a page may load a photo from: short-lived signed links, drawn for this viewer (photo-links.ts). */
export interface PhotoLinks {
  full: string;
  thumb: string;
  download: string;
}

export type ShownPhoto = Photo & { links: PhotoLinks };
export type Visit = ClientAppointment;

const KIND_TONES: Record<PhotoKind, BadgeTone> = { before: 'info', after: 'accent', progress: 'neutral' };

export function KindBadge(props: { kind: PhotoKind }) {
  return <Badge tone={KIND_TONES[props.kind]}>{PHOTO_KINDS[props.kind]}</Badge>;
}

/** "Before photo, lips": what a screen reader hears; never the client's name. */
export function photoAlt(photo: Pick<Photo, 'kind' | 'area'>): string {
  return `${PHOTO_KINDS[photo.kind]} photo${photo.area ? `, ${photo.area.toLowerCase()}` : ''}`;
}

export const areaText = (area: string) => area || 'Area not noted';

/** "Tue, Nov 24, 2026" from a YYYY-MM-DD day. */
export function longDay(day: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}

export function visitTime(visit: Visit): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: visit.timeZone, hour: 'numeric', minute: '2-digit' }).format(visit.startsAt);
}

/** "Lip filler + Botox · with Ana Ruiz · Main Street": what happened at a visit, in one line. */
export function visitSummary(visit: Visit): string {
  return [visit.services.join(' + ') || 'Appointment', visit.providers.length ? `with ${visit.providers.join(', ')}` : '', visit.locationName].filter(Boolean).join(' · ');
}

/** When a visit was, short: "Today, 2:30 PM", "Mon, Nov 9, 10:00 AM", with the year when it is not this one. */
export function visitWhen(visit: Visit, now: Date): string {
  const zone = visit.timeZone;
  const day = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const time = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(visit.startsAt);
  if (day(visit.startsAt) === day(now)) return `Today, ${time}`;
  const sameYear = day(visit.startsAt).slice(0, 4) === day(now).slice(0, 4);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }).format(visit.startsAt);
  return `${date}, ${time}`;
}

/** A visit as a choice in a list: "Today, 2:30 PM · Lip filler". */
export function visitChoiceLabel(visit: Visit, now: Date): string {
  return `${visitWhen(visit, now)} · ${visit.services.join(' + ') || 'Appointment'}`;
}

export function shortDay(at: Date, timeZone: string): string {
  return formatDay(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at));
}

/** One photo in a grid: its thumbnail, kind and area, opening the photo's page. */
export function PhotoTile(props: { photo: ShownPhoto; base: string }) {
  const p = props.photo;
  return (
    <li class="photo-tile" id={`photo-${p.id}`}>
      <a class="photo-tile__link" href={`${props.base}/photos/${p.id}`}>
        <span class="photo-tile__frame">
          <img class="photo-tile__img" src={p.links.thumb} alt={photoAlt(p)} decoding="async" />
        </span>
        <span class="photo-tile__caption">
          <KindBadge kind={p.kind} />
          <span class="photo-tile__area">{areaText(p.area)}</span>
        </span>
      </a>
    </li>
  );
}

/** A camera, drawn like the UI kit's icons (24 × 24, line, hidden from screen readers). */
export function CameraIcon(props: { class?: string }) {
  return (
    <svg class={props.class} viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      <path d="M4 8.5h3l1.6-2.5h6.8L17 8.5h3a1 1 0 0 1 1 1V18a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9.5a1 1 0 0 1 1-1z" />
      <circle cx="12" cy="13.25" r="3.5" />
    </svg>
  );
}
