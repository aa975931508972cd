import { describe, expect, it } from 'vitest';
import { dollarsToCents, readServiceForm } from './service-form.ts';

const ROOM = '11111111-1111-4111-8111-111111111111';
const LASER = '22222222-2222-4222-8222-222222222222';

const body = (fields: Record<string, string | string[]>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));

const laser = {
  name: 'Laser hair removal — underarms',
  price: '$1,250.50',
  credentials: ['laser_technician', 'RN'],
  req_0_label: 'Room',
  req_0_resources: [ROOM],
  req_1_label: 'Laser',
  req_1_resources: [LASER],
  phase_0_label: 'Numbing',
  phase_0_minutes: '20',
  phase_0_client: 'on',
  phase_0_holds: 'room',
  phase_2_label: 'Treatment',
  phase_2_minutes: '30',
  phase_2_provider: 'on',
  phase_2_client: 'on',
  phase_2_holds: 'Room, Laser',
};

describe('readServiceForm', () => {
  it('reads phases in order, skipping empty rows, and names requirements as defined', () => {
    const r = readServiceForm(body(laser));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.priceCents).toBe(125050);
    expect(r.input.phases).toEqual([
      { label: 'Numbing', minutes: 20, usesProvider: false, usesClient: true, requirementLabels: ['Room'] },
      { label: 'Treatment', minutes: 30, usesProvider: true, usesClient: true, requirementLabels: ['Room', 'Laser'] },
    ]);
    expect(r.draft.phases).toHaveLength(3);
  });

  it('refuses what would make a service impossible to book', () => {
    const errors = (extra: Record<string, string | string[]>) => {
      const r = readServiceForm(body({ ...laser, ...extra }));
      return r.ok ? {} : r.errors;
    };
    expect(errors({ price: 'abc' }).price).toMatch(/dollars/);
    expect(errors({ phase_2_holds: 'Room, Mirror' }).phase_2_holds).toMatch(/“Mirror” is not one of/);
    expect(errors({ phase_2_provider: '' }).phases).toMatch(/must use the provider/);
    expect(errors({ phase_0_label: '', phase_0_minutes: '', phase_0_holds: '', phase_2_label: '', phase_2_minutes: '', phase_2_holds: '', phase_2_provider: '' }).phases).toMatch(/at least one phase/);
    expect(errors({ phase_0_minutes: '700' }).phases).toMatch(/12 hours/);
    expect(errors({ req_1_resources: [] }).req_1_resources).toMatch(/Tick/);
    expect(errors({ phase_2_holds: 'Room' }).req_1_label).toMatch(/No phase holds “Laser”/);
    expect(errors({ credentials: ['wizard'] }).credentials).toBeDefined();
  });

  it('reads dollars as people type them', () => {
    expect(dollarsToCents('350')).toBe(35000);
    expect(dollarsToCents('89.5')).toBe(8950);
    expect(dollarsToCents('$1,250.05')).toBe(125005);
    expect(dollarsToCents('12,34')).toBeNull();
    expect(dollarsToCents('-5')).toBeNull();
  });
});
