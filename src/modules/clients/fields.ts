import { z } from 'zod';
import { toE164 } from './phone.ts';

/**
 * The client profile's fields: how each is checked when typed, what it is
 * called, and which section of the record page edits it. Form names are the
 * column names. Pure: no I/O.
 */

const noMarkup = (v: string) => !/[<>]/.test(v) && !/\p{Cc}/u.test(v);

/** A field left out of the post reads as empty, so it gets its own message rather than a type error. */
const orEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => v ?? '', schema);

const trimmedText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: use at most ${max} characters.`)
    .refine(noMarkup, `${label} cannot contain < or > or invisible characters.`);

const text = (max: number, label: string) => orEmpty(trimmedText(max, label));

const requiredText = (max: number, missing: string, label: string) => orEmpty(trimmedText(max, label).pipe(z.string().min(1, missing)));

/** An optional phone: empty becomes null; anything else must be a real number. */
const phone = (label: string) =>
  orEmpty(
    z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (v === '') return null;
        const e164 = toE164(v);
        if (!e164) {
          ctx.addIssue({ code: 'custom', message: `${label}: enter a phone number like (310) 555-0123, or +52 55 1234 5678 from abroad.` });
          return z.NEVER;
        }
        return e164;
      }),
  );

const optionalEmail = orEmpty(
  z
    .string()
    .trim()
    .max(254, 'That email address is too long.')
    .transform((v, ctx) => {
      if (v === '') return null;
      if (!z.email().safeParse(v).success) {
        ctx.addIssue({ code: 'custom', message: 'Enter an email address like name@example.com.' });
        return z.NEVER;
      }
      return v.toLowerCase();
    }),
);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isCalendarDate = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** A date of birth; the upper bound (today, in the spa's zone) is checked by the service. */
const dateOfBirth = orEmpty(
  z
    .string()
    .trim()
    .min(1, 'Enter the date of birth.')
    .refine(isCalendarDate, 'Enter the date of birth like 1990-03-14.')
    .refine((v) => v >= '1900-01-01', 'Enter a date of birth after 1900.'),
);

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === '1');

export const SEXES = { female: 'Female', male: 'Male', intersex: 'Intersex', unknown: 'Not recorded' } as const;
export const LANGUAGES = { en: 'English', es: 'Español' } as const;
export const CONSENT_METHODS = { in_person: 'In person', phone: 'On the phone', in_writing: 'In writing', online: 'Online form' } as const;

const oneOf = <T extends Record<string, string>>(options: T, message: string) =>
  z.string().refine((v): v is Extract<keyof T, string> => Object.hasOwn(options, v), message) as unknown as z.ZodType<Extract<keyof T, string>>;

const tags = z
  .string()
  .trim()
  .max(400, 'Tags: use at most 400 characters in all.')
  .refine(noMarkup, 'Tags cannot contain < or >.')
  .transform((v) => [...new Set(v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))])
  .refine((list) => list.length <= 20, 'Use at most 20 tags.')
  .refine((list) => list.every((t) => t.length <= 30), 'Keep each tag under 30 characters.');

export const SECTIONS = {
  identity: {
    title: 'Personal details',
    shape: {
      first_name: requiredText(80, 'Enter the legal first name.', 'First name'),
      last_name: requiredText(80, 'Enter the legal last name.', 'Last name'),
      preferred_name: text(80, 'Preferred name'),
      pronouns: text(40, 'Pronouns'),
      date_of_birth: dateOfBirth,
      sex: oneOf(SEXES, 'Choose the sex recorded at birth, or "Not recorded".'),
      gender_identity: text(60, 'Gender identity'),
      preferred_language: oneOf(LANGUAGES, 'Choose English or Spanish.'),
    },
  },
  contact: {
    title: 'Contact',
    shape: {
      email: optionalEmail,
      mobile_phone: phone('Mobile phone'),
      other_phone: phone('Other phone'),
      address_line1: text(120, 'Address'),
      address_line2: text(120, 'Address line 2'),
      city: text(80, 'City'),
      region: text(40, 'State'),
      postal_code: text(12, 'ZIP code'),
    },
  },
  emergency: {
    title: 'Emergency contact',
    shape: {
      emergency_name: text(120, 'Emergency contact name'),
      emergency_relationship: text(40, 'Relationship'),
      emergency_phone: phone('Emergency contact phone'),
    },
  },
  frontDesk: {
    title: 'Front desk',
    shape: {
      tags,
      referral_source: text(80, 'Referral source'),
      front_desk_notes: text(2000, 'Front desk notes'),
      is_member: checkbox,
    },
  },
} as const;

export type SectionKey = keyof typeof SECTIONS;
export const isSectionKey = (v: string): v is SectionKey => Object.hasOwn(SECTIONS, v);

export function sectionSchema<K extends SectionKey>(key: K) {
  return z.object(SECTIONS[key].shape);
}

/** Consent to be messaged (MSG-4): a yes needs how it was given. */
export const consentSchema = z
  .object({
    sms_consent: checkbox,
    sms_consent_method: z.string().optional(),
    email_consent: checkbox,
    email_consent_method: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    for (const channel of ['sms', 'email'] as const) {
      const method = v[`${channel}_consent_method`];
      if (v[`${channel}_consent`] && !(method && Object.hasOwn(CONSENT_METHODS, method))) {
        ctx.addIssue({ code: 'custom', path: [`${channel}_consent_method`], message: `Say how the client agreed to ${channel === 'sms' ? 'text messages' : 'email'}.` });
      }
    }
  });

export type ConsentInput = z.infer<typeof consentSchema>;

/** A new client: personal details and contact are asked; the rest can follow on the record. */
export const newClientSchema = z.object({ ...SECTIONS.identity.shape, ...SECTIONS.contact.shape });
export type NewClientInput = z.infer<typeof newClientSchema>;

/** What each column is called on screen and in the record's history. */
export const FIELD_LABELS: Record<string, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  preferred_name: 'Preferred name',
  pronouns: 'Pronouns',
  date_of_birth: 'Date of birth',
  sex: 'Sex',
  gender_identity: 'Gender identity',
  preferred_language: 'Language',
  email: 'Email',
  mobile_phone: 'Mobile phone',
  other_phone: 'Other phone',
  address_line1: 'Address',
  address_line2: 'Address line 2',
  city: 'City',
  region: 'State',
  postal_code: 'ZIP code',
  emergency_name: 'Emergency contact',
  emergency_relationship: 'Emergency contact relationship',
  emergency_phone: 'Emergency contact phone',
  sms_consent: 'Consent to text messages',
  email_consent: 'Consent to email',
  tags: 'Tags',
  referral_source: 'Referral source',
  front_desk_notes: 'Front desk notes',
  is_member: 'Member',
};

export const ALLERGY_SEVERITIES = { severe: 'Severe', moderate: 'Moderate', mild: 'Mild', unknown: 'Severity unknown' } as const;

export const allergySchema = z.object({
  substance: requiredText(120, 'Enter what the client is allergic to.', 'Substance'),
  reaction: text(200, 'Reaction'),
  severity: oneOf(ALLERGY_SEVERITIES, 'Choose how severe the reaction is, or "Severity unknown".'),
});
export type AllergyInput = z.infer<typeof allergySchema>;

export const HEALTH_KINDS = {
  medication: 'Medication',
  condition: 'Medical history',
  contraindication: 'Contraindication',
  prior_treatment: 'Prior treatment',
} as const;
export type HealthKind = keyof typeof HEALTH_KINDS;

export const healthItemSchema = z.object({
  kind: oneOf(HEALTH_KINDS, 'Choose what kind of entry this is.'),
  label: requiredText(160, 'Say what it is (for example "Isotretinoin 20 mg" or "Pregnant").', 'Entry'),
  detail: text(500, 'Details'),
  occurred_on: z
    .string()
    .trim()
    .refine((v) => v === '' || isCalendarDate(v), 'Enter the date like 2025-06-30, or leave it empty.')
    .transform((v) => (v === '' ? null : v)),
});
export type HealthItemInput = z.infer<typeof healthItemSchema>;

export const GUARDIAN_RELATIONSHIPS = ['Mother', 'Father', 'Legal guardian', 'Grandparent', 'Other'] as const;

export const guardianSchema = z
  .object({
    guardian_name: requiredText(120, 'Enter the parent or guardian’s full name.', 'Guardian name'),
    guardian_relationship: z.string().refine((v) => (GUARDIAN_RELATIONSHIPS as readonly string[]).includes(v), 'Choose how they are related to the client.'),
    guardian_phone: phone('Guardian phone'),
    guardian_email: optionalEmail,
  })
  .refine((v) => v.guardian_phone || v.guardian_email, { path: ['guardian_phone'], message: 'Give a phone number or an email for the guardian.' });
export type GuardianInput = z.infer<typeof guardianSchema>;

/** How many allergy rows the new-client form offers (more are added on the record). */
export const ALLERGY_ROWS = 3;
