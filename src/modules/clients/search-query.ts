import { isCalendarDate } from './fields.ts';

/**
 * What the front desk typed in "Find a client", understood as one kind of search:
 * a date of birth, an email (or the start of one), phone digits, or a name.
 * Pure: no I/O. The LIKE patterns are escaped here, so the SQL never sees a
 * wildcard the operator did not mean.
 */
export type SearchQuery =
  | { kind: 'empty' }
  /** Too little to search on without listing half the spa. */
  | { kind: 'too_short' }
  /** Looks like a date but is not one (13/45/1990). */
  | { kind: 'bad_date' }
  | { kind: 'birth'; date: string }
  /** `pattern` is a LIKE pattern over the stored phone digits and email. */
  | { kind: 'phone'; digits: string; pattern: string }
  | { kind: 'email'; text: string; pattern: string }
  /**
   * `fuzzy`: the words for word similarity, or null when too short to be worth it;
   * `starts` / `words`: each typed word starts a word of the name, from the first word of the name or a later one.
   */
  | { kind: 'name'; text: string; fuzzy: string | null; starts: string; words: string };

/** Longer input is cut: nobody's name, phone or email needs more. */
export const MAX_QUERY_LENGTH = 100;

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** Month first, as written in the US: 3/14/1990, 03-14-1990, 3.14.90. */
const US_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
const PHONE_CHARS = /^[+\d\s().-]+$/;
/** One word with what only an email has: a dot, underscore or plus, or letters run into digits ("jlopez88"). */
const EMAIL_PREFIX = /^[\p{L}\p{N}._%+-]+$/u;

export function parseSearchQuery(typed: string, today: string = new Date().toISOString().slice(0, 10)): SearchQuery {
  const text = typed.normalize('NFC').replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH).trim();
  if (text === '') return { kind: 'empty' };

  const date = parseDate(text, today);
  if (date !== undefined) return date === null ? { kind: 'bad_date' } : { kind: 'birth', date };

  if (text.includes('@')) {
    const email = text.toLowerCase().replace(/\s/g, '');
    return email.length < 3 ? { kind: 'too_short' } : { kind: 'email', text: email, pattern: `%${escapeLike(email)}%` };
  }

  if (PHONE_CHARS.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits.length < 3) return { kind: 'too_short' };
    return { kind: 'phone', digits, pattern: `%${digits}%` };
  }

  const lower = text.toLowerCase();
  if (!lower.includes(' ') && EMAIL_PREFIX.test(lower) && looksLikeEmailStart(lower)) {
    return lower.length < 3 ? { kind: 'too_short' } : { kind: 'email', text: lower, pattern: `%${escapeLike(lower)}%` };
  }

  const tokens = lower.split(' ');
  const letters = lower.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (letters < 2) return { kind: 'too_short' };
  const escaped = tokens.map(escapeLike);
  const starts = `${escaped.join('% ')}%`;
  return { kind: 'name', text: lower, fuzzy: letters >= 3 ? lower : null, starts, words: `% ${starts}` };
}

function looksLikeEmailStart(word: string): boolean {
  return /[._+]/.test(word.replace(/^[._+-]+|[._+-]+$/g, '')) || (/\p{L}/u.test(word) && /\d/.test(word));
}

/**
 * A date of birth as typed: the ISO day or the US month/day/year. Undefined when
 * it does not look like a date at all; null when it looks like one but is not.
 * Two-digit years are this century up to this year, the last century after.
 */
function parseDate(text: string, today: string): string | null | undefined {
  let y: number, m: number, d: number;
  const iso = ISO_DATE.exec(text);
  const us = US_DATE.exec(text);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (us) {
    [m, d, y] = [Number(us[1]), Number(us[2]), Number(us[3])];
    if (us[3]!.length === 2) {
      const thisYear = Number(today.slice(0, 4));
      y += y <= thisYear % 100 ? 2000 : 1900;
    }
  } else {
    return undefined;
  }
  const day = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(day) && day >= '1900-01-01' ? day : null;
}

/** Makes typed text literal inside a LIKE pattern (backslash is LIKE's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
