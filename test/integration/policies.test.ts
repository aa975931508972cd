import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { addStaffFixture, consoleAudit, countRows, signInStaff } from './console-support.ts';

// LIFE-6 (issue 8, "Policies"): Lumè publishes a new version of a policy; a material change is
// emailed to each spa's admin contact and shown to every operator until they acknowledge it.
let app: TestApp;
let admin: TestBrowser;

const MATERIAL = { kind: 'privacy', version: '2026-12', effective_on: '2026-12-31', material: 'yes', summary: 'We now keep sign-in logs for 7 years instead of 6.' };

beforeAll(async () => {
  app = await startTestApp();
  admin = await signInStaff(app);
});
afterAll(() => app?.close());

async function outboxTo(recipient: string) {
  return (await listOutbox(app.deps.db, 200)).filter((m) => m.recipient === recipient);
}

describe('publishing a policy version from the console', () => {
  it('refuses support staff, who may not publish', async () => {
    await addStaffFixture(app, 'support@lume.example', 'support', 'Sasha Support');
    const support = await signInStaff(app, 'support@lume.example');
    expect((await support.get('/policies')).status).toBe(403);
    await support.get('/');
    const refused = await support.post('/policies', MATERIAL);
    expect(refused.status).toBe(403);
    expect(await countRows(app, 'policies')).toBe(0);
  });

  it('explains each mistake in words and keeps what was typed', async () => {
    const page = await admin.get('/policies');
    expect(page.status).toBe(200);
    const response = await admin.post('/policies', { kind: 'cookies', version: 'v 1!', effective_on: '2026-02-30', material: '', summary: 'Keep this text' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Choose which policy changes.');
    expect(html).toContain('Use up to 20 letters, digits, dots, hyphens or underscores');
    expect(html).toContain('Enter the date as YYYY-MM-DD');
    expect(html).toContain('Say whether the change is material');
    expect(html).toContain('Keep this text');
    expect(html).toContain('value="v 1!"');
    expect(await countRows(app, 'policies')).toBe(0);
  });

  it('publishes a material change, emails every active spa’s admin contact and records it in the console trail', async () => {
    await admin.get('/policies');
    const published = await admin.post('/policies', MATERIAL);
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe('/policies?published=2026-12&emailed=2');

    const row = (await app.deps.db.ownerQuery<{ kind: string; version: string; material: boolean; effective: string }>(`SELECT kind, version, material, effective_on::text AS effective FROM policies`)).rows;
    expect(row).toEqual([{ kind: 'privacy', version: '2026-12', material: true, effective: '2026-12-31' }]);

    for (const [email, slug] of [['maya@glow.example', 'glow'], ['admin@lumen.example', 'lumen']] as const) {
      const mail = await outboxTo(email);
      expect(mail, email).toHaveLength(1);
      expect(mail[0]!.spaSlug).toBe(slug);
      expect(mail[0]!.subject).toContain('privacy policy');
      expect(mail[0]!.body).toContain(MATERIAL.summary);
      expect(mail[0]!.body).toContain('/privacy');
    }

    const audit = (await consoleAudit(app)).filter((e) => e.action === 'publish');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_kind: 'staff', target_kind: 'policy', outcome: 'success' });
    expect(audit[0]!.detail).toContain('material; 2 spas emailed');

    const page = await (await admin.get('/policies?published=2026-12&emailed=2')).text();
    expect(page).toContain('2026-12');
    expect(page).toContain(MATERIAL.summary);
  });

  it('refuses a version already published, on the form', async () => {
    await admin.get('/policies');
    const again = await admin.post('/policies', MATERIAL);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('is already published');
  });

  it('sends nothing for a change that is not material', async () => {
    const before = (await listOutbox(app.deps.db, 200)).length;
    await admin.get('/policies');
    const published = await admin.post('/policies', { kind: 'terms', version: '2026-12', effective_on: '2026-12-01', material: 'no', summary: 'Fixed a typo.' });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe('/policies?published=2026-12');
    expect((await listOutbox(app.deps.db, 200)).length).toBe(before);
  });

  it('lets compliance staff publish too', async () => {
    await addStaffFixture(app, 'compliance@lume.example', 'compliance', 'Casey Compliance');
    const compliance = await signInStaff(app, 'compliance@lume.example');
    await compliance.get('/policies');
    const published = await compliance.post('/policies', { kind: 'baa', version: '2026-12', effective_on: '2027-01-01', material: 'no', summary: 'Clarified wording.' });
    expect(published.status).toBe(303);
  });
});

describe('the notice in the CRM', () => {
  let policyId = '';
  let owner: TestBrowser;
  let manager: TestBrowser;

  beforeAll(async () => {
    policyId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM policies WHERE kind = 'privacy' AND version = '2026-12'`)).rows[0]!.id;
    owner = await signIn(app, 'owner@glow.example');
    manager = await signIn(app, 'manager@glow.example');
  });

  it('shows every glow operator the material change (and only material ones) on every page', async () => {
    for (const browser of [owner, manager]) {
      for (const path of ['/', '/account']) {
        const html = await (await browser.get(path)).text();
        expect(html, path).toContain(MATERIAL.summary);
        expect(html).toContain(`action="/policies/${policyId}/acknowledge"`);
        expect(html).toContain('I have read this');
        expect(html).toContain('http://localhost:3000/privacy');
        expect(html).not.toContain('Fixed a typo.');
      }
    }
  });

  it('disappears for the operator who acknowledges it, and only for them', async () => {
    await owner.get('/account');
    const done = await owner.post(`/policies/${policyId}/acknowledge`, { back: '/account' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/account');
    expect(await (await owner.get('/')).text()).not.toContain(MATERIAL.summary);
    expect(await (await manager.get('/')).text()).toContain(MATERIAL.summary);

    const lumen = await signIn(app, 'owner@lumen.example', 'lumen.localhost:3000');
    expect(await (await lumen.get('/')).text()).toContain(MATERIAL.summary);

    expect(await countRows(app, 'policy_acknowledgements', 'policy_id = $1', [policyId])).toBe(1);
    const audit = (await app.deps.db.ownerQuery<{ action: string; record_type: string; record_id: string; outcome: string }>(
      `SELECT action, record_type, record_id, outcome FROM audit_events WHERE tenant_id = $1 AND action = 'policy_acknowledge'`,
      [app.spas.glow],
    )).rows;
    expect(audit).toEqual([{ action: 'policy_acknowledge', record_type: 'policy', record_id: policyId, outcome: 'success' }]);
  });

  it('acknowledging twice changes nothing', async () => {
    await owner.get('/account');
    expect((await owner.post(`/policies/${policyId}/acknowledge`, {})).status).toBe(303);
    expect(await countRows(app, 'policy_acknowledgements', 'policy_id = $1', [policyId])).toBe(1);
  });

  it('answers 404 for a policy that does not exist', async () => {
    await manager.get('/');
    expect((await manager.post('/policies/00000000-0000-4000-8000-000000000000/acknowledge', {})).status).toBe(404);
    expect((await manager.post('/policies/not-an-id/acknowledge', {})).status).toBe(404);
    expect(await (await manager.get('/')).text()).toContain(MATERIAL.summary);
    const missed = (await app.deps.db.ownerQuery<{ record_id: string | null }>(
      `SELECT record_id FROM audit_events WHERE tenant_id = $1 AND action = 'policy_acknowledge' AND outcome = 'not_found'`,
      [app.spas.glow],
    )).rows;
    expect(missed).toEqual([{ record_id: null }]); // the id asked for is never recorded: it could be another spa's
  });

  it('is not open to someone signed out', async () => {
    const stranger = new TestBrowser(app.http, 'glow.localhost:3000');
    const response = await stranger.post(`/policies/${policyId}/acknowledge`, {});
    expect([401, 403]).toContain(response.status);
  });
});
