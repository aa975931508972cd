import { describe, expect, it } from 'vitest';
import { holdsOf } from './holds.ts';

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);

describe('holdsOf', () => {
  it('holds the room from numbing to clean-up in one span, and the provider only while treating', () => {
    const phases = [
      { durationMinutes: 20, occupiesProvider: false, occupiesClient: true, requirementIds: ['room'] },
      { durationMinutes: 30, occupiesProvider: true, occupiesClient: true, requirementIds: ['room', 'laser'] },
      { durationMinutes: 10, occupiesProvider: false, occupiesClient: false, requirementIds: ['room'] },
    ];
    const holds = holdsOf(
      [{ serviceId: 's', providerId: 'nurse', start: at('17:00'), end: at('18:00'), resources: [{ requirementId: 'room', resourceId: 'room-a' }, { requirementId: 'laser', resourceId: 'laser-1' }] }],
      [phases],
    );
    expect(holds).toEqual([
      { serviceIndex: 0, resourceId: 'room-a', start: at('17:00'), end: at('18:00') },
      { serviceIndex: 0, providerId: 'nurse', start: at('17:20'), end: at('17:50') },
      { serviceIndex: 0, resourceId: 'laser-1', start: at('17:20'), end: at('17:50') },
    ]);
  });

  it('lays a second service after the first, with its own holds', () => {
    const phase = { durationMinutes: 30, occupiesProvider: true, occupiesClient: true, requirementIds: ['room'] };
    const holds = holdsOf(
      [
        { serviceId: 'a', providerId: 'p1', start: at('09:00'), end: at('09:30'), resources: [{ requirementId: 'room', resourceId: 'r1' }] },
        { serviceId: 'b', providerId: 'p2', start: at('09:30'), end: at('10:00'), resources: [{ requirementId: 'room', resourceId: 'r1' }] },
      ],
      [[phase], [phase]],
    );
    expect(holds.map((h) => ['providerId' in h ? h.providerId : h.resourceId, h.start.toISOString().slice(11, 16), h.end.toISOString().slice(11, 16)])).toEqual([
      ['p1', '09:00', '09:30'],
      ['r1', '09:00', '09:30'],
      ['p2', '09:30', '10:00'],
      ['r1', '09:30', '10:00'],
    ]);
  });
});
