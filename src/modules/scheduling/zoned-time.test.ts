import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, zonedInstant } from './zoned-time.ts';

const at = (zone: string, date: string, time: string) => {
  const r = zonedInstant(zone, date, time);
  if (!r.ok) throw new Error(r.message);
  return r.instant.toISOString();
};

describe('zonedInstant', () => {
  it('names the right instant in summer and in winter', () => {
    expect(at('America/Los_Angeles', '2026-07-01', '09:00')).toBe('2026-07-01T16:00:00.000Z');
    expect(at('America/Los_Angeles', '2026-12-01', '09:00')).toBe('2026-12-01T17:00:00.000Z');
    expect(at('America/New_York', '2026-03-08', '03:00')).toBe('2026-03-08T07:00:00.000Z');
  });

  it('counts 25 hours across the day the clocks fall back, and 23 across the spring one', () => {
    const hours = (zone: string, a: string, b: string) => (Date.parse(at(zone, b, '00:00')) - Date.parse(at(zone, a, '00:00'))) / 3_600_000;
    expect(hours('America/Los_Angeles', '2026-11-01', '2026-11-02')).toBe(25);
    expect(hours('America/New_York', '2026-03-08', '2026-03-09')).toBe(23);
  });

  it('takes the first of a repeated time and refuses a skipped one', () => {
    expect(at('America/Los_Angeles', '2026-11-01', '01:30')).toBe('2026-11-01T08:30:00.000Z');
    const gap = zonedInstant('America/Los_Angeles', '2026-03-08', '02:30');
    expect(gap.ok).toBe(false);
  });

  it('refuses unknown zones, impossible dates and times', () => {
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('Europe/London')).toBe(true);
    expect(zonedInstant('UTC', '2026-02-30', '10:00').ok).toBe(false);
    expect(zonedInstant('UTC', '2026-02-03', '24:10').ok).toBe(false);
  });
});
