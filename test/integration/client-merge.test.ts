import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type ServiceCtx } from '../../src/infra/db/tenant.ts';
import { clientAccess } from '../../src/modules/clients/access.ts';
import type { ConsentInput, NewClientInput } from '../../src/modules/clients/fields.ts';
import { mergeClients } from '../../src/modules/clients/merge.ts';
import { clientAccessReport } from '../../src/modules/audit/search.ts';
import { createClient, readClientRecord, type NewClient } from '../../src/modules/clients/records.ts';
import { giveEveryTableRowsOfBothSpas } from '../support/every-table.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';

// CRM-5, SEC-3: merging duplicate client records — every row moves, nothing is lost, the merge is audited and traceable.
let app: TestApp;
let owner: TestBrowser;
let ownerId = '';
const LUMEN = `lumen.${APEX}`;

beforeAll(async () => {
  app = await startTestApp();
  await giveEveryTableRowsOfBothSpas(app);
  owner = await signIn(app, 'owner@glow.example');
  ownerId = (await one<{ id: string }>(`SELECT id FROM operators WHERE email = 'owner@glow.example'`)).id;
});
afterAll(() => app?.close());

async function one<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.deps.db.ownerQuery(sql, values)).rows[0] as T;
}
const count = async (sql: string, values: unknown[] = []) => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, values)).n;

function inSpa<T>(fn: (ctx: ServiceCtx) => Promise<T>, tenantId = app.spas.glow, actorId = ownerId): Promise<T> {
  return withTenant(app.deps.db, { tenantId, requestId: 'merge-test', actor: { kind: 'operator', id: actorId } }, fn);
}

const PROFILE: NewClientInput = {
  first_name: 'Marisol', last_name: 'Quintero', preferred_name: '', pronouns: '', date_of_birth: '1987-05-20', sex: 'unknown', gender_identity: '',
  preferred_language: 'en', email: null, mobile_phone: null, other_phone: null, address_line1: '', address_line2: '', city: '', region: '', postal_code: '',
};
const NO_CONSENT: ConsentInput = { sms_consent: false, email_consent: false };

async function newClient(profile: Partial<NewClientInput>, extra: Partial<Omit<NewClient, 'profile'>> = {}, tenantId = app.spas.glow): Promise<string> {
  const actorId = tenantId === app.spas.glow ? ownerId : (await one<{ id: string }>(`SELECT id FROM operators WHERE email = 'owner@lumen.example'`)).id;
  const made = await inSpa((ctx) => createClient(ctx, { profile: { ...PROFILE, ...profile }, consent: NO_CONSENT, guardian: null, allergies: [], ...extra }, new Date()), tenantId, actorId);
  if (!made.ok) throw new Error(`client refused: ${JSON.stringify(made.errors)}`);
  return made.id;
}

async function mergeThroughPages(browser: TestBrowser, survivorId: string, otherId: string): Promise<Response> {
  expect((await browser.get(`/clients/${survivorId}/merge`)).status).toBe(200);
  const preview = await browser.post(`/clients/${survivorId}/merge/preview`, { other_id: otherId });
  expect(preview.status).toBe(200);
  return browser.post(`/clients/${survivorId}/merge`, { other_id: otherId, confirm: 'on' });
}

/** Every foreign key column that references clients(id), read from the catalog: whatever modules exist now or later. */
async function clientReferences(): Promise<{ tbl: string; col: string }[]> {
  const { rows } = await app.deps.db.ownerQuery<{ tbl: string; col: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
       FROM pg_constraint c
      CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k (col, ref)
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
       JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = k.ref
      WHERE c.contype = 'f' AND c.confrelid = 'public.clients'::regclass AND r.attname = 'id'
      ORDER BY 1, 2`,
  );
  return rows;
}

/** The merge's own bookkeeping, deliberately not re-pointed: the self-reference is handled by the merge, the merge log keeps history as it was. */
const BOOKKEEPING = new Set(['clients', 'client_merges']);

/** Copies one fixture row of the table (any client's) so that it points at `clientId`: the catalog proof needs a row in every referencing table. */
async function copyFixtureRow(tbl: string, col: string, clientId: string): Promise<void> {
  const { rows: cols } = await app.deps.db.ownerQuery<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [tbl],
  );
  const names = cols.map((c) => `"${c.name}"`);
  const values = cols.map((c) => (c.name === col ? '$2::uuid' : c.name === 'id' ? 'gen_random_uuid()' : `"${c.name}"`));
  const inserted = await app.deps.db.ownerQuery(
    `INSERT INTO ${tbl} (${names.join(', ')}) SELECT ${values.join(', ')} FROM ${tbl} WHERE tenant_id = $1 AND "${col}" IS NOT NULL LIMIT 1`,
    [app.spas.glow, clientId],
  );
  expect(inserted.rowCount, `${tbl} has no fixture row in glow: add one to test/support/every-table.ts so the merge proof covers it`).toBe(1);
}

describe('the catalog proof: a merge moves every row that points at the absorbed client', () => {
  it('leaves no row pointing at the absorbed record, loses none, and lume_app may re-point every reference', async () => {
    const refs = await clientReferences();
    const tables = new Set(refs.map((r) => r.tbl));
    for (const t of ['client_allergies', 'client_health_items', 'client_guardians', 'client_events', 'client_merges', 'clients']) expect(tables).toContain(t);

    const survivor = await newClient({ first_name: 'Catalina', last_name: 'Proof', date_of_birth: '1979-02-02' });
    const absorbed = await newClient({ first_name: 'Catalina', last_name: 'Proof', date_of_birth: '1979-02-02', email: 'cat.proof@example.com' });
    // An older duplicate already folded into the absorbed record: it must end up leading to the survivor.
    const older = await newClient({ first_name: 'Cata', last_name: 'Proof', date_of_birth: '1979-02-02' });
    expect(await inSpa((ctx) => mergeClients(ctx, absorbed, older))).toMatchObject({ ok: true });

    for (const { tbl, col } of refs) {
      if (BOOKKEEPING.has(tbl)) continue;
      await copyFixtureRow(tbl, col, absorbed);
      await copyFixtureRow(tbl, col, survivor);
    }

    const measure = async () =>
      Promise.all(
        refs.map(async ({ tbl, col }) => ({
          name: `${tbl}.${col}`,
          total: await count(`SELECT 1 FROM ${tbl}`),
          absorbed: await count(`SELECT 1 FROM ${tbl} WHERE "${col}" = $1`, [absorbed]),
          survivor: await count(`SELECT 1 FROM ${tbl} WHERE "${col}" = $1`, [survivor]),
        })),
      );
    const before = await measure();
    for (const b of before) if (!BOOKKEEPING.has(b.name.split('.')[0]!)) expect(b.absorbed, b.name).toBeGreaterThan(0);

    const response = await mergeThroughPages(owner, survivor, absorbed);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/clients/${survivor}?done=merged`);

    const after = await measure();
    const eventsAdded = 2; // the survivor's 'updated' (email filled in) and 'merged_in'
    for (const [i, b] of before.entries()) {
      const a = after[i]!;
      if (b.name === 'clients.merged_into') {
        expect(a, b.name).toEqual({ ...b, absorbed: 0, survivor: b.survivor + b.absorbed + 1 });
      } else if (b.name === 'client_merges.merged_id') {
        expect(a, b.name).toEqual({ ...b, total: b.total + 1, absorbed: b.absorbed + 1 });
      } else if (b.name === 'client_merges.survivor_id') {
        // The earlier merge still says where that record went at the time: history is not rewritten.
        expect(a, b.name).toEqual({ ...b, total: b.total + 1, survivor: b.survivor + 1 });
      } else if (b.name === 'client_events.client_id') {
        expect(a, b.name).toEqual({ name: b.name, total: b.total + eventsAdded, absorbed: 0, survivor: b.survivor + b.absorbed + eventsAdded });
      } else {
        expect(a, `${b.name}: no row left behind, none lost`).toEqual({ name: b.name, total: b.total, absorbed: 0, survivor: b.survivor + b.absorbed });
      }
    }
    expect(await one(`SELECT status, merged_into FROM clients WHERE id = $1`, [older])).toEqual({ status: 'merged', merged_into: survivor });

    const moved = (await one<{ moved: Record<string, number> }>(`SELECT moved FROM client_merges WHERE merged_id = $1`, [absorbed])).moved;
    for (const b of before) {
      if (BOOKKEEPING.has(b.name.split('.')[0]!)) continue;
      expect(moved[`public.${b.name}`] ?? moved[b.name], `moved count for ${b.name}`).toBe(b.absorbed);
    }

    // A module that adds a reference to clients without granting lume_app UPDATE on it would make merges fail: caught here.
    for (const { tbl, col } of refs) {
      if (tbl === 'client_merges') continue;
      const { ok } = await one<{ ok: boolean }>(`SELECT has_column_privilege('lume_app', $1, $2, 'UPDATE') AS ok`, [tbl, col]);
      expect(ok, `lume_app may UPDATE ${tbl}.${col}`).toBe(true);
    }
  });
});

describe('two people merging the same pair at once', () => {
  it('lets one merge win and refuses the other, without a deadlock (PostgreSQL)', async (t) => {
    if (app.database.backend === 'pglite') return t.skip('PGlite is one connection: transactions cannot overlap there');
    const x = await newClient({ first_name: 'Ines', last_name: 'Race', date_of_birth: '1985-01-15' });
    const y = await newClient({ first_name: 'Inés', last_name: 'Race', date_of_birth: '1985-01-15' });
    const results = await Promise.all([inSpa((ctx) => mergeClients(ctx, x, y)), inSpa((ctx) => mergeClients(ctx, y, x))]);
    expect(results.filter((r) => r?.ok).length).toBe(1);
    expect(results.find((r) => r && !r.ok)).toMatchObject({ ok: false, status: 409 });
    expect(await count(`SELECT 1 FROM clients WHERE id IN ($1, $2) AND status = 'merged'`, [x, y])).toBe(1);
  });
});

describe('what the surviving record keeps', () => {
  let survivor = '';
  let absorbed = '';

  beforeAll(async () => {
    survivor = await newClient({ first_name: 'Beatriz', last_name: 'Santos', date_of_birth: '1992-11-03', email: 'bea@example.com', city: 'Austin', address_line1: '4 Elm St' });
    absorbed = await newClient(
      { first_name: 'Bea', last_name: 'Santos', date_of_birth: '1992-11-03', email: 'bea.old@example.com', mobile_phone: '+15125550188', pronouns: 'she/her', city: 'Dallas' },
      { allergies: [{ substance: 'Latex', reaction: 'Hives', severity: 'moderate' }], consent: { sms_consent: true, sms_consent_method: 'in_person', email_consent: false } },
    );
  });

  it('shows both records side by side, with a plain warning, and audits it as a read of both', async () => {
    const pick = await (await owner.get(`/clients/${survivor}/merge`)).text();
    expect(pick).toContain('Possible duplicates');
    expect(pick).toContain(`value="${absorbed}"`);

    const response = await owner.post(`/clients/${survivor}/merge/preview`, { other_id: absorbed });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Bea Santos’s record will be folded into Beatriz Santos’s. This cannot be undone.');
    expect(html).toContain('bea.old@example.com');
    expect(html).toContain('Latex');
    expect(html).toContain('Filled in');
    const audit = await one<{ client_ids: string[] }>(
      `SELECT client_ids FROM audit_events WHERE tenant_id = $1 AND action = 'read' AND record_type = 'client' AND record_id = $2 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [app.spas.glow, survivor],
    );
    expect([...audit.client_ids].sort()).toEqual([survivor, absorbed].sort());
  });

  it('keeps the survivor’s values, fills the empty ones, and keeps the absorbed profile in the snapshot', async () => {
    expect((await mergeThroughPages(owner, survivor, absorbed)).status).toBe(303);
    const row = await one<Record<string, unknown>>(
      `SELECT first_name, email::text AS email, mobile_phone, pronouns, city, address_line1, sms_consent, sms_consent_method FROM clients WHERE id = $1`,
      [survivor],
    );
    expect(row).toEqual({ first_name: 'Beatriz', email: 'bea@example.com', mobile_phone: '+15125550188', pronouns: 'she/her', city: 'Austin', address_line1: '4 Elm St', sms_consent: true, sms_consent_method: 'in_person' });
    expect(await count(`SELECT 1 FROM client_allergies WHERE client_id = $1 AND substance = 'Latex'`, [survivor])).toBe(1);

    const updated = await one<{ detail: Record<string, { from: unknown; to: unknown }> }>(
      `SELECT detail FROM client_events WHERE client_id = $1 AND kind = 'updated' ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [survivor],
    );
    expect(updated.detail.mobile_phone).toEqual({ from: null, to: '+15125550188' });
    expect(updated.detail.email).toBeUndefined();

    const merge = await one<{ snapshot: { profile: Record<string, unknown>; counts: Record<string, number> }; merged_by: string }>(
      `SELECT snapshot, merged_by FROM client_merges WHERE survivor_id = $1 AND merged_id = $2`,
      [survivor, absorbed],
    );
    expect(merge.merged_by).toBe(ownerId);
    expect(merge.snapshot.profile).toMatchObject({ id: absorbed, first_name: 'Bea', email: 'bea.old@example.com', city: 'Dallas', status: 'active' });
    expect(merge.snapshot.counts).toMatchObject({ allergies: 1, guardians: 0, health: 0 });
    expect(await one(`SELECT status, merged_into FROM clients WHERE id = $1`, [absorbed])).toEqual({ status: 'merged', merged_into: survivor });
  });

  it('leads from the absorbed record to the survivor', async () => {
    const read = await inSpa((ctx) => readClientRecord(ctx, absorbed, clientAccess(new Set(['read:client:any'])), new Date()));
    expect(read).toEqual({ mergedInto: survivor });
    const response = await owner.get(`/clients/${absorbed}`);
    expect([301, 302, 303, 308]).toContain(response.status);
    expect(response.headers.get('location')).toMatch(new RegExp(`^/clients/${survivor}(\\?|$)`));
  });

  it('keeps the absorbed record’s reads in the survivor’s access report (SEC-3)', async () => {
    const { rows } = await app.deps.db.ownerQuery<{ request_id: string }>(
      `SELECT e.request_id FROM audit_events e
        WHERE $1::uuid = ANY(e.client_ids) AND NOT ($2::uuid = ANY(e.client_ids)) ORDER BY e.occurred_at LIMIT 1`,
      [absorbed, survivor],
    );
    expect(rows.length).toBe(1);
    const report = await inSpa((ctx) => clientAccessReport(ctx, survivor, null));
    expect(report.page.rows.some((r) => r.requestId === rows[0]!.request_id)).toBe(true);
  });

  it('is traceable: a merge row, a merged_in event on the survivor, and an audit row with both ids written by the same transaction', async () => {
    const event = await one<{ detail: Record<string, unknown> }>(`SELECT detail FROM client_events WHERE client_id = $1 AND kind = 'merged_in'`, [survivor]);
    expect(event.detail).toMatchObject({ mergedId: absorbed, name: 'Bea Santos', dateOfBirth: '1992-11-03' });
    expect((event.detail.moved as Record<string, number>)['public.client_allergies.client_id']).toBe(1);
    const audit = await one<{ client_ids: string[]; same_tx: boolean; actor_id: string }>(
      `SELECT a.client_ids, a.actor_id, (m.xmin::text = (a.xid::text::bigint % 4294967296)::text) AS same_tx
         FROM audit_events a, client_merges m
        WHERE a.tenant_id = $1 AND a.action = 'merge' AND a.record_type = 'client' AND a.record_id = $2::text AND m.merged_id = $3`,
      [app.spas.glow, survivor, absorbed],
    );
    expect(audit).toEqual({ client_ids: [survivor, absorbed], actor_id: ownerId, same_tx: true });
    const timeline = await (await owner.get(`/clients/${survivor}/timeline`)).text();
    expect(timeline).toContain('(Bea Santos, born Nov 3, 1992) was merged into this one');
    const found = await inSpa(async (ctx) =>
      (await ctx.tx.$client.query(
        `SELECT 1 FROM audit_event_keys_for_clients(ARRAY[$1::uuid]) k JOIN audit_events e ON e.occurred_at = k.occurred_at AND e.id = k.id WHERE e.action = 'merge' AND e.record_id = $2`,
        [absorbed, survivor],
      )).rowCount,
    );
    expect(found).toBe(1);
  });
});

describe('who may merge, and what is refused', () => {
  let a = '';
  let b = '';
  const written = async () => ({
    merges: await count(`SELECT 1 FROM client_merges`),
    audits: await count(`SELECT 1 FROM audit_events WHERE action = 'merge'`),
    events: await count(`SELECT 1 FROM client_events`),
    merged: await count(`SELECT 1 FROM clients WHERE status = 'merged'`),
  });

  beforeAll(async () => {
    a = await newClient({ first_name: 'Delfina', last_name: 'Arce', date_of_birth: '1969-07-07' });
    b = await newClient({ first_name: 'Delfi', last_name: 'Arce', date_of_birth: '1969-07-07' });
  });

  it('answers 403 to front desk, provider, bookkeeper and marketing on every merge route, and changes nothing', async () => {
    const before = await written();
    for (const who of ['frontdesk', 'provider', 'bookkeeper', 'marketing']) {
      const browser = await signIn(app, `${who}@glow.example`);
      expect((await browser.get(`/clients/${a}/merge`)).status, who).toBe(403);
      expect((await browser.post(`/clients/${a}/merge/search`, { q: 'Arce' })).status, who).toBe(403);
      expect((await browser.post(`/clients/${a}/merge/preview`, { other_id: b })).status, who).toBe(403);
      expect((await browser.post(`/clients/${a}/merge`, { other_id: b, confirm: 'on' })).status, who).toBe(403);
    }
    expect(await written()).toEqual(before);
  });

  it('answers 404 for another spa’s client, either way round, and changes nothing', async () => {
    const theirs = await newClient({ first_name: 'Delfina', last_name: 'Arce', date_of_birth: '1969-07-07' }, {}, app.spas.other);
    const before = await written();
    const outsider = await signIn(app, 'owner@lumen.example', LUMEN);
    expect((await outsider.get(`/clients/${a}/merge`)).status).toBe(404);
    expect((await outsider.post(`/clients/${theirs}/merge`, { other_id: a, confirm: 'on' })).status).toBe(404);
    expect((await owner.post(`/clients/${a}/merge/preview`, { other_id: theirs })).status).toBe(404);
    expect((await owner.post(`/clients/${a}/merge`, { other_id: theirs, confirm: 'on' })).status).toBe(404);
    const search = await (await owner.post(`/clients/${a}/merge/search`, { q: 'Delfina Arce' })).text();
    expect(search).toContain(`value="${b}"`);
    expect(search).not.toContain(theirs);
    expect(await written()).toEqual(before);
  });

  it('refuses a record merged into itself, one already merged, or an unticked confirmation, saying why', async () => {
    const before = await written();
    const self = await owner.post(`/clients/${a}/merge`, { other_id: a, confirm: 'on' });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('That is this same record');

    await owner.get(`/clients/${a}/merge`);
    const unticked = await owner.post(`/clients/${a}/merge`, { other_id: b });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain('Tick the box');
    expect(await written()).toEqual(before);

    await owner.get(`/clients/${a}/merge`);
    expect((await owner.post(`/clients/${a}/merge`, { other_id: b, confirm: 'on' })).status).toBe(303);
    const afterFirst = await written();

    const c = await newClient({ first_name: 'Delfa', last_name: 'Arce', date_of_birth: '1969-07-07' });
    await owner.get(`/clients/${c}/merge`);
    const again = await owner.post(`/clients/${c}/merge`, { other_id: b, confirm: 'on' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already merged');
    const fromMerged = await owner.post(`/clients/${b}/merge`, { other_id: c, confirm: 'on' });
    expect(fromMerged.status).toBe(409);
    expect(await fromMerged.text()).toContain('already merged');
    const counts = await written();
    expect({ ...counts, events: 0 }).toEqual({ ...afterFirst, events: 0 });
    expect(counts.events).toBe(afterFirst.events + 1); // only c's own 'created'
  });

  it('keeps names and searches out of URLs: only ids travel in paths', () => {
    const merge = app.http.routes.filter((r) => r.path.startsWith('/clients/:id/merge'));
    expect(merge.map((r) => `${r.method} ${r.path} ${r.access}`).sort()).toEqual([
      'GET /clients/:id/merge merge:client:any',
      'POST /clients/:id/merge merge:client:any',
      'POST /clients/:id/merge/preview merge:client:any',
      'POST /clients/:id/merge/search merge:client:any',
    ]);
  });
});
