import { describe, expect, it } from 'vitest';
import { AvailabilityInputError, computeAvailability } from './index.ts';
import type { AvailabilityRequest, ProviderBusy, ResourceBusy } from './types.ts';
import { laserService, localStarts, nyJune, phase, provider, request, simpleService, weekly } from './test/builders.test-support.ts';

const run = (req: AvailabilityRequest) => computeAvailability(req).slots;

/** The occupancy of one laser appointment booked at `time` on 2026-06-01, as the caller would expand it. */
function bookedLaser(time: string, providerId: string, room: string, laser: string) {
  const start = nyJune(1, time).getTime();
  const at = (minutes: number) => new Date(start + minutes * 60_000);
  const providerBusy: ProviderBusy[] = [{ providerId, start: at(30), end: at(60) }];
  const resourceBusy: ResourceBusy[] = [
    { resourceId: room, start: at(0), end: at(70) },
    { resourceId: laser, start: at(30), end: at(60) },
  ];
  return { providerBusy, resourceBusy, blocks: [] };
}

describe('availability: basics', () => {
  it('offers every aligned start where the whole service fits in the opening hours', () => {
    const slots = run(request({ slotIntervalMinutes: 30, location: { weekly: weekly('09:00', '12:00'), closures: [] } }));
    expect(localStarts(slots)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00']);
    expect(slots[0]!.start.toISOString()).toBe('2026-06-01T13:00:00.000Z');
    expect(slots[0]!.end.toISOString()).toBe('2026-06-01T14:00:00.000Z');
    expect(slots[0]!.assignment).toEqual([
      { serviceId: 'facial', providerId: 'p1', start: slots[0]!.start, end: slots[0]!.end, resources: [{ requirementId: 'room', resourceId: 'room-a' }] },
    ]);
  });

  it('aligns starts to the interval on the local clock, not to the opening time', () => {
    const slots = run(request({ slotIntervalMinutes: 20, location: { weekly: weekly('09:10', '11:00'), closures: [] } }));
    expect(localStarts(slots)).toEqual(['09:20', '09:40', '10:00']);
  });

  it('aligns to the local clock in a zone with a half-hour offset', () => {
    const slots = run(request({ timeZone: 'Asia/Kolkata', slotIntervalMinutes: 60, location: { weekly: weekly('09:00', '12:00'), closures: [] } }));
    expect(localStarts(slots)).toEqual(['09:00', '10:00', '11:00']);
    expect(slots[0]!.start.toISOString()).toBe('2026-06-01T03:30:00.000Z');
    expect(slots[0]!.local.utcOffsetMinutes).toBe(330);
  });

  it('rejects malformed input with a clear message', () => {
    expect(() => run(request({ timeZone: 'Mars/Olympus' }))).toThrow(/Unknown time zone "Mars\/Olympus"/);
    expect(() => run(request({ slotIntervalMinutes: 7 }))).toThrow(/must divide a day/);
    expect(() => run(request({ dates: { from: '2026-06-02', to: '2026-06-01' } }))).toThrow(AvailabilityInputError);
    expect(() => run(request({ dates: { from: '2026-02-30', to: '2026-03-01' } }))).toThrow(/not a date/);
    expect(() => run(request({ location: { weekly: { mon: [{ start: '9:00', end: '17:00' }] }, closures: [] } }))).toThrow(/not a time/);
    expect(() => run(request({ services: [{ ...simpleService('x', 30, ['p1']), phases: [phase(30, { uses: ['nope'] })] }] }))).toThrow(
      /unknown requirement "nope"/,
    );
  });
});

describe('availability: phases and resources', () => {
  const twoRooms = { services: [laserService(['p1'], ['room-a', 'room-b'], ['laser-1'])] };

  it('lets a provider treat a second client while the first is numbing in another room', () => {
    // Client 1 at 10:00: numbing in room A 10:00–10:30 (provider free), treatment 10:30–11:00.
    const slots = run(request({ ...twoRooms, occupancy: bookedLaser('10:00', 'p1', 'room-a', 'laser-1') }));
    const at930 = slots.find((s) => s.local.time === '09:30');
    // Client 2 at 09:30: numbing 09:30–10:00 in room B, treatment 10:00–10:30 while client 1 numbs.
    expect(at930?.assignment[0]).toMatchObject({
      providerId: 'p1',
      resources: [
        { requirementId: 'room', resourceId: 'room-b' },
        { requirementId: 'laser', resourceId: 'laser-1' },
      ],
    });
    // 09:45 would put client 2's treatment (10:15–10:45) on top of client 1's.
    expect(localStarts(slots)).not.toContain('09:45');
    expect(localStarts(slots)).toContain('11:00');
  });

  it('never shares a room', () => {
    const oneRoom = { services: [laserService(['p1'], ['room-a'], ['laser-1'])] };
    const slots = run(request({ ...oneRoom, occupancy: bookedLaser('10:00', 'p1', 'room-a', 'laser-1') }));
    // Room A is held 10:00–11:10; a 70-minute sequence from 09:00 would still hold it at 10:00.
    expect(localStarts(slots)[0]).toBe('11:15');
  });

  it('keeps a device exclusive and uses the alternative one when it is free', () => {
    const twoProviders = [provider('p1'), provider('p2')];
    const busy = bookedLaser('10:00', 'p1', 'room-a', 'laser-1');
    const oneLaser = run(request({ providers: twoProviders, services: [laserService(['p1', 'p2'], ['room-a', 'room-b'], ['laser-1'])], occupancy: busy }));
    // p2 and room B are free, but 10:00 needs the laser 10:30–11:00.
    expect(localStarts(oneLaser)).not.toContain('10:00');
    const twoLasers = run(request({ providers: twoProviders, services: [laserService(['p1', 'p2'], ['room-a', 'room-b'], ['laser-1', 'laser-2'])], occupancy: busy }));
    const at1000 = twoLasers.find((s) => s.local.time === '10:00');
    expect(at1000?.assignment[0]).toMatchObject({
      providerId: 'p2',
      resources: [
        { requirementId: 'room', resourceId: 'room-b' },
        { requirementId: 'laser', resourceId: 'laser-2' },
      ],
    });
    expect(at1000?.providerOptions).toEqual([['p2']]);
  });

  it('holds the same room through every phase that needs it', () => {
    const service = laserService(['p1'], ['room-a', 'room-b'], ['laser-1']);
    // Room A is free for numbing at 10:00 but not for the treatment; room B is free throughout.
    const aBlocked = { providerBusy: [], resourceBusy: [{ resourceId: 'room-a', start: nyJune(1, '10:40'), end: nyJune(1, '10:45') }], blocks: [] };
    const slot = run(request({ services: [service], occupancy: aBlocked })).find((s) => s.local.time === '10:00');
    expect(slot?.assignment[0]!.resources[0]).toEqual({ requirementId: 'room', resourceId: 'room-b' });
    // With room B taken during the numbing, switching rooms mid-service is not an option.
    const bothBlocked = {
      ...aBlocked,
      blocks: [{ resourceId: 'room-b', start: nyJune(1, '10:00'), end: nyJune(1, '10:05') }],
    };
    expect(localStarts(run(request({ services: [service], occupancy: bothBlocked })))).not.toContain('10:00');
  });

  it('gives two requirements held at the same time two different resources', () => {
    const service = {
      id: 'couples-facial',
      phases: [phase(60, { provider: true, client: true, uses: ['first', 'second'] })],
      resourceRequirements: [
        { id: 'first', acceptableResourceIds: ['room-a', 'room-b'] },
        { id: 'second', acceptableResourceIds: ['room-a'] },
      ],
      eligibleProviderIds: ['p1'],
    };
    const slot = run(request({ services: [service] }))[0]!;
    expect(slot.assignment[0]!.resources).toEqual([
      { requirementId: 'first', resourceId: 'room-b' },
      { requirementId: 'second', resourceId: 'room-a' },
    ]);
  });

  it('ignores resources of other locations', () => {
    const resources = [{ id: 'room-a', kind: 'room' as const, locationId: 'loc-2' }];
    expect(run(request({ resources }))).toEqual([]);
  });

  it('does not put the client in two places', () => {
    const clientBusy = [{ start: nyJune(1, '10:00'), end: nyJune(1, '11:00') }];
    const starts = localStarts(run(request({ occupancy: { providerBusy: [], resourceBusy: [], blocks: [], clientBusy } })));
    expect(starts.filter((t) => t >= '09:00' && t <= '11:00')).toEqual(['09:00', '11:00']);
  });
});

describe('availability: rules of time', () => {
  it('respects the minimum notice', () => {
    const now = nyJune(1, '09:10');
    const slots = run(request({ now, minimumNoticeMinutes: 60 }));
    expect(localStarts(slots)[0]).toBe('10:15');
  });

  it('stops at the booking horizon, counted in local days from today', () => {
    const slots = run(request({ now: nyJune(1, '08:00'), bookingHorizonDays: 2, dates: { from: '2026-06-01', to: '2026-06-10' } }));
    expect([...new Set(slots.map((s) => s.local.date))]).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
  });

  it('skips closed days and closed hours', () => {
    const closures = [{ date: '2026-06-02' }, { from: '2026-06-03T10:00', to: '2026-06-03T16:00' }];
    const slots = run(request({ dates: { from: '2026-06-01', to: '2026-06-03' }, slotIntervalMinutes: 60, location: { weekly: weekly('09:00', '17:00'), closures } }));
    expect(localStarts(slots, true).filter((s) => s >= '2026-06-02')).toEqual(['2026-06-03 09:00', '2026-06-03 16:00']);
  });

  it('keeps provider phases out of breaks, while phases without the provider may overlap them', () => {
    const p1 = provider('p1', { breaks: { mon: [{ start: '12:00', end: '13:00' }] } });
    const plain = localStarts(run(request({ providers: [p1], slotIntervalMinutes: 30 })));
    expect(plain.filter((t) => t >= '11:00' && t <= '13:00')).toEqual(['11:00', '13:00']);
    // Numbing 30 + treatment 30 + clean-up 10: a 11:30 start treats 12:00–12:30 (break); 12:30 treats 13:00–13:30.
    const laser = localStarts(run(request({ providers: [p1], slotIntervalMinutes: 30, services: [laserService(['p1'], ['room-a'], ['laser-1'])] })));
    expect(laser.filter((t) => t >= '11:00' && t <= '13:00')).toEqual(['11:00', '12:30', '13:00']);
  });

  it('keeps out time off and blocked time', () => {
    const p1 = provider('p1', { timeOff: [{ start: nyJune(1, '09:00'), end: nyJune(1, '15:00') }] });
    expect(localStarts(run(request({ providers: [p1], slotIntervalMinutes: 60 })))).toEqual(['15:00', '16:00']);
    const blocks = [{ providerId: 'p1', start: nyJune(1, '09:00'), end: nyJune(1, '16:00') }];
    expect(localStarts(run(request({ slotIntervalMinutes: 60, occupancy: { providerBusy: [], resourceBusy: [], blocks } })))).toEqual(['16:00']);
  });

  it('rounds busy time outward to whole minutes', () => {
    const busy = [{ providerId: 'p1', start: new Date(nyJune(1, '09:59').getTime() + 30_000), end: nyJune(1, '11:00') }];
    const starts = localStarts(run(request({ slotIntervalMinutes: 60, occupancy: { providerBusy: busy, resourceBusy: [], blocks: [] } })));
    expect(starts.slice(0, 2)).toEqual(['11:00', '12:00']);
  });

  it('applies one-off changes: a day off, other hours, other breaks', () => {
    const p1 = provider('p1', {
      breaks: { tue: [{ start: '12:00', end: '13:00' }] },
      changes: [
        { date: '2026-06-01', hours: [] },
        { date: '2026-06-02', hours: [{ start: '11:00', end: '14:00' }] },
        { date: '2026-06-03', hours: [{ start: '09:00', end: '11:00' }], breaks: [{ start: '09:00', end: '10:00' }] },
      ],
    });
    const slots = run(request({ providers: [p1], slotIntervalMinutes: 60, dates: { from: '2026-06-01', to: '2026-06-04' } }));
    expect(localStarts(slots, true).filter((s) => s < '2026-06-04')).toEqual(['2026-06-02 11:00', '2026-06-02 13:00', '2026-06-03 10:00']);
    expect(localStarts(slots, true).filter((s) => s >= '2026-06-04')).toHaveLength(8);
  });
});

describe('availability: several services and the choice of provider', () => {
  const providers = [provider('p1'), provider('p2'), provider('p3')];
  const botox = simpleService('botox', 30, ['p1', 'p2']);
  const filler = simpleService('filler', 45, ['p2', 'p3'], ['room-b']);

  it('starts each service when the previous one ends', () => {
    const slot = run(request({ providers, services: [botox, filler], providerSelection: { kind: 'any', sameForAll: true } }))[0]!;
    expect(slot.local.time).toBe('09:00');
    expect(slot.end.getTime() - slot.start.getTime()).toBe(75 * 60_000);
    expect(slot.assignment.map((a) => [a.serviceId, a.providerId, a.start.toISOString(), a.end.toISOString()])).toEqual([
      ['botox', 'p2', '2026-06-01T13:00:00.000Z', '2026-06-01T13:30:00.000Z'],
      ['filler', 'p2', '2026-06-01T13:30:00.000Z', '2026-06-01T14:15:00.000Z'],
    ]);
  });

  it('chooses per service when the same provider is not required', () => {
    const busyP2 = [{ providerId: 'p2', start: nyJune(1, '09:00'), end: nyJune(1, '10:00') }];
    const occupancy = { providerBusy: busyP2, resourceBusy: [], blocks: [] };
    const same = run(request({ providers, services: [botox, filler], occupancy, providerSelection: { kind: 'any', sameForAll: true } }));
    expect(localStarts(same)[0]).toBe('10:00');
    const each = run(request({ providers, services: [botox, filler], occupancy, providerSelection: { kind: 'any', sameForAll: false } }))[0]!;
    expect(each.local.time).toBe('09:00');
    expect(each.assignment.map((a) => a.providerId)).toEqual(['p1', 'p3']);
    expect(each.providerOptions).toEqual([['p1'], ['p3']]);
    const fixed = run(request({ providers, services: [botox, filler], occupancy, providerSelection: { kind: 'perService', choices: [{ providerId: 'p1' }, 'any'] } }))[0]!;
    expect(fixed.assignment.map((a) => a.providerId)).toEqual(['p1', 'p3']);
  });

  it('for "any provider" prefers the least booked that day, then the id, and lists everyone who could take it', () => {
    const busy = [{ providerId: 'p1', start: nyJune(1, '16:00'), end: nyJune(1, '17:00') }];
    const slots = run(request({ providers, services: [botox], occupancy: { providerBusy: busy, resourceBusy: [], blocks: [] } }));
    expect(slots[0]!.assignment[0]!.providerId).toBe('p2');
    expect(slots[0]!.providerOptions).toEqual([['p2', 'p1']]);
    const at1600 = slots.find((s) => s.local.time === '16:00')!;
    expect(at1600.providerOptions).toEqual([['p2']]);
  });

  it('for a specific provider offers only that provider, and nothing when they are not eligible', () => {
    const busy = [{ providerId: 'p1', start: nyJune(1, '09:00'), end: nyJune(1, '12:00') }];
    const occupancy = { providerBusy: busy, resourceBusy: [], blocks: [] };
    const p1 = run(request({ providers, services: [botox], occupancy, providerSelection: { kind: 'specific', providerId: 'p1' } }));
    expect(localStarts(p1)[0]).toBe('12:00');
    expect(p1.every((s) => s.assignment[0]!.providerId === 'p1')).toBe(true);
    expect(run(request({ providers, services: [botox], providerSelection: { kind: 'specific', providerId: 'p3' } }))).toEqual([]);
    expect(run(request({ providers, services: [botox], providerSelection: { kind: 'specific', providerId: 'ghost' } }))).toEqual([]);
  });

  it('books a service that needs no provider without one', () => {
    const ledBed = { id: 'led', phases: [phase(20, { client: true, uses: ['room'] })], resourceRequirements: [{ id: 'room', acceptableResourceIds: ['room-a'] }], eligibleProviderIds: [] };
    const slot = run(request({ providers: [], services: [ledBed] }))[0]!;
    expect(slot.assignment[0]!.providerId).toBeNull();
    expect(slot.providerOptions).toEqual([[]]);
  });
});

describe('availability: daylight saving time and midnight', () => {
  const night = (zone: string, date: string, from: string, to: string, interval: number, minutes: number) =>
    run(
      request({
        timeZone: zone,
        dates: { from: date, to: date },
        slotIntervalMinutes: interval,
        location: { weekly: weekly(from, to), closures: [] },
        providers: [provider('p1', { weekly: weekly(from, to) })],
        services: [simpleService('s', minutes, ['p1'])],
      }),
    );

  for (const zone of ['America/New_York', 'America/Los_Angeles']) {
    it(`spring forward in ${zone}: the skipped hour is never offered`, () => {
      const slots = night(zone, '2026-03-08', '00:00', '05:00', 30, 30);
      expect(localStarts(slots)).toEqual(['00:00', '00:30', '01:00', '01:30', '03:00', '03:30', '04:00', '04:30']);
      // 01:30 standard time to 03:00 daylight time is 30 real minutes.
      const [at130, at300] = [slots[3]!, slots[4]!];
      expect(at300.start.getTime() - at130.start.getTime()).toBe(30 * 60_000);
      expect(at130.end).toEqual(at300.start);
      expect(at300.local.utcOffsetMinutes - at130.local.utcOffsetMinutes).toBe(60);
    });

    it(`fall back in ${zone}: the repeated hour gives distinct starts, no duplicates, no overlaps`, () => {
      const slots = night(zone, '2026-11-01', '00:00', '03:00', 30, 30);
      expect(localStarts(slots)).toEqual(['00:00', '00:30', '01:00', '01:30', '01:00', '01:30', '02:00', '02:30']);
      const instants = slots.map((s) => s.start.getTime());
      expect(new Set(instants).size).toBe(instants.length);
      for (let i = 1; i < slots.length; i++) {
        expect(instants[i]! - instants[i - 1]!).toBe(30 * 60_000);
        expect(slots[i - 1]!.end.getTime()).toBeLessThanOrEqual(slots[i]!.start.getTime());
      }
      const [standard, daylight] = zone === 'America/New_York' ? [-300, -240] : [-480, -420];
      expect(slots.map((s) => s.local.utcOffsetMinutes)).toEqual([daylight, daylight, daylight, daylight, standard, standard, standard, standard]);
    });
  }

  it('fall back: a 60-minute service from 01:30 (daylight) ends at 01:30 (standard)', () => {
    const slots = night('America/New_York', '2026-11-01', '00:00', '03:00', 30, 60);
    const first130 = slots.find((s) => s.local.time === '01:30')!;
    expect(first130.start.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(first130.end.toISOString()).toBe('2026-11-01T06:30:00.000Z');
    // Four real hours of opening, 60-minute service, 30-minute steps: 7 starts.
    expect(slots).toHaveLength(7);
  });

  it('offers starts after midnight in a range that crosses it, and services that cross midnight', () => {
    // Friday 2026-06-05 20:00 – Saturday 02:00.
    const slots = run(
      request({
        dates: { from: '2026-06-05', to: '2026-06-06' },
        slotIntervalMinutes: 30,
        location: { weekly: { fri: [{ start: '20:00', end: '02:00' }] }, closures: [] },
        providers: [provider('p1', { weekly: { fri: [{ start: '20:00', end: '02:00' }] } })],
        services: [simpleService('s', 90, ['p1'])],
      }),
    );
    expect(localStarts(slots, true)).toEqual([
      '2026-06-05 20:00',
      '2026-06-05 20:30',
      '2026-06-05 21:00',
      '2026-06-05 21:30',
      '2026-06-05 22:00',
      '2026-06-05 22:30',
      '2026-06-05 23:00',
      '2026-06-05 23:30',
      '2026-06-06 00:00',
      '2026-06-06 00:30',
    ]);
    expect(slots[7]!.end.toISOString()).toBe('2026-06-06T05:00:00.000Z');
  });

  it('a one-off day off does not cut the night shift that started the evening before', () => {
    const p1 = provider('p1', { weekly: { fri: [{ start: '20:00', end: '02:00' }] }, changes: [{ date: '2026-06-06', hours: [] }] });
    const slots = run(
      request({
        dates: { from: '2026-06-06', to: '2026-06-06' },
        slotIntervalMinutes: 30,
        location: { weekly: weekly('00:00', '24:00'), closures: [] },
        providers: [p1],
        services: [simpleService('s', 60, ['p1'])],
      }),
    );
    expect(localStarts(slots)).toEqual(['00:00', '00:30', '01:00']);
  });
});
