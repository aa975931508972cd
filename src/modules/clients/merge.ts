import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { spaTimeZone } from '../identity/spa-time.ts';
import type { ClientAccess } from './access.ts';
import { recordEvent } from './events.ts';
import { planMerge, type ConsentWithdrawals, type MergePlan } from './merge-plan.ts';
import { displayName, PROFILE_COLUMNS, type ClientProfile } from './profile.ts';
import type { Refusal } from './records.ts';

/**
 * Merging two records of the same person (CRM-5). The survivor keeps its
 * values and gains what it lacked (merge-plan.ts); every row of every table
 * that points at the absorbed record moves to the survivor — the tables are
 * found in the catalog by `merge_client_rows`, so modules added later move too;
 * the absorbed record stays, marked merged, pointing at the survivor, with its
 * profile as it was kept in client_merges. Nothing is deleted, and a merge
 * cannot be undone: it is traced instead (client_merges, the survivor's
 * history, the audit trail).
 */

export interface RecordCounts {
  allergies: number;
  health: number;
  guardians: number;
  events: number;
}

export interface MergeSide {
  profile: ClientProfile;
  counts: RecordCounts;
  /** Current allergies by substance, when the reader may see allergies; otherwise null. */
  allergies: string[] | null;
}

export interface MergePreview {
  survivor: MergeSide;
  other: MergeSide;
  plan: MergePlan;
  /** Whether counts of health entries may be shown to this reader. */
  healthVisible: boolean;
  /** The spa's zone, for the days consent was given. */
  timeZone: string;
}

export interface MergeDone {
  ok: true;
  mergeId: string;
  survivorId: string;
  /** Rows moved, per table.column. */
  moved: Record<string, number>;
  /** Survivor columns filled or combined from the absorbed record. */
  filled: string[];
}

const refuse = (status: Refusal['status'], message: string): Refusal => ({ ok: false, status, errors: { other_id: message } });

/** A pair that cannot be merged, or null when either record is not in this spa (404). */
function checkPair(survivorId: string, rows: readonly ClientProfile[]): { survivor: ClientProfile; other: ClientProfile } | Refusal | null {
  const survivor = rows.find((r) => r.id === survivorId);
  const other = rows.find((r) => r.id !== survivorId);
  if (!survivor || !other) return null;
  if (survivor.status === 'merged') return refuse(409, 'This record was already merged into another one. Open the record it was merged into and merge from there.');
  if (other.status === 'merged') return refuse(409, 'That record was already merged into another one, so there is nothing left to merge. Choose another record.');
  return { survivor, other };
}

async function loadPair(ctx: ServiceCtx, survivorId: string, otherId: string, lock: boolean) {
  if (survivorId === otherId) return refuse(400, 'That is this same record. Choose the duplicate to fold into it.');
  // Locked in id order, so two merges of the same pair (either way round) wait for each other instead of deadlocking.
  const { rows } = await ctx.tx.$client.query<ClientProfile>(
    `SELECT ${PROFILE_COLUMNS} FROM clients c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id${lock ? ' FOR UPDATE' : ''}`,
    [[survivorId, otherId]],
  );
  return checkPair(survivorId, rows);
}

async function countsOf(ctx: ServiceCtx, ids: string[]): Promise<Map<string, RecordCounts & { allergyList: string[] }>> {
  const { rows } = await ctx.tx.$client.query<RecordCounts & { id: string; allergy_list: string[] }>(
    `SELECT c.id,
       (SELECT count(*)::int FROM client_allergies a WHERE a.tenant_id = c.tenant_id AND a.client_id = c.id AND a.removed_at IS NULL) AS allergies,
       (SELECT coalesce(array_agg(a.substance ORDER BY a.substance), '{}') FROM client_allergies a
         WHERE a.tenant_id = c.tenant_id AND a.client_id = c.id AND a.removed_at IS NULL) AS allergy_list,
       (SELECT count(*)::int FROM client_health_items h WHERE h.tenant_id = c.tenant_id AND h.client_id = c.id AND h.removed_at IS NULL) AS health,
       (SELECT count(*)::int FROM client_guardians g WHERE g.tenant_id = c.tenant_id AND g.client_id = c.id AND g.removed_at IS NULL) AS guardians,
       (SELECT count(*)::int FROM client_events e WHERE e.tenant_id = c.tenant_id AND e.client_id = c.id) AS events
     FROM clients c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { allergies: r.allergies, health: r.health, guardians: r.guardians, events: r.events, allergyList: r.allergy_list }]));
}

/** When each record's history last shows consent to texts or email taken back. */
async function consentWithdrawals(ctx: ServiceCtx, ids: string[]): Promise<Map<string, ConsentWithdrawals>> {
  const { rows } = await ctx.tx.$client.query<{ client_id: string; sms: Date | null; email: Date | null }>(
    `SELECT client_id,
       max(occurred_at) FILTER (WHERE detail -> 'sms_consent' ->> 'to' = 'false') AS sms,
       max(occurred_at) FILTER (WHERE detail -> 'email_consent' ->> 'to' = 'false') AS email
     FROM client_events WHERE client_id = ANY($1::uuid[]) AND kind = 'updated' GROUP BY client_id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.client_id, { sms: r.sms, email: r.email }]));
}

async function plan(ctx: ServiceCtx, survivor: ClientProfile, other: ClientProfile): Promise<MergePlan> {
  const withdrawals = await consentWithdrawals(ctx, [survivor.id, other.id]);
  const none: ConsentWithdrawals = { sms: null, email: null };
  return planMerge(survivor, other, { survivor: withdrawals.get(survivor.id) ?? none, absorbed: withdrawals.get(other.id) ?? none });
}

/**
 * Both records side by side with what the merge would keep and fill in, for the
 * confirmation page; audited as a read of both clients. Null when either is not
 * in this spa.
 */
export async function mergePreview(ctx: ServiceCtx, survivorId: string, otherId: string, access: ClientAccess): Promise<MergePreview | Refusal | null> {
  const pair = await loadPair(ctx, survivorId, otherId, false);
  if (!pair || 'ok' in pair) return pair;
  const counts = await countsOf(ctx, [survivorId, otherId]);
  const side = (profile: ClientProfile): MergeSide => {
    const { allergyList, ...c } = counts.get(profile.id)!;
    return { profile, counts: c, allergies: access.allergies ? allergyList : null };
  };
  ctx.audit({ action: 'read', recordType: 'client', recordId: survivorId, clientIds: [survivorId, otherId] });
  return { survivor: side(pair.survivor), other: side(pair.other), plan: await plan(ctx, pair.survivor, pair.other), healthVisible: access.health, timeZone: await spaTimeZone(ctx) };
}

/**
 * Folds `mergedId` into `survivorId`, in the caller's transaction. Null when
 * either record is not in this spa; a Refusal (nothing written) for the same
 * record twice or one already merged.
 */
export async function mergeClients(ctx: ServiceCtx, survivorId: string, mergedId: string): Promise<MergeDone | Refusal | null> {
  const pair = await loadPair(ctx, survivorId, mergedId, true);
  if (!pair || 'ok' in pair) return pair;
  const { survivor, other } = pair;
  const counts = (await countsOf(ctx, [mergedId])).get(mergedId)!;
  const { changes } = await plan(ctx, survivor, other);

  const columns = Object.keys(changes);
  if (columns.length) {
    const sets = columns.map((column, i) => `${column} = $${i + 2}`);
    await ctx.tx.$client.query(`UPDATE clients SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [survivorId, ...columns.map((c) => changes[c]!.to)]);
    // As consent edits record it: given or not and how; the when is on the row.
    await recordEvent(ctx, survivorId, 'updated', Object.fromEntries(Object.entries(changes).filter(([c]) => !c.endsWith('_consent_at'))));
  } else {
    await ctx.tx.$client.query('UPDATE clients SET updated_at = now() WHERE id = $1', [survivorId]);
  }

  const moved = (await ctx.tx.$client.query<{ moved: Record<string, number> }>('SELECT merge_client_rows($1, $2) AS moved', [survivorId, mergedId])).rows[0]!.moved;
  // Records merged earlier into the absorbed one now lead straight to the survivor.
  const earlier = await ctx.tx.$client.query<{ id: string }>(`UPDATE clients SET merged_into = $1, updated_at = now() WHERE merged_into = $2 RETURNING id`, [survivorId, mergedId]);
  await ctx.tx.$client.query(`UPDATE clients SET status = 'merged', merged_into = $1, updated_at = now() WHERE id = $2`, [survivorId, mergedId]);

  const { allergyList: _list, ...snapshotCounts } = counts;
  const snapshot = { profile: other, counts: snapshotCounts, earlierMerges: earlier.rows.map((r) => r.id) };
  const merge = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO client_merges (tenant_id, survivor_id, merged_id, merged_by, snapshot, moved) VALUES (current_tenant_id(), $1, $2, $3, $4, $5) RETURNING id`,
    [survivorId, mergedId, ctx.actor.id, JSON.stringify(snapshot), JSON.stringify(moved)],
  );
  const mergeId = merge.rows[0]!.id;
  await recordEvent(ctx, survivorId, 'merged_in', {
    mergeId,
    mergedId,
    name: displayName(other),
    dateOfBirth: other.date_of_birth,
    moved,
  });
  ctx.audit({ action: 'merge', recordType: 'client', recordId: survivorId, clientIds: [survivorId, mergedId] });
  return { ok: true, mergeId, survivorId, moved, filled: columns.filter((c) => !c.endsWith('_consent_at') && !c.endsWith('_consent_method')) };
}
