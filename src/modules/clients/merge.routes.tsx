import type { Context } from 'hono';
import { z } from 'zod';
import { withTenant } from '../../infra/db/tenant.ts';
import { retryOnDeadlock } from '../../infra/db/retry.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { HttpError, notFound } from '../../infra/http/errors.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { demandPermission } from '../identity/guard.ts';
import { isRecordId } from '../identity/form-list.ts';
import { clientAccess } from './access.ts';
import { findMergeCandidates } from './merge-candidates.ts';
import { mergeClients, mergePreview } from './merge.ts';
import { MergePickPage, MergePreviewPage } from './views/client-merge.tsx';

const MERGE = 'merge:client:any';
const SECTION = '/clients';

const otherSchema = z.object({ other_id: z.string().refine((v) => isRecordId(v), 'Choose the other record from the list.') });
const searchSchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'Type a name, phone, email or date of birth.')
    .max(100, 'Use at most 100 characters.')
    .refine((v) => !/[<>]/.test(v) && !/\p{Cc}/u.test(v), 'Use letters, digits and the usual punctuation only.'),
});
const UNCONFIRMED = 'Tick the box to confirm both records are the same person.';
const mergeSchema = otherSchema.extend({ confirm: z.string({ error: UNCONFIRMED }).refine((v) => v === 'on', UNCONFIRMED) });

function clientId(c: Context<AppEnv>): string {
  const id = c.req.param('id');
  if (!isRecordId(id)) throw notFound();
  return id;
}

/** The pick page: likely duplicates, or what a search found. */
async function renderPick(c: Context<AppEnv>, id: string, search?: { query: string | null; typed?: string; errors?: Record<string, string> }, status: 200 | 400 | 404 | 409 = 200) {
  const list = await withTenant(c.var.deps.db, requestScope(c), (ctx) => findMergeCandidates(ctx, id, search?.query ?? null));
  if (!list) throw notFound();
  if ('mergedInto' in list) {
    // A refusal about this very record (already merged) is said plainly; a plain visit follows the merge.
    if (search?.errors?.other_id) throw new HttpError(409, search.errors.other_id);
    return c.redirect(`/clients/${list.mergedInto}/merge`, 303);
  }
  c.status(status);
  return crmPage(c, { title: 'Merge a duplicate', section: SECTION }, <MergePickPage list={list} csrfToken={csrfToken(c)} query={search?.typed} errors={search?.errors} />);
}

async function renderPreview(c: Context<AppEnv>, id: string, otherId: string, errors?: Record<string, string>, status: 200 | 400 = 200) {
  const access = clientAccess(c.get('principal')!.permissions);
  const preview = await withTenant(c.var.deps.db, requestScope(c), (ctx) => mergePreview(ctx, id, otherId, access));
  if (!preview) throw notFound();
  if ('ok' in preview) return renderPick(c, id, { query: null, errors: preview.errors }, preview.status);
  c.status(status);
  return crmPage(c, { title: 'Merge two records', section: SECTION }, <MergePreviewPage preview={preview} csrfToken={csrfToken(c)} errors={errors} />);
}

/** Merging reads both records and rewrites one: beyond the merge permission it takes reading and editing clients. */
async function mayMerge(c: Context<AppEnv>): Promise<void> {
  await demandPermission(c, 'read:client:any');
  await demandPermission(c, 'write:client:any');
}

/**
 * Merging duplicate client records (CRM-5): pick the other record, compare
 * both, confirm. Ids only in URLs; names and searches travel in POST bodies.
 */
export function registerClientMergeRoutes(router: SurfaceRouter): void {
  router.get('/clients/:id/merge', MERGE, async (c) => {
    await mayMerge(c);
    return renderPick(c, clientId(c));
  });

  router.post('/clients/:id/merge/search', MERGE, async (c) => {
    await mayMerge(c);
    const id = clientId(c);
    const form = await parseForm(c, searchSchema);
    if (!form.ok) return renderPick(c, id, { query: null, errors: form.errors }, 400);
    return renderPick(c, id, { query: form.data.q, typed: form.data.q });
  });

  router.post('/clients/:id/merge/preview', MERGE, async (c) => {
    await mayMerge(c);
    const id = clientId(c);
    const form = await parseForm(c, otherSchema);
    if (!form.ok) return renderPick(c, id, { query: null, errors: form.errors }, 400);
    return renderPreview(c, id, form.data.other_id);
  });

  router.post('/clients/:id/merge', MERGE, async (c) => {
    await mayMerge(c);
    const id = clientId(c);
    const form = await parseForm(c, mergeSchema);
    if (!form.ok) {
      const otherId = form.values.other_id;
      if (!isRecordId(otherId)) return renderPick(c, id, { query: null, errors: { other_id: 'Choose the other record from the list.' } }, 400);
      return renderPreview(c, id, otherId, form.errors, 400);
    }
    // A merge re-points every row of both clients: one racing a signature or a move may be picked to break a deadlock.
    const result = await retryOnDeadlock(() => withTenant(c.var.deps.db, requestScope(c), (ctx) => mergeClients(ctx, id, form.data.other_id)));
    if (!result) throw notFound();
    if (!result.ok) return renderPick(c, id, { query: null, errors: result.errors }, result.status);
    return c.redirect(`/clients/${result.survivorId}?done=merged`, 303);
  });
}
