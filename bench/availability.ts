/**
 * 14 days of availability for "any provider" at a generated, realistic spa:
 * 10 providers, 12 rooms, 3 lasers, a few hundred booked appointments, a
 * phased laser service (numbing, treatment, clean-up), 15-minute slots, in
 * New York across the fall-back change. Prints the median and p95 of the
 * engine's time. Run: npm run bench:availability
 */
import { computeAvailability } from '../src/modules/scheduling/availability/index.ts';
import type { AvailabilityRequest, ProviderBusy, ProviderSchedule, ResourceBusy, WeeklyRanges } from '../src/modules/scheduling/availability/index.ts';
import { localToInstant } from '../src/modules/scheduling/availability/index.ts';

const ZONE = 'America/New_York';
const FIRST_DAY = '2026-10-26';
const DAYS = 14;
const WARM_UP = 30;
const RUNS = Number(process.env.BENCH_RUNS ?? 300);

/** A small seeded generator: the same spa every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function at(date: string, minuteOfDay: number): Date {
  const time = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
  const result = localToInstant(ZONE, date, time);
  if (!result.ok) throw new Error(result.message);
  return result.instant;
}

function generateSpa(): AvailabilityRequest {
  const random = seeded(42);
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
  const open: WeeklyRanges = Object.fromEntries(weekdays.map((d) => [d, [{ start: '09:00', end: '20:00' }]]));
  const rooms = Array.from({ length: 12 }, (_, i) => `room-${i + 1}`);
  const lasers = ['laser-1', 'laser-2', 'laser-3'];

  const providers: ProviderSchedule[] = Array.from({ length: 10 }, (_, i) => {
    const days = weekdays.filter((_, d) => (d + i) % 6 !== 0); // five days each, staggered
    const early = i % 2 === 0;
    const shift = early ? { start: '09:00', end: '17:00' } : { start: '12:00', end: '20:00' };
    const lunch = early ? { start: '12:30', end: '13:00' } : { start: '15:30', end: '16:00' };
    return {
      id: `provider-${String(i + 1).padStart(2, '0')}`,
      weekly: Object.fromEntries(days.map((d) => [d, [shift]])),
      breaks: Object.fromEntries(days.map((d) => [d, [lunch]])),
      timeOff: i === 3 ? [{ start: at(addDays(FIRST_DAY, 3), 0), end: at(addDays(FIRST_DAY, 5), 0) }] : [],
      changes: i === 5 ? [{ date: addDays(FIRST_DAY, 8), hours: [{ start: '10:00', end: '14:00' }] }] : [],
    };
  });

  // Book appointments at random free times: a provider phase, a room for the whole visit, sometimes a laser.
  const providerBusy: ProviderBusy[] = [];
  const resourceBusy: ResourceBusy[] = [];
  const taken = new Map<string, [number, number][]>();
  const free = (id: string, start: number, end: number) => !(taken.get(id) ?? []).some(([s, e]) => s < end && e > start);
  const take = (id: string, start: number, end: number) => taken.set(id, [...(taken.get(id) ?? []), [start, end]]);
  let appointments = 0;
  for (let attempt = 0; appointments < 320 && attempt < 20_000; attempt++) {
    const date = addDays(FIRST_DAY, Math.floor(random() * DAYS));
    const provider = providers[Math.floor(random() * providers.length)]!;
    const minuteOfDay = 9 * 60 + Math.floor(random() * 40) * 15;
    const length = [30, 45, 60, 90][Math.floor(random() * 4)]!;
    const start = at(date, minuteOfDay).getTime();
    const end = start + length * 60_000;
    const room = rooms[Math.floor(random() * rooms.length)]!;
    const laser = random() < 0.3 ? lasers[Math.floor(random() * lasers.length)]! : null;
    if (!free(provider.id, start, end) || !free(room, start, end) || (laser && !free(laser, start, end))) continue;
    take(provider.id, start, end);
    take(room, start, end);
    providerBusy.push({ providerId: provider.id, start: new Date(start), end: new Date(end) });
    resourceBusy.push({ resourceId: room, start: new Date(start), end: new Date(end) });
    if (laser) {
      take(laser, start, end);
      resourceBusy.push({ resourceId: laser, start: new Date(start), end: new Date(end) });
    }
    appointments++;
  }

  return {
    timeZone: ZONE,
    locationId: 'main',
    dates: { from: FIRST_DAY, to: addDays(FIRST_DAY, DAYS - 1) },
    slotIntervalMinutes: 15,
    now: at(FIRST_DAY, 8 * 60),
    minimumNoticeMinutes: 120,
    bookingHorizonDays: 60,
    location: { weekly: open, closures: [{ date: addDays(FIRST_DAY, 10) }] },
    providers,
    resources: [
      ...rooms.map((id) => ({ id, kind: 'room' as const, locationId: 'main' })),
      ...lasers.map((id) => ({ id, kind: 'device' as const, locationId: 'main' })),
    ],
    services: [
      {
        id: 'laser-resurfacing',
        phases: [
          { durationMinutes: 20, occupiesProvider: false, occupiesClient: true, requirementIds: ['room'] },
          { durationMinutes: 30, occupiesProvider: true, occupiesClient: true, requirementIds: ['room', 'laser'] },
          { durationMinutes: 10, occupiesProvider: false, occupiesClient: false, requirementIds: ['room'] },
        ],
        resourceRequirements: [
          { id: 'room', acceptableResourceIds: rooms },
          { id: 'laser', acceptableResourceIds: lasers },
        ],
        eligibleProviderIds: providers.filter((_, i) => i !== 9).map((p) => p.id),
      },
    ],
    providerSelection: { kind: 'any', sameForAll: true },
    occupancy: {
      providerBusy,
      resourceBusy,
      blocks: [{ providerId: 'provider-02', start: at(addDays(FIRST_DAY, 1), 14 * 60), end: at(addDays(FIRST_DAY, 1), 16 * 60) }],
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

const request = generateSpa();
let slots = 0;
for (let i = 0; i < WARM_UP; i++) slots = computeAvailability(request).slots.length;
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  computeAvailability(request);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(
  `availability, 14 days, any provider: ${request.providers.length} providers, ${request.resources.length} resources, ` +
    `${request.occupancy.providerBusy.length} booked appointments, ${slots} bookable starts`,
);
console.log(`median ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms over ${RUNS} runs (goal: under 20 ms)`);
