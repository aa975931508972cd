import { describe, expect, it } from 'vitest';
import { clockLabel, hourLabel, minuteLabel, rangeLabel } from './clock.ts';

describe('times of day as the pages write them', () => {
  it('writes a time the 12-hour way, midnight and noon included', () => {
    expect([0, 5, 570, 719, 720, 765, 1439, 1440].map(minuteLabel)).toEqual(['12:00 AM', '12:05 AM', '9:30 AM', '11:59 AM', '12:00 PM', '12:45 PM', '11:59 PM', '12:00 AM']);
    expect(clockLabel('17:00')).toBe('5:00 PM');
    expect(clockLabel('09:05:00')).toBe('9:05 AM');
  });

  it('names the half of the day once when a span stays in it, twice when it crosses', () => {
    expect(rangeLabel(600, 650)).toBe('10:00–10:50 AM');
    expect(rangeLabel(690, 740)).toBe('11:30 AM–12:20 PM');
    expect(rangeLabel(1410, 1440)).toBe('11:30 PM–12:00 AM');
    expect(rangeLabel(780, 810)).toBe('1:00–1:30 PM');
  });

  it('marks the hours without minutes', () => {
    expect([480, 720, 780, 0].map(hourLabel)).toEqual(['8 AM', '12 PM', '1 PM', '12 AM']);
  });
});
