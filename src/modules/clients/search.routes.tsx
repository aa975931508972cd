import type { Context } from 'hono';
import { z } from 'zod';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AppEnv } from '../../infra/http/context.ts';
import { csrfToken } from '../../infra/http/csrf.ts';
import { parseForm } from '../../infra/http/forms.ts';
import type { SurfaceRouter } from '../../infra/http/router.ts';
import { requestScope } from '../../infra/http/scope.ts';
import { crmPage } from '../../ui/crm-page.tsx';
import { clientAccess } from './access.ts';
import { MAX_QUERY_LENGTH } from './search-query.ts';
import { searchClients, type ClientSearchResult } from './search.ts';
import { ClientSearchPage, ClientSearchResults } from './views/client-search.tsx';

const READ = 'read:client:any';
const SECTION = '/clients';

/** The search box's one field. Longer input is cut rather than refused: it is only a search. */
const searchForm = z.object({ q: z.string().optional().default('').transform((q) => q.slice(0, MAX_QUERY_LENGTH * 2)) });

/** Reads the posted text and runs the search (with its audit row) in one tenant transaction. */
async function runSearch(c: Context<AppEnv>): Promise<{ typed: string; result: ClientSearchResult }> {
  const form = await parseForm(c, searchForm);
  const typed = form.ok ? form.data.q : '';
  const access = clientAccess(c.get('principal')!.permissions);
  const now = c.var.deps.now();
  const result = await withTenant(c.var.deps.db, requestScope(c), (ctx) => searchClients(ctx, typed, access, now));
  return { typed, result };
}

const canCreate = (c: Context<AppEnv>) => c.get('principal')!.permissions.has('write:client:any');

/**
 * Clients list and search. The search text is PHI-like (a name, a phone), so it
 * only ever travels in POST bodies: as you type (htmx, the fragment) and without
 * JavaScript (the form posts to /clients, which answers with the whole page).
 */
export function registerClientSearchRoutes(router: SurfaceRouter): void {
  router.get('/clients', READ, (c) =>
    crmPage(c, { title: 'Clients', section: SECTION }, <ClientSearchPage typed="" result={null} canCreate={canCreate(c)} csrfToken={csrfToken(c)} />),
  );

  router.post('/clients', READ, async (c) => {
    const { typed, result } = await runSearch(c);
    return crmPage(c, { title: 'Clients', section: SECTION }, <ClientSearchPage typed={typed} result={result} canCreate={canCreate(c)} csrfToken={csrfToken(c)} />);
  });

  router.post('/clients/search', READ, async (c) => {
    const { typed, result } = await runSearch(c);
    return c.html(<ClientSearchResults typed={typed} result={result} canCreate={canCreate(c)} />);
  });
}
