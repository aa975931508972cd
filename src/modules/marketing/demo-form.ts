/**
 * The demo request form (MKT-1): its fields, the platforms a spa may be leaving, and the
 * server-side rules with one plain message per field. Pure: no I/O.
 */
import { z } from 'zod';

export const PLATFORMS = [
  { value: 'none', label: 'None yet, or paper' },
  { value: 'boulevard', label: 'Boulevard' },
  { value: 'mangomint', label: 'Mangomint' },
  { value: 'vagaro', label: 'Vagaro' },
  { value: 'zenoti', label: 'Zenoti' },
  { value: 'mindbody', label: 'Mindbody' },
  { value: 'aesthetic_record', label: 'Aesthetic Record' },
  { value: 'patientnow', label: 'PatientNow' },
  { value: 'jane', label: 'Jane' },
  { value: 'other', label: 'Something else' },
] as const;

export type Platform = (typeof PLATFORMS)[number]['value'];

const PLATFORM_VALUES = PLATFORMS.map((p) => p.value) as [Platform, ...Platform[]];

export function platformLabel(value: Platform): string {
  return PLATFORMS.find((p) => p.value === value)?.label ?? value;
}

/** The hidden field people never see and bots fill in (MKT-3). */
export const HONEYPOT_FIELD = 'website';

export const LIMITS = { locations: { min: 1, max: 1000 }, providers: { min: 1, max: 10_000 } } as const;

// Control characters other than tab and newline have no business in a form a person typed.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const SINGLE_LINE_CONTROL = /[\u0000-\u001f\u007f]/;

function line(min: number, max: number, empty: string, tooLong: string) {
  return z
    .string(empty)
    .trim()
    .min(min, empty)
    .max(max, tooLong)
    .refine((v) => !SINGLE_LINE_CONTROL.test(v), 'Please use plain text on one line.');
}

function count(label: string, limits: { min: number; max: number }) {
  const message = `Enter the number of ${label}, from ${limits.min} to ${limits.max.toLocaleString('en-US')}.`;
  return z
    .string(message)
    .trim()
    .regex(/^\d{1,6}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(limits.min, message).max(limits.max, message));
}

const optionalText = (max: number, tooLong: string, multiline: boolean) =>
  z
    .string()
    .optional()
    .transform((v) => {
      const trimmed = v?.trim() ?? '';
      return trimmed === '' ? undefined : trimmed;
    })
    .pipe(
      z
        .string()
        .max(max, tooLong)
        .refine((v) => !(multiline ? CONTROL : SINGLE_LINE_CONTROL).test(v), 'Please use plain text.')
        .optional(),
    );

export const demoRequestSchema = z
  .object({
    name: line(1, 120, 'Enter your name.', 'Please shorten your name to 120 characters.'),
    email: z
      .string('Enter your work email.')
      .trim()
      .min(1, 'Enter your work email.')
      .max(254, 'That email address is too long.')
      .pipe(z.email('Enter a full email address, like jane@yourspa.com.'))
      .transform((v) => v.toLowerCase()),
    phone: optionalText(30, 'That phone number is too long.', false).refine(
      (v) => v === undefined || (/^[+()0-9 .\-]+$/.test(v) && v.replace(/\D/g, '').length >= 7 && v.replace(/\D/g, '').length <= 15),
      'Enter a phone number with 7 to 15 digits, or leave it empty.',
    ),
    spaName: line(1, 160, 'Enter the name of your spa.', 'Please shorten the spa name to 160 characters.'),
    locations: count('locations', LIMITS.locations),
    providers: count('providers', LIMITS.providers),
    platform: z.enum(PLATFORM_VALUES, 'Choose the system you use today, or “None yet, or paper”.'),
    platformOther: optionalText(80, 'Please shorten the platform name to 80 characters.', false),
    message: optionalText(2000, 'Please keep your message under 2,000 characters.', true),
  })
  .superRefine((value, ctx) => {
    if (value.platform === 'other' && value.platformOther === undefined) {
      ctx.addIssue({ code: 'custom', path: ['platformOther'], message: 'Tell us which system you use today.' });
    }
  })
  .transform((value) => ({ ...value, platformOther: value.platform === 'other' ? value.platformOther : undefined }));

export type DemoRequestInput = z.output<typeof demoRequestSchema>;

