import { describe, expect, it } from 'vitest';
import { assignLanes, clock, minuteOf, roundUpToRow, rowsOf, windowFor } from './layout.ts';
import { addDays, daysShown, navigation, readCalendarQuery, weekdayIndex } from './view-query.ts';

describe('calendar rows', () => {
  const window = { startMinute: 8 * 60, endMinute: 18 * 60 };
  it('puts 08:00 on row 1 and a 50-minute card on 10 rows', () => {
    expect(rowsOf(window, 480, 530)).toEqual({ row: 1, span: 10 });
    expect(rowsOf(window, 9 * 60 + 15, 10 * 60)).toEqual({ row: 16, span: 9 });
  });
  it('clips cards to the window and drops those outside it', () => {
    expect(rowsOf(window, 7 * 60, 8 * 60 + 30)).toEqual({ row: 1, span: 6 });
    expect(rowsOf(window, 17 * 60 + 30, 19 * 60)).toEqual({ row: 115, span: 6 });
    expect(rowsOf(window, 19 * 60, 20 * 60)).toBeNull();
  });
  it('gives a card that ends where it starts (a fall-back wall clock) at least one row', () => {
    expect(rowsOf(window, 600, 600)).toEqual({ row: 25, span: 1 });
  });
  it('widens the window to whole hours around what is shown', () => {
    expect(windowFor([{ from: 9 * 60 + 30, to: 17 * 60 + 10 }, { from: 10 * 60, to: 11 * 60 }])).toEqual({ startMinute: 540, endMinute: 1080 });
    expect(windowFor([])).toEqual({ startMinute: 480, endMinute: 1080 });
    expect(windowFor([{ from: 1430, to: 1440 }])).toEqual({ startMinute: 1380, endMinute: 1440 });
  });
});

describe('lanes', () => {
  it('gives a lone card the whole column', () => {
    expect(assignLanes([{ from: 0, to: 30 }, { from: 30, to: 60 }]).map((l) => [l.lane, l.lanes])).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });
  it('splits overlapping cards and reuses a lane once it is free', () => {
    const laid = assignLanes([
      { from: 0, to: 50, id: 'a' },
      { from: 20, to: 60, id: 'b' },
      { from: 55, to: 80, id: 'c' },
      { from: 100, to: 120, id: 'd' },
    ]);
    expect(Object.fromEntries(laid.map((l) => [l.item.id, [l.lane, l.lanes]]))).toEqual({ a: [1, 2], b: [2, 2], c: [1, 2], d: [1, 1] });
  });
  it('never uses more lanes than the stylesheet defines', () => {
    const laid = assignLanes(Array.from({ length: 7 }, () => ({ from: 0, to: 30 })));
    expect(Math.max(...laid.map((l) => l.lane))).toBe(4);
    expect(laid.every((l) => l.lanes === 4)).toBe(true);
  });
});

describe('times', () => {
  it('reads and writes wall-clock times', () => {
    expect(minuteOf('09:30')).toBe(570);
    expect(minuteOf('17:00:00')).toBe(1020);
    expect(clock(570)).toBe('09:30');
    expect(roundUpToRow(572)).toBe(575);
    expect(roundUpToRow(575)).toBe(575);
  });
});

describe('calendar address', () => {
  it('falls back to today, day view, by provider', () => {
    expect(readCalendarQuery({}, '2026-12-07')).toEqual({ view: 'day', date: '2026-12-07', by: 'provider', location: null });
    expect(readCalendarQuery({ date: '2026-02-30', view: 'month', by: 'x' }, '2026-12-07')).toEqual({ view: 'day', date: '2026-12-07', by: 'provider', location: null });
    expect(readCalendarQuery({ location: 'nope' }, '2026-12-07')).toEqual({ invalidLocation: true });
  });
  it('shows Monday to Sunday in the week view, across a month end', () => {
    expect(weekdayIndex('2026-12-07')).toBe(0);
    expect(daysShown({ view: 'week', date: '2026-12-03' })).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('steps a day or a week', () => {
    const q = { view: 'week' as const, date: '2026-12-07', by: 'room' as const, location: null };
    expect(navigation(q, '2026-12-01')).toEqual({ prev: 'view=week&date=2026-11-30&by=room', next: 'view=week&date=2026-12-14&by=room', today: 'view=week&date=2026-12-01&by=room' });
  });
});
