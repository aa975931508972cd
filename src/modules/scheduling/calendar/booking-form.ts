/**
 * The booking form as posted (pure): what was typed, kept to show again, and either a
 * BookingRequest or the messages to show beside each field. A client is chosen from the
 * search (client_id) or created inline (new_* fields, through the client-records service).
 */
import { isCalendarDate } from '../../clients/fields.ts';
import type { BookingRequest } from '../booking/book.ts';

export const MAX_LINES = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface BookingDraft {
  locationId: string;
  date: string;
  time: string;
  clientId: string;
  /** 'existing' (search) or 'new' (create inline). */
  clientMode: 'existing' | 'new';
  newClient: { first_name: string; last_name: string; date_of_birth: string; mobile_phone: string; email: string };
  lines: { serviceId: string; providerId: string }[];
  walkIn: boolean;
  note: string;
}

export const emptyDraft = (over: Partial<BookingDraft> = {}): BookingDraft => ({
  locationId: '',
  date: '',
  time: '',
  clientId: '',
  clientMode: 'existing',
  newClient: { first_name: '', last_name: '', date_of_birth: '', mobile_phone: '', email: '' },
  lines: [{ serviceId: '', providerId: 'any' }],
  walkIn: false,
  note: '',
  ...over,
});

export type ReadBooking =
  | { ok: true; draft: BookingDraft; request: Omit<BookingRequest, 'clientId'> & { clientId: string | null } }
  | { ok: false; draft: BookingDraft; errors: Record<string, string> };

const one = (body: Record<string, string[]>, key: string) => (body[key]?.[0] ?? '').trim();

export function readBookingDraft(body: Record<string, string[]>): BookingDraft {
  const lines: BookingDraft['lines'] = [];
  for (let i = 0; i < MAX_LINES; i++) {
    const serviceId = one(body, `service_${i}`);
    const providerId = one(body, `provider_${i}`) || 'any';
    if (serviceId || i === 0) lines.push({ serviceId, providerId });
  }
  const clientId = one(body, 'client_id');
  const newClient = {
    first_name: one(body, 'new_first_name').slice(0, 80),
    last_name: one(body, 'new_last_name').slice(0, 80),
    date_of_birth: one(body, 'new_date_of_birth'),
    mobile_phone: one(body, 'new_mobile_phone').slice(0, 30),
    email: one(body, 'new_email').slice(0, 200),
  };
  return {
    locationId: one(body, 'location_id'),
    date: one(body, 'date'),
    // An alternative offered after a refusal is a submit button of its own.
    time: one(body, 'pick_time') || one(body, 'time'),
    clientId,
    // A client chosen from the search is booked; with none chosen, whatever was typed under "New client" is a new one.
    clientMode: !clientId && Object.values(newClient).some(Boolean) ? 'new' : 'existing',
    newClient,
    lines,
    walkIn: ['1', 'on', 'true'].includes(one(body, 'walk_in')),
    note: one(body, 'note').slice(0, 1000),
  };
}

export function readBookingForm(body: Record<string, string[]>): ReadBooking {
  const draft = readBookingDraft(body);
  const errors: Record<string, string> = {};
  if (!UUID.test(draft.locationId)) errors.location_id = 'Choose a location.';
  if (!isCalendarDate(draft.date)) errors.date = 'Enter a date like 2026-12-07.';
  if (!TIME.test(draft.time)) errors.time = 'Choose a time like 14:30.';
  if (draft.clientMode === 'existing') {
    if (!UUID.test(draft.clientId)) errors.client_id = 'Find the client and choose them, or add a new client.';
  } else {
    if (!draft.newClient.first_name) errors.new_first_name = 'Enter the first name.';
    if (!draft.newClient.last_name) errors.new_last_name = 'Enter the last name.';
    if (!isCalendarDate(draft.newClient.date_of_birth)) errors.new_date_of_birth = 'Enter the date of birth.';
  }
  draft.lines.forEach((line, i) => {
    if (!UUID.test(line.serviceId)) errors[`service_${i}`] = i === 0 ? 'Choose a service.' : 'Choose a service or remove this row.';
    if (line.providerId !== 'any' && !UUID.test(line.providerId)) errors[`provider_${i}`] = 'Choose a provider from the list.';
  });
  if (Object.keys(errors).length) return { ok: false, draft, errors };
  return {
    ok: true,
    draft,
    request: {
      clientId: draft.clientMode === 'existing' ? draft.clientId : null,
      locationId: draft.locationId,
      date: draft.date,
      time: draft.time,
      lines: draft.lines.map((l) => ({ serviceId: l.serviceId, providerId: l.providerId })),
      walkIn: draft.walkIn,
      note: draft.note,
    },
  };
}
