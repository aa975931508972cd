/**
 * Finds the person's own details inside a password: their email (or the part before
 * the @), the spa's name, or parts of their name. Both sides are compared "squashed":
 * lowercase, with spaces and punctuation removed, so "Glow-Aesthetics!" still counts.
 */

export interface PasswordContext {
  email: string;
  spaName: string;
  fullName?: string;
}

export type PersonalTerm = 'email' | 'spaName' | 'fullName';

const MIN_LOCAL_PART = 3;
const MIN_SPA_NAME = 4;
const MIN_NAME_PART = 4;

/** Lowercase letters and digits only, compatibility forms folded (NFKC), so "Ｇｌｏｗ" equals "glow". */
function squash(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const longEnough = (text: string, min: number) => [...text].length >= min;

function termsOf(context: PasswordContext): Array<{ kind: PersonalTerm; term: string }> {
  const email = context.email.trim();
  const at = email.lastIndexOf('@');
  const localPart = squash(at === -1 ? email : email.slice(0, at));
  const terms: Array<{ kind: PersonalTerm; term: string }> = [];

  const wholeEmail = squash(email);
  if (wholeEmail) terms.push({ kind: 'email', term: wholeEmail });
  if (longEnough(localPart, MIN_LOCAL_PART)) terms.push({ kind: 'email', term: localPart });

  const spa = squash(context.spaName);
  if (longEnough(spa, MIN_SPA_NAME)) terms.push({ kind: 'spaName', term: spa });

  for (const part of (context.fullName ?? '').split(/[^\p{L}\p{N}]+/u)) {
    const name = squash(part);
    if (longEnough(name, MIN_NAME_PART)) terms.push({ kind: 'fullName', term: name });
  }
  return terms;
}

export function findPersonalTerm(password: string, context: PasswordContext): PersonalTerm | null {
  const squashed = squash(password);
  return termsOf(context).find(({ term }) => squashed.includes(term))?.kind ?? null;
}

/** The raw details, for the strength estimator to treat as easy guesses. */
export function personalWords(context: PasswordContext): string[] {
  const words = [context.email, context.spaName, context.fullName ?? ''];
  return [...words, ...termsOf(context).map(({ term }) => term)].filter((word) => word.trim() !== '');
}
