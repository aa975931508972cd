import { describe, expect, it } from 'vitest';
import { arrange } from './arrange.ts';
import type { CalendarAppointment, CalendarData } from './calendar.ts';

const card = (id: string, providerId: string, room: string, start: string, minutes: number): CalendarAppointment => {
  const s = new Date(start);
  const e = new Date(s.getTime() + minutes * 60_000);
  return {
    id,
    clientId: `client-${id}`,
    clientName: `Client ${id}`,
    status: 'booked',
    walkIn: false,
    start: s,
    end: e,
    lines: [{ serviceName: 'Facial', providerId, start: s, end: e, resourceIds: [room] }],
    flags: { newClient: false, allergies: null, minor: null, unsignedForms: null },
  };
};

function data(view: 'day' | 'week', by: 'provider' | 'room', date: string, appointments: CalendarAppointment[]): CalendarData {
  const days = view === 'day' ? [date] : ['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13', '2027-03-14', '2027-03-15'].slice(0, 7);
  return {
    query: { view, date, by, location: 'loc' },
    location: { id: 'loc', name: 'Santa Monica', timeZone: 'America/Los_Angeles' },
    locations: [{ id: 'loc', name: 'Santa Monica' }],
    days,
    providers: [
      { id: 'p1', name: 'Priya' },
      { id: 'p2', name: 'Dan' },
    ],
    resources: [
      { id: 'r1', name: 'Room 1', kind: 'room' },
      { id: 'r2', name: 'Room 2', kind: 'room' },
    ],
    openHours: Object.fromEntries(days.map((d) => [d, [['09:00', '17:00']]])),
    staffDays: days.flatMap((d) => [
      { providerId: 'p1', date: d, work: [['09:00', '17:00']] as [string, string][], breaks: [['12:00', '13:00']] as [string, string][] },
      { providerId: 'p2', date: d, work: [['10:00', '16:00']] as [string, string][], breaks: [] },
    ]),
    appointments,
    blocks: [{ id: 'b1', providerId: 'p2', resourceId: null, start: new Date('2027-03-15T19:00:00Z'), end: new Date('2027-03-15T20:00:00Z'), reason: 'Lunch meeting' }],
  };
}

const now = new Date('2027-03-15T17:02:00Z'); // 10:02 in Los Angeles, after the spring change

describe('arranging the calendar', () => {
  it('puts each card in its provider’s column at its local time, with overlaps in lanes', () => {
    const a = arrange(
      data('day', 'provider', '2027-03-15', [card('a', 'p1', 'r1', '2027-03-15T17:00:00Z', 50), card('b', 'p1', 'r2', '2027-03-15T17:30:00Z', 30), card('c', 'p2', 'r2', '2027-03-15T18:00:00Z', 30)]),
      now,
    );
    expect(a.window).toEqual({ startMinute: 540, endMinute: 1020 });
    const [priya, dan] = a.columns;
    expect(priya!.label).toBe('Priya');
    expect(priya!.items.map((i) => (i.kind === 'appointment' ? [i.appointment.id, i.row, i.span, i.lane, i.lanes, i.time] : []))).toEqual([
      ['a', 13, 10, 1, 2, '10:00–10:50 AM'],
      ['b', 19, 6, 2, 2, '10:30–11:00 AM'],
    ]);
    // Priya's lunch break is not open time: 09:00–12:00 and 13:00–17:00.
    expect(priya!.open).toEqual([
      { row: 1, span: 36 },
      { row: 49, span: 48 },
    ]);
    expect(dan!.items.map((i) => (i.kind === 'block' ? i.reason : i.appointment.id))).toEqual(['c', 'Lunch meeting']);
    expect(a.nowRow).toBe(13);
    expect(a.nowTime).toBe('10:02 AM');
  });

  it('lays a week out by day in local time across the spring change, naming the provider', () => {
    const a = arrange(data('week', 'provider', '2027-03-10', [card('sat', 'p1', 'r1', '2027-03-13T18:00:00Z', 50), card('sun', 'p2', 'r1', '2027-03-14T17:00:00Z', 50)]), now);
    const sat = a.columns.find((c) => c.date === '2027-03-13')!;
    const sun = a.columns.find((c) => c.date === '2027-03-14')!;
    const [s] = sat.items;
    const [u] = sun.items;
    expect(s?.kind === 'appointment' && [s.time, s.row, s.detail]).toEqual(['10:00–10:50 AM', 13, 'Priya']);
    expect(u?.kind === 'appointment' && [u.time, u.row, u.detail]).toEqual(['10:00–10:50 AM', 13, 'Dan']);
    expect(a.nowRow).toBeNull(); // today (15 March) is not in that week
  });

  it('leaves out of a week the days the location is closed with nothing on them', () => {
    const week = data('week', 'provider', '2027-03-10', [card('sun', 'p2', 'r1', '2027-03-14T17:00:00Z', 50)]);
    // Closed at the weekend: Saturday is left out; Sunday stays, as something is booked on it.
    week.openHours['2027-03-13'] = [];
    week.openHours['2027-03-14'] = [];
    expect(arrange(week, now).columns.map((c) => c.date)).toEqual(['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12', '2027-03-14']);
  });

  it('shows a card in its room’s column when grouped by room', () => {
    const a = arrange(data('day', 'room', '2027-03-15', [card('a', 'p1', 'r2', '2027-03-15T17:00:00Z', 50)]), now);
    expect(a.columns.map((c) => [c.label, c.items.filter((i) => i.kind === 'appointment').length])).toEqual([
      ['Room 1', 0],
      ['Room 2', 1],
    ]);
    const [item] = a.columns[1]!.items;
    expect(item?.kind === 'appointment' && item.detail).toBe('Priya');
  });
});
