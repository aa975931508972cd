import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AuditInput } from '../../src/infra/audit/event.ts';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { CSV_HEADER } from '../../src/modules/audit/export.ts';
import { localDate, nextDay } from '../../src/modules/audit/search.ts';
import { flushClientIndex, sealSpa } from '../../src/modules/audit/seal.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';

// SEC-3 and checklist rows 5–6: the audit trail can be searched, paged, reported per client
// and exported by owners and managers only, each of those reads is itself audited, and
// one spa never sees another's rows.

const GLOW = `glow.${APEX}`;
const LUMEN = `lumen.${APEX}`;
const TZ = 'America/Los_Angeles'; // the demo spa's first location
const IPAD = 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const FORMULA_UA = '=HYPERLINK("http://evil.example/","Open, please")';

const CLIENT_A = randomUUID();
const CLIENT_B = randomUUID();
const CLIENT_NOBODY_SAW = randomUUID();

let app: TestApp;
let owner: TestBrowser;
const staff: Record<string, string> = {};
let requests = 0;

async function operatorId(email: string, tenantId = app.spas.glow): Promise<string> {
  const { rows } = await app.deps.db.ownerQuery<{ id: string }>(`SELECT id::text AS id FROM operators WHERE tenant_id = $1 AND email = $2`, [tenantId, email]);
  return rows[0]!.id;
}

/** Audit rows written the way services write them: inside withTenant, through ctx.audit. */
async function record(actor: Actor, events: AuditInput[], tenantId = app.spas.glow): Promise<void> {
  await withTenant(app.deps.db, { tenantId, requestId: `seed-${++requests}`, actor, ip: '198.51.100.23', userAgent: IPAD }, async (ctx) => {
    for (const event of events) ctx.audit(event);
  });
}

async function page(browser: TestBrowser, path: string, headers: Record<string, string> = {}): Promise<{ status: number; html: string; requestId: string }> {
  const response = await browser.get(path, headers);
  return { status: response.status, html: await response.text(), requestId: response.headers.get('x-request-id') ?? '' };
}

/** The body rows of the entries table. */
function entries(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return body.split('<tr').slice(1);
}

const unescape = (href: string) => href.replaceAll('&amp;', '&');
const link = (html: string, rel: 'next' | 'prev') => {
  const m = new RegExp(`href="([^"]+)" rel="${rel}"`).exec(html);
  return m ? unescape(m[1]!) : null;
};

async function auditRowsOf(requestId: string): Promise<{ action: string; record_type: string; record_id: string | null; client_ids: string[]; outcome: string }[]> {
  const { rows } = await app.deps.db.ownerQuery(
    `SELECT action, record_type, record_id, client_ids::text[] AS client_ids, outcome FROM audit_events WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );
  return rows as never;
}

beforeAll(async () => {
  app = await startTestApp();
  owner = await signIn(app, 'owner@glow.example');
  await signIn(app, 'manager@glow.example');
  for (const role of ['provider', 'frontdesk', 'bookkeeper', 'marketing']) staff[role] = await operatorId(`${role}@glow.example`);
  // A provider opens client A's record; the front desk sees A and B in a list.
  await record({ kind: 'operator', id: staff.provider!, role: 'provider' }, [{ action: 'read', recordType: 'client', recordId: CLIENT_A, clientIds: [CLIENT_A] }]);
  await record({ kind: 'operator', id: staff.frontdesk!, role: 'front_desk' }, [{ action: 'read', recordType: 'client_list', clientIds: [CLIENT_A, CLIENT_B] }]);
});
afterAll(() => app?.close());

describe('the audit screen', () => {
  it('shows the sign-ins just made, with names, roles and plain words, and audits its own reading', async () => {
    const { status, html, requestId } = await page(owner, '/audit');
    expect(status).toBe(200);
    expect(html).toContain('Maya Okafor');
    expect(html).toContain('Daniel Reyes');
    expect(html).toContain('signed in');
    expect(html).toContain('set up two-step sign-in');
    expect(html).toContain('Safari on iPad');
    expect(html).toContain('Pacific Time');
    expect(html).toContain('Tamper seal');
    expect(html).toContain(`href="/audit/clients/${CLIENT_A}"`);
    const audited = await auditRowsOf(requestId);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ action: 'read', record_type: 'audit_log', outcome: 'success' });
    expect(audited[0]!.client_ids.sort()).toEqual([CLIENT_A, CLIENT_B].sort());
  });

  it('filters by person, action, client and outcome', async () => {
    const byProvider = await page(owner, `/audit?person=${staff.provider}`);
    expect(byProvider.status).toBe(200);
    expect(entries(byProvider.html)).toHaveLength(1);
    expect(byProvider.html).toContain('Priya Shah, NP');

    const stranger = new TestBrowser(app.http, GLOW);
    await stranger.get('/login');
    await stranger.post('/login', { email: 'nobody@glow.example', password: 'not-the-password' });
    const failures = await page(owner, '/audit?action=login_failed');
    expect(entries(failures.html).length).toBeGreaterThanOrEqual(1);
    expect(entries(failures.html).every((row) => row.includes('failed sign-in') && row.includes('Unknown — failed sign-in'))).toBe(true);
    const failed = await page(owner, '/audit?outcome=failed');
    expect(entries(failed.html).every((row) => row.includes('Failed'))).toBe(true);

    const forA = await page(owner, `/audit?client=${CLIENT_A.toUpperCase()}`);
    const rowsForA = entries(forA.html);
    expect(rowsForA.length).toBeGreaterThanOrEqual(2);
    expect(rowsForA.every((row) => row.includes(`/audit/clients/${CLIENT_A}`))).toBe(true);
    expect(forA.html).toContain('Client list');

    const none = await page(owner, `/audit?client=${CLIENT_NOBODY_SAW}`);
    expect(none.status).toBe(200);
    expect(entries(none.html)).toHaveLength(0);
    expect(none.html).toContain('No entries match');
  });

  it('filters by local dates in the spa’s timezone, both ends inclusive', async () => {
    const today = localDate(new Date(), TZ);
    const yesterday = localDate(new Date(Date.now() - 86_400_000), TZ);
    const recent = await page(owner, `/audit?from=${yesterday}&to=${nextDay(today)}`);
    expect(entries(recent.html).length).toBeGreaterThan(0);
    const later = await page(owner, `/audit?from=${nextDay(nextDay(today))}`);
    expect(entries(later.html)).toHaveLength(0);

    // Two rows a minute apart around midnight in Los Angeles on a DST day (08:00 UTC is 00:00 PST).
    for (const [at, id] of [
      ['2025-03-09T07:59:30Z', 'edge-before'],
      ['2025-03-09T08:00:30Z', 'edge-after'],
      ['2025-03-10T06:59:30Z', 'edge-last'], // 23:59:30 PDT on the 9th
    ] as const) {
      await app.deps.db.ownerQuery(
        `INSERT INTO audit_events (tenant_id, occurred_at, actor_kind, actor_id, action, record_type, record_id, surface, outcome)
         VALUES ($1, $2, 'system', $3, 'read', 'client', $4, 'job', 'success')`,
        [app.spas.glow, at, '00000000-0000-0000-0000-000000000000', id],
      );
    }
    const day = await page(owner, '/audit?from=2025-03-09&to=2025-03-09');
    expect(day.html).toContain('edge-after');
    expect(day.html).toContain('edge-last');
    expect(day.html).not.toContain('edge-before');
    expect(entries(day.html)).toHaveLength(2);
  });

  it.each([
    ['a person who is not a uuid', 'person=maya', 'Choose a person from the list.'],
    ['a uuid that is not on the staff', `person=${randomUUID()}`, 'not on this spa’s staff list'],
    ['a client name instead of an id', 'client=Jane%20Doe', 'Enter a client id like'],
    ['an unknown action', 'action=teleport', 'Choose an action from the list.'],
    ['SQL in the action', 'action=read%27%3B%20DROP%20TABLE%20audit_events%3B--', 'Choose an action from the list.'],
    ['an impossible date', 'from=2026-02-30', 'Enter the start date as a date'],
    ['dates the wrong way round', 'from=2026-11-20&to=2026-11-01', 'The end date is before the start date.'],
    ['an unknown outcome', 'outcome=maybe', 'Choose an outcome from the list.'],
    ['a forged page link', 'older=yesterday_1', 'That page link is no longer valid'],
  ])('answers %s with a message above the table, keeps the filters and runs no query', async (_name, qs, message) => {
    const kept = qs.startsWith('outcome') ? `person=${staff.bookkeeper}` : 'outcome=denied';
    const { status, html, requestId } = await page(owner, `/audit?${qs}&${kept}`);
    expect(status).toBe(400);
    expect(html).toContain(message);
    expect(html).toContain('Nothing was searched');
    expect(entries(html)).toHaveLength(0);
    expect(html).not.toContain('Download CSV');
    // What was typed stays in the form (text and date fields, and the unknown action), as does the other filter.
    const [field, value] = qs.split('&')[0]!.split('=') as [string, string];
    if (['client', 'action', 'from'].includes(field)) expect(html).toContain(`value="${decodeURIComponent(value).replaceAll("'", '&#39;')}"`);
    expect(html).toContain(qs.startsWith('outcome') ? `<option value="${staff.bookkeeper}" selected="">` : '<option value="denied" selected="">');
    expect(await auditRowsOf(requestId)).toEqual([]);
  });

  it('pages by keyset, 50 at a time: every row exactly once going older, and again going newer', async () => {
    const actor: Actor = { kind: 'operator', id: staff.marketing!, role: 'marketing' };
    for (let tx = 0; tx < 40; tx++) {
      // Three rows per transaction share one occurred_at: the id breaks the tie.
      await record(actor, [0, 1, 2].map((i) => ({ action: 'read', recordType: 'client', recordId: `k-${String(tx * 3 + i).padStart(3, '0')}` })));
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let next: string | null = `/audit?person=${staff.marketing}&action=read`;
    let last = '';
    while (next) {
      const { html, status } = await page(owner, next);
      expect(status).toBe(200);
      const ids = [...html.matchAll(/>(k-\d{3})</g)].map((m) => m[1]!);
      sizes.push(ids.length);
      seen.push(...ids);
      last = html;
      next = link(html, 'next');
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...seen].sort().reverse()); // newest first, across pages

    const back: number[] = [];
    let prev = link(last, 'prev');
    const again: string[] = [];
    while (prev) {
      const { html } = await page(owner, prev);
      const ids = [...html.matchAll(/>(k-\d{3})</g)].map((m) => m[1]!);
      back.push(ids.length);
      again.unshift(...ids);
      prev = link(html, 'prev');
    }
    expect(back).toEqual([50, 50]);
    expect(again).toEqual(seen.slice(0, 100));
  });
});

describe('the per-client access report', () => {
  it('lists who saw the client, including list appearances, grouped by day, without naming other clients', async () => {
    const { status, html, requestId } = await page(owner, `/audit/clients/${CLIENT_A}`);
    expect(status).toBe(200);
    expect(html).toContain(`Client record: <code class="audit-client-id">${CLIENT_A}</code>`);
    expect(html).toContain('Priya Shah, NP');
    expect(html).toContain('Jordan Lee');
    expect(html).toContain('Appeared in a list');
    expect(html).toContain('with 1 other client');
    expect(html).toContain('scope="rowgroup"');
    expect(html).not.toContain(CLIENT_B);
    expect(html).not.toContain(CLIENT_B.slice(0, 8));
    expect(await auditRowsOf(requestId)).toEqual([{ action: 'read', record_type: 'audit_log', record_id: CLIENT_A, client_ids: [CLIENT_A], outcome: 'success' }]);
  });

  it('finds the same rows once the client index’s pending entries are merged into it (the audit.seal job, every minute)', async () => {
    const before = entries((await page(owner, `/audit/clients/${CLIENT_A}`)).html);
    await flushClientIndex(app.deps.db);
    expect(await flushClientIndex(app.deps.db)).toBe(0);
    const after = await page(owner, `/audit/clients/${CLIENT_A}`);
    // One row more: the first report's own read of the client.
    expect(entries(after.html)).toHaveLength(before.length + 1);
    expect(after.html).toContain('Priya Shah, NP');
    expect(after.html).toContain('Appeared in a list');
  });

  it('says so when nobody saw the client, and answers 404 for an id that is not a uuid', async () => {
    const empty = await page(owner, `/audit/clients/${randomUUID()}`);
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('No recorded access');
    expect((await page(owner, '/audit/clients/not-a-client')).status).toBe(404);
    expect((await page(owner, `/audit/clients/${CLIENT_A}x`)).status).toBe(404);
  });
});

describe('the CSV export', () => {
  it('downloads the filtered rows with the right header, quoting and formula guard, and audits the export', async () => {
    const marked = await page(owner, '/audit?action=login', { 'user-agent': FORMULA_UA });
    expect(marked.status).toBe(200);
    const today = localDate(new Date(), TZ);
    const from = localDate(new Date(Date.now() - 86_400_000), TZ);
    const response = await owner.get(`/audit/export.csv?from=${from}&to=${today}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="audit-trail-glow-${from}-to-${today}.csv"`);
    const csv = (await response.text()).replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines[0]).toBe('occurred_at,actor_kind,actor_id,actor_name,role,action,record_type,record_id,client_ids,ip,user_agent,surface,outcome,request_id');
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example/"",""Open, please"")",`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z,operator,[0-9a-f-]{36},Maya Okafor,owner,login,session,/m);
    expect(csv).toContain(`${CLIENT_A} ${CLIENT_B}`);
    const exported = (await auditRowsOf(response.headers.get('x-request-id')!))[0]!;
    expect(exported).toMatchObject({ action: 'export', record_type: 'audit_log', outcome: 'success' });
    expect(exported.client_ids).toEqual(expect.arrayContaining([CLIENT_A, CLIENT_B]));
  });

  it('exports one client’s rows, and refuses bad filters with the audit screen and a message', async () => {
    const csv = await (await owner.get(`/audit/export.csv?client=${CLIENT_A}`)).text();
    const rows = csv.split('\r\n').slice(1).filter(Boolean);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.includes(CLIENT_A))).toBe(true);

    const bad = await owner.get('/audit/export.csv?client=Jane%20Doe');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('text/html');
    expect(await bad.text()).toContain('Enter a client id like');
    expect(await auditRowsOf(bad.headers.get('x-request-id')!)).toEqual([]);
  });
});

describe('who may read the trail', () => {
  it.each(['frontdesk', 'provider', 'bookkeeper', 'marketing'])('%s gets 403 on every audit route', async (role) => {
    const browser = await signIn(app, `${role}@glow.example`);
    for (const path of ['/audit', `/audit/clients/${CLIENT_A}`, '/audit/export.csv', `/audit/export.csv?client=${CLIENT_A}`]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain(CLIENT_A);
    }
  });

  it('sends a signed-out visitor to sign in', async () => {
    const response = await new TestBrowser(app.http, GLOW).get('/audit');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login');
  });
});

describe('one spa never sees another’s trail', () => {
  it('shows lumen’s owner none of glow’s rows, clients or staff', async () => {
    const lumen = await signIn(app, 'owner@lumen.example', LUMEN);
    const trail = await page(lumen, '/audit');
    expect(trail.status).toBe(200);
    expect(trail.html).toContain('Maya Okafor'); // lumen's own owner signing in
    for (const glowValue of [CLIENT_A, CLIENT_B, 'k-119', 'Safari on iPad', staff.provider!]) expect(trail.html).not.toContain(glowValue);

    const report = await page(lumen, `/audit/clients/${CLIENT_A}`);
    expect(report.status).toBe(200);
    expect(report.html).toContain('No recorded access');
    expect(report.html).not.toContain('Priya Shah');

    const filtered = await page(lumen, `/audit?person=${staff.provider}`);
    expect(filtered.status).toBe(400);
    expect(filtered.html).toContain('not on this spa’s staff list');

    // Lumen's own rows may name CLIENT_A now (its owner asked for that report); none of glow's are there.
    const csv = await (await lumen.get('/audit/export.csv')).text();
    for (const glowValue of [CLIENT_B, IPAD.slice(0, 40), staff.provider!, staff.marketing!, 'k-0', 'client_list']) expect(csv).not.toContain(glowValue);
  });
});

describe('the seal status line', () => {
  it('names the latest seal once the sealer has run', async () => {
    const deadline = Date.now() + 10_000;
    let sealed = 0;
    while (sealed === 0 && Date.now() < deadline) {
      sealed += (await sealSpa(app.deps.db, app.deps.config.auditKey, app.spas.glow)).seals;
      if (!sealed) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { html } = await page(owner, '/audit');
    expect(html).toMatch(/last sealed <time[^>]*>[^<]+<\/time> \(seal no\. \d+\)/);
  });
});
