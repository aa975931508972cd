import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { displayName } from './profile.ts';

/**
 * Finding the duplicate to fold into a record: the likely ones (same date of
 * birth and a close name, or the same phone or email) and, when asked, a search
 * by name, phone, email or date of birth. Every list shown is audited with the
 * ids of the clients on it (§6a).
 */

export interface MergeCandidate {
  id: string;
  name: string;
  legalName: string;
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
}

export interface MergeCandidates {
  survivor: MergeCandidate;
  /** The likely duplicates when no search was made; the search's matches otherwise. */
  candidates: MergeCandidate[];
}

type Row = { id: string; first_name: string; last_name: string; preferred_name: string; date_of_birth: string; email: string | null; mobile_phone: string | null; other_phone: string | null };

const COLUMNS = `c.id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth::text AS date_of_birth, c.email::text AS email, c.mobile_phone, c.other_phone`;
const LIMIT = 20;

const candidate = (r: Row): MergeCandidate => ({
  id: r.id,
  name: displayName(r),
  legalName: `${r.first_name} ${r.last_name}`,
  dateOfBirth: r.date_of_birth,
  email: r.email,
  phone: r.mobile_phone ?? r.other_phone,
});

const LIKELY_SQL = `
  SELECT ${COLUMNS} FROM clients c, clients s
   WHERE s.id = $1 AND c.status = 'active' AND c.id <> s.id
     AND ((c.date_of_birth = s.date_of_birth AND (lower(c.last_name) = lower(s.last_name) OR similarity(c.search_name, s.search_name) > 0.4))
       OR (c.email = s.email)
       OR (c.mobile_phone IN (s.mobile_phone, s.other_phone))
       OR (c.other_phone IN (s.mobile_phone, s.other_phone)))
   ORDER BY c.last_name, c.first_name, c.id LIMIT ${LIMIT}`;

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Name (typo-tolerant), phone digits, email, or a date of birth typed as YYYY-MM-DD. */
const SEARCH_SQL = `
  SELECT ${COLUMNS} FROM clients c
   WHERE c.status = 'active' AND c.id <> $1
     AND (c.search_name LIKE '%' || $2 || '%' OR word_similarity($3, c.search_name) > 0.5
       OR ($4 <> '' AND c.search_contact LIKE '%' || $4 || '%')
       OR c.search_contact LIKE '%' || $2 || '%'
       OR c.date_of_birth::text = $3)
   ORDER BY word_similarity($3, c.search_name) DESC, c.last_name, c.first_name, c.id LIMIT ${LIMIT}`;

/**
 * Null when there is no such client in this spa; `{ mergedInto }` when the record
 * was itself merged (the page moves to the survivor).
 */
export async function findMergeCandidates(ctx: ServiceCtx, survivorId: string, query: string | null): Promise<MergeCandidates | { mergedInto: string } | null> {
  const me = await ctx.tx.$client.query<Row & { status: string; merged_into: string | null }>(`SELECT ${COLUMNS}, c.status, c.merged_into FROM clients c WHERE c.id = $1`, [survivorId]);
  const row = me.rows[0];
  if (!row) return null;
  if (row.status === 'merged') return { mergedInto: row.merged_into! };
  let rows: Row[];
  if (query === null) {
    rows = (await ctx.tx.$client.query<Row>(LIKELY_SQL, [survivorId])).rows;
  } else {
    const text = query.trim().toLowerCase();
    const digits = query.replace(/\D/g, '');
    rows = (await ctx.tx.$client.query<Row>(SEARCH_SQL, [survivorId, escapeLike(text), text, digits.length >= 4 ? digits : ''])).rows;
  }
  const candidates = rows.map(candidate);
  ctx.audit({ action: 'read', recordType: 'client_list', recordId: survivorId, clientIds: [survivorId, ...candidates.map((c) => c.id)] });
  return { survivor: candidate(row), candidates };
}
