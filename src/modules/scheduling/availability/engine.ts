/**
 * The availability engine: bookable starts of a sequence of services. Works
 * on sets of epoch minutes. For every constraint it first computes the set of
 * sequence starts that satisfy it (erode the free time by the phase length,
 * shift back by the phase's offset), then walks the aligned candidate starts
 * once, in order, asking each set whether it holds the candidate.
 */
import type { Interval, IntervalSet } from './intervals.ts';
import { ForwardLookup, intersect, shift, startsThatFit, subtract, totalLength } from './intervals.ts';
import { MINUTES_PER_DAY, ZoneClock, floorDiv, formatLocalDate, formatMinuteOfDay, minuteToDate, mod, offsetAt } from './local-time.ts';
import type { PreparedPhase, PreparedRequest, PreparedService } from './prepare.ts';
import { prepareRequest } from './prepare.ts';
import type { AvailabilityRequest, AvailabilityResult, AvailableSlot, ServiceAssignment } from './types.ts';
import { weeklyWall, workingWall } from './wall-schedule.ts';

export function computeAvailability(request: AvailabilityRequest): AvailabilityResult {
  const prepared = prepareRequest(request);
  return { slots: findSlots(prepared) };
}

/** Starts s with [s + offset, s + offset + length) inside `free`, for every phase given. */
function startsForPhases(free: IntervalSet, phases: readonly PreparedPhase[], everything: IntervalSet): Interval[] {
  let starts: Interval[] = everything.map((i) => ({ ...i }));
  for (const phase of phases) {
    starts = intersect(starts, shift(startsThatFit(free, phase.length), -phase.offset));
    if (starts.length === 0) break;
  }
  return starts;
}

function findSlots(req: PreparedRequest): AvailableSlot[] {
  const today = floorDiv(req.nowMinute + offsetAt(req.zone, req.nowMinute), MINUTES_PER_DAY);
  const lastDay = Math.min(req.toDay, today + req.horizonDays);
  if (lastDay < req.fromDay) return [];

  // Local days whose ranges can touch a sequence starting in the range: the
  // day before (ranges past midnight) to the last day the sequence can reach.
  const firstScheduleDay = req.fromDay - 1;
  const lastScheduleDay = lastDay + Math.ceil(req.totalLength / MINUTES_PER_DAY) + 1;
  const wallStart = firstScheduleDay * MINUTES_PER_DAY;
  const wallEnd = (lastScheduleDay + 1) * MINUTES_PER_DAY;
  const clock = ZoneClock.forWallRange(req.zone, wallStart, wallEnd);
  const window: Interval[] = [{ start: clock.windowStart, end: clock.windowEnd }];

  const open = clock.instantsOfWall(subtract(weeklyWall(req.locationHours, firstScheduleDay, lastScheduleDay), req.closures));
  const startDays = clock.instantsOfWall([{ start: req.fromDay * MINUTES_PER_DAY, end: (lastDay + 1) * MINUTES_PER_DAY }]);
  let base = intersect(startDays, [{ start: req.earliestStart, end: clock.windowEnd }]);
  base = intersect(base, startsThatFit(open, req.totalLength));
  const clientPhases = req.services.flatMap((s) => s.phases.filter((p) => p.occupiesClient));
  base = startsForPhases(subtract(window, req.clientBusy), clientPhases, base);
  if (base.length === 0) return [];

  // Per service and provider: the starts at which that provider can do the provider phases.
  const providerStarts = req.services.map((service, index) => {
    const byProvider = new Map<string, ForwardLookup>();
    const phases = service.phases.filter((p) => p.occupiesProvider);
    for (const id of req.candidates[index]!) {
      const provider = req.providers.get(id)!;
      const working = clock.instantsOfWall(workingWall(provider.hours, provider.breaks, provider.overrides, firstScheduleDay, lastScheduleDay));
      byProvider.set(id, new ForwardLookup(startsForPhases(subtract(working, provider.unavailable), phases, base)));
    }
    return byProvider;
  });

  // Per service, requirement and acceptable resource: the starts at which it is free for every phase holding it.
  const resourceStarts = req.services.map((service) =>
    service.requirements.map((requirement) =>
      requirement.resourceIds.map((id) => {
        const phases = requirement.phaseIndexes.map((p) => service.phases[p]!);
        const free = subtract(window, req.resourceBusy.get(id) ?? []);
        return new ForwardLookup(startsForPhases(free, phases, base));
      }),
    ),
  );

  const preference = new ProviderPreference(req, clock);
  const dateLabels = new Map<number, string>();
  const dateLabel = (day: number) => {
    let label = dateLabels.get(day);
    if (label === undefined) dateLabels.set(day, (label = formatLocalDate(day)));
    return label;
  };
  const slots: AvailableSlot[] = [];
  for (const start of alignedStarts(base, clock, req.interval)) {
    const wall = clock.wallOf(start);
    const resources: string[][] = [];
    let feasible = true;
    for (let s = 0; s < req.services.length && feasible; s++) {
      const chosen = chooseResources(req.services[s]!, resourceStarts[s]!, start);
      if (chosen) resources.push(chosen);
      else feasible = false;
    }
    if (!feasible) continue;

    const ranked = preference.rankedOn(floorDiv(wall, MINUTES_PER_DAY));
    const canTake = (service: number, id: string) => providerStarts[service]!.get(id)?.has(start) ?? false;
    let options: string[][];
    if (req.sameForAll) {
      const needing = req.services.map((s, i) => i).filter((i) => req.services[i]!.needsProvider);
      const common = ranked.filter((id) => needing.every((i) => canTake(i, id)));
      options = req.services.map((s) => (s.needsProvider ? common : []));
    } else {
      options = req.services.map((s, i) => (s.needsProvider ? ranked.filter((id) => canTake(i, id)) : []));
    }
    if (req.services.some((s, i) => s.needsProvider && options[i]!.length === 0)) continue;

    const assignment: ServiceAssignment[] = req.services.map((service, i) => ({
      serviceId: service.id,
      providerId: options[i]![0] ?? null,
      start: minuteToDate(start + service.offset),
      end: minuteToDate(start + service.offset + service.length),
      resources: service.requirements.map((r, j) => ({ requirementId: r.id, resourceId: resources[i]![j]! })),
    }));
    slots.push({
      start: minuteToDate(start),
      end: minuteToDate(start + req.totalLength),
      local: {
        date: dateLabel(floorDiv(wall, MINUTES_PER_DAY)),
        time: formatMinuteOfDay(mod(wall, MINUTES_PER_DAY)),
        utcOffsetMinutes: wall - start,
      },
      assignment,
      providerOptions: options,
    });
  }
  return slots;
}

/** Starts whose local wall-clock time is a multiple of the interval from midnight, in increasing order. */
function* alignedStarts(starts: IntervalSet, clock: ZoneClock, interval: number): Generator<number> {
  for (const range of starts) {
    for (const segment of clock.segments) {
      const from = Math.max(range.start, segment.start);
      const to = Math.min(range.end, segment.end);
      if (to <= from) continue;
      // wall = t + offset; the first t ≥ from with wall ≡ 0 (mod interval).
      for (let t = from + mod(-(from + segment.offset), interval); t < to; t += interval) yield t;
    }
  }
}

/**
 * Resources for one service at a start: requirements in order, each taking
 * its first acceptable resource that is free, never the resource of an
 * earlier requirement held in a common phase. Backtracks on a dead end.
 */
function chooseResources(service: PreparedService, free: ForwardLookup[][], start: number): string[] | null {
  const chosen: string[] = [];
  const pick = (index: number): boolean => {
    if (index === service.requirements.length) return true;
    const requirement = service.requirements[index]!;
    const clashes = service.conflictsWithEarlier[index]!;
    for (let r = 0; r < requirement.resourceIds.length; r++) {
      const id = requirement.resourceIds[r]!;
      if (!free[index]![r]!.has(start)) continue;
      if (clashes.some((earlier) => chosen[earlier] === id)) continue;
      chosen[index] = id;
      if (pick(index + 1)) return true;
    }
    return false;
  };
  return pick(0) ? chosen : null;
}

/** Orders providers per local day: least booked minutes that day first, then by id. */
class ProviderPreference {
  private readonly byDay = new Map<number, string[]>();

  constructor(
    private readonly req: PreparedRequest,
    private readonly clock: ZoneClock,
  ) {}

  rankedOn(day: number): string[] {
    let ranked = this.byDay.get(day);
    if (!ranked) {
      const dayInstants = this.clock.instantsOfWall([{ start: day * MINUTES_PER_DAY, end: (day + 1) * MINUTES_PER_DAY }]);
      const load = new Map<string, number>();
      const ids = new Set(this.req.candidates.flat());
      for (const id of ids) load.set(id, totalLength(intersect(this.req.providers.get(id)!.booked, dayInstants)));
      ranked = [...ids].sort((a, b) => load.get(a)! - load.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
      this.byDay.set(day, ranked);
    }
    return ranked;
  }
}
