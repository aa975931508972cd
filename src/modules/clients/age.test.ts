import { describe, expect, it } from 'vitest';
import { dayIn } from '../identity/spa-time.ts';
import { ageOn, comesOfAgeOn, isMinorOn, lastAdultBirthDate } from './age.ts';

// CRM-7 and §6a (age of majority is a spa setting): ages on the spa's own calendar.
describe('ageOn', () => {
  it('turns a year older on the birthday, not the day before', () => {
    expect(ageOn('2008-11-28', '2026-11-27')).toBe(17);
    expect(ageOn('2008-11-28', '2026-11-28')).toBe(18);
    expect(ageOn('2008-12-31', '2027-01-01')).toBe(18);
  });

  it('gives 29 February birthdays their year on 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
    expect(comesOfAgeOn('2008-02-29', 18)).toBe('2026-03-01');
    expect(comesOfAgeOn('2010-02-28', 18)).toBe('2028-02-28');
  });

  it('uses the spa’s age of majority', () => {
    expect(isMinorOn('2007-06-01', '2026-01-01', 18)).toBe(false);
    expect(isMinorOn('2007-06-01', '2026-01-01', 19)).toBe(true);
    expect(isMinorOn('2007-06-01', '2026-06-01', 19)).toBe(false);
  });

  it('reads "today" in the spa’s time zone: the evening before an 18th birthday in Los Angeles is already the birthday in UTC', () => {
    const evening = new Date('2026-11-28T05:30:00Z');
    expect(dayIn('America/Los_Angeles', evening)).toBe('2026-11-27');
    expect(isMinorOn('2008-11-28', dayIn('America/Los_Angeles', evening), 18)).toBe(true);
    expect(isMinorOn('2008-11-28', dayIn('America/New_York', evening), 18)).toBe(false);
    expect(isMinorOn('2008-11-28', dayIn('UTC', evening), 18)).toBe(false);
  });

  it('refuses malformed dates rather than guessing', () => {
    expect(() => ageOn('11/28/2008', '2026-11-27')).toThrow();
  });
});

describe('lastAdultBirthDate', () => {
  it('splits minors from adults exactly as isMinorOn does, 29 February included', () => {
    const dayOf = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    // Every day of 2023-2028 (two leap days) against birth dates around each boundary.
    for (let n = 8401; n < 10593; n++) {
      const day = dayOf(n);
      for (const age of [16, 18, 19, 21]) {
        const boundary = lastAdultBirthDate(day, age);
        for (const offset of [-3, -1, 0, 1, 2, 366]) {
          const born = dayOf(n - Math.round(age * 365.25) + offset);
          expect(born > boundary, `${born} on ${day}, age ${age}`).toBe(isMinorOn(born, day, age));
        }
      }
    }
    expect(lastAdultBirthDate('2028-02-29', 18)).toBe('2010-02-28');
    expect(lastAdultBirthDate('2028-02-29', 20)).toBe('2008-02-29');
    expect(lastAdultBirthDate('2026-11-27', 18)).toBe('2008-11-27');
  });
});
