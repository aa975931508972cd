import { describe, expect, it } from 'vitest';
import { businessHoursValues, readBusinessHours } from './hours.ts';

const allClosed = { mon_closed: 'on', tue_closed: 'on', wed_closed: 'on', thu_closed: 'on', fri_closed: 'on', sat_closed: 'on', sun_closed: 'on' };

describe('readBusinessHours', () => {
  it('reads one or two ranges per day, in order, and closed days', () => {
    const { hours, errors } = readBusinessHours({ ...allClosed, mon_closed: '', mon_open: '13:00', mon_close: '18:00', mon_open2: '09:00', mon_close2: '12:00' });
    expect(errors).toEqual({});
    expect(hours.mon).toEqual([['09:00', '12:00'], ['13:00', '18:00']]);
    expect(hours.sun).toEqual([]);
    expect(readBusinessHours(businessHoursValues(hours)).hours).toEqual(hours);
  });

  it('names the field that is wrong', () => {
    expect(readBusinessHours({ ...allClosed, tue_closed: '', tue_open: '18:00', tue_close: '09:00' }).errors).toEqual({ tue_close: 'Closing time must be after 18:00.' });
    expect(readBusinessHours({ ...allClosed, wed_closed: '' }).errors.wed_open).toMatch(/Wednesday’s hours/);
    expect(readBusinessHours({ ...allClosed, thu_closed: '', thu_open: '09:00', thu_close: '14:00', thu_open2: '13:00', thu_close2: '18:00' }).errors.thu_open2).toMatch(/overlap/);
    expect(readBusinessHours({ ...allClosed, fri_closed: '', fri_open: '9am', fri_close: '17:00' }).errors.fri_open).toMatch(/like 09:00/);
  });
});
