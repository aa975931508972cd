/**
 * The in-CRM notice of a material policy change (SPEC LIFE-6): every operator sees each material
 * version Lumè has published (effective or upcoming) until they say they have read it. The
 * pending notices are read with the session (sessions.ts), so every page can show them without
 * another round trip; acknowledging is recorded per operator, in the spa's own rows.
 */
import type { ServiceCtx } from '../../infra/db/tenant.ts';

export const POLICY_KINDS = { privacy: 'Privacy policy', baa: 'Business Associate Agreement', terms: 'Terms of service' } as const;
export type PolicyKind = keyof typeof POLICY_KINDS;

export function policyKindName(kind: string): string {
  return Object.hasOwn(POLICY_KINDS, kind) ? POLICY_KINDS[kind as PolicyKind] : kind;
}

/** Where the public text of a policy lives on the apex site. */
export function policyPath(kind: string): string {
  return kind === 'baa' ? '/baa' : '/privacy';
}

/** A material version this operator has not acknowledged yet. */
export interface PolicyNotice {
  id: string;
  kind: string;
  version: string;
  /** YYYY-MM-DD */
  effectiveOn: string;
  summary: string;
}

/**
 * The SQL of one column for the session query: the operator's pending notices as a JSON array,
 * oldest first. Refers to the query's `s` (session) and `o` (operator).
 */
export const PENDING_NOTICES_COLUMN = `(
  SELECT coalesce(json_agg(json_build_object('id', pol.id, 'kind', pol.kind, 'version', pol.version,
           'effectiveOn', to_char(pol.effective_on, 'YYYY-MM-DD'), 'summary', pol.summary) ORDER BY pol.published_at, pol.id), '[]'::json)
    FROM policies pol
   WHERE pol.material
     AND NOT EXISTS (SELECT 1 FROM policy_acknowledgements ack
                      WHERE ack.tenant_id = s.tenant_id AND ack.operator_id = o.id AND ack.policy_id = pol.id)
  )`;

/**
 * Records that the operator has read a version; saying so twice changes nothing. Returns false
 * when no such version exists.
 */
export async function acknowledgePolicy(ctx: ServiceCtx, operatorId: string, policyId: string, now: Date): Promise<boolean> {
  const client = ctx.tx.$client;
  const { rows } = await client.query<{ id: string }>('SELECT id FROM policies WHERE id = $1', [policyId]);
  if (!rows[0]) {
    // The id asked for is not recorded: it may be anything, even another spa's record id.
    ctx.audit({ action: 'policy_acknowledge', recordType: 'policy', outcome: 'not_found' });
    return false;
  }
  await client.query(
    `INSERT INTO policy_acknowledgements (tenant_id, policy_id, operator_id, acknowledged_at)
     VALUES (current_tenant_id(), $1, $2, $3)
     ON CONFLICT (tenant_id, operator_id, policy_id) DO NOTHING`,
    [policyId, operatorId, now],
  );
  ctx.audit({ action: 'policy_acknowledge', recordType: 'policy', recordId: policyId });
  return true;
}
