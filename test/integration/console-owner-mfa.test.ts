import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { addStaffFixture, ADMIN_EMAIL, consoleAudit, countRows, signInStaff } from './console-support.ts';

// SPEC §6a, issue 8: an owner who lost both the authenticator and the recovery codes is reset by
// Lumè staff in the console after identity verification, audited on both sides, and notified to
// the spa's admin contact (and the owner).
let app: TestApp;
let admin: TestBrowser;
let adminId = '';
const GLOW_HOST = `glow.${APEX}`;
const NOTE = 'Video call, photo ID matched, callback to number on file.';

async function operatorId(email: string, tenantId: string): Promise<string> {
  return (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM operators WHERE email = $1 AND tenant_id = $2`, [email, tenantId])).rows[0]!.id;
}

/** What a reset would change, for "nothing changed" checks. */
async function mfaState(id: string) {
  const op = (await app.deps.db.ownerQuery<{ secret: boolean; enrolled: boolean; step: boolean }>(
    `SELECT totp_secret IS NOT NULL AS secret, totp_enrolled_at IS NOT NULL AS enrolled, totp_last_step IS NOT NULL AS step FROM operators WHERE id = $1`,
    [id],
  )).rows[0]!;
  return {
    ...op,
    codes: await countRows(app, 'recovery_codes', 'operator_id = $1', [id]),
    sessions: await countRows(app, 'sessions', 'operator_id = $1', [id]),
    spaAudit: await countRows(app, 'audit_events', `action = 'mfa_reset'`),
    mails: (await listOutbox(app.deps.db, 1000)).length,
  };
}

const page = (id = app.spas.glow) => `/spas/${id}`;
const action = (id = app.spas.glow) => `/spas/${id}/reset-owner-mfa`;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signInStaff(app);
  adminId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM console_staff WHERE email = $1`, [ADMIN_EMAIL])).rows[0]!.id;
});
afterAll(() => app?.close());

describe('resetting an owner’s two-step verification from the console', () => {
  let owner = '';
  let ownerBrowser: TestBrowser;

  beforeAll(async () => {
    ownerBrowser = await signIn(app, 'owner@glow.example');
    await signIn(app, 'manager@glow.example');
    owner = await operatorId('owner@glow.example', app.spas.glow);
  });

  it('shows admins the form with the spa’s active owners', async () => {
    const html = await (await admin.get(page())).text();
    expect(html).toContain('Reset an owner’s two-step verification');
    expect(html).toContain(`<option value="${owner}"`);
    expect(html).toContain('Maya Okafor (owner@glow.example)');
    expect(html).not.toContain('manager@glow.example');
  });

  it('answers a support-role staff member 403, and shows them no form', async () => {
    await addStaffFixture(app, 'support.mfa@lume.example', 'support');
    const support = await signInStaff(app, 'support.mfa@lume.example');
    const html = await (await support.get(page())).text();
    expect(html).not.toContain('reset-owner-mfa');
    const before = await mfaState(owner);
    const refused = await support.post(action(), { operator_id: owner, verification_note: NOTE, identity_confirmed: 'yes' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('does not allow this');
    expect(await mfaState(owner)).toEqual(before);
  });

  const bad: [string, Record<string, string>, string, string][] = [
    ['a missing note', { verification_note: '' }, 'verification_note', 'Write down how you verified the owner’s identity.'],
    ['a short note', { verification_note: 'ID checked' }, 'verification_note', 'at least 20 characters'],
    ['a note too long', { verification_note: 'x'.repeat(501) }, 'verification_note', '500 characters or fewer'],
    ['no confirmation', { identity_confirmed: '' }, 'identity_confirmed', 'Confirm that you verified the owner’s identity'],
    ['no owner chosen', { operator_id: '' }, 'operator_id', 'Choose the owner whose two-step verification to reset.'],
  ];

  it.each(bad)('answers %s with a message on the field, keeps the input, and changes nothing', async (_name, change, field, message) => {
    const before = await mfaState(owner);
    await admin.get(page());
    const form = { operator_id: owner, verification_note: NOTE, identity_confirmed: 'yes', ...change };
    const response = await admin.post(action(), form);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toContain(`id="field-${field}-error"`);
    if (form.verification_note && form.verification_note.length <= 500) expect(html).toContain(`>${form.verification_note}</textarea>`);
    if (form.operator_id) expect(html).toMatch(new RegExp(`value="${owner}"[^>]*selected`));
    expect(await mfaState(owner)).toEqual(before);
  });

  it('refuses someone who is not an owner of the spa, or another spa’s owner, and changes nothing', async () => {
    const manager = await operatorId('manager@glow.example', app.spas.glow);
    const otherOwner = await operatorId('owner@lumen.example', app.spas.other);
    for (const [target, id] of [['manager', manager], ['lumen owner', otherOwner]] as const) {
      const before = await mfaState(id);
      await admin.get(page());
      const response = await admin.post(action(), { operator_id: id, verification_note: NOTE, identity_confirmed: 'yes' });
      expect(response.status, target).toBe(409);
      const html = await response.text();
      expect(html).toContain('not an active owner of this spa. Nothing was changed');
      expect(html).toContain(`>${NOTE}</textarea>`);
      expect(await mfaState(id), target).toEqual(before);
    }
    expect(await mfaState(manager)).toMatchObject({ secret: true, enrolled: true });
    const failed = (await consoleAudit(app)).filter((e) => e.action === 'mfa_reset' && e.outcome === 'failed');
    expect(failed).toHaveLength(2);
  });

  it('resets the owner: signed out, codes gone, next sign-in enrols; emails and both trails', async () => {
    const before = await mfaState(owner);
    expect(before).toMatchObject({ secret: true, enrolled: true, step: true });
    expect(before.codes).toBeGreaterThan(0);
    expect(before.sessions).toBeGreaterThan(0);

    await admin.get(page());
    const done = await admin.post(action(), { operator_id: owner, verification_note: `  ${NOTE}  `, identity_confirmed: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${page()}?done=mfa_reset`);
    expect(await (await admin.get(`${page()}?done=mfa_reset`)).text()).toContain('two-step verification was reset');

    expect(await mfaState(owner)).toMatchObject({ secret: false, enrolled: false, step: false, codes: 0, sessions: 0 });
    expect((await ownerBrowser.get('/')).status).not.toBe(200);

    const visitor = new TestBrowser(app.http, GLOW_HOST);
    app.clock.now = new Date(app.clock.now.getTime() + 30_000);
    await visitor.get('/login');
    const signedIn = await visitor.post('/login', { email: 'owner@glow.example', password: DEMO_PASSWORD });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/login/enrol');

    const mails = (await listOutbox(app.deps.db, 20)).filter((m) => /Two-step verification was reset/.test(m.subject ?? ''));
    expect(mails.map((m) => m.recipient).sort()).toEqual(['maya@glow.example', 'owner@glow.example']);
    for (const mail of mails) {
      expect(mail.channel).toBe('phi_email');
      expect(mail.spaSlug).toBe('glow');
      expect(mail.body).toContain('Lumè support reset');
      expect(mail.body).toMatch(/\d{4}-\d{2}-\d{2} at \d{2}:\d{2} UTC/);
      expect(mail.body).toContain('new authenticator');
      expect(mail.body).not.toContain(NOTE);
    }

    const spaTrail = (await app.deps.db.ownerQuery<Record<string, unknown>>(
      `SELECT actor_kind, actor_id::text, action, record_type, record_id, surface, outcome FROM audit_events WHERE tenant_id = $1 AND action = 'mfa_reset'`,
      [app.spas.glow],
    )).rows;
    expect(spaTrail).toEqual([{ actor_kind: 'staff', actor_id: adminId, action: 'mfa_reset', record_type: 'operator', record_id: owner, surface: 'console', outcome: 'success' }]);
    const leaked = await app.deps.db.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events a WHERE a::text LIKE '%photo ID%'`);
    expect(leaked.rows[0]!.n).toBe(0);

    const lume = (await app.deps.db.ownerQuery<Record<string, unknown>>(
      `SELECT actor_kind, staff_id::text, action, target_kind, target_id, detail, outcome, verification_note FROM console_audit_events WHERE action = 'mfa_reset' AND outcome = 'success'`,
    )).rows;
    expect(lume).toEqual([
      { actor_kind: 'staff', staff_id: adminId, action: 'mfa_reset', target_kind: 'spa', target_id: app.spas.glow, detail: `owner ${owner}`, outcome: 'success', verification_note: NOTE },
    ]);
    expect(await (await admin.get(page())).text()).toContain('Reset an owner’s two-step verification</span>');
  });

  it('is reachable by lume_console alone, and the database itself refuses a non-admin or a short note', async () => {
    const call = `SELECT * FROM console_reset_owner_mfa('${app.spas.glow}', '${owner}', '${adminId}', 'x', '${NOTE}')`;
    await expect(app.deps.db.transaction('app', {}, (c) => c.query(call))).rejects.toMatchObject({ code: '42501' });
    const supportId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM console_staff WHERE email = 'support.mfa@lume.example'`)).rows[0]!.id;
    await expect(app.deps.db.transaction('console', {}, (c) => c.query(call.replace(adminId, supportId)))).rejects.toMatchObject({ code: '42501' });
    await expect(app.deps.db.transaction('console', {}, (c) => c.query(call.replace(NOTE, 'too short')))).rejects.toMatchObject({ code: '22023' });
  });
});
