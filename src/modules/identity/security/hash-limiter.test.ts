import { describe, expect, it } from 'vitest';
import { HashingBusyError, createLimiter } from './hash-limiter.ts';

/** A task the test finishes by hand, recording how many tasks were running at its start. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('never runs more than maxConcurrent tasks at once and runs the rest in arrival order', async () => {
    const limiter = createLimiter({ maxConcurrent: 2, maxQueued: 10 });
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 8 }, gate);
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        started.push(i);
        await g.opened;
        running -= 1;
        return i;
      }),
    );

    await tick();
    expect(started).toEqual([0, 1]);
    expect(limiter.load()).toEqual({ active: 2, queued: 6 });

    // Finish them out of order; the waiting ones must still start first-come first-served.
    for (const i of [1, 0, 3, 2, 5, 4, 7, 6]) {
      gates[i]!.open();
      await tick();
    }
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(limiter.load()).toEqual({ active: 0, queued: 0 });
  });

  it('rejects immediately with HashingBusyError when the queue is full, then recovers', async () => {
    const limiter = createLimiter({ maxConcurrent: 1, maxQueued: 2 });
    const hold = gate();
    const accepted = [0, 1, 2].map(() => limiter.run(() => hold.opened));
    await expect(limiter.run(async () => 'late')).rejects.toBeInstanceOf(HashingBusyError);
    expect(limiter.load()).toEqual({ active: 1, queued: 2 });

    hold.open();
    await Promise.all(accepted);
    await expect(limiter.run(async () => 'fresh')).resolves.toBe('fresh');
  });

  it('frees the slot when a task fails', async () => {
    const limiter = createLimiter({ maxConcurrent: 1, maxQueued: 0 });
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});
