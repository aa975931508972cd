import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchedule } from '../../src/modules/scheduling/demo-schedule.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { PageSignIn } from '../support/page-sign-in.ts';
import { cameraJpeg } from '../support/photos.ts';
import { addVisit } from '../support/visits.ts';

// Issue 6, proof: "chart a neurotoxin treatment on the face diagram with lot and units, sign, add an
// addendum, upload before/after photos and compare; screenshots" — on a front-desk tablet, by touch.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
let signIn: PageSignIn;
const ids: Record<string, string> = {};

const origin = () => `http://glow.localhost:${live.port}`;

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await live.app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

/** Where diagram coordinates (400 × 500 per view) are on the screen. */
async function onScreen(map: Locator, view: string, x: number, y: number): Promise<{ x: number; y: number }> {
  const svg = map.locator(`svg[data-view="${view}"]`);
  await svg.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' }));
  const box = (await svg.boundingBox())!;
  return { x: box.x + (x / 400) * box.width, y: box.y + (y / 500) * box.height };
}

beforeAll(async () => {
  live = await startLiveApp();
  const db = live.app.deps.db;
  const t = live.app.spas.glow;
  const now = live.app.clock.now;
  await seedDemoSchedule(db, t, now);
  ids.location = await one(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Santa Monica'`, [t]);
  ids.priya = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [t]);
  ids.toxin = await one(`SELECT id FROM services WHERE tenant_id = $1 AND name LIKE 'Neurotoxin%'`, [t]);
  ids.client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Camille', 'Ortega', '1986-02-14') RETURNING id`, [t]);
  await db.ownerQuery(`INSERT INTO client_allergies (tenant_id, client_id, substance, reaction, severity) VALUES ($1, $2, 'Lidocaine', 'Hives', 'moderate')`, [t, ids.client]);
  const visit = await addVisit(db, { tenantId: t, clientId: ids.client, locationId: ids.location, serviceId: ids.toxin, providerId: ids.priya, startsAt: new Date(now.getTime() - 10 * 60_000), status: 'in_progress' });
  ids.visit = visit.appointment;
  browser = await launchBrowser();
  signIn = new PageSignIn(live.app);
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

describe('a provider charts a neurotoxin treatment on a tablet', () => {
  it('marks the injection points, records the lot, signs, adds an addendum, and compares before and after photos', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    const a11y: string[] = [];
    const audit = async () => {
      for (const v of await seriousViolations(page)) a11y.push(`${new URL(page.url()).pathname}: ${v}`);
    };
    await signIn.operator(page, origin(), 'provider@glow.example');

    // From the visit: start the chart.
    await page.goto(`${origin()}/appointments/${ids.visit}`);
    await page.getByRole('button', { name: 'Chart this treatment' }).click();
    await page.waitForURL(/\/charts\/[0-9a-f-]{36}$/);
    const chartUrl = page.url();
    expect(await page.locator('.client-allergies').textContent()).toContain('Lidocaine');

    // The product from the box in hand, saved first so the diagram offers it.
    await page.getByLabel('What was done').fill('Neurotoxin to glabella and forehead.');
    await page.getByLabel('Product 1').selectOption({ label: 'Botox Cosmetic (units)' });
    await page.getByLabel('Lot number').first().fill('c3709c3');
    await page.getByLabel('Lot expiry').first().fill('2027-09-30');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();

    // Three taps on the front view: the glabella and either side of the forehead.
    const map = page.locator('.face-map').first();
    const editor = map.locator('[data-face-map-editor]');
    for (const [x, y] of [
      [200, 168],
      [160, 130],
      [240, 130],
    ] as const) {
      const at = await onScreen(map, 'front', x, y);
      await page.touchscreen.tap(at.x, at.y);
      // The first point asks for its amount; the next ones take the last amount given.
      if (x === 200) await editor.getByLabel('Amount').fill('8');
      await editor.getByRole('button', { name: 'Done' }).tap();
    }
    const points = JSON.parse(await map.locator('input[type="hidden"][name="points"]').inputValue()) as { amount: number; product: string }[];
    expect(points).toHaveLength(3);
    expect(points.every((p) => p.product === 'p0')).toBe(true);
    const total = points.reduce((sum, p) => sum + p.amount, 0);
    expect(await map.locator('.face-map__legend-item', { hasText: 'Botox Cosmetic' }).textContent()).toContain(`${total} units`);

    await page.getByLabel('Subjective').fill('Frown lines bother her in photos.');
    await page.getByLabel('Objective').fill('Moderate dynamic glabellar lines; symmetric brows.');
    await page.getByLabel('Assessment').fill('Suitable for neurotoxin.');
    await page.getByLabel('Plan').fill('Review in 14 days.');
    await page.getByLabel('Aftercare given').fill('Upright for 4 hours; no massage or exercise today.');
    await audit();
    await screenshot(page, 'chart-draft-tablet');

    await page.getByLabel(/I gave this treatment/).check();
    await page.getByRole('button', { name: 'Sign chart' }).click();
    await page.getByText('Signed. The chart is now part of the record').waitFor();
    expect(await page.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
    expect(await page.locator('.chart-lot').textContent()).toBe('C3709C3');
    expect(await page.locator('.face-map__marker').count()).toBeGreaterThanOrEqual(3);

    // A correction keeps the signed original.
    await page.getByLabel('Add an addendum').fill('Client called on day 2: mild headache, resolved.');
    await page.getByRole('button', { name: 'Add addendum' }).click();
    await page.getByText('Addendum added.').waitFor();
    expect(await page.locator('.chart-addenda').textContent()).toContain('mild headache');
    expect(await page.getByText('Review in 14 days.').count()).toBe(1);
    await audit();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'chart-signed-tablet');

    // Before and after photos of this visit, compared side by side.
    await page.getByRole('navigation', { name: 'Related' }).getByRole('link', { name: 'Photos' }).click();
    await page.waitForURL(`${origin()}/clients/${ids.client}/photos`);
    await page.getByLabel('Area').fill('Forehead');
    await page.locator('#field-photos').setInputFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg() });
    await page.getByRole('button', { name: 'Upload photos' }).click();
    await page.getByText('Photo saved.').waitFor();
    await page.getByRole('radio', { name: 'After' }).check();
    await page.getByLabel('Area').fill('Forehead');
    await page.locator('#field-photos').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg({ smooth: true }) });
    await page.getByRole('button', { name: 'Upload photos' }).click();
    await page.getByText('Photo saved.').waitFor();
    await page.getByRole('link', { name: /After photo, forehead/ }).first().click();
    await page.getByRole('link', { name: 'Compare with another photo' }).click();
    await page.waitForURL(/\/photos\/compare\?a=/);
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img.photo-compare__img')].every((i) => i.complete && i.naturalWidth > 0));
    expect(await page.locator('img.photo-compare__img').count()).toBe(2);
    await screenshot(page, 'chart-photos-compare-tablet');

    // The client's Charts tab lists the signed chart.
    await page.goto(`${origin()}/clients/${ids.client}/charts`);
    expect(await page.locator('.client-charts').textContent()).toContain('Signed');
    expect(await page.locator('.client-charts').textContent()).toContain('Botox Cosmetic');
    // The chart shows the photos of its visit.
    await page.goto(chartUrl);
    await page.waitForFunction(() => {
      const images = [...document.querySelectorAll<HTMLImageElement>('img.photo-tile__img')];
      return images.length === 2 && images.every((i) => i.complete && i.naturalWidth > 0);
    });
    await audit();
    await screenshot(page, 'chart-with-photos-tablet');

    expect(a11y).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
