/** How a client's photos are laid out: grouped by the visit they were taken at, and which two to compare first. Pure. */
import { dayIn } from '../../identity/spa-time.ts';
import type { PhotoKind } from './photos.ts';

/** What grouping needs of a photo. */
export interface GroupablePhoto {
  id: string;
  appointmentId: string | null;
  kind: PhotoKind;
  area: string;
  takenAt: Date;
}

/** What grouping needs of a visit: the Appointments tab's own shape is enough. */
export interface VisitLike {
  id: string;
  startsAt: Date;
}

export interface PhotoGroup<P, V> {
  key: string;
  /** The spa's calendar day (YYYY-MM-DD) of the visit, or of the photos when they belong to none. */
  day: string;
  /** The visit, when the photos were taken at one the reader may see. */
  visit: V | null;
  /** True when the photos belong to a visit, seen or not. */
  atVisit: boolean;
  photos: P[];
}

const KIND_ORDER: Record<PhotoKind, number> = { before: 0, progress: 1, after: 2 };

/**
 * One group per visit, and one per day for photos taken at no visit; newest first. Within a
 * group: before, progress, after, each in the order taken.
 */
export function groupByVisit<P extends GroupablePhoto, V extends VisitLike>(photos: readonly P[], visits: readonly V[], timeZone: string): PhotoGroup<P, V>[] {
  const visitById = new Map(visits.map((v) => [v.id, v]));
  const groups = new Map<string, PhotoGroup<P, V> & { latest: number }>();
  for (const photo of photos) {
    const visit = photo.appointmentId ? (visitById.get(photo.appointmentId) ?? null) : null;
    const day = dayIn(timeZone, visit?.startsAt ?? photo.takenAt);
    const key = photo.appointmentId ? `visit:${photo.appointmentId}` : `day:${day}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, day, visit, atVisit: photo.appointmentId !== null, photos: [], latest: 0 };
      groups.set(key, group);
    }
    group.photos.push(photo);
    group.latest = Math.max(group.latest, photo.takenAt.getTime());
  }
  return [...groups.values()]
    .sort((a, b) => b.day.localeCompare(a.day) || b.latest - a.latest || Number(b.atVisit) - Number(a.atVisit))
    .map(({ latest: _latest, ...group }) => ({
      ...group,
      photos: group.photos.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.takenAt.getTime() - b.takenAt.getTime() || a.id.localeCompare(b.id)),
    }));
}

/**
 * The pair a comparison opens with: the first "before" and the last "after" of the same area
 * when there are such, else the first "before" and the last "after", else the oldest and the
 * newest photo. Null with fewer than two photos.
 */
export function defaultPair<P extends GroupablePhoto>(photos: readonly P[]): [P, P] | null {
  if (photos.length < 2) return null;
  const byTime = [...photos].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime() || a.id.localeCompare(b.id));
  const befores = byTime.filter((p) => p.kind === 'before');
  const afters = byTime.filter((p) => p.kind === 'after').reverse();
  for (const before of befores) {
    const after = afters.find((a) => a.area.toLowerCase() === before.area.toLowerCase() && a.takenAt >= before.takenAt);
    if (after) return [before, after];
  }
  if (befores[0] && afters[0] && afters[0].takenAt >= befores[0].takenAt) return [befores[0], afters[0]];
  return [byTime[0]!, byTime[byTime.length - 1]!];
}

/** What the visit choice needs of an appointment. */
export interface VisitChoiceInput extends VisitLike {
  status: string;
  timeZone: string;
}

/**
 * The visits a new photo may belong to: the client's visits up to the end of today that were
 * not cancelled or missed, newest first, and the one to preselect: today's visit in progress or
 * checked in, else today's latest that has begun, else today's next.
 */
export function visitChoices<V extends VisitChoiceInput>(visits: readonly V[], now: Date): { choices: V[]; preselect: string | null } {
  const choices = visits
    .filter((v) => v.status !== 'cancelled' && v.status !== 'no_show' && dayIn(v.timeZone, v.startsAt) <= dayIn(v.timeZone, now))
    .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  const today = choices.filter((v) => dayIn(v.timeZone, v.startsAt) === dayIn(v.timeZone, now));
  const pick =
    today.find((v) => v.status === 'in_progress') ??
    today.find((v) => v.status === 'checked_in') ??
    today.find((v) => v.startsAt <= now) ??
    today[today.length - 1];
  return { choices, preselect: pick?.id ?? null };
}

/**
 * The pair a comparison opens with when one photo was chosen (from its own page): an "after" of
 * the same area for a before or progress photo, a "before" for an after photo, else the
 * nearest in kind among the rest. The older of the two goes on the left.
 */
export function pairFor<P extends GroupablePhoto>(photos: readonly P[], chosen: P): [P, P] | null {
  const others = photos.filter((p) => p.id !== chosen.id);
  if (others.length === 0) return null;
  const sameArea = others.filter((p) => p.area.toLowerCase() === chosen.area.toLowerCase());
  const pool = (sameArea.length ? sameArea : others).sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime() || a.id.localeCompare(b.id));
  const partner = chosen.kind === 'after' ? (pool.find((p) => p.kind === 'before') ?? pool[0]!) : ([...pool].reverse().find((p) => p.kind === 'after') ?? pool[pool.length - 1]!);
  return partner.takenAt < chosen.takenAt ? [partner, chosen] : [chosen, partner];
}
