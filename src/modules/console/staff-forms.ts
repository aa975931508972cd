/** The "add someone" form (console and CLI alike): one plain message per field. Pure: no I/O. */
import { z } from 'zod';
import { CONSOLE_ROLE_KEYS } from './permissions.ts';
import { SINGLE_LINE_CONTROL } from './validation.ts';

const ROLE = z.enum(CONSOLE_ROLE_KEYS, 'Choose a role: support, compliance or admin.');

export const newStaffSchema = z.object({
  full_name: z
    .string('Enter their full name.')
    .trim()
    .min(1, 'Enter their full name.')
    .max(120, 'Keep the name to 120 characters or fewer.')
    .refine((v) => !SINGLE_LINE_CONTROL.test(v), 'Please use plain text on one line.'),
  email: z
    .string('Enter their work email.')
    .trim()
    .min(1, 'Enter their work email.')
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter a full email address, like sam@lume.com.'))
    .transform((v) => v.toLowerCase()),
  role: ROLE,
});
