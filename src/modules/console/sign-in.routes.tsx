import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { z } from 'zod';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { parseForm } from '../../infra/http/forms.ts';
import { consumeRateLimit, rateLimitHits } from '../../infra/http/rate-limit.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { HashingBusyError, hashPassword, verifyAgainstDummy, verifyPassword } from '../identity/security/password-hash.ts';
import { qrSvg } from '../identity/security/qr-svg.ts';
import { totpUri } from '../identity/security/totp.ts';
import { withConsole, type ConsoleCtx } from './context.ts';
import { clearConsoleCookie, consoleScope, setConsoleCookie, signedInStaff, staffOf } from './guard.ts';
import { endAllConsoleSessions, rotateConsoleSession, startConsoleSession, type ConsoleStage, type StaffPrincipal } from './sessions.ts';
import {
  completeStaffEnrolment,
  consoleAccountSubject,
  CONSOLE_ACCOUNT_FAILURES,
  CONSOLE_SIGN_IN_PER_IP,
  countStaffCodeFailure,
  findStaffByEmail,
  oneTimePasswordExpired,
  pendingStaffSecret,
  recordConsoleSignInFailure,
  recordConsoleSignInSuccess,
  setChosenPassword,
  STAGE_PATH,
  stageAfterPassword,
  staffPasswordProblem,
  useStaffRecoveryCode,
  verifyStaffCode,
} from './sign-in.ts';
import { ConsoleLoginPage, ConsoleTotpPage } from './views/login.tsx';
import { ConsoleEnrolPage, ConsolePasswordPage, ConsoleRecoveryCodesPage, ConsoleRecoveryLoginPage } from './views/sign-in.tsx';

const credentials = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(254, 'That email is too long.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.'),
});
const totpCode = z.object({ code: z.string().trim().regex(/^\d{3} ?\d{3}$/, 'Enter the 6 digits your app shows.') });
const recoveryCode = z.object({ code: z.string().trim().min(10, 'Enter a recovery code, like abcde-fghjk.').max(20, 'That is not a recovery code.') });
const newPassword = z
  .object({
    password: z.string().min(1, 'Choose a password.').max(1024, 'That password is too long.'),
    password_confirm: z.string().max(1024, 'That password is too long.'),
  })
  .refine((v) => v.password === v.password_confirm, { path: ['password_confirm'], message: 'The two passwords are not the same.' });

const NO_MATCH = 'That email and password do not match a Lumè staff account.';
const TOO_MANY_CODES = 'Too many wrong codes. Please sign in again.';
const ENDED: Record<string, string> = {
  idle: 'You were signed out after 15 minutes of inactivity. Please sign in again.',
  expired: 'Your session reached its 12-hour limit. Please sign in again.',
  inactive: 'Your staff account is no longer active.',
};

type CodeOutcome = { token: string; ended?: never } | { ended: boolean; token?: never };

function meta(c: Context<AppEnv>) {
  return { now: c.var.deps.now(), ip: c.var.ip === 'unknown' ? null : c.var.ip, userAgent: c.req.header('user-agent') ?? null };
}

/** The half-signed-in session at a given stage, or a redirect to the step it is really at. */
function pending(c: Context<AppEnv>, stage: Exclude<ConsoleStage, 'active'>): StaffPrincipal | Response {
  const staff = staffOf(c);
  if (!staff) return c.redirect('/login', 303);
  if (staff.stage !== stage) return c.redirect(STAGE_PATH[staff.stage], 303);
  return staff;
}

function loginAgain(c: Context<AppEnv>, error: string, status: 401 = 401) {
  clearConsoleCookie(c);
  c.set('csrfBinding', ''); // the session this request came with is gone: the next form belongs to no session
  return c.html(<ConsoleLoginPage csrfToken={csrfToken(c)} error={error} />, status);
}

export function registerConsoleSignInRoutes(router: SurfaceRouter): void {
  router.get('/login', 'public', (c) => {
    if (staffOf(c)?.stage === 'active') return c.redirect('/', 303);
    const ended = c.req.query('ended');
    return c.html(<ConsoleLoginPage csrfToken={csrfToken(c)} error={ended ? ENDED[ended] : undefined} />);
  });

  router.post('/login', 'public', async (c) => {
    const { db } = c.var.deps;
    const form = await parseForm(c, credentials);
    const again = (error: string, status: 400 | 401 | 429 | 503) => c.html(<ConsoleLoginPage csrfToken={csrfToken(c)} email={form.values.email} error={error} />, status);
    if (!form.ok) return again(Object.values(form.errors)[0]!, 400);

    if (await consumeRateLimit(db, CONSOLE_SIGN_IN_PER_IP, c.var.ip, c.var.requestId)) return again('Too many sign-in attempts from your network. Please wait a minute and try again.', 429);
    const subject = consoleAccountSubject(form.data.email);
    if ((await rateLimitHits(db, CONSOLE_ACCOUNT_FAILURES, subject, c.var.requestId)) >= CONSOLE_ACCOUNT_FAILURES.limit) {
      return again('Too many failed attempts for this email. Please wait 15 minutes and try again.', 429);
    }

    const now = c.var.deps.now();
    const candidate = await withConsole(db, consoleScope(c), (ctx) => findStaffByEmail(ctx, form.data.email));
    let matches: boolean;
    try {
      matches = candidate ? await verifyPassword(candidate.passwordHash, form.data.password) : await verifyAgainstDummy(form.data.password);
    } catch (error) {
      if (error instanceof HashingBusyError) return again('Lumè is busy right now. Please try again in a few seconds.', 503);
      throw error;
    }

    if (!candidate || !matches || candidate.status !== 'active' || oneTimePasswordExpired(candidate, now)) {
      await consumeRateLimit(db, CONSOLE_ACCOUNT_FAILURES, subject, c.var.requestId);
      await withConsole(db, consoleScope(c), (ctx) => recordConsoleSignInFailure(ctx, candidate?.id ?? null, 'password'));
      return again(NO_MATCH, 401);
    }

    const stage = stageAfterPassword(candidate);
    const actor = { kind: 'staff', id: candidate.id, role: candidate.role } as const;
    const token = await withConsole(db, consoleScope(c, actor), (ctx) => startConsoleSession(ctx, candidate.id, stage, meta(c)));
    setConsoleCookie(c, token);
    return c.redirect(STAGE_PATH[stage], 303);
  });

  router.get('/login/password', 'public', (c) => {
    const staff = pending(c, 'password');
    if (staff instanceof Response) return staff;
    return c.html(<ConsolePasswordPage csrfToken={csrfToken(c)} email={staff.email} />);
  });

  router.post('/login/password', 'public', async (c) => {
    const staff = pending(c, 'password');
    if (staff instanceof Response) return staff;
    const form = await parseForm(c, newPassword);
    const again = (errors: Record<string, string>, status: 400 | 503) => c.html(<ConsolePasswordPage csrfToken={csrfToken(c)} email={staff.email} errors={errors} />, status);
    if (!form.ok) return again(form.errors, 400);
    const problem = staffPasswordProblem(form.data.password, staff);
    if (problem) return again({ password: problem }, 400);
    let hash: string;
    try {
      hash = await hashPassword(form.data.password);
    } catch (error) {
      if (error instanceof HashingBusyError) return again({ form: 'Lumè is busy right now. Please try again in a few seconds.' }, 503);
      throw error;
    }
    const next = staff.totpEnrolled ? 'mfa' : 'enrol';
    const token = await withConsole(c.var.deps.db, consoleScope(c, { kind: 'staff', id: staff.staffId, role: staff.role }), async (ctx) => {
      await setChosenPassword(ctx, staff.staffId, hash, meta(c).now);
      return rotateConsoleSession(ctx, staff, next, meta(c));
    });
    setConsoleCookie(c, token);
    return c.redirect(STAGE_PATH[next], 303);
  });

  router.get('/login/totp', 'public', (c) => {
    const staff = pending(c, 'mfa');
    if (staff instanceof Response) return staff;
    return c.html(<ConsoleTotpPage csrfToken={csrfToken(c)} />);
  });

  router.post('/login/totp', 'public', async (c) => {
    const form = await parseForm(c, totpCode);
    return secondFactorStep(
      c,
      (ctx, staff, now) => form.ok && verifyStaffCode(ctx, c.var.deps.config.masterKey, staff.staffId, form.data.code, now),
      (token) => <ConsoleTotpPage csrfToken={token} error={form.ok ? 'That code did not match. Use the newest code your app shows.' : form.errors.code} />,
    );
  });

  router.get('/login/recovery', 'public', (c) => {
    const staff = pending(c, 'mfa');
    if (staff instanceof Response) return staff;
    return c.html(<ConsoleRecoveryLoginPage csrfToken={csrfToken(c)} />);
  });

  router.post('/login/recovery', 'public', async (c) => {
    const form = await parseForm(c, recoveryCode);
    return secondFactorStep(
      c,
      (ctx, staff, now) => form.ok && useStaffRecoveryCode(ctx, c.var.deps.config.secret, staff.staffId, form.data.code, now),
      (token) => <ConsoleRecoveryLoginPage csrfToken={token} error={form.ok ? 'That code is not one of your unused recovery codes.' : form.errors.code} />,
    );
  });

  router.get('/login/enrol', 'public', async (c) => {
    const staff = pending(c, 'enrol');
    if (staff instanceof Response) return staff;
    return c.html(await enrolPage(c, staff));
  });

  router.post('/login/enrol', 'public', async (c) => {
    const staff = pending(c, 'enrol');
    if (staff instanceof Response) return staff;
    const { db, config } = c.var.deps;
    const form = await parseForm(c, totpCode);
    const m = meta(c);
    const outcome = await withConsole(db, consoleScope(c, { kind: 'staff', id: staff.staffId, role: staff.role }), async (ctx) => {
      const codes = form.ok ? await completeStaffEnrolment(ctx, config, staff.sessionId, staff.staffId, form.data.code, m.now) : null;
      if (!codes) return { ended: await countStaffCodeFailure(ctx, staff.sessionId) };
      await recordConsoleSignInSuccess(ctx, staff.staffId, m.now);
      return { codes, token: await rotateConsoleSession(ctx, staff, 'active', m) };
    });
    if ('token' in outcome) {
      setConsoleCookie(c, outcome.token!);
      return c.html(<ConsoleRecoveryCodesPage codes={outcome.codes!} />);
    }
    if (outcome.ended) return loginAgain(c, TOO_MANY_CODES);
    return c.html(await enrolPage(c, staff, form.ok ? 'That code did not match. Check the time on your phone and use the newest code.' : form.errors.code), 401);
  });

  router.post('/logout', 'use:console:any', async (c) => {
    const staff = signedInStaff(c);
    await withConsole(c.var.deps.db, consoleScope(c), async (ctx) => {
      const ended = await endAllConsoleSessions(ctx, staff.staffId);
      ctx.audit({ action: 'logout', targetKind: 'session', targetId: staff.staffId, detail: `${ended} session${ended === 1 ? '' : 's'} ended` });
    });
    clearConsoleCookie(c);
    return c.redirect('/login', 303);
  });

  /** "Stay signed in": the request itself counts as activity; answers the new deadline. */
  router.post('/session/keepalive', 'use:console:any', (c) => c.json({ expiresAt: signedInStaff(c).idleExpiresAt.toISOString() }));
}

/**
 * The second step of sign-in, by authenticator or recovery code: success rotates to a fully
 * signed-in session; each failure is counted and recorded, and too many end the pending session.
 */
async function secondFactorStep(
  c: Context<AppEnv>,
  check: (ctx: ConsoleCtx, staff: StaffPrincipal, now: Date) => false | Promise<boolean>,
  again: (csrf: string) => JSX.Element,
) {
  const staff = pending(c, 'mfa');
  if (staff instanceof Response) return staff;
  const m = meta(c);
  const outcome = await withConsole<CodeOutcome>(c.var.deps.db, consoleScope(c, { kind: 'staff', id: staff.staffId, role: staff.role }), async (ctx) => {
    if (await check(ctx, staff, m.now)) {
      await recordConsoleSignInSuccess(ctx, staff.staffId, m.now);
      return { token: await rotateConsoleSession(ctx, staff, 'active', m) };
    }
    await recordConsoleSignInFailure(ctx, staff.staffId, 'code');
    return { ended: await countStaffCodeFailure(ctx, staff.sessionId) };
  });
  if (outcome.token) {
    setConsoleCookie(c, outcome.token);
    return c.redirect('/', 303);
  }
  if (outcome.ended) return loginAgain(c, TOO_MANY_CODES);
  return c.html(again(csrfToken(c)), 401);
}

async function enrolPage(c: Context<AppEnv>, staff: StaffPrincipal, error?: string) {
  const { db, config } = c.var.deps;
  const secret = await withConsole(db, consoleScope(c, { kind: 'staff', id: staff.staffId, role: staff.role }), (ctx) =>
    pendingStaffSecret(ctx, config.masterKey, staff.sessionId, staff.staffId),
  );
  const svg = qrSvg(totpUri({ secret, accountName: staff.email, issuer: 'Lumè Console' }));
  return <ConsoleEnrolPage csrfToken={csrfToken(c)} qrSvg={svg} secret={secret} error={error} />;
}
