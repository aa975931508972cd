import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { addDemoRequest, addStaffFixture, consoleAudit, countRows, signInStaff } from './console-support.ts';

// Issue 8 / MKT-5, MKT-6: demo requests worked in the console (search, status, notes) and
// prospects' rights requests (access, correction, deletion, export as JSON) with a 30-day due date.
let app: TestApp;
let compliance: TestBrowser;
let support: TestBrowser;
const ids: Record<string, string> = {};
const DAY = 86_400_000;

const day = (offsetDays: number) => new Date(app.clock.now.getTime() + offsetDays * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startTestApp();
  await addStaffFixture(app, 'carla@lume.example', 'compliance', 'Carla Compliance');
  await addStaffFixture(app, 'sol@lume.example', 'support', 'Sol Support');
  compliance = await signInStaff(app, 'carla@lume.example');
  support = await signInStaff(app, 'sol@lume.example');
  ids.elena = await addDemoRequest(app, { name: 'Elena Marsh', email: 'elena@radiance.example', spaName: 'Radiance Med Spa', phone: '+1 512 555 0101', message: 'Paper charts today.\nThree injectors.', createdAt: new Date(app.clock.now.getTime() - 3 * DAY) });
  ids.omar = await addDemoRequest(app, { name: 'Omar Haddad', email: 'omar@skinlab.example', spaName: 'SkinLab Scottsdale', createdAt: new Date(app.clock.now.getTime() - 2 * DAY) });
  ids.grace = await addDemoRequest(app, { name: 'Grace Liu', email: 'grace@lumiere.example', spaName: 'Lumière Aesthetics', createdAt: new Date(app.clock.now.getTime() - DAY) });
  ids.tomas = await addDemoRequest(app, { name: 'Tomás Rivera', email: 'tomas@glowup.example', spaName: 'GlowUp Clinic' });
});
afterAll(() => app?.close());

describe('demo requests', () => {
  it('lists every request, newest first, and records the view', async () => {
    const html = await (await support.get('/demo-requests')).text();
    const order = ['Tomás Rivera', 'Grace Liu', 'Omar Haddad', 'Elena Marsh'].map((n) => html.indexOf(n));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('4 requests');
    expect((await consoleAudit(app)).some((e) => e.action === 'read' && e.target_kind === 'demo_list')).toBe(true);
  });

  it('searches by name, email or spa name, case-insensitively, and treats search text as text', async () => {
    const find = async (q: string) => {
      const html = await (await support.get(`/demo-requests?q=${encodeURIComponent(q)}`)).text();
      return ['Elena Marsh', 'Omar Haddad', 'Grace Liu', 'Tomás Rivera'].filter((n) => html.includes(`>${n}</a>`));
    };
    expect(await find('GRACE')).toEqual(['Grace Liu']);
    expect(await find('skinlab.example')).toEqual(['Omar Haddad']);
    expect(await find('lumière')).toEqual(['Grace Liu']);
    expect(await find('%')).toEqual([]);
    expect(await find("' OR 1=1 --")).toEqual([]);
    const html = await (await support.get(`/demo-requests?q=${encodeURIComponent('<script>x</script>')}`)).text();
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('No request matches');
  });

  it('moves a request through its statuses, filters by status, and keeps "converted" in step with retention', async () => {
    await support.get(`/demo-requests/${ids.omar}`);
    for (const status of ['contacted', 'demo_scheduled', 'converted']) {
      const saved = await support.post(`/demo-requests/${ids.omar}/status`, { status });
      expect(saved.headers.get('location')).toBe(`/demo-requests/${ids.omar}?done=status`);
    }
    const converted = async () => (await app.deps.db.ownerQuery<{ converted: boolean }>(`SELECT converted FROM demo_requests WHERE id = $1`, [ids.omar])).rows[0]!.converted;
    expect(await converted()).toBe(true);
    const filtered = await (await support.get('/demo-requests?status=converted')).text();
    expect(filtered).toContain('Omar Haddad');
    expect(filtered).not.toContain('Grace Liu');
    await support.post(`/demo-requests/${ids.omar}/status`, { status: 'closed' });
    expect(await converted()).toBe(false);
    const changes = (await consoleAudit(app)).filter((e) => e.action === 'status_change' && e.target_id === ids.omar).map((e) => e.detail);
    expect(changes).toEqual(['new → contacted', 'contacted → demo_scheduled', 'demo_scheduled → converted', 'converted → closed']);
  });

  it('adds notes, newest first, kept as typed (escaped), and refuses an empty or over-long note with the text kept', async () => {
    await support.get(`/demo-requests/${ids.elena}`);
    expect((await support.post(`/demo-requests/${ids.elena}/notes`, { body: 'Called; <b>keen</b> on the consent forms.' })).status).toBe(303);
    app.clock.now = new Date(app.clock.now.getTime() + 60_000);
    expect((await support.post(`/demo-requests/${ids.elena}/notes`, { body: 'Demo booked for Thursday.' })).status).toBe(303);
    const html = await (await support.get(`/demo-requests/${ids.elena}`)).text();
    expect(html.indexOf('Demo booked for Thursday.')).toBeLessThan(html.indexOf('Called; &lt;b&gt;keen&lt;/b&gt;'));
    expect(html).toContain('Sol Support');

    const before = await countRows(app, 'demo_request_notes');
    const empty = await support.post(`/demo-requests/${ids.elena}/notes`, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write the note first.');
    const long = 'x'.repeat(2001);
    const tooLong = await support.post(`/demo-requests/${ids.elena}/notes`, { body: long });
    expect(tooLong.status).toBe(400);
    const tooLongHtml = await tooLong.text();
    expect(tooLongHtml).toContain('Keep a note under 2,000 characters.');
    expect(tooLongHtml).toContain(long);
    const badStatus = await support.post(`/demo-requests/${ids.elena}/status`, { status: 'won' });
    expect(badStatus.status).toBe(400);
    expect(await countRows(app, 'demo_request_notes')).toBe(before);
    expect((await consoleAudit(app)).filter((e) => e.action === 'note' && e.target_id === ids.elena)).toHaveLength(2);
  });

  it('does not show support the rights-request tools', async () => {
    const html = await (await support.get(`/demo-requests/${ids.elena}`)).text();
    expect(html).not.toContain('New rights request');
    expect((await support.post(`/demo-requests/${ids.elena}/rights`, { kind: 'access', received_on: day(0) })).status).toBe(403);
  });
});

describe('prospects’ rights requests', () => {
  it('refuses a request with bad input, keeping what was typed and opening nothing', async () => {
    await compliance.get(`/demo-requests/${ids.grace}`);
    for (const [form, message] of [
      [{ kind: '', received_on: day(0), details: 'by email' }, 'Choose what the prospect asked for.'],
      [{ kind: 'access', received_on: day(2), details: 'by email' }, 'cannot have been received in the future'],
      [{ kind: 'access', received_on: '2026-02-30', details: 'by email' }, 'That is not a real date.'],
      [{ kind: 'access', received_on: day(-400), details: 'by email' }, 'more than a year ago'],
      [{ kind: 'access', received_on: 'yesterday', details: 'by email' }, 'Enter the day the request was received.'],
    ] as const) {
      const response = await compliance.post(`/demo-requests/${ids.grace}/rights`, form);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).toContain('>by email</textarea>');
    }
    expect(await countRows(app, 'prospect_rights_requests')).toBe(0);
  });

  it('opens an access request due 30 days after receipt, exports the submission as JSON, and fulfils it', async () => {
    await compliance.get(`/demo-requests/${ids.elena}`);
    const opened = await compliance.post(`/demo-requests/${ids.elena}/rights`, { kind: 'access', received_on: day(-2), details: 'Email from the prospect; replied to confirm.' });
    const location = opened.headers.get('location')!;
    expect(location).toMatch(/^\/rights\/[0-9a-f-]{36}\?done=opened$/);
    const id = location.slice(8, 44);
    const row = (await app.deps.db.ownerQuery<{ received: string; due: string }>(`SELECT received_on::text AS received, due_on::text AS due FROM prospect_rights_requests WHERE id = $1`, [id])).rows[0]!;
    expect(row).toEqual({ received: day(-2), due: day(28) });
    expect(await (await compliance.get(location)).text()).toContain('28 days left');

    const file = await compliance.get(`/rights/${id}/export`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/json');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="lume-demo-request-[0-9a-f]{8}\.json"$/);
    const json = JSON.parse(await file.text());
    expect(json.submission).toMatchObject({ name: 'Elena Marsh', workEmail: 'elena@radiance.example', phone: '+1 512 555 0101', spaName: 'Radiance Med Spa', message: 'Paper charts today.\nThree injectors.' });
    expect(json.notesByLume.map((n: { text: string }) => n.text)).toEqual(['Called; <b>keen</b> on the consent forms.', 'Demo booked for Thursday.']);
    expect(JSON.stringify(json)).not.toMatch(/Sol Support|sol@lume/);

    await compliance.get(location);
    const empty = await compliance.post(`/rights/${id}/fulfil`, { resolution: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Say what you did and how you told the prospect.');
    const done = await compliance.post(`/rights/${id}/fulfil`, { resolution: 'Emailed the JSON from the demo inbox.' });
    expect(done.headers.get('location')).toBe(`/rights/${id}?done=fulfilled`);
    const twice = await compliance.post(`/rights/${id}/fulfil`, { resolution: 'Again.' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('already fulfilled');

    const trail = (await consoleAudit(app)).filter((e) => e.target_id === id || (e.action === 'export' && e.target_id === ids.elena));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['open', 'read', 'export', 'fulfil']));
  });

  it('highlights an overdue request on the list and the demo requests page', async () => {
    await compliance.get(`/demo-requests/${ids.tomas}`);
    const opened = await compliance.post(`/demo-requests/${ids.tomas}/rights`, { kind: 'export', received_on: day(-35), details: '' });
    const id = opened.headers.get('location')!.slice(8, 44);
    const list = await (await compliance.get('/rights')).text();
    expect(list).toContain('1 request overdue');
    expect(list).toMatch(new RegExp(`<tr class="is-overdue">[\\s\\S]*?/rights/${id}`));
    expect(list).toContain('Overdue by 5 days');
    expect(await (await compliance.get('/demo-requests')).text()).toContain('Overdue rights requests');
    await compliance.get(`/rights/${id}`);
    const declined = await compliance.post(`/rights/${id}/decline`, { reason: '' });
    expect(declined.status).toBe(400);
    expect(await declined.text()).toContain('Say why the request is declined');
    expect((await compliance.post(`/rights/${id}/decline`, { reason: 'Could not confirm the request came from the prospect.' })).status).toBe(303);
    expect(await (await compliance.get('/rights?show=closed')).text()).toContain('Declined');
  });

  it('corrects a submission: the fields change, only their names are recorded, bad input changes nothing', async () => {
    await compliance.get(`/demo-requests/${ids.grace}`);
    const opened = await compliance.post(`/demo-requests/${ids.grace}/rights`, { kind: 'correction', received_on: day(0), details: 'Asked by phone to fix the email.' });
    const id = opened.headers.get('location')!.slice(8, 44);
    await compliance.get(`/rights/${id}`);
    const bad = await compliance.post(`/rights/${id}/correct`, { name: 'Grace Liu', email: 'grace@', phone: '12', spa_name: 'Lumière Aesthetics', resolution: 'Fixed.' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Enter a full email address');
    expect(badHtml).toContain('Enter a phone number with 7 to 15 digits');
    expect(badHtml).toContain('value="grace@"');
    expect((await app.deps.db.ownerQuery<{ email: string }>(`SELECT email::text FROM demo_requests WHERE id = $1`, [ids.grace])).rows[0]!.email).toBe('grace@lumiere.example');

    // Fulfilling a correction without correcting is refused.
    expect((await compliance.post(`/rights/${id}/fulfil`, { resolution: 'Done.' })).status).toBe(409);

    const fixed = await compliance.post(`/rights/${id}/correct`, { name: 'Grace Liu', email: 'grace.liu@lumiere.example', phone: '', spa_name: 'Lumière Aesthetics', resolution: 'Changed the email and told her by phone.' });
    expect(fixed.headers.get('location')).toBe(`/rights/${id}?done=fulfilled`);
    expect((await app.deps.db.ownerQuery<{ email: string }>(`SELECT email::text FROM demo_requests WHERE id = $1`, [ids.grace])).rows[0]!.email).toBe('grace.liu@lumiere.example');
    const update = (await consoleAudit(app)).find((e) => e.action === 'update' && e.target_id === ids.grace)!;
    expect(update.detail).toBe('corrected: email');
    expect(JSON.stringify(await consoleAudit(app))).not.toContain('grace.liu@');
  });

  it('deletes a submission on request: its notes and handling go with it, the record of the request stays', async () => {
    await compliance.get(`/demo-requests/${ids.elena}`);
    const opened = await compliance.post(`/demo-requests/${ids.elena}/rights`, { kind: 'deletion', received_on: day(-1), details: 'Asked by email.' });
    const id = opened.headers.get('location')!.slice(8, 44);
    await compliance.get(`/rights/${id}`);
    const deleted = await compliance.post(`/rights/${id}/fulfil`, { resolution: 'Deleted and confirmed by email.' });
    expect(deleted.headers.get('location')).toBe(`/rights/${id}?done=fulfilled`);
    expect(await countRows(app, 'demo_requests', 'id = $1', [ids.elena])).toBe(0);
    expect(await countRows(app, 'demo_request_notes', 'demo_request_id = $1', [ids.elena])).toBe(0);
    expect(await countRows(app, 'prospect_rights_requests', 'demo_request_id = $1', [ids.elena])).toBe(2);
    const page = await (await compliance.get(`/rights/${id}`)).text();
    expect(page).toContain('The submission no longer exists');
    expect(page).not.toContain('Elena');
    expect((await compliance.get(`/demo-requests/${ids.elena}`)).status).toBe(404);
    expect((await consoleAudit(app)).some((e) => e.action === 'delete' && e.target_kind === 'demo_request' && e.target_id === ids.elena)).toBe(true);
    expect(await (await compliance.get('/rights?show=closed')).text()).toContain('Submission deleted');
  });
});
