import { Writable } from 'node:stream';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../src/infra/db/schema.ts';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { createHttpApp } from '../../src/infra/http/app.ts';
import { SurfaceRouter } from '../../src/infra/http/router.ts';
import { createLogger } from '../../src/infra/log.ts';
import { startJobRunner } from '../../src/infra/jobs/runner.ts';
import { listLocations, listResources } from '../../src/modules/tenancy/service.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { clearOfWindowEnd } from '../support/rate-window.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const CANARY = 'Canary Patient 1984-02-29 allergic to penicillin';

describe('errors and logs carry no PHI (SEC-6, SEC-7, checklist #33)', () => {
  it('shows a reference, never the message or a stack, and logs only codes and the route pattern', async () => {
    let logged = '';
    const log = createLogger('info', new Writable({ write(chunk, _enc, done) { logged += chunk; done(); } }));
    const spa = new SurfaceRouter('spa');
    spa.get('/boom/:name', 'public', () => {
      throw new Error(CANARY);
    });
    spa.get('/db-boom', 'public', async (c) => {
      await withTenant(c.var.deps.db, { tenantId: c.var.tenant.id, requestId: c.var.requestId }, ({ tx }) =>
        tx.$client.query(`INSERT INTO locations (tenant_id, name, timezone) SELECT tenant_id, name, timezone FROM locations LIMIT 1`),
      );
      return c.text('unreachable');
    });
    const http = createHttpApp({ ...app.deps, log }, [spa]);
    const browser = new TestBrowser(http, `glow.${APEX}`);

    const response = await browser.get(`/boom/${encodeURIComponent('Jane Doe')}?dob=1984-02-29`);
    const page = await response.text();
    expect(response.status).toBe(500);
    expect(page).toContain(response.headers.get('x-request-id')!);
    expect(page).not.toContain('Canary');
    expect(page).not.toMatch(/at .*\.tsx?:\d+/);

    const dbResponse = await browser.get('/db-boom');
    expect(dbResponse.status).toBe(500);
    expect(await dbResponse.text()).not.toContain('already exists');

    expect(logged).toContain('"route":"/boom/:name"');
    expect(logged).not.toContain('Jane');
    expect(logged).not.toContain('1984-02-29');
    expect(logged).toContain('"constraint":"locations_tenant_id_name_key"');
    expect(logged).not.toContain('Santa Monica'); // the duplicate value PostgreSQL puts in `detail`
  });
});

describe('per-IP rate limits kept in the database', () => {
  it('answers 429 with Retry-After once an address sends too many writes, and counts per address', async () => {
    const spa = new SurfaceRouter('spa');
    spa.post('/ping', 'public', (c) => c.text('pong'), { csrf: false });
    const http = createHttpApp({ ...app.deps, config: { ...app.deps.config, trustProxy: false } }, [spa]);
    const send = (ip: string) => http.fetch(new Request(`http://glow.${APEX}/ping`, { method: 'POST', headers: { host: `glow.${APEX}`, 'x-forwarded-for': ip } }));
    const trusting = createHttpApp({ ...app.deps, config: { ...app.deps.config, trustProxy: true } }, [spa]);
    const sendTrusted = (ip: string) => trusting.fetch(new Request(`http://glow.${APEX}/ping`, { method: 'POST', headers: { host: `glow.${APEX}`, 'x-forwarded-for': ip } }));
    const statuses: number[] = [];
    await clearOfWindowEnd(60);
    for (let i = 0; i < 121; i++) statuses.push((await sendTrusted('203.0.113.9')).status);
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    const limited = await sendTrusted('203.0.113.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await sendTrusted('203.0.113.10')).status).toBe(200);
    // Without TRUST_PROXY a forged X-Forwarded-For does not buy a fresh budget.
    expect((await send('198.51.100.1')).status).toBe(200);
  });
});

describe('the database layer', () => {
  it('runs parameterised Drizzle queries inside withTenant and sees only the spa’s own rows', async () => {
    const scope = { tenantId: app.spas.glow, requestId: 'drizzle' };
    const locations = await withTenant(app.deps.db, scope, listLocations);
    expect(locations.map((l) => l.name)).toEqual(['Pasadena', 'Santa Monica']);
    const resources = await withTenant(app.deps.db, scope, (ctx) => listResources(ctx, locations[1]!.id));
    expect(resources.map((r) => `${r.kind}:${r.name}`)).toEqual(['device:Laser 1 (Nd:YAG)', 'device:Microneedling Pen', 'room:Laser Suite', 'room:Treatment Room 1', 'room:Treatment Room 2']);
  });

  it('refuses a malformed tenant, actor or request id before touching the database', async () => {
    await expect(withTenant(app.deps.db, { tenantId: "x' OR true --", requestId: 'r' }, async () => 1)).rejects.toThrow(/tenant id/);
    await expect(withTenant(app.deps.db, { tenantId: app.spas.glow, actor: { kind: 'operator', id: 'nope' }, requestId: 'r' }, async () => 1)).rejects.toThrow(/actor id/);
    await expect(withTenant(app.deps.db, { tenantId: app.spas.glow, requestId: "'; drop table tenants; --" }, async () => 1)).rejects.toThrow(/request id/);
  });

  it('rolls the whole transaction back when any statement fails (nothing half-written)', async () => {
    const scope = { tenantId: app.spas.glow, requestId: 'atomic' };
    const before = (await withTenant(app.deps.db, scope, listLocations)).length;
    await expect(
      withTenant(app.deps.db, scope, async ({ tx }) => {
        await tx.$client.query(`INSERT INTO locations (tenant_id, name, timezone) VALUES ($1, 'Half-written', 'UTC')`, [app.spas.glow]);
        await tx.$client.query(`INSERT INTO locations (tenant_id, name, timezone) VALUES ($1, 'Santa Monica', 'UTC')`, [app.spas.glow]);
      }),
    ).rejects.toThrow();
    expect((await withTenant(app.deps.db, scope, listLocations)).length).toBe(before);
  });

  it('keeps the Drizzle schema in step with the migrated tables', async () => {
    for (const table of Object.values(schema).filter((t) => t instanceof PgTable)) {
      const name = getTableName(table as PgTable);
      const { rows } = await app.deps.db.ownerQuery<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [name],
      );
      const declared = Object.values(getTableColumns(table as PgTable)).map((c) => c.name).sort();
      expect(declared, name).toEqual(rows.map((r) => r.column_name).sort());
    }
  });
});

describe('the job runner', () => {
  it('runs a queued job on this database', async () => {
    const jobs = await startJobRunner(app.deps.db, createLogger('silent'), { process: true });
    try {
      const seen = new Promise<unknown>((resolve) => {
        void jobs.work('platform.rate-limit-sweep', async (data) => resolve(data));
      });
      await jobs.send('platform.rate-limit-sweep', { probe: 42 });
      expect(await seen).toEqual({ probe: 42 });
    } finally {
      await jobs.stop();
    }
  });
});
