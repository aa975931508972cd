/**
 * Opening break-glass access from the console (SPEC SEC-9, docs/adr/006-break-glass.md): a
 * written reason, a window of 15, 30 or 60 minutes, the staff member's authenticator code again,
 * then one call to `console_open_break_glass`, which stores the grant (the link's hash only) and
 * writes the spa's audit row. The console itself still reads nothing of the spa: the window is
 * used in the spa's CRM, through the one-time link made here.
 */
import { z } from 'zod';
import { hashToken, newToken } from '../../infra/crypto/tokens.ts';
import type { RateLimit } from '../../infra/http/rate-limit.ts';
import { REASON_MAX, REASON_MIN, utcStamp, WINDOW_MINUTES, type WindowMinutes } from '../break-glass/window.ts';
import type { ConsoleCtx } from './context.ts';
import { verifyStaffCode } from './sign-in.ts';
import { MULTILINE_CONTROL } from './validation.ts';

/** Wrong authenticator codes on the break-glass form, per staff member, before a 15-minute pause. */
export const BREAK_GLASS_CODE_FAILURES: RateLimit = { name: 'console-break-glass-code', limit: 5, windowSeconds: 15 * 60 };

export const breakGlassSchema = z.object({
  reason: z
    .string('Write why you need access to this spa’s data.')
    .trim()
    .min(1, 'Write why you need access to this spa’s data.')
    .min(REASON_MIN, `Say in at least ${REASON_MIN} characters why you need access, e.g. “Ticket 4812: owner reports charts missing after import”.`)
    .max(REASON_MAX, `Keep the reason to ${REASON_MAX.toLocaleString('en-US')} characters or fewer.`)
    .refine((v) => !MULTILINE_CONTROL.test(v), 'Please use plain text.'),
  minutes: z
    .enum(WINDOW_MINUTES.map(String) as ['15', '30', '60'], 'Choose how long you need: 15, 30 or 60 minutes.')
    .transform((v) => Number(v) as WindowMinutes),
  code: z.string('Enter the 6-digit code from your authenticator app.').trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'),
});

export type BreakGlassInput = z.infer<typeof breakGlassSchema>;

/** What the notice to the spa and the page with the link need. */
export interface OpenedWindow {
  grantId: string;
  openedAt: Date;
  endsAt: Date;
  minutes: WindowMinutes;
  reason: string;
  staffName: string;
  slug: string;
  spaName: string;
  adminContactName: string;
  adminContactEmail: string;
  /** The raw one-time link token, for the page that shows it once; the database keeps its hash. */
  token: string;
}

export type OpenWindowResult = ({ ok: true } & OpenedWindow) | { ok: false; status: 400 | 404 | 409; field?: 'code'; message: string };

/**
 * Checks the staff member's code, then opens the window. A wrong code, an unknown spa or a spa
 * that is not active writes nothing but Lumè's own audit row.
 */
export async function openWindow(ctx: ConsoleCtx, masterKey: Buffer, staffId: string, tenantId: string, input: BreakGlassInput, now: Date): Promise<OpenWindowResult> {
  if (!(await verifyStaffCode(ctx, masterKey, staffId, input.code, now))) {
    ctx.audit({ action: 'break_glass_open', targetKind: 'spa', targetId: tenantId, outcome: 'denied', detail: 'wrong authenticator code' });
    return { ok: false, status: 400, field: 'code', message: 'That code did not match. Use the newest code your app shows (each code works once).' };
  }
  const token = newToken();
  const { rows } = await ctx.client.query<{
    result: 'opened' | 'no_spa' | 'spa_not_active';
    grant_id: string;
    opened_at: Date;
    ends_at: Date;
    slug: string;
    spa_name: string;
    admin_contact_name: string;
    admin_contact_email: string;
    staff_name: string;
  }>('SELECT * FROM console_open_break_glass($1, $2, $3, $4, $5, $6, $7)', [tenantId, staffId, input.reason, input.minutes, hashToken(token), now, ctx.requestId]);
  const row = rows[0]!;
  if (row.result !== 'opened') {
    ctx.audit({ action: 'break_glass_open', targetKind: 'spa', targetId: tenantId, outcome: row.result === 'no_spa' ? 'not_found' : 'failed', detail: row.result });
    if (row.result === 'no_spa') return { ok: false, status: 404, message: 'No such spa.' };
    return { ok: false, status: 409, message: 'This spa is not active: its address answers “page not found”, so break-glass access cannot be used.' };
  }
  ctx.audit({ action: 'break_glass_open', targetKind: 'spa', targetId: tenantId, detail: `${input.minutes} minutes; window ${row.grant_id}` });
  return {
    ok: true,
    grantId: row.grant_id,
    openedAt: row.opened_at,
    endsAt: row.ends_at,
    minutes: input.minutes,
    reason: input.reason,
    staffName: row.staff_name,
    slug: row.slug,
    spaName: row.spa_name,
    adminContactName: row.admin_contact_name,
    adminContactEmail: row.admin_contact_email,
    token,
  };
}

/** A spa's window as the console lists it. */
export interface ConsoleWindow {
  id: string;
  staffName: string;
  reason: string;
  openedAt: Date;
  endsAt: Date;
  linkUsedAt: Date | null;
  endedAt: Date | null;
  endedByKind: 'operator' | 'staff' | 'idle' | null;
}

/** The spa's latest windows, newest first (the grants, read through `console_break_glass_grants`). */
export async function spaWindows(ctx: ConsoleCtx, tenantId: string, limit = 10): Promise<ConsoleWindow[]> {
  const { rows } = await ctx.client.query<ConsoleWindow>(
    `SELECT id, staff_name AS "staffName", reason, opened_at AS "openedAt", ends_at AS "endsAt", link_used_at AS "linkUsedAt",
            ended_at AS "endedAt", ended_by_kind AS "endedByKind"
       FROM console_break_glass_grants($1, $2)`,
    [tenantId, limit],
  );
  return rows;
}

/** The notice to the spa's admin contact, sent at once: who, why, from when until when, and what they can do. */
export function windowOpenedEmail(w: OpenedWindow, loginUrl: string): { subject: string; text: string } {
  return {
    subject: `Lumè support opened emergency access to ${w.spaName}`,
    text: [
      `Hello ${w.adminContactName},`,
      '',
      `${w.staffName} of Lumè support opened break-glass (emergency) access to ${w.spaName}’s data on ${utcStamp(w.openedAt)}, for ${w.minutes} minutes: it ends on ${utcStamp(w.endsAt)} at the latest.`,
      '',
      'The reason they gave:',
      w.reason,
      '',
      `The access is read only. Every page ${w.staffName} opens is recorded in your audit trail under their name.`,
      `Your owners and managers see this access on the Today page (${loginUrl}) and can end it there at once.`,
      '',
      'If nobody at your spa expected this, end it and reply to your Lumè contact.',
    ].join('\n'),
  };
}
