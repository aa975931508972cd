/** fast-check generator of small random availability requests, biased towards offset changes and feasible calendars. */
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import type {
  AvailabilityRequest,
  Block,
  Closure,
  InstantRange,
  LocalTimeRange,
  Phase,
  ProviderSchedule,
  ProviderSelection,
  ResourceRequirement,
  ServiceSpec,
  WeeklyRanges,
} from '../types.ts';

/** Zones with daylight saving (some at midnight, one by 30 minutes), odd offsets, and fixed ones. */
const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Havana',
  'America/Santiago',
  'Europe/London',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Pacific/Kiritimati',
  'UTC',
];
/** UTC days of 2026 on which the zone's offset changes (found with luxon once, so cases can aim at them). */
function changeDays(zone: string): string[] {
  const days: string[] = [];
  for (let day = 0; day < 365; day++) {
    const start = Date.UTC(2026, 0, 1 + day);
    if (IANAZone.create(zone).offset(start) !== IANAZone.create(zone).offset(start + 86_400_000)) days.push(addDays('2026-01-01', day));
  }
  return days;
}

const zone = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ZONES) },
  { weight: 1, arbitrary: fc.integer({ min: -12, max: 14 }).map((h) => (h === 0 ? 'Etc/GMT' : `Etc/GMT${h > 0 ? '-' : '+'}${Math.abs(h)}`)) },
);

const randomDay = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2026-01-01', n));

/** Mostly the day of one of the zone's offset changes (or the day before, or after), else any day of 2026. */
function firstDate(zone: string): fc.Arbitrary<string> {
  const changes = changeDays(zone);
  if (changes.length === 0) return randomDay;
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -1, max: 1 })).map(([day, shift]) => addDays(day, shift)) },
    { weight: 1, arbitrary: randomDay },
  );
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A local range: often a wide one (the whole day, past midnight), else random, sometimes ending at 24:00. */
const randomRange: fc.Arbitrary<LocalTimeRange> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 95 }).map((q) => q * 15), fc.integer({ min: 0, max: 1439 })),
    fc.oneof(fc.integer({ min: 1, max: 60 }).map((q) => q * 15), fc.integer({ min: 1, max: 1000 })),
  )
  .map(([start, length]) => {
    const end = start + Math.min(length, 1440);
    return { start: hhmm(start), end: end === 1440 ? '24:00' : hhmm(end % 1440) };
  });
const range: fc.Arbitrary<LocalTimeRange> = fc.oneof(
  { weight: 1, arbitrary: randomRange },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
    { start: '00:00', end: '24:00' },
    { start: '00:00', end: '00:00' },
    { start: '22:00', end: '05:00' },
    { start: '00:30', end: '04:15' },
      { start: '06:00', end: '23:00' },
    ),
  },
);

const weeklyRanges = (maxPerDay: number, minPerDay = 0): fc.Arbitrary<WeeklyRanges> => {
  const day = fc.array(range, { minLength: minPerDay, maxLength: maxPerDay });
  return fc.record({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day });
};

const PROVIDERS = ['p1', 'p2', 'p3'];
const RESOURCES = [
  { id: 'r1', kind: 'room' as const, locationId: 'here' },
  { id: 'r2', kind: 'room' as const, locationId: 'here' },
  { id: 'r3', kind: 'device' as const, locationId: 'here' },
  { id: 'r4', kind: 'device' as const, locationId: 'elsewhere' },
];

export function arbitraryRequest(): fc.Arbitrary<AvailabilityRequest> {
  return zone.chain((zone) => fc.record({ zone: fc.constant(zone), from: firstDate(zone), days: fc.integer({ min: 1, max: 2 }) })).chain(({ zone, from, days }) => {
    const to = addDays(from, days - 1);
    const windowStart = Date.parse(`${from}T00:00:00Z`) - 86_400_000;
    const windowLength = (days + 2) * 86_400_000;
    const instant = fc.integer({ min: 0, max: windowLength }).map((ms) => new Date(windowStart + ms));
    const instantRange: fc.Arbitrary<InstantRange> = fc
      .tuple(instant, fc.integer({ min: 1, max: 240 * 60_000 }))
      .map(([start, length]) => ({ start, end: new Date(start.getTime() + length) }));
    const nearDate = fc.integer({ min: -1, max: days }).map((n) => addDays(from, n));
    const dateTime = fc.tuple(nearDate, fc.integer({ min: 0, max: 1439 })).map(([d, m]) => `${d}T${hhmm(m)}`);
    const closure: fc.Arbitrary<Closure> = fc.oneof(
      nearDate.map((date) => ({ date })),
      fc.tuple(dateTime, dateTime).filter(([a, b]) => a !== b).map(([a, b]) => (a < b ? { from: a, to: b } : { from: b, to: a })),
    );
    const provider = (id: string): fc.Arbitrary<ProviderSchedule> =>
      fc.record({
        id: fc.constant(id),
        weekly: weeklyRanges(2, 1),
        breaks: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: weeklyRanges(1) }),
        timeOff: fc.array(instantRange, { maxLength: 1 }),
        changes: fc.uniqueArray(
          fc.record({ date: nearDate, hours: fc.array(range, { minLength: 0, maxLength: 2 }), breaks: fc.option(fc.array(range, { maxLength: 1 }), { nil: undefined }) }),
          { maxLength: 1, selector: (c) => c.date },
        ),
      }).map((p) => ({ ...p, changes: p.changes.map(({ breaks, ...c }) => (breaks ? { ...c, breaks } : c)) }));
    const requirement = (id: string): fc.Arbitrary<ResourceRequirement> =>
      fc.record({ id: fc.constant(id), acceptableResourceIds: fc.subarray(['r1', 'r2', 'r3', 'r4'], { minLength: 1, maxLength: 2 }) });
    const service = (id: string): fc.Arbitrary<ServiceSpec> =>
      fc
        .record({
          requirements: fc.integer({ min: 0, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => requirement(`q${i}`)))),
          phases: fc.array(
            fc.record({ durationMinutes: fc.integer({ min: 1, max: 50 }), occupiesProvider: fc.boolean(), occupiesClient: fc.boolean(), uses: fc.subarray(['q0', 'q1']) }),
            { minLength: 1, maxLength: 3 },
          ),
          eligible: fc.subarray(PROVIDERS.slice(0, 2), { minLength: 1 }).chain((some) => fc.constantFrom(some, PROVIDERS)),
        })
        .map(({ requirements, phases, eligible }) => {
          const ids = requirements.map((r) => r.id);
          const built: Phase[] = phases.map(({ uses, ...p }) => ({ ...p, requirementIds: uses.filter((u) => ids.includes(u)) }));
          for (const id of ids) if (!built.some((p) => p.requirementIds.includes(id))) built[0] = { ...built[0]!, requirementIds: [...built[0]!.requirementIds, id] };
          return { id, phases: built, resourceRequirements: requirements, eligibleProviderIds: eligible };
        });
    const selection = (count: number): fc.Arbitrary<ProviderSelection> =>
      fc.oneof(
        fc.boolean().map((sameForAll) => ({ kind: 'any' as const, sameForAll })),
        fc.constantFrom('p1', 'p2', 'p1', 'p2', 'ghost').map((providerId) => ({ kind: 'specific' as const, providerId })),
        fc
          .array(fc.oneof(fc.constant('any' as const), fc.constantFrom('p1', 'p2', 'p3').map((providerId) => ({ providerId }))), { minLength: count, maxLength: count })
          .map((choices) => ({ kind: 'perService' as const, choices })),
      );
    const block: fc.Arbitrary<Block> = fc.oneof(
      fc.tuple(fc.constantFrom(...PROVIDERS), instantRange).map(([providerId, r]) => ({ providerId, ...r })),
      fc.tuple(fc.constantFrom('r1', 'r2', 'r3'), instantRange).map(([resourceId, r]) => ({ resourceId, ...r })),
    );
    return fc
      .record({
        interval: fc.constantFrom(5, 10, 15, 20, 30, 60),
        now: fc.integer({ min: -2 * 86_400_000, max: (days + 1) * 86_400_000 }).map((ms) => new Date(windowStart + ms)),
        notice: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 })),
        horizon: fc.oneof(fc.constant(60), fc.integer({ min: 0, max: 4 })),
        hours: weeklyRanges(2, 1),
        followLocation: fc.array(fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)), { minLength: 3, maxLength: 3 }),
        closures: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(closure, { maxLength: 2 }) }),
        providers: fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(...PROVIDERS.slice(0, n).map(provider))),
        services: fc.integer({ min: 1, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => service(`s${i}`)))),
        providerBusy: fc.array(fc.tuple(fc.constantFrom(...PROVIDERS), instantRange).map(([providerId, r]) => ({ providerId, ...r })), { maxLength: 6 }),
        resourceBusy: fc.array(fc.tuple(fc.constantFrom('r1', 'r2', 'r3', 'r4'), instantRange).map(([resourceId, r]) => ({ resourceId, ...r })), { maxLength: 6 }),
        blocks: fc.array(block, { maxLength: 2 }),
        clientBusy: fc.array(instantRange, { maxLength: 1 }),
      })
      .chain((parts) =>
        selection(parts.services.length).map(
          (providerSelection): AvailabilityRequest => ({
            timeZone: zone,
            locationId: 'here',
            dates: { from, to },
            slotIntervalMinutes: parts.interval,
            now: parts.now,
            minimumNoticeMinutes: parts.notice,
            bookingHorizonDays: parts.horizon,
            location: { weekly: parts.hours, closures: parts.closures },
            // Most providers work when the spa is open.
            providers: parts.providers.map((p, i) => (parts.followLocation[i] ? { ...p, weekly: parts.hours } : p)),
            resources: RESOURCES,
            services: parts.services,
            providerSelection,
            occupancy: { providerBusy: parts.providerBusy, resourceBusy: parts.resourceBusy, blocks: parts.blocks, clientBusy: parts.clientBusy },
          }),
        ),
      );
  });
}

