/** The rights-request forms: opening one, fulfilling, correcting, declining. Pure: no I/O. */
import { z } from 'zod';
import { RIGHTS_KINDS, utcDay } from './rights-requests.ts';
import { MULTILINE_CONTROL, SINGLE_LINE_CONTROL } from './validation.ts';

const text = (max: number, empty: string) =>
  z
    .string(empty)
    .trim()
    .min(1, empty)
    .max(max, `Keep it under ${max.toLocaleString('en-US')} characters.`)
    .refine((v) => !MULTILINE_CONTROL.test(v), 'Please use plain text.');

const line = (max: number, empty: string, tooLong: string) =>
  z
    .string(empty)
    .trim()
    .min(1, empty)
    .max(max, tooLong)
    .refine((v) => !SINGLE_LINE_CONTROL.test(v), 'Please use plain text on one line.');

/** Received on a real day, not in the future and within the last year. */
export function newRightsSchema(now: Date) {
  const today = utcDay(now);
  const yearAgo = utcDay(new Date(now.getTime() - 365 * 86_400_000));
  return z.object({
    kind: z.enum(RIGHTS_KINDS, 'Choose what the prospect asked for.'),
    received_on: z
      .string('Enter the day the request was received.')
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the day the request was received.')
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'That is not a real date.')
      .refine((v) => v <= today, 'The request cannot have been received in the future.')
      .refine((v) => v >= yearAgo, 'Requests received more than a year ago cannot be opened here.'),
    details: z
      .string()
      .optional()
      .transform((v) => v?.trim() ?? '')
      .pipe(z.string().max(2000, 'Keep it under 2,000 characters.').refine((v) => !MULTILINE_CONTROL.test(v), 'Please use plain text.')),
  });
}

export const resolutionSchema = z.object({ resolution: text(2000, 'Say what you did and how you told the prospect.') });
export const declineSchema = z.object({ reason: text(2000, 'Say why the request is declined, as you told the prospect.') });

export const correctionSchema = z.object({
  name: line(120, 'Enter their name.', 'Keep the name to 120 characters or fewer.'),
  email: z
    .string('Enter their work email.')
    .trim()
    .min(1, 'Enter their work email.')
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter a full email address, like jane@yourspa.com.'))
    .transform((v) => v.toLowerCase()),
  phone: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null))
    .refine(
      (v) => v === null || (/^[+()0-9 .\-]+$/.test(v) && v.length <= 30 && v.replace(/\D/g, '').length >= 7 && v.replace(/\D/g, '').length <= 15),
      'Enter a phone number with 7 to 15 digits, or leave it empty.',
    ),
  spa_name: line(160, 'Enter the spa’s name.', 'Keep the spa name to 160 characters or fewer.'),
  resolution: text(2000, 'Say what you changed and how you told the prospect.'),
});
