import { z } from 'zod';

/**
 * A new password typed twice. Only presence and a hard upper bound here; the
 * real rules (length, personal details, breached lists, strength) are
 * checkPassword's, which needs to know whose password it is.
 */
export const newPasswordFields = {
  password: z.string().min(1, 'Choose a password.').max(1024, 'That password is far too long: use at most 128 characters.'),
  password_confirm: z.string(),
};

export const newPasswordSchema = z
  .object(newPasswordFields)
  .refine((d) => d.password === d.password_confirm, { path: ['password_confirm'], message: 'The two passwords do not match. Type the same password twice.' });

export const PASSWORD_HINT = 'At least 12 characters. Four or more unrelated words are strong and easy to remember.';
