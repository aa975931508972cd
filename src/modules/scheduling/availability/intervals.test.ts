import { describe, expect, it } from 'vitest';
import { ForwardLookup, intersect, normalize, startsThatFit, subtract, union } from './intervals.ts';

const set = (...pairs: [number, number][]) => pairs.map(([start, end]) => ({ start, end }));

describe('interval sets', () => {
  it('normalizes: sorts, merges overlapping and touching intervals, drops empty ones', () => {
    expect(normalize(set([5, 7], [0, 2], [2, 3], [6, 9], [4, 4]))).toEqual(set([0, 3], [5, 9]));
  });

  it('unites, intersects and subtracts', () => {
    const a = set([0, 10], [20, 30]);
    const b = set([5, 25]);
    expect(union(a, b)).toEqual(set([0, 30]));
    expect(intersect(a, b)).toEqual(set([5, 10], [20, 25]));
    expect(subtract(a, b)).toEqual(set([0, 5], [25, 30]));
    expect(subtract(set([0, 30]), set([2, 4], [6, 8], [29, 40]))).toEqual(set([0, 2], [4, 6], [8, 29]));
  });

  it('finds the starts at which a length fits', () => {
    // [0, 10) holds a 4-minute span starting at 0 … 6.
    expect(startsThatFit(set([0, 10], [12, 14]), 4)).toEqual(set([0, 7]));
  });

  it('answers membership for increasing queries', () => {
    const lookup = new ForwardLookup(set([0, 2], [5, 6]));
    expect([0, 1, 2, 4, 5, 6, 9].map((x) => lookup.has(x))).toEqual([true, true, false, false, true, false, false]);
  });
});
