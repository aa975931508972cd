import { describe, expect, it } from 'vitest';
import { formatSpan } from './format.ts';

describe('a span of time as the pages write it', () => {
  const LA = 'America/Los_Angeles';
  it('writes whole local days as days, across a 25-hour night too', () => {
    expect(formatSpan(new Date('2027-11-07T07:00:00Z'), new Date('2027-11-08T08:00:00Z'), LA)).toBe('Sun, Nov 7, 2027, all day');
    expect(formatSpan(new Date('2026-11-28T08:00:00Z'), new Date('2026-12-01T08:00:00Z'), LA)).toBe('Sat, Nov 28, 2026 – Mon, Nov 30, 2026');
  });

  it('writes anything else with its times and the zone', () => {
    expect(formatSpan(new Date('2026-11-28T17:00:00Z'), new Date('2026-11-28T21:00:00Z'), LA)).toBe('Nov 28, 2026, 9:00 AM PST – Nov 28, 2026, 1:00 PM PST');
    // Midnight in another zone is not a whole day here.
    expect(formatSpan(new Date('2027-11-07T05:00:00Z'), new Date('2027-11-08T05:00:00Z'), LA)).toMatch(/PST/);
  });
});
