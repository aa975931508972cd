/**
 * The password rules for operators and Lumè staff (SEC-5; ASVS 5.0 6.2.x), answered
 * with a reason a person can act on. Checked in order: length, personal details,
 * breached/common lists, then a strength estimate.
 *
 * Lengths count Unicode code points of the NFKC form, the same form that is hashed;
 * nothing is ever truncated.
 */
import { findCommonPassword, preloadCommonPasswords } from './common-passwords.ts';
import { estimateStrength, preloadStrengthEstimator } from './password-strength.ts';
import { findPersonalTerm, personalWords, type PasswordContext, type PersonalTerm } from './personal-terms.ts';

export type { PasswordContext } from './personal-terms.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
const MIN_SCORE = 3;

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

// No sample passphrase: people copy examples.
const SUGGESTION = 'Try four or more unrelated words: long, hard to guess and easy to remember.';

const refuse = (reason: string): PasswordVerdict => ({ ok: false, reason });

const personalReasons: Record<PersonalTerm, string> = {
  email: 'Leave your email address, and the part before the @, out of your password.',
  spaName: "Leave the spa's name out of your password: it's one of the first things an attacker would try.",
  fullName: "Leave your name out of your password: it's one of the first things an attacker would try.",
};

export function checkPassword(password: string, context: PasswordContext): PasswordVerdict {
  const normalised = password.normalize('NFKC');
  const length = [...normalised].length;

  if (length < MIN_PASSWORD_LENGTH) {
    return refuse(`Use at least ${MIN_PASSWORD_LENGTH} characters; this one has ${length}. ${SUGGESTION}`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return refuse(`Use at most ${MAX_PASSWORD_LENGTH} characters; this one has ${length}.`);
  }

  const personal = findPersonalTerm(normalised, context);
  if (personal) return refuse(personalReasons[personal]);

  switch (findCommonPassword(normalised)) {
    case 'whole':
      return refuse(`This password appears in lists of common or leaked passwords, so attackers try it early. ${SUGGESTION}`);
    case 'decorated':
      return refuse(
        `This is a common password with numbers or symbols added, which attackers try early. ${SUGGESTION}`,
      );
    case null:
      break;
  }

  const strength = estimateStrength(normalised, personalWords(context));
  if (strength.score < MIN_SCORE) {
    const why = strength.warning ? ` ${strength.warning}` : '';
    return refuse(`This password would be too easy to guess.${why} ${SUGGESTION}`);
  }
  return { ok: true };
}

/** Loads the password list and builds the strength estimator now, so no request waits for them. */
export function preloadPasswordPolicy(): void {
  preloadCommonPasswords();
  preloadStrengthEstimator();
}
