import { describe, expect, it } from 'vitest';
import { retryOnDeadlock } from './retry.ts';

const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retryOnDeadlock', () => {
  it('runs a transaction again when PostgreSQL broke a deadlock with it, up to the attempts given', async () => {
    let runs = 0;
    expect(await retryOnDeadlock(async () => (++runs < 3 ? Promise.reject(deadlock) : 'done'))).toBe('done');
    expect(runs).toBe(3);
    runs = 0;
    await expect(retryOnDeadlock(async () => (++runs, Promise.reject(deadlock)), 2)).rejects.toBe(deadlock);
    expect(runs).toBe(2);
  });

  it('never runs again for any other failure', async () => {
    let runs = 0;
    const other = Object.assign(new Error('unique violation'), { code: '23505' });
    await expect(retryOnDeadlock(async () => (++runs, Promise.reject(other)))).rejects.toBe(other);
    expect(runs).toBe(1);
  });
});
