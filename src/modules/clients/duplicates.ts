import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { formatPhone } from './phone.ts';
import { displayName } from './profile.ts';

/**
 * Before a client is created: does this spa already know them? A match on name
 * and date of birth, on mobile phone, or on email is offered to the operator
 * ("open this record" / "create anyway"). The clients shown are audited like any
 * list (SEC-3).
 */

export type DuplicateReason = 'name and date of birth' | 'phone' | 'email';

export interface DuplicateCandidate {
  first_name: string;
  last_name: string;
  /** YYYY-MM-DD */
  date_of_birth: string;
  email: string | null;
  /** E.164, as the new-client form stores it. */
  mobile_phone: string | null;
}

export interface PossibleDuplicate {
  id: string;
  name: string;
  /** The legal name, only when it differs from `name`. */
  legalName: string | null;
  dateOfBirth: string;
  phone: string | null;
  email: string | null;
  /** Why it was offered, strongest first: e.g. ['name and date of birth', 'phone']. */
  reasons: DuplicateReason[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// client_duplicate_hits (migration 20261127T0610) finds the ids through the indexes; the rows are read here under row-level security.
const DUPLICATES_SQL = `
  SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth::text AS date_of_birth, c.mobile_phone, c.email::text AS email,
    h.by_name, h.by_phone, h.by_email
  FROM client_duplicate_hits($1, $2, $3::date, $4, $5, $6::uuid) h
  JOIN clients c ON c.tenant_id = current_tenant_id() AND c.id = h.id AND c.status = 'active'
  ORDER BY h.by_name DESC, (h.by_phone::int + h.by_email::int) DESC, c.last_name, c.first_name, c.id`;

interface DuplicateRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string;
  date_of_birth: string;
  mobile_phone: string | null;
  email: string | null;
  by_name: boolean;
  by_phone: boolean;
  by_email: boolean;
}

/** At most five active clients of this spa that may be the same person; `excludeId` leaves out the record being edited. */
export async function findPossibleDuplicates(ctx: ServiceCtx, candidate: DuplicateCandidate, excludeId?: string): Promise<PossibleDuplicate[]> {
  if (excludeId !== undefined && !UUID.test(excludeId)) throw new Error('findPossibleDuplicates: excludeId must be a uuid');
  const { rows } = await ctx.tx.$client.query<DuplicateRow>(DUPLICATES_SQL, [
    candidate.first_name.trim(),
    candidate.last_name.trim(),
    candidate.date_of_birth,
    candidate.email?.trim() || null,
    candidate.mobile_phone?.trim() || null,
    excludeId ?? null,
  ]);
  if (rows.length) ctx.audit({ action: 'search', recordType: 'client', clientIds: rows.map((r) => r.id) });
  return rows.map((r) => {
    const name = displayName(r);
    const legal = `${r.first_name} ${r.last_name}`;
    const reasons: DuplicateReason[] = [];
    if (r.by_name) reasons.push('name and date of birth');
    if (r.by_phone) reasons.push('phone');
    if (r.by_email) reasons.push('email');
    return {
      id: r.id,
      name,
      legalName: legal === name ? null : legal,
      dateOfBirth: r.date_of_birth,
      phone: r.mobile_phone ? formatPhone(r.mobile_phone) : null,
      email: r.email,
      reasons,
    };
  });
}
