/** The zod schemas of the location pages' forms: details, closures, rooms and devices. */
import { z } from 'zod';
import { dayNumber, isKnownTimeZone } from '../scheduling/zoned-time.ts';

/** The zones offered: the US first, then a few neighbours. Any zone Intl knows is accepted (an older location may use one). */
export const TIME_ZONES: readonly { value: string; label: string }[] = [
  { value: 'America/New_York', label: 'Eastern — New York' },
  { value: 'America/Chicago', label: 'Central — Chicago' },
  { value: 'America/Denver', label: 'Mountain — Denver' },
  { value: 'America/Phoenix', label: 'Mountain, no daylight saving — Phoenix' },
  { value: 'America/Los_Angeles', label: 'Pacific — Los Angeles' },
  { value: 'America/Anchorage', label: 'Alaska — Anchorage' },
  { value: 'Pacific/Honolulu', label: 'Hawaii — Honolulu' },
  { value: 'America/Puerto_Rico', label: 'Atlantic — Puerto Rico' },
  { value: 'Pacific/Guam', label: 'Chamorro — Guam' },
  { value: 'America/Toronto', label: 'Canada, Eastern — Toronto' },
  { value: 'America/Vancouver', label: 'Canada, Pacific — Vancouver' },
  { value: 'America/Mexico_City', label: 'Mexico — Mexico City' },
  { value: 'Europe/London', label: 'United Kingdom — London' },
];

const text = (max: number, what: string) => z.string().trim().max(max, `Use at most ${max} characters for the ${what}.`).refine((v) => !/\p{Cc}/u.test(v), 'Remove the invisible control characters.');

export const locationSchema = z.object({
  name: text(120, 'name').pipe(z.string().min(1, 'Give the location a name, such as its neighbourhood.')),
  timezone: z.string().trim().refine(isKnownTimeZone, 'Choose the location’s time zone from the list.'),
  address_line1: text(200, 'street address'),
  address_line2: text(200, 'suite or floor'),
  city: text(100, 'city'),
  region: text(60, 'state'),
  postal_code: text(20, 'ZIP code').refine((v) => v === '' || /^[A-Za-z0-9 -]{3,10}$/.test(v), 'Enter a ZIP code like 90405.'),
  phone: text(30, 'phone number').refine((v) => v === '' || /^\+?[0-9 ().-]{7,25}$/.test(v), 'Enter a phone number like +1 310 555 0142.'),
});
export type LocationInput = z.infer<typeof locationSchema>;

const DAY = z
  .string()
  .trim()
  .refine((v) => dayNumber(v) !== null, 'Enter a date like 2026-12-25.')
  .refine((v) => v >= '2000-01-01' && v <= '2100-12-31', 'Enter a date between 2000 and 2100.');

export const closureSchema = z
  .object({
    starts_on: z.string().trim().min(1, 'Enter the first day it is closed.').pipe(DAY),
    ends_on: z.union([z.literal(''), DAY]).optional(),
    reason: text(120, 'reason'),
  })
  .transform((v) => ({ startsOn: v.starts_on, endsOn: v.ends_on || v.starts_on, reason: v.reason }))
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'The last day cannot be before the first.' });
    else if ((dayNumber(v.endsOn) ?? 0) - (dayNumber(v.startsOn) ?? 0) > 366) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'A closure can last at most a year.' });
  });
export type ClosureInput = z.infer<typeof closureSchema>;

export const resourceSchema = z.object({
  kind: z.enum(['room', 'device'], { error: 'Choose room or device.' }),
  name: text(120, 'name').pipe(z.string().min(1, 'Give it a name, such as “Treatment Room 3” or “Laser 2”.')),
});

export const renameSchema = z.object({
  name: text(120, 'name').pipe(z.string().min(1, 'Enter the new name.')),
});
