/**
 * Sets of integer minutes as sorted, disjoint, non-touching half-open
 * intervals [start, end). Every function returns a normalized set.
 */

export interface Interval {
  start: number;
  end: number;
}

export type IntervalSet = readonly Interval[];

export const EMPTY: IntervalSet = [];

/** Sorts and merges any list of intervals; empty ones are dropped. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const kept = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const next of kept) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) {
      if (next.end > last.end) last.end = next.end;
    } else {
      merged.push({ start: next.start, end: next.end });
    }
  }
  return merged;
}

export function union(a: IntervalSet, b: IntervalSet): Interval[] {
  return normalize([...a, ...b]);
}

export function intersect(a: IntervalSet, b: IntervalSet): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

export function subtract(a: IntervalSet, b: IntervalSet): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let cursor = x.start;
    while (j < b.length && b[j]!.end <= cursor) j++;
    let k = j;
    while (k < b.length && b[k]!.start < x.end) {
      const cut = b[k]!;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      k++;
    }
    if (cursor < x.end) out.push({ start: cursor, end: x.end });
  }
  return out;
}

export function shift(a: IntervalSet, by: number): Interval[] {
  return a.map((i) => ({ start: i.start + by, end: i.end + by }));
}

/**
 * The starts s for which [s, s + length) lies inside the set: each interval
 * [x, y) yields the integer starts x … y − length, i.e. [x, y − length + 1).
 */
export function startsThatFit(a: IntervalSet, length: number): Interval[] {
  if (length <= 0) return a.map((i) => ({ ...i }));
  const out: Interval[] = [];
  for (const i of a) {
    const end = i.end - length + 1;
    if (end > i.start) out.push({ start: i.start, end });
  }
  return out;
}

export function totalLength(a: IntervalSet): number {
  let sum = 0;
  for (const i of a) sum += i.end - i.start;
  return sum;
}

/**
 * Answers "is x in the set?" for x that never decrease between calls, in
 * amortized constant time: the engine walks candidate starts in order.
 */
export class ForwardLookup {
  private index = 0;

  constructor(private readonly set: IntervalSet) {}

  has(x: number): boolean {
    const set = this.set;
    while (this.index < set.length && set[this.index]!.end <= x) this.index++;
    const current = set[this.index];
    return current !== undefined && current.start <= x;
  }
}
