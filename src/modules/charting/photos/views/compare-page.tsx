/** Two photos side by side (stacked on a phone), and a picker for which two. Works without JavaScript. */
import { Button, EmptyState } from '../../../../ui/components.tsx';
import type { ClientAccess } from '../../../clients/access.ts';
import type { ClientRecord } from '../../../clients/records.ts';
import { ClientHeader } from '../../../clients/views/client-header.tsx';
import { PHOTO_KINDS } from '../photos.ts';
import { areaText, KindBadge, photoAlt, shortDay, type ShownPhoto } from './photo-parts.tsx';

export interface ComparePageProps {
  record: ClientRecord;
  access: ClientAccess;
  /** Every photo that can be chosen, oldest first. */
  photos: ShownPhoto[];
  pair: [ShownPhoto, ShownPhoto] | null;
}

function Side(props: { photo: ShownPhoto; label: string; timeZone: string; base: string }) {
  const p = props.photo;
  return (
    <figure class="photo-compare__side">
      <div class="photo-compare__frame">
        <img class="photo-compare__img" src={p.links.full} alt={`${props.label}: ${photoAlt(p)}`} width={p.width} height={p.height} />
      </div>
      <figcaption class="photo-compare__caption">
        <KindBadge kind={p.kind} />
        <span class="photo-compare__area">{areaText(p.area)}</span>
        <span class="muted">{shortDay(p.takenAt, props.timeZone)}</span>
        <a class="photo-compare__open" href={`${props.base}/photos/${p.id}`}>
          Open<span class="visually-hidden"> the {props.label.toLowerCase()} photo</span>
        </a>
      </figcaption>
    </figure>
  );
}

/** "3 weeks apart": how much time lies between two photos, in words a provider would use. */
export function apart(a: Date, b: Date): string {
  const days = Math.round(Math.abs(b.getTime() - a.getTime()) / 86_400_000);
  if (days === 0) return 'Taken the same day';
  if (days < 14) return `${days} day${days === 1 ? '' : 's'} apart`;
  if (days < 63) return `${Math.round(days / 7)} weeks apart`;
  const months = Math.round(days / 30.44);
  if (months < 24) return `${months} months apart`;
  return `${Math.round(days / 365.25)} years apart`;
}

function Picker(props: { name: 'a' | 'b'; legend: string; photos: ShownPhoto[]; chosen: string | undefined; timeZone: string }) {
  return (
    <fieldset class="photo-picker">
      <legend class="photo-picker__legend">{props.legend}</legend>
      <ul class="photo-picker__list">
        {props.photos.map((p) => (
          <li>
            <label class="photo-picker__option">
              <input type="radio" name={props.name} value={p.id} checked={p.id === props.chosen} />
              <img class="photo-picker__img" src={p.links.thumb} alt="" decoding="async" />
              <span class="photo-picker__text">
                <strong>{PHOTO_KINDS[p.kind]}</strong> {areaText(p.area)}
                <span class="photo-picker__day">{shortDay(p.takenAt, props.timeZone)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function ComparePage(props: ComparePageProps) {
  const base = `/clients/${props.record.profile.id}`;
  const zone = props.record.calendar.timeZone;
  const [left, right] = props.pair ?? [];
  return (
    <div class="stack-lg">
      <ClientHeader record={props.record} access={props.access} tab="photos" />
      <div class="section-head">
        <h2 class="section-title">Compare photos</h2>
        <a href={`${base}/photos`}>← All photos</a>
      </div>
      {props.photos.length < 2 ? (
        <EmptyState title="Two photos are needed to compare" headingLevel={3}>
          Once the client has a before and an after photo, they can be shown side by side here.
        </EmptyState>
      ) : (
        <>
          {left && right ? (
            <div class="stack-sm">
              <p class="photo-compare__gap">{apart(left.takenAt, right.takenAt)}</p>
              <div class="photo-compare" role="group" aria-label="Photos side by side">
                <Side photo={left} label="Left" timeZone={zone} base={base} />
                <Side photo={right} label="Right" timeZone={zone} base={base} />
              </div>
            </div>
          ) : null}
          <form method="get" action={`${base}/photos/compare`} class="photo-pickers">
            <div class="photo-pickers__columns">
              {/* Oldest first on the left, newest first on the right: the usual pair shows without scrolling. */}
              <Picker name="a" legend="Left photo" photos={props.photos} chosen={left?.id} timeZone={zone} />
              <Picker name="b" legend="Right photo" photos={[...props.photos].reverse()} chosen={right?.id} timeZone={zone} />
            </div>
            <Button variant="primary">Compare these two</Button>
          </form>
        </>
      )}
    </div>
  );
}
