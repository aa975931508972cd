/**
 * Caps how many password hashes run at once and how many may wait.
 *
 * Each argon2 run takes ~19 MiB and tens of milliseconds of a core; on a two-core
 * machine an unbounded burst of sign-ins would starve every other request. Work
 * beyond the waiting room is refused at once so the caller can answer 503.
 */

export class HashingBusyError extends Error {
  constructor() {
    super('Too many password checks are in progress; try again in a moment.');
    this.name = 'HashingBusyError';
  }
}

export interface LimiterOptions {
  maxConcurrent: number;
  maxQueued: number;
}

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  load(): { active: number; queued: number };
}

export function createLimiter({ maxConcurrent, maxQueued }: LimiterOptions): Limiter {
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new RangeError('maxConcurrent must be a positive integer');
  if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new RangeError('maxQueued must be a non-negative integer');

  let active = 0;
  const waiting: Array<() => void> = [];

  // A finishing task hands its slot straight to the next waiter, so `active`
  // never dips and a newcomer cannot jump the queue.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  const acquire = (): Promise<void> | null => {
    if (active < maxConcurrent) {
      active += 1;
      return Promise.resolve();
    }
    if (waiting.length >= maxQueued) return null;
    return new Promise<void>((resolve) => waiting.push(resolve));
  };

  return {
    async run(task) {
      const slot = acquire();
      if (!slot) throw new HashingBusyError();
      await slot;
      try {
        return await task();
      } finally {
        release();
      }
    },
    load: () => ({ active, queued: waiting.length }),
  };
}
