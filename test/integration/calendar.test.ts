import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';

// CRM-4 and issue 5, the calendar: day and week views by provider and by room in the location's
// zone, every client shown audited (§6a), and booking from the calendar's form.
let app: TestApp;
const ids: Record<string, string> = {};
const browsers = new Map<string, TestBrowser>();

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

/** An appointment written directly (as the owner), one service with a provider and a room. */
async function appointment(client: string, provider: string, room: string, startsAt: string, minutes: number, status = 'booked'): Promise<string> {
  const t = app.spas.glow;
  const ends = new Date(Date.parse(startsAt) + minutes * 60_000).toISOString();
  const id = await one(
    `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at, status, cancel_reason)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 = 'cancelled' THEN 'Client called' END) RETURNING id`,
    [t, client, ids.location, startsAt, ends, status],
  );
  await app.deps.db.ownerQuery(
    `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
     VALUES ($1, $2, 0, $3, $4, $5, $6, $7, 0)`,
    [t, id, ids.facial, provider, startsAt, ends, JSON.stringify({ Room: room })],
  );
  return id;
}

/** The calendar's columns: label → the HTML inside it. */
function columns(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<section class="cal-col[^"]*" aria-label="([^"]+)">([\s\S]*?)<\/section>/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** The grid row a client's card starts on in a column's HTML. */
function rowOf(column: string | undefined, client: string): number | null {
  const card = column?.split('<article').find((part) => part.includes(`>${client}<`));
  const m = card && /cal-at-(\d+)/.exec(card);
  return m ? Number(m[1]) : null;
}

const audited = async (requestCount: number) =>
  (
    await app.deps.db.ownerQuery<{ client_ids: string[] }>(
      `SELECT client_ids FROM audit_events WHERE tenant_id = $1 AND record_type = 'calendar' ORDER BY occurred_at DESC, id DESC LIMIT $2`,
      [app.spas.glow, requestCount],
    )
  ).rows;

beforeAll(async () => {
  app = await startTestApp();
  const t = app.spas.glow;
  ids.location = await one(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Santa Monica'`, [t]);
  ids.roomA = await one(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Treatment Room 1'`, [t]);
  ids.roomB = await one(`SELECT id FROM resources WHERE tenant_id = $1 AND name = 'Treatment Room 2'`, [t]);
  ids.nurse = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [t]);
  ids.manager = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'manager@glow.example'`, [t]);
  ids.otherLocation = await one(`SELECT id FROM locations WHERE tenant_id = $1`, [app.spas.other]);
  for (const op of [ids.nurse, ids.manager]) {
    for (const weekday of [1, 2, 3, 4, 5, 6]) {
      await app.deps.db.ownerQuery(`INSERT INTO staff_hours (tenant_id, operator_id, location_id, weekday, starts, ends) VALUES ($1, $2, $3, $4, '10:00', '16:00')`, [t, op, ids.location, weekday]);
    }
  }
  ids.toxin = await one(`INSERT INTO services (tenant_id, name, price_cents, required_credentials) VALUES ($1, 'Neurotoxin', 45000, '{RN,NP,MD}') RETURNING id`, [t]);
  ids.facial = await one(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'Signature facial', 15000) RETURNING id`, [t]);
  for (const service of [ids.toxin, ids.facial]) {
    await app.deps.db.ownerQuery(`INSERT INTO service_requirements (tenant_id, service_id, label, resource_ids) VALUES ($1, $2, 'Room', ARRAY[$3::uuid, $4::uuid])`, [t, service, ids.roomA, ids.roomB]);
  }
  await app.deps.db.ownerQuery(`INSERT INTO service_phases (tenant_id, service_id, position, label, minutes, uses_provider, requirement_labels) VALUES ($1, $2, 0, 'Treatment', 30, true, '{Room}')`, [t, ids.toxin]);
  await app.deps.db.ownerQuery(`INSERT INTO service_phases (tenant_id, service_id, position, label, minutes, uses_provider, requirement_labels) VALUES ($1, $2, 0, 'Facial', 50, true, '{Room}')`, [t, ids.facial]);
  for (const name of ['Ava', 'Bea', 'Cy', 'Dee']) {
    ids[name] = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, $2, 'Calendar', '1990-01-01') RETURNING id`, [t, name]);
  }
  ids.Kid = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Kid', 'Calendar', '2012-06-01') RETURNING id`, [t]);
  await app.deps.db.ownerQuery(`INSERT INTO client_allergies (tenant_id, client_id, substance, reaction, severity) VALUES ($1, $2, 'Lidocaine', 'Hives', 'severe')`, [t, ids.Bea]);

  // Clocks in Los Angeles spring forward on Sunday 14 March 2027: 10:00 is 18:00 UTC on the
  // Saturday before and 17:00 UTC on the Monday after.
  await appointment(ids.Ava!, ids.nurse!, ids.roomA!, '2027-03-13T18:00:00Z', 50);
  await appointment(ids.Bea!, ids.nurse!, ids.roomA!, '2027-03-15T17:00:00Z', 50);
  await appointment(ids.Cy!, ids.manager!, ids.roomB!, '2027-03-15T19:30:00Z', 50, 'checked_in');
  await appointment(ids.Kid!, ids.manager!, ids.roomB!, '2027-03-15T21:00:00Z', 30);
  await appointment(ids.Dee!, ids.nurse!, ids.roomA!, '2027-03-15T22:00:00Z', 30, 'cancelled');
  // Dee completed a visit long ago, so she is not new; Bea is.
  await appointment(ids.Dee!, ids.nurse!, ids.roomA!, '2026-06-01T17:00:00Z', 50, 'completed');
  await appointment(ids.Dee!, ids.manager!, ids.roomA!, '2027-03-16T17:00:00Z', 50);

  // The nurse's lunch meeting, 12:00–13:00 on the Monday (19:00–20:00 UTC).
  await app.deps.db.ownerQuery(
    `INSERT INTO time_blocks (tenant_id, location_id, operator_id, during, reason) VALUES ($1, $2, $3, tstzrange('2027-03-15T19:00Z', '2027-03-15T20:00Z'), 'Lunch meeting')`,
    [t, ids.location, ids.nurse],
  );

  app.clock.now = new Date('2027-03-10T18:00:00Z');
  for (const [role, email] of [
    ['front_desk', 'frontdesk@glow.example'],
    ['provider', 'provider@glow.example'],
    ['bookkeeper', 'bookkeeper@glow.example'],
    ['marketing', 'marketing@glow.example'],
  ] as const) {
    browsers.set(role, await signIn(app, email));
  }
});
afterAll(() => app?.close());

const desk = () => browsers.get('front_desk')!;
const calendar = (query: string, who = desk()) => who.get(`/calendar?location=${ids.location}&${query}`);

describe('the calendar', () => {
  it('shows a day by provider: each card in its provider’s column at its local time, with flags', async () => {
    const response = await calendar('view=day&date=2027-03-15&by=provider');
    expect(response.status).toBe(200);
    const html = await response.text();
    const cols = columns(html);
    expect([...cols.keys()]).toEqual(['Daniel Reyes', 'Priya Shah, NP']);
    const nurse = cols.get('Priya Shah, NP')!;
    const manager = cols.get('Daniel Reyes')!;
    expect(nurse).toContain('Bea Calendar');
    expect(nurse).not.toContain('Cy Calendar');
    expect(manager).toContain('Cy Calendar');
    // The window starts at 10:00 (both providers start then): 10:00 is row 1, 12:30 row 31.
    expect(rowOf(nurse, 'Bea Calendar')).toBe(1);
    expect(rowOf(manager, 'Cy Calendar')).toBe(31);
    expect(nurse).toMatch(/10:00–10:50/);
    expect(nurse).toMatch(/<div class="cal-block cal-at-25 cal-len-12">[\s\S]*?12:00–1:00 PM[\s\S]*?Lunch meeting/);
    expect(manager).not.toContain('Lunch meeting');
    expect(manager).toMatch(/cal-card--checked_in/);
    // Flags: Bea is new and has an allergy; the minor has no guardian.
    const bea = nurse.split('<article').find((p) => p.includes('Bea Calendar'))!;
    expect(bea).toContain('New client');
    expect(bea).toContain('Allergies');
    expect(manager.split('<article').find((p) => p.includes('Kid Calendar'))).toContain('Minor: no guardian');
    // A cancelled appointment keeps its record but leaves the grid.
    expect(html).not.toContain('Dee Calendar');
    expect(html).toContain(`href="/appointments/`);
    expect(html).toContain('hx-headers="{&quot;X-Lume-Background&quot;: &quot;1&quot;}"');
  });

  it('keeps "new client" true until a visit is completed, through every way an appointment changes', async () => {
    const t = app.spas.glow;
    const firstVisit = async (client: string) =>
      (await app.deps.db.ownerQuery<{ at: Date | null }>('SELECT first_visit_at AS at FROM clients WHERE tenant_id = $1 AND id = $2', [t, client])).rows[0]!.at?.toISOString() ?? null;
    const eve = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Eve', 'Calendar', '1990-01-01') RETURNING id`, [t]);
    const fay = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Fay', 'Calendar', '1990-01-01') RETURNING id`, [t]);
    const visit = await appointment(eve, ids.nurse!, ids.roomA!, '2026-09-01T17:00:00Z', 30, 'checked_in');
    expect(await firstVisit(eve)).toBeNull();
    // Completed as the app completes it: as lume_app, under row-level security.
    await app.deps.db.transaction('app', { 'app.tenant_id': t }, (client) => client.query(`UPDATE appointments SET status = 'completed' WHERE id = $1`, [visit]));
    expect(await firstVisit(eve)).toBe('2026-09-01T17:00:00.000Z');
    await appointment(eve, ids.nurse!, ids.roomA!, '2026-08-01T17:00:00Z', 30, 'completed');
    expect(await firstVisit(eve)).toBe('2026-08-01T17:00:00.000Z');
    // Re-pointed to another client (as a merge does): both are recomputed.
    await app.deps.db.ownerQuery('UPDATE appointments SET client_id = $2 WHERE tenant_id = $1 AND id = $3', [t, fay, visit]);
    expect(await firstVisit(fay)).toBe('2026-09-01T17:00:00.000Z');
    expect(await firstVisit(eve)).toBe('2026-08-01T17:00:00.000Z');
    await app.deps.db.ownerQuery(`DELETE FROM appointment_services WHERE tenant_id = $1 AND appointment_id = $2`, [t, visit]);
    await app.deps.db.ownerQuery(`DELETE FROM appointments WHERE tenant_id = $1 AND id = $2`, [t, visit]);
    expect(await firstVisit(fay)).toBeNull();
  });

  it('keeps the counts behind the allergy and unsigned-forms flags exact, through every way allergies and forms change', async () => {
    const t = app.spas.glow;
    const asApp = (sql: string, values: unknown[]) => app.deps.db.transaction('app', { 'app.tenant_id': t }, (client) => client.query(sql, values));
    const counts = async (clients: string[], visits: string[]) => ({
      allergies: (await app.deps.db.ownerQuery<{ n: number }>('SELECT active_allergies AS n FROM clients WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY array_position($2::uuid[], id)', [t, clients])).rows.map((r) => r.n),
      forms: (await app.deps.db.ownerQuery<{ n: number }>('SELECT pending_forms AS n FROM appointments WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY array_position($2::uuid[], id)', [t, visits])).rows.map((r) => r.n),
    });
    const ian = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Ian', 'Counted', '1990-01-01') RETURNING id`, [t]);
    const jo = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Jo', 'Counted', '1990-01-01') RETURNING id`, [t]);
    const first = await appointment(ian, ids.nurse!, ids.roomA!, '2027-05-03T17:00:00Z', 30);
    const second = await appointment(ian, ids.nurse!, ids.roomA!, '2027-05-04T17:00:00Z', 30);

    const allergy = (client: string, substance: string) =>
      asApp(`INSERT INTO client_allergies (tenant_id, client_id, substance, severity) VALUES ($1, $2, $3, 'mild') RETURNING id`, [t, client, substance]).then((r) => r.rows[0].id as string);
    const latex = await allergy(ian, 'Latex');
    await allergy(ian, 'Lidocaine');
    expect((await counts([ian, jo], [])).allergies).toEqual([2, 0]);
    await asApp('UPDATE client_allergies SET removed_at = now() WHERE id = $1', [latex]);
    await asApp(`UPDATE client_allergies SET reaction = 'Rash' WHERE id = $1`, [latex]); // a removed one edited: still not counted
    expect((await counts([ian, jo], [])).allergies).toEqual([1, 0]);
    // Re-pointed to another client, as a merge does: the count moves with it (the removed one does not count anywhere).
    await app.deps.db.ownerQuery('UPDATE client_allergies SET client_id = $2 WHERE tenant_id = $1 AND client_id = $3', [t, jo, ian]);
    expect((await counts([ian, jo], [])).allergies).toEqual([0, 1]);
    await app.deps.db.ownerQuery('DELETE FROM client_allergies WHERE tenant_id = $1 AND client_id = $2', [t, jo]);
    expect((await counts([ian, jo], [])).allergies).toEqual([0, 0]);

    const ask = (visit: string | null, status = 'pending') =>
      asApp(
        `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, appointment_id, status)
         SELECT v.tenant_id, $2, v.template_id, v.id, $3, $4 FROM form_versions v JOIN form_templates f ON f.tenant_id = v.tenant_id AND f.id = v.template_id
          WHERE f.tenant_id = $1 AND f.starter_key = 'general-intake' ORDER BY v.version DESC LIMIT 1 RETURNING id`,
        [t, ian, visit, status],
      ).then((r) => r.rows[0].id as string);
    await ask(first, 'expired'); // written already ended (as an import would): never counted
    const a = await ask(first);
    const b = await ask(first);
    const c = await ask(second);
    await ask(null);
    expect((await counts([], [first, second])).forms).toEqual([2, 1]);
    await asApp('UPDATE client_forms SET progress_saved_at = now() WHERE id = $1', [a]); // autosave: unchanged
    expect((await counts([], [first, second])).forms).toEqual([2, 1]);
    await asApp(`UPDATE client_forms SET status = 'expired' WHERE id = $1`, [a]);
    await asApp(`UPDATE client_forms SET status = 'voided', voided_at = now(), voided_by = $2, void_reason = 'Asked twice' WHERE id = $1`, [c, ids.manager]);
    expect((await counts([], [first, second])).forms).toEqual([1, 0]);
    await asApp(
      `INSERT INTO form_signatures (tenant_id, client_form_id, content, content_sha256, image_png, typed_name, signer_kind)
       VALUES ($1, $2, '{"definition": {}, "answers": {}}', repeat('a', 64), decode(repeat('00', 80), 'hex'), 'Ian Counted', 'client')`,
      [t, b],
    );
    await asApp(`UPDATE client_forms SET status = 'signed', signed_at = now() WHERE id = $1`, [b]);
    expect((await counts([], [first, second])).forms).toEqual([0, 0]);
    // Whatever happened, the counts are what a recount finds.
    const recount = await app.deps.db.ownerQuery<{ off: number }>(
      `SELECT (SELECT count(*) FROM appointments a WHERE a.pending_forms <> (SELECT count(*) FROM client_forms f WHERE f.tenant_id = a.tenant_id AND f.appointment_id = a.id AND f.status = 'pending'))
            + (SELECT count(*) FROM clients c WHERE c.active_allergies <> (SELECT count(*) FROM client_allergies x WHERE x.tenant_id = c.tenant_id AND x.client_id = c.id AND x.removed_at IS NULL)) AS off`,
    );
    expect(Number(recount.rows[0]!.off)).toBe(0);
  });

  it('flags a visit whose forms wait for a signature, in the card and its label, until they are signed (issue 7)', async () => {
    const t = app.spas.glow;
    const gus = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Gus', 'Calendar', '1990-01-01') RETURNING id`, [t]);
    const visit = await appointment(gus, ids.nurse!, ids.roomA!, '2027-04-07T17:00:00Z', 50); // 10:00 in Los Angeles
    const ask = (starter: string, appointmentId: string | null) =>
      one(
        `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, appointment_id)
         SELECT v.tenant_id, $2, v.template_id, v.id, $4 FROM form_versions v JOIN form_templates f ON f.tenant_id = v.tenant_id AND f.id = v.template_id
          WHERE f.tenant_id = $1 AND f.starter_key = $3 ORDER BY v.version DESC LIMIT 1 RETURNING id`,
        [t, gus, starter, appointmentId],
      );
    // Signed as the fill page signs: the signature row first, then the form.
    const sign = async (form: string) => {
      await app.deps.db.ownerQuery(
        `INSERT INTO form_signatures (tenant_id, client_form_id, content, content_sha256, image_png, typed_name, signer_kind)
         VALUES ($1, $2, '{"definition": {}, "answers": {}}', repeat('a', 64), decode(repeat('00', 80), 'hex'), 'Gus Calendar', 'client')`,
        [t, form],
      );
      await app.deps.db.ownerQuery(`UPDATE client_forms SET status = 'signed', signed_at = now() WHERE id = $1`, [form]);
    };
    const card = async () => {
      const nurse = columns(await (await calendar('view=day&date=2027-04-07&by=provider')).text()).get('Priya Shah, NP');
      return nurse?.split('<article').find((p) => p.includes('>Gus Calendar<')) ?? '';
    };
    const intake = await ask('general-intake', visit);
    const release = await ask('photo-release', visit);
    await ask('neurotoxin-consent', null); // asked outside this visit: not this card's
    let shown = await card();
    expect(shown).toContain('<li class="cal-flag cal-flag--forms" title="2 forms unsigned"><span class="cal-flag__long">2 forms unsigned</span><span class="cal-flag__short">2 forms</span></li>');
    expect(shown).toContain('aria-label="10:00–10:50 AM Gus Calendar, Signature facial, Booked, New client, 2 forms unsigned"');
    // A role that may not see form status (SEC-2) sees the visit without the count.
    const role = `UPDATE roles SET permissions = %s WHERE tenant_id = $1 AND key = 'front_desk'`;
    await app.deps.db.ownerQuery(role.replace('%s', `array_remove(permissions, 'read:form-status:any')`), [t]);
    try {
      shown = await card();
      expect(shown).toContain('Gus Calendar');
      expect(shown).not.toContain('unsigned');
    } finally {
      await app.deps.db.ownerQuery(role.replace('%s', `array_append(permissions, 'read:form-status:any')`), [t]);
    }
    await sign(intake);
    shown = await card();
    expect(shown).toContain('<span class="cal-flag__long">1 form unsigned</span><span class="cal-flag__short">1 form</span>');
    await sign(release);
    shown = await card();
    expect(shown).toContain('Gus Calendar');
    expect(shown).not.toContain('cal-flag--forms');
    expect(shown).not.toContain('unsigned');
  });

  it('shows a week by day, the same local time on the same row on both sides of the spring change', async () => {
    const html = await (await calendar('view=week&date=2027-03-10&by=provider')).text();
    const cols = columns(html);
    // Sunday is closed with nothing booked: left out.
    expect([...cols.keys()]).toEqual(['Mon, Mar 8', 'Tue, Mar 9', 'Wed, Mar 10', 'Thu, Mar 11', 'Fri, Mar 12', 'Sat, Mar 13']);
    const saturday = rowOf(cols.get('Sat, Mar 13'), 'Ava Calendar');
    expect(saturday).not.toBeNull();
    const next = columns(await (await calendar('view=week&date=2027-03-15&by=provider')).text());
    expect(rowOf(next.get('Mon, Mar 15'), 'Bea Calendar')).toBe(saturday);
    expect(next.get('Tue, Mar 16')).toContain('Dee Calendar');
    expect(next.get('Tue, Mar 16')).not.toContain('New client'); // Dee completed a visit in 2026
    // Week cards name the provider.
    expect(next.get('Mon, Mar 15')).toContain('Priya Shah, NP');
  });

  it('shows a day by room', async () => {
    const cols = columns(await (await calendar('view=day&date=2027-03-15&by=room')).text());
    expect(cols.has('Laser Suite')).toBe(true);
    expect(cols.get('Treatment Room 1')).toContain('Bea Calendar');
    expect(cols.get('Treatment Room 2')).toContain('Cy Calendar');
    expect(cols.get('Treatment Room 2')).not.toContain('Bea Calendar');
  });

  it('names every client shown in one audit row, for the page and for the polled grid', async () => {
    await calendar('view=day&date=2027-03-15&by=provider');
    const [page] = await audited(1);
    expect(new Set(page!.client_ids)).toEqual(new Set([ids.Bea, ids.Cy, ids.Kid]));
    const grid = await desk().get(`/calendar/grid?location=${ids.location}&view=week&date=2027-03-15&by=room`, { 'x-lume-background': '1' });
    expect(grid.status).toBe(200);
    const fragment = await grid.text();
    expect(fragment).toMatch(/^<div id="calendar-grid"/);
    const [polled] = await audited(1);
    expect(new Set(polled!.client_ids)).toEqual(new Set([ids.Bea, ids.Cy, ids.Kid, ids.Dee]));
  });

  it('does not count the background refresh as activity (§6a idle logoff)', async () => {
    const lastActive = async () =>
      (await app.deps.db.ownerQuery<{ at: Date }>(`SELECT max(s.last_active_at) AS at FROM sessions s JOIN operators o ON o.id = s.operator_id WHERE o.email = 'frontdesk@glow.example' AND s.stage = 'active'`)).rows[0]!.at;
    await calendar('view=day&date=2027-03-15');
    const before = await lastActive();
    app.clock.now = new Date(app.clock.now.getTime() + 5 * 60_000);
    expect((await desk().get(`/calendar/grid?location=${ids.location}&view=day&date=2027-03-15`, { 'x-lume-background': '1' })).status).toBe(200);
    expect(await lastActive()).toEqual(before);
    // The same request made by the person (no header) is activity.
    await desk().get(`/calendar/grid?location=${ids.location}&view=day&date=2027-03-15`);
    expect((await lastActive()).getTime()).toBeGreaterThan(before.getTime());
    app.clock.now = new Date(app.clock.now.getTime() - 5 * 60_000);
  });

  it('is open to the front desk and providers, not to bookkeeping or marketing', async () => {
    expect((await calendar('view=day&date=2027-03-15', browsers.get('provider'))).status).toBe(200);
    for (const role of ['bookkeeper', 'marketing']) {
      expect((await calendar('view=day&date=2027-03-15', browsers.get(role))).status).toBe(403);
      expect((await browsers.get(role)!.get('/calendar/grid')).status).toBe(403);
    }
  });

  it('answers 404 for another spa’s location, and for a location id that is not one', async () => {
    expect((await calendar('view=day').then(() => desk().get(`/calendar?location=${ids.otherLocation}`))).status).toBe(404);
    expect((await desk().get(`/calendar/grid?location=${ids.otherLocation}`)).status).toBe(404);
    expect((await desk().get('/calendar?location=nope')).status).toBe(404);
  });
});

describe('booking from the calendar', () => {
  const count = async () => (await app.deps.db.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM appointments')).rows[0]!.n;
  const clientCount = async () => (await app.deps.db.ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM clients')).rows[0]!.n;
  const form = (over: Record<string, string>) => ({
    location_id: ids.location!,
    date: '2027-03-17',
    time: '11:00',
    client_id: ids.Ava!,
    service_0: ids.toxin!,
    provider_0: ids.nurse!,
    ...over,
  });
  /** The message shown beside a field (its error element). */
  const besides = (html: string, field: string) => new RegExp(`id="field-${field}-error"[^>]*>[\\s\\S]*?<span>([^<]*)</span>`).exec(html)?.[1];

  it('opens the form from an empty slot with the slot’s time and provider, offering only eligible providers and the free times', async () => {
    const response = await desk().get(`/calendar/book?location=${ids.location}&date=2027-03-17&time=10:30&provider=${ids.nurse}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('value="10:30"');
    // Choosing Neurotoxin offers the licensed nurse only.
    const refreshed = await (await desk().post('/calendar/book', { ...form({ client_id: '' }), intent: 'refresh' })).text();
    const providerSelect = /<select[^>]*name="provider_0"[\s\S]*?<\/select>/.exec(refreshed)![0];
    expect(providerSelect).toContain('Priya Shah, NP');
    expect(providerSelect).not.toContain('Daniel Reyes');
    const timeSelect = /<select[^>]*name="time"[\s\S]*?<\/select>/.exec(refreshed)![0];
    expect(timeSelect).toContain('>10:00 AM<');
    expect(timeSelect).toContain('>3:30 PM<');
    expect(timeSelect).not.toContain('>3:35 PM<'); // a 30-minute treatment must end by 16:00
  });

  it('books, then sends the front desk to that day', async () => {
    const before = await count();
    const response = await desk().post('/calendar/book', form({}));
    expect(response.status).toBe(303);
    const booked = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM appointments ORDER BY created_at DESC LIMIT 1`)).rows[0]!.id;
    expect(response.headers.get('location')).toBe(`/calendar?view=day&date=2027-03-17&by=provider&location=${ids.location}&done=booked&appointment=${booked}`);
    expect(await count()).toBe(before + 1);
    const day = await (await desk().get(response.headers.get('location')!)).text();
    expect(rowOf(columns(day).get('Priya Shah, NP'), 'Ava Calendar')).toBe(13);
    // The notice says who and when (the id travels, never the name).
    expect(day).toMatch(new RegExp(`Booked\\.[^]*<a href="/appointments/${booked}">Ava Calendar</a>, 11:00 AM · Neurotoxin`));
  });

  it('refuses bad input beside the field and writes nothing', async () => {
    const before = await count();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ date: '2027-03-14', time: '02:30' }, 'time', /does not exist in America\/Los_Angeles/],
      [{ time: '08:00' }, 'time', /outside Santa Monica’s hours or the provider’s schedule/],
      [{ provider_0: ids.manager!, time: '12:00' }, 'provider_0', /cannot perform Neurotoxin/],
      [{ service_0: '' }, 'service_0', /Choose a service/],
      [{ client_id: '' }, 'client_id', /Find the client/],
    ];
    for (const [over, field, message] of cases) {
      const response = await desk().post('/calendar/book', form(over));
      expect(response.status, JSON.stringify(over)).toBe(400);
      expect(besides(await response.text(), field), JSON.stringify(over)).toMatch(message);
    }
    expect(await count()).toBe(before);
  });

  it('answers 409 with the nearest free times as one-click choices when the time is taken', async () => {
    const before = await count();
    const response = await desk().post('/calendar/book', form({ client_id: ids.Cy!, date: '2027-03-17', time: '11:00' }));
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(besides(html, 'time')).toMatch(/just taken/);
    const picks = [...html.matchAll(/name="pick_time" value="(\d\d:\d\d)"/g)].map((m) => m[1]);
    expect(picks.length).toBeGreaterThan(0);
    expect(await count()).toBe(before);
    // One click on the first alternative books it.
    const again = await desk().post('/calendar/book', { ...form({ client_id: ids.Cy! }), pick_time: picks[0]! });
    expect(again.status).toBe(303);
  });

  it('creates a new client inline (typed, with nobody chosen), and writes neither when the booking is refused', async () => {
    const clients = await clientCount();
    const refused = await desk().post('/calendar/book', form({ client_id: '', new_first_name: 'Nia', new_last_name: 'Walker', new_date_of_birth: '1991-02-03', time: '07:00' }));
    expect(refused.status).toBe(400);
    expect(await clientCount()).toBe(clients);
    // Half typed: the missing field is named, beside it (not "find the client").
    const half = await desk().post('/calendar/book', form({ client_id: '', new_first_name: 'Nia', new_last_name: 'Walker', time: '14:00' }));
    expect(half.status).toBe(400);
    const halfHtml = await half.text();
    expect(halfHtml).toContain('Enter the date of birth.');
    expect(halfHtml).not.toContain('Find the client and choose them');
    expect(halfHtml).toMatch(/<details class="book-new-client" open/);
    expect(await clientCount()).toBe(clients);
    const booked = await desk().post('/calendar/book', form({ client_id: '', new_first_name: 'Nia', new_last_name: 'Walker', new_date_of_birth: '1991-02-03', time: '14:00' }));
    expect(booked.status).toBe(303);
    expect(await clientCount()).toBe(clients + 1);
  });

  it('searches clients by POST as you type (no name in any URL), audited', async () => {
    const response = await desk().post('/calendar/book/search', { client_q: 'Bea Calendar' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`value="${ids.Bea}"`);
    const { rows } = await app.deps.db.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'search' AND $1::uuid = ANY(client_ids)`, [ids.Bea]);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('books a walk-in now, rounded up to five minutes', async () => {
    app.clock.now = new Date('2027-03-17T21:02:00Z'); // 14:02 in Los Angeles
    const fresh = await signIn(app, 'frontdesk@glow.example');
    const page = await (await fresh.get(`/calendar/book?location=${ids.location}&walk_in=1`)).text();
    expect(page).toContain('name="walk_in" value="1"');
    expect(page, page.slice(page.indexOf("name=\"time\""), page.indexOf("name=\"time\"") + 300)).toMatch(/value="14:05"/);
    const response = await fresh.post('/calendar/book', form({ client_id: ids.Dee!, date: '2027-03-17', time: '14:05', walk_in: '1', service_0: ids.facial!, provider_0: 'any' }));
    expect(response.status).toBe(303);
    const { rows } = await app.deps.db.ownerQuery<{ walk_in: boolean }>(`SELECT walk_in FROM appointments WHERE client_id = $1 ORDER BY created_at DESC LIMIT 1`, [ids.Dee]);
    expect(rows[0]!.walk_in).toBe(true);
    app.clock.now = new Date('2027-03-10T18:00:00Z');
  });
});
