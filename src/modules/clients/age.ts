/**
 * Ages and minority on the spa's own calendar (CRM-7). A client born on
 * 2008-11-28 is 17 all day on 2026-11-27 in Los Angeles, even after midnight UTC.
 * Pure: the caller supplies today's date in the spa's time zone.
 */

/** Whole years from a birth date (YYYY-MM-DD) to a day (YYYY-MM-DD). Someone born on 29 February turns a year older on 1 March in common years. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = parts(dateOfBirth);
  const [y, m, d] = parts(day);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function isMinorOn(dateOfBirth: string, day: string, ageOfMajority: number): boolean {
  return ageOn(dateOfBirth, day) < ageOfMajority;
}

/**
 * The last birth date (YYYY-MM-DD) of someone already of age on `day`: a client is a minor on
 * `day` exactly when born after it, so a long list compares strings instead of computing ages
 * (isMinorOn(dob, day, age) === dob > lastAdultBirthDate(day, age)). On 29 February the year of
 * majority may have none: 28 February is the same boundary.
 */
export function lastAdultBirthDate(day: string, ageOfMajority: number): string {
  const [y, m, d] = parts(day);
  const year = y - ageOfMajority;
  return `${String(year).padStart(4, '0')}-${pad(m)}-${pad(m === 2 && d === 29 && !isLeapYear(year) ? 28 : d)}`;
}

/** The day a minor comes of age (YYYY-MM-DD); 29 February births on 1 March in common years. */
export function comesOfAgeOn(dateOfBirth: string, ageOfMajority: number): string {
  const [by, bm, bd] = parts(dateOfBirth);
  const year = by + ageOfMajority;
  if (bm === 2 && bd === 29 && !isLeapYear(year)) return `${year}-03-01`;
  return `${year}-${pad(bm)}-${pad(bd)}`;
}

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error('expected a date as YYYY-MM-DD');
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const pad = (n: number) => String(n).padStart(2, '0');
