import { describe, expect, it } from 'vitest';
import { lengthened } from './lifecycle.ts';
import type { LoadedService } from './request-loader.ts';

const service = (minutes: number[]): LoadedService => ({
  id: 's',
  name: 'Facial',
  priceCents: 0,
  requiredCredentials: [],
  requirementIds: new Map(),
  spec: { id: 's', eligibleProviderIds: [], resourceRequirements: [], phases: minutes.map((m) => ({ durationMinutes: m, occupiesProvider: true, occupiesClient: true, requirementIds: [] })) },
});

describe('lengthened', () => {
  it('adds the extra minutes to the last phase only', () => {
    const [s] = lengthened([service([20, 30])], [15])!;
    expect(s!.spec.phases.map((p) => p.durationMinutes)).toEqual([20, 45]);
  });

  it('shortens, but never below five minutes', () => {
    expect(lengthened([service([20, 30])], [-25])![0]!.spec.phases.at(-1)!.durationMinutes).toBe(5);
    expect(lengthened([service([20, 30])], [-26])).toBeNull();
  });

  it('leaves services without extra minutes untouched', () => {
    const original = service([60]);
    expect(lengthened([original], [0])![0]).toBe(original);
  });
});
