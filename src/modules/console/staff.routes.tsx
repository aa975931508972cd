import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { HttpError, notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { HashingBusyError, hashPassword } from '../identity/security/password-hash.ts';
import { withConsole } from './context.ts';
import { consoleScope, signedInStaff } from './guard.ts';
import { consolePage } from './page.tsx';
import { addStaffMember, changeStaffRole, deactivateStaffMember, getStaffMember, listStaff, newOneTimePassword, reactivateStaffMember, resetStaffSignIn, type StaffChange } from './staff.ts';
import { newStaffSchema } from './staff-forms.ts';
import { isRecordId } from './validation.ts';
import { AddStaffPage, OneTimePasswordPage, StaffListPage, StaffMemberPage, type StaffMemberPageProps } from './views/staff.tsx';

const STAFF = 'manage:staff:any';
const SECTION = '/staff';

/** Hashes a handed-out password outside any transaction; a full hashing queue answers 503. */
async function hashHandedOut(password: string): Promise<string> {
  try {
    return await hashPassword(password);
  } catch (error) {
    if (error instanceof HashingBusyError) throw new HttpError(503, 'Lumè is busy right now. Please try again in a few seconds.');
    throw error;
  }
}

function memberId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

async function renderMember(c: Context<AppEnv>, id: string, extra: Partial<StaffMemberPageProps> = {}, status: 200 | 400 | 409 = 200) {
  const member = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => getStaffMember(ctx, id));
  if (!member) throw notFound();
  c.status(status);
  const self = signedInStaff(c).staffId === id;
  return consolePage(c, { title: member.fullName, section: SECTION }, <StaffMemberPage member={member} self={self} csrfToken={csrfToken(c)} done={c.req.query('done')} {...extra} />);
}

/** Runs a change on one staff member; answers the refusal on their page, or redirects with a confirmation. */
async function change(c: Context<AppEnv>, run: (id: string) => Promise<StaffChange>, done: string) {
  const id = memberId(c);
  const result = await run(id);
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return renderMember(c, id, result.field === 'role' ? { roleError: result.message } : { error: result.message }, result.status === 403 ? 409 : result.status);
  }
  return c.redirect(`/staff/${id}?done=${done}`, 303);
}

export function registerConsoleStaffRoutes(router: SurfaceRouter): void {
  router.get('/staff', STAFF, async (c) => {
    const people = await withConsole(c.var.deps.db, consoleScope(c), listStaff);
    return consolePage(c, { title: 'Lumè staff', section: SECTION }, <StaffListPage people={people} selfId={signedInStaff(c).staffId} />);
  });

  router.get('/staff/new', STAFF, (c) => consolePage(c, { title: 'Add someone', section: SECTION }, <AddStaffPage csrfToken={csrfToken(c)} />));

  router.post('/staff/new', STAFF, async (c) => {
    const form = await parseForm(c, newStaffSchema);
    const again = (errors: Record<string, string>, status: 400 | 409) => {
      c.status(status);
      return consolePage(c, { title: 'Add someone', section: SECTION }, <AddStaffPage csrfToken={csrfToken(c)} values={form.values} errors={errors} />);
    };
    if (!form.ok) return again(form.errors, 400);
    const password = newOneTimePassword();
    const hash = await hashHandedOut(password);
    const now = c.var.deps.now();
    const input = { email: form.data.email, fullName: form.data.full_name, role: form.data.role };
    const result = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => addStaffMember(ctx, input, hash, now));
    if (!result.ok) return again({ [result.field ?? 'form']: result.message }, 409);
    return consolePage(c, { title: 'Account created', section: SECTION }, <OneTimePasswordPage id={result.id} fullName={input.fullName} email={input.email} password={password} reset={false} />);
  });

  router.get('/staff/:id', STAFF, (c) => renderMember(c, memberId(c)));

  router.post('/staff/:id/role', STAFF, async (c) => {
    const form = await parseForm(c, z.object({ role: z.string().max(40) }));
    const role = form.ok ? form.data.role : '';
    return change(c, (id) => withConsole(c.var.deps.db, consoleScope(c), (ctx) => changeStaffRole(ctx, id, role)), 'role');
  });

  router.post('/staff/:id/deactivate', STAFF, (c) => change(c, (id) => withConsole(c.var.deps.db, consoleScope(c), (ctx) => deactivateStaffMember(ctx, id)), 'deactivated'));

  router.post('/staff/:id/reactivate', STAFF, (c) => change(c, (id) => withConsole(c.var.deps.db, consoleScope(c), (ctx) => reactivateStaffMember(ctx, id)), 'reactivated'));

  router.post('/staff/:id/reset', STAFF, async (c) => {
    const id = memberId(c);
    const password = newOneTimePassword();
    const hash = await hashHandedOut(password);
    const now = c.var.deps.now();
    const result = await withConsole(c.var.deps.db, consoleScope(c), (ctx) => resetStaffSignIn(ctx, id, hash, now));
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      return renderMember(c, id, { error: result.message }, 409);
    }
    return consolePage(c, { title: 'Sign-in reset', section: SECTION }, <OneTimePasswordPage id={id} fullName={result.fullName} email={result.email} password={password} reset />);
  });
}
