/**
 * Checks an AvailabilityRequest and parses it into minutes: local ranges as
 * minutes from their day's midnight, instants as epoch minutes (busy time
 * rounded outward), phases as offsets from the start of the whole sequence.
 */
import type { Interval } from './intervals.ts';
import { normalize } from './intervals.ts';
import {
  MINUTES_PER_DAY,
  instantToMinuteCeil,
  instantToMinuteFloor,
  isValidTimeZone,
  parseLocalDate,
  parseLocalTime,
} from './local-time.ts';
import type {
  AvailabilityRequest,
  Closure,
  InstantRange,
  LocalTimeRange,
  ProviderSelection,
  Weekday,
  WeeklyRanges,
} from './types.ts';
import type { DayOverride, DayRange, WeeklyDayRanges } from './wall-schedule.ts';

export class AvailabilityInputError extends Error {
  override readonly name = 'AvailabilityInputError';
}

/** Longest span of local days one request may cover. */
export const MAX_RANGE_DAYS = 400;

export interface PreparedPhase {
  /** Minutes from the start of the whole sequence. */
  offset: number;
  length: number;
  occupiesProvider: boolean;
  occupiesClient: boolean;
  requirementIndexes: number[];
}

export interface PreparedRequirement {
  id: string;
  /** Acceptable resources that exist at this location, in the caller's order of preference. */
  resourceIds: string[];
  /** Indexes of the phases that hold it. */
  phaseIndexes: number[];
}

export interface PreparedService {
  id: string;
  offset: number;
  length: number;
  phases: PreparedPhase[];
  requirements: PreparedRequirement[];
  /** Per requirement, the earlier requirements held during a common phase (they need another resource). */
  conflictsWithEarlier: number[][];
  needsProvider: boolean;
  eligibleProviderIds: ReadonlySet<string>;
}

export interface PreparedProvider {
  id: string;
  hours: WeeklyDayRanges;
  breaks: WeeklyDayRanges;
  overrides: Map<number, DayOverride>;
  /** Instants (epoch minutes) when the provider cannot take anything. */
  unavailable: Interval[];
  /** Booked instants only, for balancing "any provider" choices. */
  booked: Interval[];
}

export interface PreparedRequest {
  zone: string;
  fromDay: number;
  toDay: number;
  interval: number;
  nowMinute: number;
  earliestStart: number;
  horizonDays: number;
  locationHours: WeeklyDayRanges;
  closures: Interval[];
  providers: Map<string, PreparedProvider>;
  resourceBusy: Map<string, Interval[]>;
  clientBusy: Interval[];
  services: PreparedService[];
  totalLength: number;
  /** Per service, the providers that may be chosen; `sameForAll` ties them together. */
  candidates: string[][];
  sameForAll: boolean;
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function fail(message: string): never {
  throw new AvailabilityInputError(message);
}

function wholeNumber(value: number, what: string, min: number): number {
  if (!Number.isInteger(value) || value < min) fail(`${what} must be a whole number ≥ ${min} (got ${value}).`);
  return value;
}

function localDay(text: string, what: string): number {
  return parseLocalDate(text) ?? fail(`${what} "${text}" is not a date (YYYY-MM-DD).`);
}

function dayRange(range: LocalTimeRange, what: string): DayRange {
  const start = parseLocalTime(range.start) ?? fail(`${what}: start "${range.start}" is not a time (HH:MM).`);
  const end = parseLocalTime(range.end, true) ?? fail(`${what}: end "${range.end}" is not a time (HH:MM).`);
  // An end not after the start is on the next day.
  return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}

function weekly(ranges: WeeklyRanges, what: string): WeeklyDayRanges {
  const out: WeeklyDayRanges = {};
  for (const [key, list] of Object.entries(ranges)) {
    if (!WEEKDAYS.includes(key as Weekday)) fail(`${what}: "${key}" is not a weekday (mon … sun).`);
    out[key as Weekday] = (list ?? []).map((r) => dayRange(r, `${what} ${key}`));
  }
  return out;
}

function localDateTimeToWall(text: string, what: string): number {
  const [date = '', time = '', extra] = text.split('T');
  if (extra !== undefined) fail(`${what} "${text}" is not a local date-time (YYYY-MM-DDTHH:MM).`);
  const day = parseLocalDate(date);
  const minute = parseLocalTime(time, true);
  if (day === null || minute === null) fail(`${what} "${text}" is not a local date-time (YYYY-MM-DDTHH:MM).`);
  return day * MINUTES_PER_DAY + minute;
}

function closureWall(closure: Closure): Interval {
  if ('date' in closure) {
    const day = localDay(closure.date, 'Closure date');
    return { start: day * MINUTES_PER_DAY, end: (day + 1) * MINUTES_PER_DAY };
  }
  const start = localDateTimeToWall(closure.from, 'Closure start');
  const end = localDateTimeToWall(closure.to, 'Closure end');
  if (end <= start) fail(`Closure ${closure.from} – ${closure.to} ends before it starts.`);
  return { start, end };
}

function instantRange(range: InstantRange, what: string): Interval {
  const startMs = range.start?.getTime?.();
  const endMs = range.end?.getTime?.();
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) fail(`${what}: start and end must be valid Dates.`);
  if (endMs! < startMs!) fail(`${what} ends before it starts.`);
  return { start: instantToMinuteFloor(range.start), end: instantToMinuteCeil(range.end) };
}

function normalizedSelection(selection: ProviderSelection, serviceCount: number) {
  switch (selection.kind) {
    case 'specific':
      return { fixed: Array.from({ length: serviceCount }, () => selection.providerId as string | null), sameForAll: true };
    case 'any':
      return { fixed: Array.from({ length: serviceCount }, () => null as string | null), sameForAll: selection.sameForAll };
    case 'perService':
      if (selection.choices.length !== serviceCount) {
        fail(`Provider choices: ${selection.choices.length} given for ${serviceCount} services.`);
      }
      return { fixed: selection.choices.map((c) => (c === 'any' ? null : c.providerId)), sameForAll: false };
    default:
      return fail('Unknown provider selection.');
  }
}

export function prepareRequest(request: AvailabilityRequest): PreparedRequest {
  if (!isValidTimeZone(request.timeZone)) fail(`Unknown time zone "${request.timeZone}".`);
  const fromDay = localDay(request.dates.from, 'First date');
  const toDay = localDay(request.dates.to, 'Last date');
  if (toDay < fromDay) fail(`The date range ends (${request.dates.to}) before it starts (${request.dates.from}).`);
  if (toDay - fromDay + 1 > MAX_RANGE_DAYS) fail(`The date range covers more than ${MAX_RANGE_DAYS} days.`);
  const interval = wholeNumber(request.slotIntervalMinutes, 'The slot interval', 1);
  if (MINUTES_PER_DAY % interval !== 0) fail(`The slot interval (${interval} min) must divide a day (1440 min).`);
  const nowMs = request.now?.getTime?.();
  if (!Number.isFinite(nowMs)) fail('`now` must be a valid Date.');
  const notice = wholeNumber(request.minimumNoticeMinutes, 'The minimum notice', 0);
  const horizonDays = wholeNumber(request.bookingHorizonDays, 'The booking horizon', 0);
  if (request.services.length === 0) fail('At least one service is needed.');

  const localResources = new Set(request.resources.filter((r) => r.locationId === request.locationId).map((r) => r.id));

  let offset = 0;
  const services = request.services.map((service, serviceIndex): PreparedService => {
    const what = `Service ${service.id || serviceIndex + 1}`;
    if (service.phases.length === 0) fail(`${what} has no phases.`);
    const requirementIndex = new Map<string, number>();
    const requirements: PreparedRequirement[] = service.resourceRequirements.map((req, index) => {
      if (requirementIndex.has(req.id)) fail(`${what}: requirement "${req.id}" is listed twice.`);
      requirementIndex.set(req.id, index);
      return { id: req.id, resourceIds: [...new Set(req.acceptableResourceIds)].filter((id) => localResources.has(id)), phaseIndexes: [] };
    });
    const serviceStart = offset;
    const phases = service.phases.map((phase, phaseIndex): PreparedPhase => {
      const length = wholeNumber(phase.durationMinutes, `${what}, phase ${phaseIndex + 1}: the duration`, 1);
      const requirementIndexes = [...new Set(phase.requirementIds)].map((id) => {
        const index = requirementIndex.get(id);
        if (index === undefined) fail(`${what}, phase ${phaseIndex + 1}: unknown requirement "${id}".`);
        requirements[index]!.phaseIndexes.push(phaseIndex);
        return index;
      });
      const prepared = {
        offset,
        length,
        occupiesProvider: phase.occupiesProvider,
        occupiesClient: phase.occupiesClient,
        requirementIndexes,
      };
      offset += length;
      return prepared;
    });
    for (const req of requirements) {
      if (req.phaseIndexes.length === 0) fail(`${what}: requirement "${req.id}" is held by no phase.`);
    }
    const conflictsWithEarlier = requirements.map((req, index) =>
      requirements
        .slice(0, index)
        .map((_, earlier) => earlier)
        .filter((earlier) => requirements[earlier]!.phaseIndexes.some((p) => req.phaseIndexes.includes(p))),
    );
    return {
      id: service.id,
      offset: serviceStart,
      length: offset - serviceStart,
      phases,
      requirements,
      conflictsWithEarlier,
      needsProvider: phases.some((p) => p.occupiesProvider),
      eligibleProviderIds: new Set(service.eligibleProviderIds),
    };
  });

  const providers = new Map<string, PreparedProvider>();
  for (const provider of request.providers) {
    if (providers.has(provider.id)) fail(`Provider "${provider.id}" is listed twice.`);
    const overrides = new Map<number, DayOverride>();
    for (const change of provider.changes) {
      const day = localDay(change.date, `Provider ${provider.id}: change date`);
      if (overrides.has(day)) fail(`Provider ${provider.id}: two changes for ${change.date}.`);
      overrides.set(day, {
        hours: change.hours.map((r) => dayRange(r, `Provider ${provider.id} on ${change.date}`)),
        ...(change.breaks ? { breaks: change.breaks.map((r) => dayRange(r, `Provider ${provider.id} break on ${change.date}`)) } : {}),
      });
    }
    providers.set(provider.id, {
      id: provider.id,
      hours: weekly(provider.weekly, `Provider ${provider.id} hours`),
      breaks: weekly(provider.breaks, `Provider ${provider.id} breaks`),
      overrides,
      unavailable: provider.timeOff.map((r) => instantRange(r, `Provider ${provider.id} time off`)),
      booked: [],
    });
  }

  const resourceBusy = new Map<string, Interval[]>([...localResources].map((id) => [id, []]));
  const occupancy = request.occupancy;
  for (const busy of occupancy.providerBusy) {
    const provider = providers.get(busy.providerId);
    if (!provider) continue;
    const range = instantRange(busy, `Busy time of provider ${busy.providerId}`);
    provider.unavailable.push(range);
    provider.booked.push(range);
  }
  for (const busy of occupancy.resourceBusy) {
    resourceBusy.get(busy.resourceId)?.push(instantRange(busy, `Busy time of resource ${busy.resourceId}`));
  }
  for (const block of occupancy.blocks) {
    if ('providerId' in block) providers.get(block.providerId)?.unavailable.push(instantRange(block, 'Blocked time'));
    else resourceBusy.get(block.resourceId)?.push(instantRange(block, 'Blocked time'));
  }
  for (const provider of providers.values()) {
    provider.unavailable = normalize(provider.unavailable);
    provider.booked = normalize(provider.booked);
  }
  for (const [id, list] of resourceBusy) resourceBusy.set(id, normalize(list));

  const selection = normalizedSelection(request.providerSelection, services.length);
  const allProviderIds = [...providers.keys()];
  const candidates = services.map((service, index) => {
    if (!service.needsProvider) return [];
    const fixed = selection.fixed[index];
    const pool = fixed == null ? allProviderIds : providers.has(fixed) ? [fixed] : [];
    return pool.filter((id) => service.eligibleProviderIds.has(id));
  });

  const nowMinute = instantToMinuteFloor(request.now);
  return {
    zone: request.timeZone,
    fromDay,
    toDay,
    interval,
    nowMinute,
    earliestStart: Math.ceil((nowMs! + notice * 60_000) / 60_000),
    horizonDays,
    locationHours: weekly(request.location.weekly, 'Location hours'),
    closures: normalize(request.location.closures.map(closureWall)),
    providers,
    resourceBusy,
    clientBusy: normalize((occupancy.clientBusy ?? []).map((r) => instantRange(r, 'Busy time of the client'))),
    services,
    totalLength: offset,
    candidates,
    sameForAll: selection.sameForAll,
  };
}
