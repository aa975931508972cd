import { z } from 'zod';
import { CREDENTIAL_KINDS, LICENCE_STATES, type CredentialKind } from './credential-catalogue.ts';

/** The zod schemas of the staff pages' forms, with messages a person can act on. */

export const personName = z
  .string()
  .trim()
  .min(1, 'Enter their full name.')
  .max(120, 'Use at most 120 characters.')
  .refine((v) => !/[<>]/.test(v), 'A name cannot contain < or >.')
  .refine((v) => !/\p{Cc}/u.test(v), 'Remove the invisible control characters from the name.');

export const workEmail = z
  .string()
  .trim()
  .min(1, 'Enter their email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'));

export const inviteSchema = z.object({ full_name: personName, email: workEmail });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const credentialSchema = z.object({
  kind: z.enum(Object.keys(CREDENTIAL_KINDS) as [CredentialKind, ...CredentialKind[]], { error: 'Choose the kind of licence.' }),
  licence_number: z
    .string()
    .trim()
    .min(1, 'Enter the licence number.')
    .max(40, 'Use at most 40 characters.')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, 'Use letters, digits, spaces, dots, dashes or slashes, as printed on the licence.'),
  licence_state: z.string().refine((v) => Object.hasOwn(LICENCE_STATES, v), 'Choose the state that issued it.'),
  expires_on: z
    .string()
    .trim()
    .min(1, 'Enter the expiry date.')
    .refine((v) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Enter a date like 2027-03-31.')
    .refine((v) => v >= '2000-01-01' && v <= '2100-12-31', 'Enter a date between 2000 and 2100.'),
});
