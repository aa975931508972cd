import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../src/infra/http/router.ts';
import { CONSOLE_ROLE_KEYS, CONSOLE_ROLES, type ConsoleRole } from '../../src/modules/console/permissions.ts';
import { withConsole } from '../../src/modules/console/context.ts';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { addDemoRequest, addStaffFixture, CONSOLE_HOST, consoleAudit, signInStaff } from './console-support.ts';

// Issue 8: console roles resolved from the database on every request; lume_console reads no spa
// table and changes spas only through SECURITY DEFINER functions (DESIGN §3); SEC-2.
let app: TestApp;
const browsers = new Map<ConsoleRole, TestBrowser>();
const ids: Record<string, string> = {};

class Rollback extends Error {}

/** Runs one statement as a database role and rolls back; the SQLSTATE when refused. */
async function as(role: 'console' | 'app', sql: string, values: unknown[] = []): Promise<{ ok: true; rows: unknown[] } | { ok: false; code: string }> {
  let outcome: { ok: true; rows: unknown[] } | { ok: false; code: string } = { ok: false, code: 'none' };
  try {
    await app.deps.db.transaction(role, { 'app.request_id': 'probe' }, async (client) => {
      try {
        outcome = { ok: true, rows: (await client.query(sql, values)).rows };
      } catch (error) {
        outcome = { ok: false, code: (error as { code?: string }).code ?? 'unknown' };
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return outcome;
}

beforeAll(async () => {
  app = await startTestApp();
  for (const role of CONSOLE_ROLE_KEYS) {
    const email = `${role}.person@lume.example`;
    await addStaffFixture(app, email, role);
    browsers.set(role, await signInStaff(app, email));
  }
  ids.staff = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM console_staff WHERE email = 'support.person@lume.example'`)).rows[0]!.id;
  ids.demo = await addDemoRequest(app, { name: 'Pat Prospect', email: 'pat@prospect.example', spaName: 'Prospect Spa' });
  const admin = browsers.get('admin')!;
  await admin.get(`/demo-requests/${ids.demo}`);
  await admin.post(`/demo-requests/${ids.demo}/rights`, { kind: 'access', received_on: app.clock.now.toISOString().slice(0, 10), details: '' });
  ids.rights = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM prospect_rights_requests`)).rows[0]!.id;
});
afterAll(() => app?.close());

const guarded = () => app.http.routes.filter((r) => r.surface === 'console' && r.access !== 'public');

function concrete(route: RouteSpec): string {
  const id = route.path.startsWith('/spas/') ? app.spas.other : route.path.startsWith('/staff/') ? ids.staff! : route.path.startsWith('/rights/') ? ids.rights! : ids.demo!;
  return route.path.replace(':id', id);
}

describe('console route × role', () => {
  it('declares a console permission on every console route but the sign-in steps', () => {
    const open = app.http.routes.filter((r) => r.surface === 'console' && r.access === 'public').map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual(
      ['GET /login', 'POST /login', 'GET /login/password', 'POST /login/password', 'GET /login/totp', 'POST /login/totp', 'GET /login/recovery', 'POST /login/recovery', 'GET /login/enrol', 'POST /login/enrol'].sort(),
    );
  });

  it('gives each role exactly the pages its permissions open, 403 with a plain reason for the rest, and records each refusal', async () => {
    const wrong: string[] = [];
    const before = (await consoleAudit(app)).length;
    let refusals = 0;
    for (const route of guarded()) {
      for (const role of CONSOLE_ROLE_KEYS) {
        const allowed = (CONSOLE_ROLES[role].permissions as readonly string[]).includes(route.access);
        if (allowed && route.method !== 'GET') continue; // permitted changes are proven by each feature's tests
        const browser = browsers.get(role)!;
        await browser.get('/');
        const response = route.method === 'GET' ? await browser.get(concrete(route)) : await browser.post(concrete(route), {});
        const expected = allowed ? 200 : 403;
        if (response.status !== expected) wrong.push(`${role} ${route.method} ${route.path}: ${response.status}, expected ${expected}`);
        if (!allowed) {
          refusals += 1;
          const text = await response.text();
          if (!text.includes('role does not allow this')) wrong.push(`${role} ${route.method} ${route.path}: no plain reason`);
        }
      }
    }
    expect(wrong).toEqual([]);
    const denied = (await consoleAudit(app)).slice(before).filter((e) => e.action === 'access' && e.outcome === 'denied');
    expect(denied).toHaveLength(refusals);
    expect(denied.every((e) => e.actor_kind === 'staff' && e.staff_id && /^(GET|POST) \//.test(e.target_id ?? ''))).toBe(true);
  });

  it('sends someone not signed in to the sign-in page (401 for a form post), whatever the route', async () => {
    for (const route of guarded()) {
      const anonymous = new TestBrowser(app.http, CONSOLE_HOST);
      await anonymous.get('/login');
      const response = route.method === 'GET' ? await anonymous.get(concrete(route)) : await anonymous.post(concrete(route), {});
      expect([303, 401], `${route.method} ${route.path}`).toContain(response.status);
      if (route.method === 'GET') expect(response.headers.get('location')).toBe('/login');
    }
  });

  it('applies a role change from the next request: the role is read from the database, not the session', async () => {
    const support = browsers.get('support')!;
    expect((await support.get('/spas/new')).status).toBe(403);
    await app.deps.db.ownerQuery(`UPDATE console_staff SET role = 'admin' WHERE email = 'support.person@lume.example'`);
    expect((await support.get('/spas/new')).status).toBe(200);
    await app.deps.db.ownerQuery(`UPDATE console_staff SET role = 'support' WHERE email = 'support.person@lume.example'`);
    expect((await support.get('/spas/new')).status).toBe(403);
  });

  it('answers 404 for a record that does not exist or an id that is not one', async () => {
    const admin = browsers.get('admin')!;
    for (const path of [`/spas/${randomUUID()}`, '/spas/not-an-id', `/staff/${randomUUID()}`, `/demo-requests/${randomUUID()}`, `/rights/${randomUUID()}`, `/rights/${randomUUID()}/export`]) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
  });
});

describe('the lume_console database role', () => {
  it('cannot read any spa table or any other table outside the console’s own, enumerated from the catalog', async () => {
    const { rows } = await app.deps.db.ownerQuery<{ schema: string; table: string }>(`
      SELECT n.nspname AS schema, c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`);
    const consoleTables = new Set([
      'console_staff', 'console_sessions', 'console_recovery_codes', 'console_audit_events',
      'demo_requests', 'demo_request_handling', 'demo_request_notes', 'prospect_rights_requests', 'rate_limits', 'policies',
    ]);
    const readable: string[] = [];
    const checked: string[] = [];
    for (const { schema, table } of rows) {
      if (schema === 'public' && consoleTables.has(table)) continue;
      const result = await as('console', `SELECT 1 FROM "${schema}"."${table}" LIMIT 1`);
      checked.push(table);
      if (result.ok || result.code !== '42501') readable.push(`${schema}.${table}: ${result.ok ? 'readable' : result.code}`);
    }
    expect(readable).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(['tenants', 'operators', 'sessions', 'locations', 'roles', 'audit_events', 'auth_tokens', 'recovery_codes', 'tenant_keys', 'dev_outbox', 'break_glass_grants']));
  });

  it('has no TRUNCATE, owns nothing, cannot bypass row-level security, and cannot change the console trail', async () => {
    const { rows } = await app.deps.db.ownerQuery<Record<string, unknown>>(`
      SELECT r.rolsuper, r.rolbypassrls,
        (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned,
        (SELECT count(*)::int FROM information_schema.table_privileges p WHERE p.grantee = 'lume_console' AND p.privilege_type = 'TRUNCATE') AS truncate
      FROM pg_roles r WHERE r.rolname = 'lume_console'`);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0, truncate: 0 });
    for (const sql of ['UPDATE console_audit_events SET outcome = outcome', 'DELETE FROM console_audit_events']) {
      const result = await as('console', sql);
      expect(result.ok, sql).toBe(false);
      if (!result.ok) expect(result.code).toBe('42501');
    }
    expect(await as('console', 'DELETE FROM console_staff')).toEqual({ ok: false, code: '42501' });
  });

  it('gives lume_app nothing on the console’s tables or functions', async () => {
    for (const table of ['console_staff', 'console_sessions', 'console_recovery_codes', 'console_audit_events', 'demo_request_handling', 'demo_request_notes', 'prospect_rights_requests']) {
      expect(await as('app', `SELECT 1 FROM ${table} LIMIT 1`), table).toEqual({ ok: false, code: '42501' });
    }
    for (const call of [
      'SELECT * FROM console_list_spas()', `SELECT * FROM console_get_spa('${randomUUID()}')`, `SELECT console_set_spa_status('${randomUUID()}', 'suspended', '${randomUUID()}', 'x')`,
      `SELECT * FROM console_open_break_glass('${randomUUID()}', '${randomUUID()}', 'a reason long enough to pass', 15, '${'a'.repeat(64)}', now(), 'x')`,
      `SELECT * FROM console_break_glass_grants('${randomUUID()}', 10)`,
    ]) {
      expect(await as('app', call), call).toEqual({ ok: false, code: '42501' });
    }
  });

  it('reaches spas only through SECURITY DEFINER functions with an empty search_path, executable by lume_console alone', async () => {
    const { rows } = await app.deps.db.ownerQuery<{ name: string; definer: boolean; config: string[] | null; acl: string }>(`
      SELECT p.proname AS name, p.prosecdef AS definer, p.proconfig AS config, coalesce(p.proacl::text, '') AS acl
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.proname LIKE 'console\\_%'`);
    expect(rows.map((r) => r.name).sort()).toEqual([
      'console_break_glass_grants', 'console_create_spa', 'console_get_spa', 'console_list_spas', 'console_open_break_glass', 'console_resend_owner_invitation',
      'console_reset_owner_mfa', 'console_set_spa_status', 'console_spa_admin_contacts', 'console_spa_owners',
    ]);
    for (const fn of rows) {
      expect(fn.definer, fn.name).toBe(true);
      expect(fn.config, fn.name).toContain('search_path=""');
      expect(fn.acl, fn.name).toContain('lume_console=X');
      expect(fn.acl, fn.name).not.toMatch(/(^|[{,])=X/); // not executable by PUBLIC
      expect(fn.acl, fn.name).not.toContain('lume_app=');
    }
  });

  it('runs console work as lume_console', async () => {
    const who = await withConsole(app.deps.db, { requestId: 'whoami', actor: { kind: 'system', id: null } }, async (ctx) => (await ctx.client.query('SELECT current_user AS u')).rows[0].u);
    expect(who).toBe('lume_console');
  });

  it('lets no spa see what the console did: its trail is not a tenant table', async () => {
    const seen = await withTenant(app.deps.db, { tenantId: app.spas.glow, requestId: 'peek' }, async ({ tx }) => {
      try {
        await tx.$client.query('SAVEPOINT peek');
        await tx.$client.query('SELECT 1 FROM console_audit_events');
        return 'readable';
      } catch (error) {
        await tx.$client.query('ROLLBACK TO SAVEPOINT peek');
        return (error as { code?: string }).code;
      }
    });
    expect(seen).toBe('42501');
  });
});
