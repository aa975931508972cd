import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { ageOn } from './age.ts';
import { recordEvent } from './events.ts';
import type { GuardianInput } from './fields.ts';
import { addGuardianRow, spaCalendar, type Refusal } from './records.ts';

/** A minor's parents and guardians (CRM-7), and the authorization that lets treatment go ahead. */

export async function addGuardian(ctx: ServiceCtx, clientId: string, input: GuardianInput): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query(`SELECT 1 FROM clients WHERE id = $1 AND status = 'active' FOR UPDATE`, [clientId]);
  if (!rowCount) return false;
  const id = await addGuardianRow(ctx, clientId, input);
  ctx.audit({ action: 'create', recordType: 'guardian', recordId: id, clientIds: [clientId] });
  return true;
}

/** A minor keeps at least one guardian: the last one can be replaced, not removed. */
export async function removeGuardian(ctx: ServiceCtx, clientId: string, guardianId: string, now: Date): Promise<{ ok: true } | Refusal | null> {
  // Lock first, count after: the counting statement then sees a removal that committed while we waited.
  const locked = await ctx.tx.$client.query(`SELECT 1 FROM clients WHERE id = $1 AND status = 'active' FOR UPDATE`, [clientId]);
  if (!locked.rowCount) return null;
  const { rows } = await ctx.tx.$client.query<{ date_of_birth: string; others: number; full_name: string | null }>(
    `SELECT c.date_of_birth::text AS date_of_birth,
            (SELECT count(*)::int FROM client_guardians g WHERE g.client_id = c.id AND g.removed_at IS NULL AND g.id <> $2) AS others,
            (SELECT g.full_name FROM client_guardians g WHERE g.client_id = c.id AND g.id = $2 AND g.removed_at IS NULL) AS full_name
       FROM clients c WHERE c.id = $1`,
    [clientId, guardianId],
  );
  const row = rows[0];
  if (!row?.full_name) return null;
  const calendar = await spaCalendar(ctx, now);
  if (row.others === 0 && ageOn(row.date_of_birth, calendar.today) < calendar.ageOfMajority) {
    return { ok: false, status: 409, errors: { guardian: 'A client under the age of majority needs a parent or guardian on file. Add the new one before removing this one.' } };
  }
  await ctx.tx.$client.query('UPDATE client_guardians SET removed_at = now(), removed_by = $2 WHERE id = $1', [guardianId, ctx.actor.id]);
  await recordEvent(ctx, clientId, 'guardian_removed', { name: row.full_name });
  ctx.audit({ action: 'delete', recordType: 'guardian', recordId: guardianId, clientIds: [clientId] });
  return { ok: true };
}

/** Records that a guardian's signed paper authorization is on file (signed forms record it themselves later). */
export async function recordPaperAuthorization(ctx: ServiceCtx, clientId: string, guardianId: string): Promise<boolean> {
  const { rows } = await ctx.tx.$client.query<{ full_name: string }>(
    `UPDATE client_guardians SET authorized_at = now(), authorized_by = $3, authorization_source = 'paper'
      WHERE client_id = $1 AND id = $2 AND removed_at IS NULL AND authorized_at IS NULL RETURNING full_name`,
    [clientId, guardianId, ctx.actor.id],
  );
  if (!rows[0]) return false;
  await recordEvent(ctx, clientId, 'guardian_authorized', { name: rows[0].full_name, source: 'paper' });
  ctx.audit({ action: 'update', recordType: 'guardian', recordId: guardianId, clientIds: [clientId] });
  return true;
}
