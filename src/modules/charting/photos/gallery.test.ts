import { describe, expect, it } from 'vitest';
import { defaultPair, groupByVisit, pairFor, visitChoices, type GroupablePhoto } from './gallery.ts';

const zone = 'America/Los_Angeles';
let n = 0;
const photo = (kind: GroupablePhoto['kind'], takenAt: string, appointmentId: string | null = null, area = 'Forehead'): GroupablePhoto => ({
  id: `p${String(++n).padStart(2, '0')}`,
  kind,
  area,
  takenAt: new Date(takenAt),
  appointmentId,
});

describe('grouping photos by visit', () => {
  it('puts a visit’s photos together, before then after, newest visit first, on the spa’s calendar day', () => {
    const visits = [
      { id: 'v1', startsAt: new Date('2026-10-01T17:00:00Z') },
      { id: 'v2', startsAt: new Date('2026-11-20T02:30:00Z') }, // Nov 19 in Los Angeles
    ];
    const after1 = photo('after', '2026-10-01T17:00:00Z', 'v1');
    const before1 = photo('before', '2026-10-01T17:00:00Z', 'v1');
    const before2 = photo('before', '2026-11-20T02:30:00Z', 'v2');
    const groups = groupByVisit([before2, after1, before1], visits, zone);
    expect(groups.map((g) => [g.key, g.day, g.visit?.id])).toEqual([
      ['visit:v2', '2026-11-19', 'v2'],
      ['visit:v1', '2026-10-01', 'v1'],
    ]);
    expect(groups[1]!.photos.map((p) => p.kind)).toEqual(['before', 'after']);
  });

  it('groups photos taken at no visit by day, and keeps a visit the reader cannot see as a visit', () => {
    const loose = [photo('progress', '2026-11-02T18:00:00Z'), photo('progress', '2026-11-02T20:00:00Z'), photo('after', '2026-11-03T18:00:00Z')];
    const unseen = photo('before', '2026-11-01T18:00:00Z', 'hidden');
    const groups = groupByVisit([...loose, unseen], [], zone);
    expect(groups.map((g) => [g.key, g.atVisit, g.photos.length])).toEqual([
      ['day:2026-11-03', false, 1],
      ['day:2026-11-02', false, 2],
      ['visit:hidden', true, 1],
    ]);
    expect(groups[2]!.visit).toBeNull();
  });
});

describe('the pair a comparison opens with', () => {
  it('is the first before and the last after of the same area', () => {
    const lipsBefore = photo('before', '2026-01-01T18:00:00Z', null, 'Lips');
    const foreheadBefore = photo('before', '2026-01-02T18:00:00Z', null, 'Forehead');
    const lipsAfter = photo('after', '2026-02-01T18:00:00Z', null, 'lips');
    const foreheadAfter = photo('after', '2026-03-01T18:00:00Z', null, 'Forehead');
    expect(defaultPair([foreheadAfter, lipsAfter, foreheadBefore, lipsBefore])).toEqual([lipsBefore, lipsAfter]);
  });

  it('falls back to any before and after, then to the oldest and newest, and needs two photos', () => {
    const before = photo('before', '2026-01-01T18:00:00Z', null, 'Cheeks');
    const after = photo('after', '2026-02-01T18:00:00Z', null, 'Chin');
    expect(defaultPair([after, before])).toEqual([before, after]);
    const p1 = photo('progress', '2026-01-01T18:00:00Z');
    const p2 = photo('progress', '2026-03-01T18:00:00Z');
    const p3 = photo('progress', '2026-02-01T18:00:00Z');
    expect(defaultPair([p3, p2, p1])).toEqual([p1, p2]);
    expect(defaultPair([p1])).toBeNull();
  });
});

describe('the visits a new photo may belong to', () => {
  it('offers past and today’s visits that were not cancelled or missed, newest first, and preselects the one under way', () => {
    const now = new Date('2026-11-24T20:00:00Z'); // noon in Los Angeles
    const v = (id: string, startsAt: string, status = 'completed') => ({ id, startsAt: new Date(startsAt), status, timeZone: zone });
    const visits = [
      v('last-month', '2026-10-24T18:00:00Z'),
      v('cancelled', '2026-11-10T18:00:00Z', 'cancelled'),
      v('missed', '2026-11-11T18:00:00Z', 'no_show'),
      v('this-morning', '2026-11-24T17:00:00Z', 'in_progress'),
      v('tonight', '2026-11-25T02:00:00Z', 'booked'), // 6 PM local, still today
      v('next-week', '2026-12-01T18:00:00Z', 'booked'),
    ];
    const { choices, preselect } = visitChoices(visits, now);
    expect(choices.map((c) => c.id)).toEqual(['tonight', 'this-morning', 'last-month']);
    expect(preselect).toBe('this-morning');
    expect(visitChoices([visits[0]!, visits[4]!], now).preselect).toBe('tonight');
    expect(visitChoices([visits[0]!], now).preselect).toBeNull();
  });
});

describe('the pair for one chosen photo', () => {
  it('finds the after of the same area for a before, and the before for an after, older on the left', () => {
    const before = photo('before', '2026-01-01T18:00:00Z', null, 'Lips');
    const otherArea = photo('after', '2026-04-01T18:00:00Z', null, 'Chin');
    const after = photo('after', '2026-02-01T18:00:00Z', null, 'Lips');
    const all = [before, otherArea, after];
    expect(pairFor(all, before)).toEqual([before, after]);
    expect(pairFor(all, after)).toEqual([before, after]);
    expect(pairFor(all, otherArea)).toEqual([before, otherArea]);
    expect(pairFor([before], before)).toBeNull();
  });
});
