import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { CREDENTIAL_KINDS, type CredentialKind } from './credential-catalogue.ts';
import type { Change } from './staff.ts';

export interface NewCredential {
  kind: CredentialKind;
  licenceNumber: string;
  licenceState: string;
  expiresOn: string;
}

/** Records a provider's licence; one per kind and state. Null when the person is not at this spa. */
export async function addCredential(ctx: ServiceCtx, operatorId: string, input: NewCredential): Promise<Change<{ id: string }> | null> {
  const { rows: people } = await ctx.tx.$client.query<{ full_name: string }>('SELECT full_name FROM operators WHERE id = $1 FOR UPDATE', [operatorId]);
  const person = people[0];
  if (!person) return null;
  const { rows: same } = await ctx.tx.$client.query('SELECT 1 FROM credentials WHERE operator_id = $1 AND kind = $2 AND licence_state = $3', [operatorId, input.kind, input.licenceState]);
  if (same.length) {
    const what = CREDENTIAL_KINDS[input.kind].split(' — ')[0];
    return { ok: false, status: 409, field: 'kind', message: `${person.full_name} already has a ${what} licence in ${input.licenceState}. Remove it first to record a new one.` };
  }
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO credentials (tenant_id, operator_id, kind, licence_number, licence_state, expires_on) VALUES (current_tenant_id(), $1, $2, $3, $4, $5) RETURNING id`,
    [operatorId, input.kind, input.licenceNumber, input.licenceState, input.expiresOn],
  );
  const id = rows[0]!.id;
  ctx.audit({ action: 'create', recordType: 'credential', recordId: id });
  return { ok: true, id };
}

/** Removes one licence of one person; false when there is no such licence for that person here. */
export async function removeCredential(ctx: ServiceCtx, operatorId: string, credentialId: string): Promise<boolean> {
  const result = await ctx.tx.$client.query('DELETE FROM credentials WHERE id = $1 AND operator_id = $2', [credentialId, operatorId]);
  if (!result.rowCount) return false;
  ctx.audit({ action: 'delete', recordType: 'credential', recordId: credentialId });
  return true;
}
