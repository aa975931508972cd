import { describe, expect, it } from 'vitest';
import { actionsFrom, nextStatus } from './status.ts';

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
