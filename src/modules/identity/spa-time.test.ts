import { describe, expect, it } from 'vitest';
import { isTimeZone } from './spa-time.ts';

describe('isTimeZone', () => {
  it('knows the zones Intl knows, and says so again without asking', () => {
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
  });
});
