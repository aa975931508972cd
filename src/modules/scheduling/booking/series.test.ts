import { describe, expect, it } from 'vitest';
import { seriesDates } from './series.ts';

describe('seriesDates', () => {
  it('repeats on the same weekday every few weeks, across month and year ends', () => {
    expect(seriesDates('2026-11-30', 6, 4)).toEqual(['2026-11-30', '2027-01-11', '2027-02-22', '2027-04-05']);
  });

  it('keeps local dates through a daylight-saving change (dates, not instants)', () => {
    expect(seriesDates('2026-10-26', 1, 3)).toEqual(['2026-10-26', '2026-11-02', '2026-11-09']);
  });
});
