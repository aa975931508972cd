/**
 * Lumè's own staff accounts (console roles: support, compliance, admin). A new account, or one
 * whose sign-in was reset, gets a password shown once to whoever created it; it works for 7 days
 * and must be replaced at the first sign-in, followed by the authenticator's enrolment.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Database } from '../../infra/db/database.ts';
import { hashPassword } from '../identity/security/password-hash.ts';
import { withConsole, type ConsoleCtx } from './context.ts';
import { isConsoleRole, type ConsoleRole } from './permissions.ts';
import { endAllConsoleSessions } from './sessions.ts';

export interface StaffMember {
  id: string;
  email: string;
  fullName: string;
  role: ConsoleRole;
  status: 'active' | 'deactivated';
  totpEnrolled: boolean;
  mustChange: boolean;
  passwordChangedAt: Date;
  lastSignInAt: Date | null;
  createdAt: Date;
  activeSessions: number;
}

export type StaffChange<T = object> = ({ ok: true } & T) | { ok: false; status: 403 | 404 | 409; field?: string; message: string };

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A password to hand out once: four groups of five from an alphabet without look-alikes (≈ 99 bits). */
export function newOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

const MEMBER = `SELECT s.id, s.email::text AS email, s.full_name AS "fullName", s.role, s.status, s.totp_enrolled_at IS NOT NULL AS "totpEnrolled",
    s.password_must_change AS "mustChange", s.password_changed_at AS "passwordChangedAt", s.last_sign_in_at AS "lastSignInAt", s.created_at AS "createdAt",
    (SELECT count(*)::int FROM console_sessions x WHERE x.staff_id = s.id AND x.stage = 'active') AS "activeSessions"
  FROM console_staff s`;

export async function listStaff(ctx: ConsoleCtx): Promise<StaffMember[]> {
  const { rows } = await ctx.client.query<StaffMember>(`${MEMBER} ORDER BY s.status, s.full_name, s.email`);
  ctx.audit({ action: 'read', targetKind: 'staff_list' });
  return rows;
}

export async function getStaffMember(ctx: ConsoleCtx, id: string): Promise<StaffMember | null> {
  const { rows } = await ctx.client.query<StaffMember>(`${MEMBER} WHERE s.id = $1`, [id]);
  ctx.audit({ action: 'read', targetKind: 'staff', targetId: id, outcome: rows[0] ? 'success' : 'not_found' });
  return rows[0] ?? null;
}

export interface NewStaffMember {
  email: string;
  fullName: string;
  role: ConsoleRole;
}

/** Adds a staff member with a handed-out password (hashed by the caller, outside the transaction). */
export async function addStaffMember(ctx: ConsoleCtx, input: NewStaffMember, passwordHash: string, now: Date): Promise<StaffChange<{ id: string }>> {
  const { rows: existing } = await ctx.client.query<{ full_name: string }>('SELECT full_name FROM console_staff WHERE email = $1', [input.email]);
  if (existing[0]) return { ok: false, status: 409, field: 'email', message: `${existing[0].full_name} already has a staff account with this email.` };
  const { rows } = await ctx.client.query<{ id: string }>(
    `INSERT INTO console_staff (email, full_name, role, password_hash, password_must_change, password_changed_at, created_at)
     VALUES ($1, $2, $3, $4, true, $5, $5) RETURNING id`,
    [input.email, input.fullName, input.role, passwordHash, now],
  );
  const id = rows[0]!.id;
  ctx.audit({ action: 'create', targetKind: 'staff', targetId: id, detail: `role ${input.role}` });
  return { ok: true, id };
}

/** What an admin may not do to their own account: it would lock them, or Lumè, out. */
function notOnSelf(ctx: ConsoleCtx, id: string, what: string): { ok: false; status: 409; message: string } | null {
  if (ctx.actor.id !== id) return null;
  return { ok: false, status: 409, message: `You cannot ${what} your own account. Ask another console admin.` };
}

async function lockMember(ctx: ConsoleCtx, id: string): Promise<{ role: string; status: string; full_name: string } | null> {
  const { rows } = await ctx.client.query<{ role: string; status: string; full_name: string }>('SELECT role, status, full_name FROM console_staff WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ?? null;
}

export async function changeStaffRole(ctx: ConsoleCtx, id: string, role: string): Promise<StaffChange> {
  if (!isConsoleRole(role)) return { ok: false, status: 409, field: 'role', message: 'Choose one of the console roles.' };
  const self = notOnSelf(ctx, id, 'change the role of');
  if (self) return self;
  const member = await lockMember(ctx, id);
  if (!member) return { ok: false, status: 404, message: 'No such staff member.' };
  if (member.role === role) return { ok: true };
  await ctx.client.query('UPDATE console_staff SET role = $2 WHERE id = $1', [id, role]);
  ctx.audit({ action: 'role_change', targetKind: 'staff', targetId: id, detail: `${member.role} → ${role}` });
  return { ok: true };
}

export async function deactivateStaffMember(ctx: ConsoleCtx, id: string): Promise<StaffChange> {
  const self = notOnSelf(ctx, id, 'deactivate');
  if (self) return self;
  const member = await lockMember(ctx, id);
  if (!member) return { ok: false, status: 404, message: 'No such staff member.' };
  if (member.status === 'deactivated') return { ok: false, status: 409, message: `${member.full_name} is already deactivated.` };
  await ctx.client.query(`UPDATE console_staff SET status = 'deactivated' WHERE id = $1`, [id]);
  const ended = await endAllConsoleSessions(ctx, id);
  ctx.audit({ action: 'deactivate', targetKind: 'staff', targetId: id, detail: `${ended} session${ended === 1 ? '' : 's'} ended` });
  return { ok: true };
}

export async function reactivateStaffMember(ctx: ConsoleCtx, id: string): Promise<StaffChange> {
  const member = await lockMember(ctx, id);
  if (!member) return { ok: false, status: 404, message: 'No such staff member.' };
  if (member.status === 'active') return { ok: false, status: 409, message: `${member.full_name} is already active.` };
  await ctx.client.query(`UPDATE console_staff SET status = 'active', failed_sign_ins = 0 WHERE id = $1`, [id]);
  ctx.audit({ action: 'reactivate', targetKind: 'staff', targetId: id });
  return { ok: true };
}

/**
 * A lost phone or a forgotten password: a new handed-out password, the authenticator and
 * recovery codes removed (set up again at the next sign-in), every session ended.
 */
export async function resetStaffSignIn(ctx: ConsoleCtx, id: string, passwordHash: string, now: Date): Promise<StaffChange<{ fullName: string; email: string }>> {
  const self = notOnSelf(ctx, id, 'reset the sign-in of');
  if (self) return self;
  const member = await lockMember(ctx, id);
  if (!member) return { ok: false, status: 404, message: 'No such staff member.' };
  if (member.status !== 'active') return { ok: false, status: 409, message: `Reactivate ${member.full_name} first.` };
  const { rows } = await ctx.client.query<{ email: string }>(
    `UPDATE console_staff SET password_hash = $2, password_must_change = true, password_changed_at = $3,
            totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL, failed_sign_ins = 0
      WHERE id = $1 RETURNING email::text AS email`,
    [id, passwordHash, now],
  );
  await ctx.client.query('DELETE FROM console_recovery_codes WHERE staff_id = $1', [id]);
  await endAllConsoleSessions(ctx, id);
  ctx.audit({ action: 'reset_sign_in', targetKind: 'staff', targetId: id, detail: 'new password; authenticator removed' });
  return { ok: true, fullName: member.full_name, email: rows[0]!.email };
}

/**
 * Adds a staff member from the command line (`npm run console:add-staff`), the way to create
 * the first admin: recorded in the console trail as done by Lumè itself, with the password
 * returned once for the person running the command.
 */
export async function addStaffFromCommandLine(db: Database, input: NewStaffMember, now: Date): Promise<StaffChange<{ id: string; password: string }>> {
  const password = newOneTimePassword();
  const passwordHash = await hashPassword(password);
  const scope = { requestId: `cli-${randomBytes(8).toString('hex')}`, actor: { kind: 'system', id: null, role: 'cli' } } as const;
  const result = await withConsole(db, scope, (ctx) => addStaffMember(ctx, input, passwordHash, now));
  return result.ok ? { ...result, password } : result;
}
