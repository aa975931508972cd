import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAvailability } from './index.ts';
import { arbitraryRequest } from './test/arbitrary-request.test-support.ts';
import { ReferenceModel } from './test/reference.test-support.ts';

describe('availability engine against a minute-by-minute reference', () => {
  it('offers exactly the starts the reference finds, with feasible assignments and the same provider options', () => {
    let slotsSeen = 0;
    fc.assert(
      fc.property(arbitraryRequest(), (request) => {
        const { slots } = computeAvailability(request);
        const reference = new ReferenceModel(request);
        const expected = reference.slots();
        expect(slots.map((s) => s.start.getTime())).toEqual(expected.map((s) => s.startMs));
        slots.forEach((slot, i) => {
          expect(reference.checkSlot(slot)).toBeNull();
          expect(slot.providerOptions).toEqual(expected[i]!.options);
          expect(slot.assignment.map((a) => a.providerId)).toEqual(slot.providerOptions.map((o) => o[0] ?? null));
        });
        slotsSeen += slots.length;
      }),
      { numRuns: Number(process.env.AVAILABILITY_RUNS ?? 80) },
    );
    // Guard against a generator that only ever produces empty calendars.
    expect(slotsSeen).toBeGreaterThan(0);
  });
});
