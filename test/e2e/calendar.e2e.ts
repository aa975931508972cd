import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { bookAppointment } from '../../src/modules/scheduling/booking/book.ts';
import { seedDemoSchedule } from '../../src/modules/scheduling/demo-schedule.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { PageSignIn } from '../support/page-sign-in.ts';

// Issue 5, the calendar: a realistic Monday (3 providers, 10+ appointments) in day and week views on
// a tablet; the front desk books from the week view's empty slot and drags the booking to another time.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
let signIn: PageSignIn;
const ids: Record<string, string> = {};
const DAY = '2026-11-30'; // a Monday

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await live.app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

beforeAll(async () => {
  live = await startLiveApp();
  const db = live.app.deps.db;
  const t = live.app.spas.glow;
  // 08:30 in Los Angeles on the day shown.
  live.app.clock.now = new Date('2026-11-30T16:30:00Z');
  await seedDemoSchedule(db, t, live.app.clock.now);
  ids.location = await one(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Santa Monica'`, [t]);
  for (const [key, email] of [['priya', 'provider@glow.example'], ['maya', 'owner@glow.example'], ['daniel', 'manager@glow.example']]) {
    ids[key!] = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = $2`, [t, email]);
  }
  // Maya and Daniel work this Monday too (Maya usually does not: a one-off day).
  await db.ownerQuery(`INSERT INTO staff_day_changes (tenant_id, operator_id, location_id, on_date, hours) VALUES ($1, $2, $3, $4, '[["09:00","17:00"]]')`, [t, ids.maya, ids.location, DAY]);
  await db.ownerQuery(`INSERT INTO staff_hours (tenant_id, operator_id, location_id, weekday, starts, ends) VALUES ($1, $2, $3, 1, '09:00', '18:00')`, [t, ids.daniel, ids.location]);
  const service = async (name: string) => one(`SELECT id FROM services WHERE tenant_id = $1 AND name LIKE $2`, [t, `${name}%`]);
  const toxin = await service('Neurotoxin');
  const filler = await service('Dermal filler');
  const laser = await service('Laser hair');
  const facial = await service('HydraFacial');
  const consult = await service('Consultation');
  const people = ['Olivia Bennett', 'Marcus Chen', 'Sofia Alvarez', 'Hannah Brooks', 'Jamal Wright', 'Emily Novak', 'Grace Kim', 'Lucas Moreau', 'Ava Thompson', 'Noah Patel', 'Zoe Martin', 'Ethan Park'];
  const clients: string[] = [];
  for (const [i, full] of people.entries()) {
    const [first, last] = full.split(' ');
    clients.push(await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, $2, $3, $4) RETURNING id`, [t, first, last, `19${70 + i}-0${(i % 9) + 1}-15`]));
  }
  // Half of them have been before (a completed visit last year), so not every card says "New client".
  for (const client of clients.filter((_, i) => i % 2 === 0)) {
    await db.ownerQuery(
      `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at, status) VALUES ($1, $2, $3, '2025-10-06T17:00Z', '2025-10-06T17:30Z', 'completed')`,
      [t, client, ids.location],
    );
  }
  await db.ownerQuery(`INSERT INTO client_allergies (tenant_id, client_id, substance, reaction, severity) VALUES ($1, $2, 'Lidocaine', 'Hives', 'severe')`, [t, clients[1]]);
  const plan: [string, string, string][] = [
    [toxin, 'priya', '09:00'], [filler, 'priya', '09:45'], [facial, 'priya', '11:00'], [laser, 'priya', '14:00'], [toxin, 'priya', '15:00'],
    [filler, 'maya', '09:00'], [toxin, 'maya', '10:30'], [facial, 'maya', '13:30'], [consult, 'maya', '15:30'],
    [consult, 'daniel', '11:00'], [consult, 'daniel', '12:30'], [consult, 'daniel', '14:40'],
  ];
  const scope = { tenantId: t, requestId: 'calendar-e2e', actor: { kind: 'operator' as const, id: ids.daniel! } };
  let booked = 0;
  for (const [i, [serviceId, who, time]] of plan.entries()) {
    const book = (at: string) =>
      withTenant(db, scope, (ctx) =>
        bookAppointment(ctx, { clientId: clients[i]!, locationId: ids.location!, date: DAY, time: at, lines: [{ serviceId, providerId: ids[who]! }] }, new Date('2026-11-30T16:00:00Z')),
      );
    // Two treatment rooms: when the planned time is taken, the nearest free one (as the front desk would).
    let result = await book(time);
    if (!result.ok && result.alternatives?.length) result = await book(result.alternatives[0]!.local.time);
    if (result.ok) booked++;
    else throw new Error(`${people[i]} at ${time}: ${result.message}`);
  }
  expect(booked).toBeGreaterThanOrEqual(10);
  // Booking asked each client for their forms (issue 7); the returning half signed theirs from the
  // link before coming in (the signature row, then the form, as the fill page signs), so only the
  // new clients' cards say "2 forms unsigned".
  await db.ownerQuery(
    `INSERT INTO form_signatures (tenant_id, client_form_id, content, content_sha256, image_png, typed_name, signer_kind)
     SELECT tenant_id, id, '{"definition": {}, "answers": {}}', repeat('a', 64), decode(repeat('00', 80), 'hex'), 'Signed ahead', 'client'
       FROM client_forms WHERE tenant_id = $1 AND status = 'pending' AND client_id = ANY($2::uuid[])`,
    [t, clients.filter((_, i) => i % 2 === 0)],
  );
  await db.ownerQuery(`UPDATE client_forms SET status = 'signed', signed_at = now() WHERE tenant_id = $1 AND status = 'pending' AND client_id = ANY($2::uuid[])`, [t, clients.filter((_, i) => i % 2 === 0)]);
  // The morning has begun: the first clients are in.
  await db.ownerQuery(`UPDATE appointments SET status = 'checked_in' WHERE client_id = $1`, [clients[0]]);
  await db.ownerQuery(`UPDATE appointments SET status = 'in_progress' WHERE client_id = $1`, [clients[5]]);
  live.app.clock.now = new Date('2026-11-30T18:15:00Z'); // 10:15: the now-line is on the grid
  browser = await launchBrowser();
  signIn = new PageSignIn(live.app);
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

const origin = () => `http://glow.localhost:${live.port}`;

async function check(page: Page, name: string, found: string[]): Promise<void> {
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await screenshot(page, name);
  for (const v of await seriousViolations(page)) found.push(`${name}: ${v}`);
}

describe('the front desk’s calendar on a tablet', () => {
  it('shows a busy Monday, books from the week view’s empty slot, drags the booking to another time, then checks in and completes it', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    const found: string[] = [];
    await signIn.operator(page, origin(), 'frontdesk@glow.example');

    await page.getByRole('link', { name: 'Calendar', exact: true }).click();
    await page.getByLabel('Location').selectOption({ label: 'Santa Monica' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('Santa Monica · times in').waitFor();
    await page.getByRole('heading', { name: 'Monday, November 30, 2026' }).waitFor();
    expect(await page.locator('.cal-col').count()).toBe(3);
    expect(await page.locator('.cal-card').count()).toBeGreaterThanOrEqual(12);
    await page.locator('.cal-now').first().waitFor();
    // Marcus is new and has not signed; Olivia signed hers ahead (issue 7).
    await page.getByRole('article', { name: /Marcus Chen.*2 forms unsigned/ }).waitFor();
    expect(await page.locator('.cal-card', { hasText: 'Olivia Bennett' }).locator('.cal-flag--forms').count()).toBe(0);
    await check(page, 'calendar-day', found);

    await page.getByRole('link', { name: 'Rooms' }).click();
    await page.getByRole('heading', { name: 'Treatment Room 1' }).waitFor();
    await check(page, 'calendar-day-rooms', found);

    await page.getByRole('link', { name: 'Week', exact: true }).click();
    await page.getByRole('link', { name: 'Providers' }).click();
    await page.getByRole('heading', { name: 'Mon, Nov 30' }).waitFor();
    await check(page, 'calendar-week', found);

    // An empty slot late on Monday opens the booking form at that time.
    await page.locator('section[aria-label="Mon, Nov 30"] a.cal-slot', { hasText: 'at 4:30 PM' }).click();
    await page.getByRole('heading', { name: 'Book an appointment' }).waitFor();
    await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Consultation' });
    await page.locator('select[name="time"] option[value="16:30"]').waitFor({ state: 'attached' });
    await page.getByLabel('Find a client').fill('Ethan Park');
    await page.getByRole('radio', { name: /Ethan Park/ }).check();
    expect(await page.locator('select[name="time"]').inputValue()).toBe('16:30');
    await check(page, 'calendar-book', found);
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText('Booked.').waitFor();

    // Drag the new card half an hour later in the day view.
    const card = page.locator('.cal-card', { hasText: 'Ethan Park' }).filter({ hasText: '4:30–5:00 PM' });
    await card.waitFor();
    await card.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
    const box = (await card.boundingBox())!;
    const rowHeight = await page.evaluate(() => {
      const body = document.querySelector<HTMLElement>('.cal-col .cal-col__body')!;
      return body.getBoundingClientRect().height / Number(body.dataset.rows);
    });
    await page.mouse.move(box.x + box.width / 2, box.y + 8);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + box.width / 2, box.y + 8 + i * rowHeight);
    await page.mouse.up();
    await page.locator('#calendar-message:not(:empty)').waitFor();
    expect(await page.locator('#calendar-message').textContent()).toBe('Moved to 5:00 PM.');
    await page.locator('.cal-card', { hasText: 'Ethan Park' }).filter({ hasText: '5:00–5:30 PM' }).waitFor();
    const { rows } = await live.app.deps.db.ownerQuery<{ local: string }>(
      `SELECT to_char(a.starts_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD HH24:MI') AS local FROM appointments a JOIN clients c ON c.id = a.client_id WHERE c.first_name = 'Ethan'`,
    );
    // Ethan already had a 14:40 consultation; the one booked here now starts at 17:00.
    expect(rows.map((r) => r.local).sort()).toEqual(['2026-11-30 14:40', '2026-11-30 17:00']);
    await check(page, 'calendar-day-after-move', found);

    // Ethan arrives: open the card, check him in, start, complete; the card follows.
    await page.locator('.cal-card', { hasText: 'Ethan Park' }).filter({ hasText: '5:00–5:30 PM' }).getByRole('link', { name: /Ethan Park/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Ethan Park/ }).waitFor();
    await check(page, 'appointment-booked', found);
    // Cancelling asks first, with its reason; closed again, nothing happened.
    await page.getByText('Cancel…', { exact: true }).click();
    await page.getByLabel('Reason for cancelling').waitFor();
    await page.getByRole('button', { name: 'Cancel the appointment' }).waitFor();
    await check(page, 'appointment-cancel-asked', found);
    await page.getByText('Cancel…', { exact: true }).click();
    for (const [action, notice] of [['Check in', 'Checked in.'], ['Start', 'Started.'], ['Complete', 'Completed.']] as const) {
      await page.getByRole('button', { name: action, exact: true }).click();
      await page.getByText(notice, { exact: true }).waitFor();
    }
    await check(page, 'appointment-completed', found);
    const done = await live.app.deps.db.ownerQuery<{ status: string }>(
      `SELECT a.status FROM appointments a JOIN clients c ON c.id = a.client_id WHERE c.first_name = 'Ethan' AND a.starts_at AT TIME ZONE 'America/Los_Angeles' = '2026-11-30 17:00'`,
    );
    expect(done.rows[0]!.status).toBe('completed');

    expect(found).toEqual([]);
    await context.close();
  });
});
