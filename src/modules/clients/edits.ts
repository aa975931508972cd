import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { ageOn } from './age.ts';
import { recordEvent, type FieldChange } from './events.ts';
import type { ConsentInput } from './fields.ts';
import { PROFILE_COLUMNS, type ClientProfile } from './profile.ts';
import { spaCalendar, type Refusal } from './records.ts';

type Edit = { ok: true; changed: string[] } | Refusal;

async function lockProfile(ctx: ServiceCtx, id: string): Promise<ClientProfile | null> {
  const { rows } = await ctx.tx.$client.query<ClientProfile>(`SELECT ${PROFILE_COLUMNS} FROM clients c WHERE c.id = $1 AND c.status = 'active' FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function applyChanges(ctx: ServiceCtx, id: string, changes: Record<string, FieldChange>): Promise<string[]> {
  const columns = Object.keys(changes);
  if (!columns.length) return [];
  const sets = columns.map((col, i) => `${col} = $${i + 2}`);
  await ctx.tx.$client.query(`UPDATE clients SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [id, ...columns.map((c) => changes[c]!.to)]);
  await recordEvent(ctx, id, 'updated', changes);
  ctx.audit({ action: 'update', recordType: 'client', recordId: id, clientIds: [id] });
  return columns;
}

/**
 * Saves one section of the profile. Only the columns of that section are
 * written (the caller passes values already checked by the section's schema);
 * each changed field is kept in the history with its previous value.
 * Null when there is no such active client.
 */
export async function updateProfileSection(ctx: ServiceCtx, id: string, values: Record<string, unknown>, now: Date, mayChangeMinorBirthDate = false): Promise<Edit | null> {
  const before = await lockProfile(ctx, id);
  if (!before) return null;
  if (typeof values.date_of_birth === 'string' && values.date_of_birth !== before.date_of_birth) {
    const calendar = await spaCalendar(ctx, now);
    // A new birth date can turn a minor into an adult and lift the check-in rule (CRM-7): a manager's call.
    if (ageOn(before.date_of_birth, calendar.today) < calendar.ageOfMajority && !mayChangeMinorBirthDate) {
      return { ok: false, status: 409, errors: { date_of_birth: 'Only an owner or a manager can change the date of birth of a client under the age of majority.' } };
    }
    if (values.date_of_birth > calendar.today) return { ok: false, status: 400, errors: { date_of_birth: 'The date of birth is in the future. Check the year.' } };
    if (ageOn(values.date_of_birth, calendar.today) < calendar.ageOfMajority) {
      const { rowCount } = await ctx.tx.$client.query('SELECT 1 FROM client_guardians WHERE client_id = $1 AND removed_at IS NULL', [id]);
      if (!rowCount) return { ok: false, status: 400, errors: { date_of_birth: `With this date of birth the client is under ${calendar.ageOfMajority}: add a parent or guardian first, then change it.` } };
    }
  }
  const changes: Record<string, FieldChange> = {};
  for (const [column, to] of Object.entries(values)) {
    if (!Object.hasOwn(before, column)) throw new Error(`not a profile column: ${column}`);
    const from = before[column as keyof ClientProfile];
    if (!same(from, to)) changes[column] = { from, to };
  }
  return { ok: true, changed: await applyChanges(ctx, id, changes) };
}

/**
 * Consent to text and email (MSG-4): giving it records when and how; taking it
 * back clears both. The history keeps every change.
 */
export async function updateConsent(ctx: ServiceCtx, id: string, input: ConsentInput): Promise<Edit | null> {
  const before = await lockProfile(ctx, id);
  if (!before) return null;
  const changes: Record<string, FieldChange> = {};
  for (const channel of ['sms', 'email'] as const) {
    const given = input[`${channel}_consent`];
    const method = given ? input[`${channel}_consent_method`]! : null;
    if (before[`${channel}_consent`] === given && before[`${channel}_consent_method`] === method) continue;
    changes[`${channel}_consent`] = { from: before[`${channel}_consent`], to: given };
    changes[`${channel}_consent_method`] = { from: before[`${channel}_consent_method`], to: method };
  }
  const channels = (['sms', 'email'] as const).filter((ch) => changes[`${ch}_consent`]);
  if (!channels.length) return { ok: true, changed: [] };
  const params: unknown[] = [id];
  const sets = channels.map((ch) => {
    params.push(changes[`${ch}_consent`]!.to, changes[`${ch}_consent_method`]!.to);
    const given = `$${params.length - 1}::boolean`;
    return `${ch}_consent = ${given}, ${ch}_consent_method = $${params.length}, ${ch}_consent_at = CASE WHEN ${given} THEN now() END`;
  });
  await ctx.tx.$client.query(`UPDATE clients SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  const columns = Object.keys(changes);
  await recordEvent(ctx, id, 'updated', changes);
  ctx.audit({ action: 'update', recordType: 'client', recordId: id, clientIds: [id] });
  return { ok: true, changed: columns };
}
