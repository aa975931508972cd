/** Small builders so that each example test states only what it is about. */
import type { AvailabilityRequest, AvailableSlot, Phase, ProviderSchedule, ServiceSpec, WeeklyRanges } from '../types.ts';

export const EVERY_DAY_9_TO_5: WeeklyRanges = weekly('09:00', '17:00');

export function weekly(start: string, end: string): WeeklyRanges {
  const range = [{ start, end }];
  return { mon: range, tue: range, wed: range, thu: range, fri: range, sat: range, sun: range };
}

export function provider(id: string, extra: Partial<ProviderSchedule> = {}): ProviderSchedule {
  return { id, weekly: EVERY_DAY_9_TO_5, breaks: {}, timeOff: [], changes: [], ...extra };
}

export function phase(durationMinutes: number, occupies: { provider?: boolean; client?: boolean; uses?: string[] }): Phase {
  return {
    durationMinutes,
    occupiesProvider: occupies.provider ?? false,
    occupiesClient: occupies.client ?? false,
    requirementIds: occupies.uses ?? [],
  };
}

/** A plain service: one phase holding the provider, the client and one room. */
export function simpleService(id: string, minutes: number, eligible: string[], rooms = ['room-a']): ServiceSpec {
  return {
    id,
    phases: [phase(minutes, { provider: true, client: true, uses: ['room'] })],
    resourceRequirements: [{ id: 'room', acceptableResourceIds: rooms }],
    eligibleProviderIds: eligible,
  };
}

/** Numbing (client and room, provider free), treatment (provider, room, laser), clean-up (room only). */
export function laserService(eligible: string[], rooms: string[], lasers: string[]): ServiceSpec {
  return {
    id: 'laser-resurfacing',
    phases: [
      phase(30, { client: true, uses: ['room'] }),
      phase(30, { provider: true, client: true, uses: ['room', 'laser'] }),
      phase(10, { uses: ['room'] }),
    ],
    resourceRequirements: [
      { id: 'room', acceptableResourceIds: rooms },
      { id: 'laser', acceptableResourceIds: lasers },
    ],
    eligibleProviderIds: eligible,
  };
}

export function request(overrides: Partial<AvailabilityRequest> = {}): AvailabilityRequest {
  return {
    timeZone: 'America/New_York',
    locationId: 'loc-1',
    dates: { from: '2026-06-01', to: '2026-06-01' },
    slotIntervalMinutes: 15,
    now: new Date('2026-01-01T00:00:00Z'),
    minimumNoticeMinutes: 0,
    bookingHorizonDays: 365,
    location: { weekly: EVERY_DAY_9_TO_5, closures: [] },
    providers: [provider('p1')],
    resources: [
      { id: 'room-a', kind: 'room', locationId: 'loc-1' },
      { id: 'room-b', kind: 'room', locationId: 'loc-1' },
      { id: 'laser-1', kind: 'device', locationId: 'loc-1' },
      { id: 'laser-2', kind: 'device', locationId: 'loc-1' },
    ],
    services: [simpleService('facial', 60, ['p1'])],
    providerSelection: { kind: 'any', sameForAll: true },
    occupancy: { providerBusy: [], resourceBusy: [], blocks: [] },
    ...overrides,
  };
}

/** Local start times ('HH:MM', or 'YYYY-MM-DD HH:MM' with `withDate`). */
export function localStarts(slots: readonly AvailableSlot[], withDate = false): string[] {
  return slots.map((s) => (withDate ? `${s.local.date} ${s.local.time}` : s.local.time));
}

/** Instants of New York wall times in June 2026 (EDT, UTC−4) — for busy time in tests. */
export function nyJune(day: number, time: string): Date {
  return new Date(`2026-06-${String(day).padStart(2, '0')}T${time}:00-04:00`);
}
