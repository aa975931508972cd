/**
 * Kiosk mode (issue 7, ADR 012): the front desk hands its tablet to a client to fill and sign their
 * pending forms. Starting it makes a short-lived kiosk link and suspends the operator's session on
 * the tablet (a new cookie token, the suspension recorded on the session row); a suspended session
 * opens no CRM route and is never kept alive by the tablet. Only the same operator's password and
 * current authenticator code lift it, which replaces the session and closes the link; too many
 * wrong attempts end the session instead.
 */
import { hashToken, newToken } from '../../infra/crypto/tokens.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { issueFormLink, pendingFormsOfAppointment, pendingFormsOfClient, revokeFormLink, FORM_LINK_SHAPE } from '../forms/form-links.ts';
import { startSession, type KioskHold } from '../identity/sessions.ts';

/** A kiosk link lasts two hours: long enough for a visit's paperwork, short enough to be worthless later. */
export const KIOSK_LINK_TTL_MS = 2 * 60 * 60 * 1000;
/** Wrong unlock attempts on one kiosk before the operator's session is ended. */
export const MAX_UNLOCK_FAILURES = 5;
/** Unlock attempts from one address in a minute (each costs an argon2 verification). */
export const UNLOCK_PER_IP = { name: 'kiosk-unlock-ip', limit: 10, windowSeconds: 60 };

export type StartOutcome =
  | { ok: true; linkId: string; linkToken: string; sessionToken: string; lang: 'en' | 'es' }
  | { ok: false; status: 404 | 409; message: string };

/**
 * Makes a kiosk link for a client's pending forms (all, or one appointment's) and lends the
 * operator's session to it, in one transaction. Returns the link's raw token for the tablet's
 * cookie and the session's new token (the old cookie stops working). Audited naming the client.
 */
export async function startKiosk(
  ctx: ServiceCtx,
  input: { sessionId: string; operatorId: string; clientId: string; which: 'all' | { appointmentId: string }; now: Date },
): Promise<StartOutcome> {
  const client = (
    await ctx.tx.$client.query<{ lang: string }>(`SELECT preferred_language AS lang FROM clients WHERE id = $1 AND status <> 'merged'`, [input.clientId])
  ).rows[0];
  if (!client) return { ok: false, status: 404, message: 'There is no such client.' };
  const formIds =
    input.which === 'all' ? await pendingFormsOfClient(ctx, input.clientId) : await pendingFormsOfAppointment(ctx, input.clientId, input.which.appointmentId);
  if (formIds.length === 0) return { ok: false, status: 409, message: 'Nothing is waiting to be signed there.' };
  const issued = await issueFormLink(ctx, { clientId: input.clientId, clientFormIds: formIds, channel: 'kiosk', createdBy: input.operatorId, now: input.now, ttlMs: KIOSK_LINK_TTL_MS });
  if (!issued.ok) return { ok: false, status: issued.status === 404 ? 404 : 409, message: issued.message };
  const sessionToken = newToken();
  const lent = await ctx.tx.$client.query(
    `UPDATE sessions SET token_hash = $2, kiosk_link_id = $3, kiosk_started_at = $4, kiosk_unlock_failures = 0
      WHERE id = $1 AND operator_id = $5 AND stage = 'active' AND kiosk_link_id IS NULL`,
    [input.sessionId, hashToken(sessionToken), issued.linkId, input.now, input.operatorId],
  );
  if (lent.rowCount !== 1) throw new Error('kiosk: the session to lend was not found');
  ctx.audit({ action: 'kiosk_start', recordType: 'form_link', recordId: issued.linkId, clientIds: [input.clientId] });
  return { ok: true, linkId: issued.linkId, linkToken: issued.token, sessionToken, lang: client.lang === 'es' ? 'es' : 'en' };
}

export interface UnlockTarget {
  operatorId: string;
  passwordHash: string | null;
  clientId: string;
}

/** Who may unlock this kiosk (the operator whose session it holds) and for which client; null once the session is gone. */
export async function unlockTarget(ctx: ServiceCtx, sessionId: string): Promise<UnlockTarget | null> {
  const { rows } = await ctx.tx.$client.query<UnlockTarget>(
    `SELECT o.id AS "operatorId", o.password_hash AS "passwordHash", l.client_id AS "clientId"
       FROM sessions s
       JOIN operators o ON o.tenant_id = s.tenant_id AND o.id = s.operator_id AND o.status = 'active'
       JOIN form_links l ON l.tenant_id = s.tenant_id AND l.id = s.kiosk_link_id
      WHERE s.id = $1`,
    [sessionId],
  );
  return rows[0] ?? null;
}

export type UnlockOutcome =
  | { ok: true; sessionToken: string; clientId: string }
  | { ok: false; ended: boolean };

/**
 * Finishes an unlock attempt in one transaction, the password having been checked already (argon2
 * runs outside the transaction). With the right password and a current code of the same operator:
 * a new, ordinary session replaces the lent one, and the kiosk link is closed if still open. Any
 * other answer counts against the kiosk; at MAX_UNLOCK_FAILURES the session ends and the link closes.
 */
export async function finishUnlock(
  ctx: ServiceCtx,
  input: { sessionId: string; target: UnlockTarget; passwordOk: boolean; checkCode: (ctx: ServiceCtx, operatorId: string) => Promise<boolean>; now: Date; ip: string | null; userAgent: string | null },
): Promise<UnlockOutcome> {
  const { rows } = await ctx.tx.$client.query<{ link_id: string; operator_id: string }>(
    'SELECT kiosk_link_id AS link_id, operator_id FROM sessions WHERE id = $1 AND kiosk_link_id IS NOT NULL FOR UPDATE',
    [input.sessionId],
  );
  const held = rows[0];
  if (!held || held.operator_id !== input.target.operatorId) return { ok: false, ended: true };
  const { operatorId, clientId } = input.target;
  if (input.passwordOk && (await input.checkCode(ctx, operatorId))) {
    await ctx.tx.$client.query('DELETE FROM sessions WHERE id = $1', [input.sessionId]);
    const sessionToken = await startSession(ctx, { operatorId, stage: 'active', now: input.now, ip: input.ip, userAgent: input.userAgent });
    await revokeFormLink(ctx, held.link_id, operatorId, input.now);
    ctx.audit({ action: 'kiosk_unlock', recordType: 'form_link', recordId: held.link_id, clientIds: [clientId] });
    return { ok: true, sessionToken, clientId };
  }
  const counted = await ctx.tx.$client.query<{ failures: number }>(
    'UPDATE sessions SET kiosk_unlock_failures = kiosk_unlock_failures + 1 WHERE id = $1 RETURNING kiosk_unlock_failures AS failures',
    [input.sessionId],
  );
  ctx.audit({ action: 'kiosk_unlock_failed', recordType: 'operator', recordId: operatorId, outcome: 'failed' });
  if (counted.rows[0]!.failures < MAX_UNLOCK_FAILURES) return { ok: false, ended: false };
  await ctx.tx.$client.query('DELETE FROM sessions WHERE id = $1', [input.sessionId]);
  await revokeFormLink(ctx, held.link_id, operatorId, input.now);
  ctx.audit({ action: 'kiosk_end', recordType: 'form_link', recordId: held.link_id, clientIds: [clientId], outcome: 'failed' });
  return { ok: false, ended: true };
}

/**
 * Closes a kiosk whose operator session has already ended (idle time, its 12-hour limit, signed out
 * elsewhere): the tablet's link, found by the token in its cookie, is revoked if it is a kiosk link
 * still open. Nothing else is reachable this way. Audited naming the client.
 */
export async function closeOrphanKiosk(ctx: ServiceCtx, linkToken: string, now: Date): Promise<boolean> {
  if (!FORM_LINK_SHAPE.test(linkToken)) return false;
  const { rows } = await ctx.tx.$client.query<{ id: string; client_id: string; created_by: string }>(
    `SELECT id, client_id, created_by FROM form_links WHERE token_hash = $1 AND channel = 'kiosk' AND revoked_at IS NULL AND used_at IS NULL`,
    [hashToken(linkToken)],
  );
  const link = rows[0];
  if (!link) return false;
  // A link lent to a session still running is closed only by unlocking that session.
  const lent = await ctx.tx.$client.query('SELECT 1 FROM sessions WHERE kiosk_link_id = $1', [link.id]);
  if (lent.rowCount) return false;
  await revokeFormLink(ctx, link.id, link.created_by, now);
  ctx.audit({ action: 'kiosk_end', recordType: 'form_link', recordId: link.id, clientIds: [link.client_id] });
  return true;
}

/**
 * How the fill page may serve the link in the tablet's form cookie (ADR 012).
 * - `phone`: not a kiosk link (or one already all signed): served as usual.
 * - `kiosk`: the kiosk lent by the session this browser holds. `hideProgressBefore` is the kiosk's
 *   start when its operator may not read health records: answers the client saved before (on
 *   their phone) are theirs, not the front desk's, so the tablet does not show them.
 * - `ended`: the session lent to it is gone, has lapsed, or is not this browser's; the link is now
 *   revoked (with the session, if it still existed) and the tablet shows nothing of the client.
 * - `refused`: a lent tablet opens no other link than its own.
 */
export type KioskGate = { state: 'phone' } | { state: 'kiosk'; hideProgressBefore: Date | null } | { state: 'ended' } | { state: 'refused' };

export async function gateKioskLink(ctx: ServiceCtx, token: string, hold: KioskHold | undefined, now: Date): Promise<KioskGate> {
  const link = FORM_LINK_SHAPE.test(token)
    ? (
        await ctx.tx.$client.query<{ id: string; client_id: string; created_by: string; channel: string; revoked_at: Date | null; used_at: Date | null }>(
          'SELECT id, client_id, created_by, channel, revoked_at, used_at FROM form_links WHERE token_hash = $1',
          [hashToken(token)],
        )
      ).rows[0]
    : undefined;
  if (hold && link?.id === hold.kiosk.linkId) {
    return { state: 'kiosk', hideProgressBefore: hold.permissions.has('read:health:any') ? null : hold.kiosk.startedAt };
  }
  if (hold && link) return { state: 'refused' };
  if (!link || link.channel !== 'kiosk' || link.used_at) return { state: 'phone' };
  if (link.revoked_at) return { state: 'ended' };
  // Checked lazily too: however the lending session ended, or if this browser no longer holds it.
  await ctx.tx.$client.query('DELETE FROM sessions WHERE kiosk_link_id = $1', [link.id]);
  await revokeFormLink(ctx, link.id, link.created_by, now);
  ctx.audit({ action: 'kiosk_end', recordType: 'form_link', recordId: link.id, clientIds: [link.client_id] });
  return { state: 'ended' };
}

/** The audit actor of a request on a lent tablet: the operator who lent it, marked as a kiosk, beside the client the rows name. */
export function kioskActor(hold: KioskHold): { kind: 'operator'; id: string; role: string } {
  return { kind: 'operator', id: hold.operatorId, role: `kiosk:${hold.roles.join(',')}`.slice(0, 200) };
}
