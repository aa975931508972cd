/**
 * A brute-force model of availability, written apart from the engine to check
 * it: every instant minute of a window is labelled with its local date and
 * time by luxon, occupancy is tabulated minute by minute, and every aligned
 * start is tried with every possible assignment. Slow on purpose; only for
 * small random cases.
 */
import { DateTime } from 'luxon';
import type { AvailabilityRequest, AvailableSlot, LocalTimeRange, ServiceSpec, Weekday, WeeklyRanges } from '../types.ts';

const MINUTE = 60_000;
const DAY_NAMES: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface ReferenceSlot {
  startMs: number;
  /** Per service, providers who could take it in some feasible assignment, best first. */
  options: string[][];
}

interface LocalLabel {
  date: string;
  minuteOfDay: number;
  offset: number;
}

function toMinutes(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

const previousDates = new Map<string, string>();
function previousDate(date: string): string {
  let previous = previousDates.get(date);
  if (previous === undefined) {
    previous = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    previousDates.set(date, previous);
  }
  return previous;
}

const dayNames = new Map<string, Weekday>();
function dayName(date: string): Weekday {
  let name = dayNames.get(date);
  if (name === undefined) {
    name = DAY_NAMES[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
    dayNames.set(date, name);
  }
  return name;
}

/** Is this local time inside one of the ranges written on `date` or on the day before (past midnight)? */
function covered(rangesOf: (date: string) => readonly LocalTimeRange[], label: LocalLabel): boolean {
  const check = (date: string, minute: number) =>
    rangesOf(date).some((r) => {
      const start = toMinutes(r.start);
      let end = toMinutes(r.end);
      if (end <= start) end += 1440;
      return start <= minute && minute < end;
    });
  return check(label.date, label.minuteOfDay) || check(previousDate(label.date), label.minuteOfDay + 1440);
}

const weeklyOf = (weekly: WeeklyRanges) => (date: string) => weekly[dayName(date)] ?? [];

function overlapsMinute(range: { start: Date; end: Date }, minute: number): boolean {
  return range.start.getTime() < (minute + 1) * MINUTE && range.end.getTime() > minute * MINUTE;
}

export class ReferenceModel {
  readonly firstMinute: number;
  readonly lastMinute: number;
  private readonly labels: LocalLabel[] = [];
  private readonly locationOpen: boolean[] = [];
  private readonly clientFree: boolean[] = [];
  private readonly providerFree = new Map<string, boolean[]>();
  private readonly resourceFree = new Map<string, boolean[]>();
  private readonly totalLength: number;
  private readonly loads = new Map<string, number>();

  constructor(private readonly req: AvailabilityRequest) {
    this.totalLength = req.services.reduce((sum, s) => sum + s.phases.reduce((t, p) => t + p.durationMinutes, 0), 0);
    // Local days start at most 14 h before and 12 h after the UTC day of the same date.
    this.firstMinute = Date.parse(`${req.dates.from}T00:00:00Z`) / MINUTE - 15 * 60;
    this.lastMinute = Date.parse(`${req.dates.to}T00:00:00Z`) / MINUTE + 1440 + 13 * 60 + this.totalLength;
    const localResources = new Set(req.resources.filter((r) => r.locationId === req.locationId).map((r) => r.id));
    for (const p of req.providers) this.providerFree.set(p.id, []);
    for (const id of localResources) this.resourceFree.set(id, []);

    const schedules = req.providers.map((p) => {
      const change = (date: string) => p.changes.find((c) => c.date === date);
      return {
        p,
        hours: (date: string) => change(date)?.hours ?? p.weekly[dayName(date)] ?? [],
        breaks: (date: string) => change(date)?.breaks ?? p.breaks[dayName(date)] ?? [],
      };
    });
    const locationHours = weeklyOf(req.location.weekly);
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    for (let m = this.firstMinute; m < this.lastMinute; m++) {
      const local = DateTime.fromMillis(m * MINUTE, { zone: req.timeZone });
      const label = { date: `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`, minuteOfDay: local.hour * 60 + local.minute, offset: local.offset };
      const i = m - this.firstMinute;
      this.labels[i] = label;
      const stamp = `${label.date}T${pad(local.hour)}:${pad(local.minute)}`;
      const closed = req.location.closures.some((c) => ('date' in c ? c.date === label.date : c.from <= stamp && stamp < c.to));
      this.locationOpen[i] = !closed && covered(locationHours, label);
      this.clientFree[i] = !(req.occupancy.clientBusy ?? []).some((r) => overlapsMinute(r, m));
      for (const { p, hours, breaks } of schedules) {
        const away =
          p.timeOff.some((r) => overlapsMinute(r, m)) ||
          req.occupancy.providerBusy.some((b) => b.providerId === p.id && overlapsMinute(b, m)) ||
          req.occupancy.blocks.some((b) => 'providerId' in b && b.providerId === p.id && overlapsMinute(b, m));
        this.providerFree.get(p.id)![i] = !away && covered(hours, label) && !covered(breaks, label);
      }
      for (const id of localResources) {
        const taken =
          req.occupancy.resourceBusy.some((b) => b.resourceId === id && overlapsMinute(b, m)) ||
          req.occupancy.blocks.some((b) => 'resourceId' in b && b.resourceId === id && overlapsMinute(b, m));
        this.resourceFree.get(id)![i] = !taken;
      }
    }
  }

  label(minute: number): LocalLabel {
    return this.labels[minute - this.firstMinute]!;
  }

  /** Every bookable start with the providers who could take each service. */
  slots(): ReferenceSlot[] {
    const req = this.req;
    const nowLocal = DateTime.fromJSDate(req.now, { zone: req.timeZone }).startOf('day');
    const lastDate = [req.dates.to, nowLocal.plus({ days: req.bookingHorizonDays }).toISODate()!].sort()[0]!;
    const out: ReferenceSlot[] = [];
    for (let m = this.firstMinute; m < this.lastMinute - this.totalLength; m++) {
      const label = this.label(m);
      if (label.minuteOfDay % req.slotIntervalMinutes !== 0) continue;
      if (label.date < req.dates.from || label.date > lastDate) continue;
      if (m * MINUTE < req.now.getTime() + req.minimumNoticeMinutes * MINUTE) continue;
      const options = this.optionsAt(m, label.date);
      if (options) out.push({ startMs: m * MINUTE, options });
    }
    return out;
  }

  private optionsAt(start: number, date: string): string[][] | null {
    const req = this.req;
    const choices = this.providerChoices();
    const combos: (string | null)[][] = [];
    const build = (prefix: (string | null)[]) => {
      if (prefix.length === req.services.length) combos.push(prefix);
      else for (const c of choices[prefix.length]!) build([...prefix, c]);
    };
    build([]);
    const sameForAll = req.providerSelection.kind === 'specific' || (req.providerSelection.kind === 'any' && req.providerSelection.sameForAll);
    const options = req.services.map(() => new Set<string>());
    let any = false;
    for (const combo of combos) {
      const named = combo.filter((c): c is string => c !== null);
      if (sameForAll && new Set(named).size > 1) continue;
      if (this.resourceCombos().some((resources) => this.feasible(start, combo, resources) === null)) {
        any = true;
        combo.forEach((p, i) => p && options[i]!.add(p));
      }
    }
    if (!any) return null;
    const load = (id: string) => {
      const key = `${id} ${date}`;
      const known = this.loads.get(key);
      if (known !== undefined) return known;
      let minutes = 0;
      for (let m = this.firstMinute; m < this.lastMinute; m++) {
        if (this.label(m).date !== date) continue;
        if (req.occupancy.providerBusy.some((b) => b.providerId === id && overlapsMinute(b, m))) minutes++;
      }
      this.loads.set(key, minutes);
      return minutes;
    };
    return options.map((set) => {
      const loads = new Map([...set].map((id) => [id, load(id)]));
      return [...set].sort((a, b) => loads.get(a)! - loads.get(b)! || (a < b ? -1 : 1));
    });
  }

  private providerChoices(): (string | null)[][] {
    const req = this.req;
    const known = new Set(req.providers.map((p) => p.id));
    return req.services.map((service, i) => {
      if (!service.phases.some((p) => p.occupiesProvider)) return [null];
      const sel = req.providerSelection;
      let pool: string[];
      if (sel.kind === 'specific') pool = [sel.providerId];
      else if (sel.kind === 'perService' && sel.choices[i] !== 'any') pool = [(sel.choices[i] as { providerId: string }).providerId];
      else pool = [...known];
      return pool.filter((id) => known.has(id) && service.eligibleProviderIds.includes(id));
    });
  }

  private resourceCombos(): string[][][] {
    const perService = this.req.services.map((service) => {
      let combos: string[][] = [[]];
      for (const r of service.resourceRequirements) {
        const usable = r.acceptableResourceIds.filter((id) => this.resourceFree.has(id));
        combos = combos.flatMap((c) => usable.map((id) => [...c, id]));
      }
      return combos;
    });
    let all: string[][][] = [[]];
    for (const combos of perService) all = all.flatMap((prefix) => combos.map((c) => [...prefix, c]));
    return all;
  }

  /**
   * Null when the booking (providers per service, resources per service and
   * requirement) fits at this start; otherwise what is wrong.
   */
  feasible(start: number, providers: readonly (string | null)[], resources: readonly (readonly string[])[]): string | null {
    const req = this.req;
    const claimed = new Set<string>();
    const claim = (key: string) => {
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    };
    for (let m = start; m < start + this.totalLength; m++) {
      if (!this.locationOpen[m - this.firstMinute]) return `location closed at minute ${m}`;
    }
    let at = start;
    for (let s = 0; s < req.services.length; s++) {
      const service: ServiceSpec = req.services[s]!;
      const provider = providers[s];
      const needsProvider = service.phases.some((p) => p.occupiesProvider);
      if (needsProvider !== (provider !== null && provider !== undefined)) return `service ${s}: provider ${provider} given wrongly`;
      if (provider && !service.eligibleProviderIds.includes(provider)) return `service ${s}: ${provider} not eligible`;
      for (const phase of service.phases) {
        for (let m = at; m < at + phase.durationMinutes; m++) {
          const i = m - this.firstMinute;
          if (phase.occupiesClient && (!this.clientFree[i] || !claim(`client:${m}`))) return `client busy at ${m}`;
          if (phase.occupiesProvider && (!this.providerFree.get(provider!)?.[i] || !claim(`provider:${provider}:${m}`))) {
            return `provider ${provider} busy at ${m}`;
          }
          for (const requirementId of phase.requirementIds) {
            const index = service.resourceRequirements.findIndex((r) => r.id === requirementId);
            const id = resources[s]?.[index];
            if (!id || !service.resourceRequirements[index]!.acceptableResourceIds.includes(id)) return `bad resource for ${requirementId}`;
            if (!this.resourceFree.get(id)?.[i] || !claim(`resource:${id}:${m}`)) return `resource ${id} busy at ${m}`;
          }
        }
        at += phase.durationMinutes;
      }
    }
    return null;
  }

  /** Re-checks a slot returned by the engine: its label, its times and its assignment. */
  checkSlot(slot: AvailableSlot): string | null {
    const start = slot.start.getTime() / MINUTE;
    const label = this.label(start);
    const time = `${String(Math.floor(label.minuteOfDay / 60)).padStart(2, '0')}:${String(label.minuteOfDay % 60).padStart(2, '0')}`;
    if (slot.local.date !== label.date || slot.local.time !== time || slot.local.utcOffsetMinutes !== label.offset) {
      return `label ${JSON.stringify(slot.local)} but luxon says ${label.date} ${time} ${label.offset}`;
    }
    if (slot.end.getTime() - slot.start.getTime() !== this.totalLength * MINUTE) return 'wrong end';
    let at = start;
    for (const [s, a] of slot.assignment.entries()) {
      const service = this.req.services[s]!;
      const length = service.phases.reduce((t, p) => t + p.durationMinutes, 0);
      if (a.serviceId !== service.id || a.start.getTime() !== at * MINUTE || a.end.getTime() !== (at + length) * MINUTE) return `service ${s} times`;
      if (a.resources.map((r) => r.requirementId).join() !== service.resourceRequirements.map((r) => r.id).join()) return `service ${s} requirements`;
      at += length;
    }
    return this.feasible(
      start,
      slot.assignment.map((a) => a.providerId),
      slot.assignment.map((a) => a.resources.map((r) => r.resourceId)),
    );
  }
}
