import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneClock, localToInstant, parseLocalDate, startOfLocalDay, zoneOffsetMinutes } from './local-time.ts';

describe('localToInstant', () => {
  it('converts an ordinary local time', () => {
    expect(localToInstant('America/New_York', '2026-06-01', '09:30')).toEqual({
      ok: true,
      instant: new Date('2026-06-01T13:30:00Z'),
      utcOffsetMinutes: -240,
    });
  });

  it('reports a time inside the spring-forward gap as an error a form can show', () => {
    const result = localToInstant('America/New_York', '2026-03-08', '02:30');
    expect(result).toEqual({
      ok: false,
      reason: 'nonexistent-time',
      message: '02:30 on 2026-03-08 does not exist in America/New_York: the clocks skip it when daylight saving time begins. The next valid time is 03:00.',
    });
    expect(localToInstant('America/Los_Angeles', '2026-03-08', '02:00')).toMatchObject({ ok: false, reason: 'nonexistent-time' });
    expect(localToInstant('America/Los_Angeles', '2026-03-08', '03:00')).toMatchObject({ ok: true, instant: new Date('2026-03-08T10:00:00Z') });
  });

  it('resolves a repeated fall-back time to its first occurrence and tells the second', () => {
    expect(localToInstant('America/Los_Angeles', '2026-11-01', '01:30')).toEqual({
      ok: true,
      instant: new Date('2026-11-01T08:30:00Z'),
      utcOffsetMinutes: -420,
      repeatedInstant: new Date('2026-11-01T09:30:00Z'),
    });
  });

  it('handles a zone whose clocks skip midnight', () => {
    // Cuba springs forward at 00:00 → 01:00.
    expect(localToInstant('America/Havana', '2026-03-08', '00:15')).toMatchObject({ ok: false, reason: 'nonexistent-time' });
  });

  it('rejects malformed input', () => {
    expect(localToInstant('Nowhere/Land', '2026-06-01', '09:00')).toMatchObject({ ok: false, reason: 'invalid-zone' });
    expect(localToInstant('UTC', '2026-13-01', '09:00')).toMatchObject({ ok: false, reason: 'invalid-date' });
    expect(localToInstant('UTC', '2026-06-01', '24:00')).toMatchObject({ ok: false, reason: 'invalid-time' });
    expect(localToInstant('UTC', '2026-06-01', '9:00')).toMatchObject({ ok: false, reason: 'invalid-time' });
  });
});

describe('ZoneClock', () => {
  it('finds the offset changes of a window, at the exact minute', () => {
    const day = parseLocalDate('2026-03-08')! * 1440;
    const clock = ZoneClock.forWallRange('America/New_York', day, day + 1440);
    expect(clock.segments.map((s) => s.offset)).toEqual([-300, -240]);
    expect(new Date(clock.segments[1]!.start * 60_000).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('maps a local day that contains a repeated hour to 25 real hours', () => {
    const day = parseLocalDate('2026-11-01')! * 1440;
    const clock = ZoneClock.forWallRange('America/New_York', day, day + 1440);
    const [whole] = clock.instantsOfWall([{ start: day, end: day + 1440 }]);
    expect(whole!.end - whole!.start).toBe(25 * 60);
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight, on ordinary days and on both daylight-saving days', () => {
    expect(startOfLocalDay('America/Los_Angeles', '2026-07-01').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(startOfLocalDay('America/New_York', '2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('America/New_York', '2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('is where the day resumes when the clocks skip midnight', () => {
    // Chile springs forward at 24:00 on the first Saturday of September: 2026-09-06 starts at 01:00.
    expect(startOfLocalDay('America/Santiago', '2026-09-06').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });
});

describe('zoneOffsetMinutes', () => {
  it('gives luxon’s offsets: half and three-quarter hours, half-hour summer time, local mean time, unknown zones', () => {
    const zones = ['America/Los_Angeles', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca', 'UTC'];
    for (const zone of zones) {
      const luxon = IANAZone.create(zone);
      // Every quarter hour of the days around each change of 2026, and one day in twenty from 1880.
      for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
        if (luxon.offset(day) === luxon.offset(day + 86_400_000)) continue;
        for (let t = day; t < day + 86_400_000; t += 900_000) expect(zoneOffsetMinutes(zone, t), `${zone} ${t}`).toBe(luxon.offset(t));
      }
      for (let t = Date.UTC(1880, 0, 1); t < Date.UTC(2040, 0, 1); t += 20 * 86_400_000) expect(zoneOffsetMinutes(zone, t), `${zone} ${t}`).toBe(luxon.offset(t));
    }
    expect(zoneOffsetMinutes('America/Los_Angeles', Date.UTC(2026, 6, 1))).toBe(-420);
    expect(zoneOffsetMinutes('Asia/Kathmandu', Date.UTC(2026, 6, 1))).toBe(345);
    expect(zoneOffsetMinutes('Not/AZone', 0)).toBeNaN();
  });
});
