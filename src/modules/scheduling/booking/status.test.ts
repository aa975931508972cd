import { describe, expect, it } from 'vitest';
import { actionsFrom, nextStatus, tooEarly } from './status.ts';

describe('appointment status', () => {
  it('follows the day: booked → checked in → in progress → completed', () => {
    expect(nextStatus('booked', 'check_in')).toEqual({ ok: true, status: 'checked_in' });
    expect(nextStatus('checked_in', 'start')).toEqual({ ok: true, status: 'in_progress' });
    expect(nextStatus('in_progress', 'complete')).toEqual({ ok: true, status: 'completed' });
  });

  it('refuses moves that make no sense, with a reason', () => {
    expect(nextStatus('completed', 'cancel')).toMatchObject({ ok: false });
    expect(nextStatus('checked_in', 'no_show')).toMatchObject({ ok: false, message: expect.stringContaining('no-show') });
    expect(nextStatus('cancelled', 'check_in')).toMatchObject({ ok: false });
  });

  it('offers only what is possible next', () => {
    expect(actionsFrom('booked')).toEqual(['check_in', 'no_show', 'cancel']);
    expect(actionsFrom('completed')).toEqual([]);
  });
});

describe('what waits for the clock', () => {
  it('refuses a no-show before the start, and nothing else', () => {
    const start = new Date('2026-12-07T21:00:00Z');
    expect(tooEarly('no_show', start, new Date('2026-12-07T20:59:00Z'))).toMatch(/Not yet/);
    expect(tooEarly('no_show', start, start)).toBeNull();
    expect(tooEarly('check_in', start, new Date('2026-12-07T20:00:00Z'))).toBeNull();
    expect(tooEarly('cancel', start, new Date('2026-12-01T00:00:00Z'))).toBeNull();
  });
});
