import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { preparePhoto } from '../../src/modules/charting/photos/image.ts';
import { storePhotos } from '../../src/modules/charting/photos/photos.ts';
import { seedDemoSchedule } from '../../src/modules/scheduling/demo-schedule.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { PageSignIn } from '../support/page-sign-in.ts';
import { cameraJpeg } from '../support/photos.ts';
import { addVisit } from '../support/visits.ts';

// Issue #6, proof: "a provider of the demo spa uploads a before and an after photo on a tablet,
// sees them, compares them side by side; screenshots".
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
let signIn: PageSignIn;
const ids: Record<string, string> = {};
const ZONE = 'America/Los_Angeles'; // Santa Monica
const DAY = 86_400_000;

const origin = () => `http://glow.localhost:${live.port}`;
const longDay = (at: Date) => new Intl.DateTimeFormat('en-US', { timeZone: ZONE, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(at);
const shortDay = (at: Date) => new Intl.DateTimeFormat('en-US', { timeZone: ZONE, month: 'short', day: 'numeric', year: 'numeric' }).format(at);

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await live.app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
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
  ids.client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Elena', 'Marsh', '1984-05-21') RETURNING id`, [t]);
  // Two visits for the same treatment: three weeks ago (done), and one under way now.
  const visit = async (startsAt: Date, status: 'completed' | 'in_progress') =>
    (await addVisit(db, { tenantId: t, clientId: ids.client!, locationId: ids.location!, serviceId: ids.toxin!, providerId: ids.priya!, startsAt, minutes: 45, status })).appointment;
  ids.earlier = await visit(new Date(now.getTime() - 21 * DAY), 'completed');
  ids.today = await visit(new Date(now.getTime() - 60_000), 'in_progress');
  // The first before photo, taken at the earlier visit.
  const first = await preparePhoto(await cameraJpeg());
  const scope = { tenantId: t, requestId: 'photos-e2e', actor: { kind: 'operator' as const, id: ids.priya } };
  await withTenant(db, scope, (ctx) => storePhotos(ctx, live.app.deps.files, ids.client!, { kind: 'before', area: 'Forehead', appointmentId: ids.earlier! }, [first]));
  browser = await launchBrowser();
  signIn = new PageSignIn(live.app);
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

async function audit(page: Page, found: string[]): Promise<void> {
  for (const v of await seriousViolations(page)) found.push(`${new URL(page.url()).pathname}: ${v}`);
}

/** Waits until every image the selector finds has loaded with real pixels (none broken). */
async function imagesLoaded(page: Page, selector: string, count: number): Promise<void> {
  await page.waitForFunction(
    ({ selector, count }) => {
      const images = [...document.querySelectorAll<HTMLImageElement>(selector)];
      return images.length === count && images.every((i) => i.complete && i.naturalWidth > 0);
    },
    { selector, count },
  );
}

describe('a provider takes before and after photos on a tablet', () => {
  it('uploads a before and an after photo at today’s visit, sees them by visit, and compares them side by side', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    const a11y: string[] = [];
    await signIn.operator(page, origin(), 'provider@glow.example');

    await page.goto(`${origin()}/clients/${ids.client}`);
    await page.getByRole('navigation', { name: 'Client record' }).getByRole('link', { name: 'Photos' }).click();
    await page.waitForURL(`${origin()}/clients/${ids.client}/photos`);
    await imagesLoaded(page, 'img.photo-tile__img', 1);
    // Today's visit, under way, is chosen already.
    expect(await page.getByLabel('Visit').inputValue()).toBe(ids.today);
    await audit(page, a11y);

    // Before: the default kind.
    await page.getByLabel('Area').fill('Forehead');
    await page.locator('#field-photos').setInputFiles({ name: 'IMG_2231.JPG', mimeType: 'image/jpeg', buffer: await cameraJpeg() });
    await page.getByRole('button', { name: 'Upload photos' }).click();
    await page.waitForURL(/\/photos\?done=uploaded#photo-/);
    await page.getByText('Photo saved.').waitFor();

    // After, a few minutes later, smoother.
    await page.getByRole('radio', { name: 'After' }).check();
    await page.getByLabel('Area').fill('Forehead');
    await page.locator('#field-photos').setInputFiles({ name: 'IMG_2240.JPG', mimeType: 'image/jpeg', buffer: await cameraJpeg({ smooth: true }) });
    await page.getByRole('button', { name: 'Upload photos' }).click();
    await page.waitForURL(/\/photos\?done=uploaded#photo-/);
    await imagesLoaded(page, 'img.photo-tile__img', 3);
    const now = live.app.clock.now;
    const today = page.getByRole('region', { name: new RegExp(longDay(now)) });
    expect(await today.locator('.photo-tile .badge').allTextContents()).toEqual(['Before', 'After']);
    expect(await today.locator('.photo-group__meta').textContent()).toContain('Neurotoxin');
    expect(await page.getByRole('region', { name: new RegExp(longDay(new Date(now.getTime() - 21 * DAY))) }).locator('.photo-tile').count()).toBe(1);
    // The thumbnails stand upright (taller than wide), as the camera was held.
    const box = await page.locator('img.photo-tile__img').first().evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight]);
    expect(box[1]!).toBeGreaterThan(box[0]!);
    await page.evaluate(() => window.scrollTo(0, 0));
    await audit(page, a11y);
    await screenshot(page, 'photos-grid-tablet');

    // Today's after photo, large, with what is known about it.
    await today.getByRole('link', { name: /After photo, forehead/ }).click();
    await page.waitForURL(/\/photos\/[0-9a-f-]{36}$/);
    await imagesLoaded(page, 'img.photo-detail__img', 1);
    expect(await page.locator('.photo-facts').textContent()).toContain('Priya Shah, NP');
    await audit(page, a11y);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'photo-detail-tablet');

    // Compared with the first before photo, three weeks earlier: side by side.
    await page.getByRole('link', { name: 'Compare with another photo' }).click();
    await page.waitForURL(/\/photos\/compare\?a=/);
    await imagesLoaded(page, 'img.photo-compare__img', 2);
    const [left, right] = await page.locator('.photo-compare__side').evaluateAll((sides) => sides.map((s) => s.getBoundingClientRect().toJSON() as DOMRect));
    expect(Math.abs(left!.top - right!.top)).toBeLessThan(2);
    expect(right!.left).toBeGreaterThan(left!.right - 1);
    expect(await page.locator('.photo-compare__caption').allTextContents()).toEqual([expect.stringContaining('Before'), expect.stringContaining('After')]);
    expect(await page.locator('.photo-compare__caption').first().textContent()).toContain(shortDay(new Date(now.getTime() - 21 * DAY)));
    expect(await page.locator('.photo-compare__gap').textContent()).toBe('3 weeks apart');
    await audit(page, a11y);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'photos-compare-tablet');

    // Another pair, chosen in the picker: today's before and after.
    await page.getByRole('group', { name: 'Left photo' }).getByRole('radio').nth(1).check();
    await page.getByRole('button', { name: 'Compare these two' }).click();
    await page.waitForURL(/\/photos\/compare\?a=.+&b=.+/);
    await imagesLoaded(page, 'img.photo-compare__img', 2);
    expect(await page.locator('.photo-compare__caption').first().textContent()).toContain(shortDay(now));
    expect(await page.locator('.photo-compare__gap').textContent()).toBe('Taken the same day');

    // On a phone the two stack.
    const phone = await browser.newContext({ viewport: VIEWPORTS.phone, storageState: await context.storageState() });
    const small = await phone.newPage();
    await small.goto(page.url());
    await imagesLoaded(small, 'img.photo-compare__img', 2);
    const [top, bottom] = await small.locator('.photo-compare__side').evaluateAll((sides) => sides.map((s) => s.getBoundingClientRect().toJSON() as DOMRect));
    expect(bottom!.top).toBeGreaterThanOrEqual(top!.bottom - 1);
    await screenshot(small, 'photos-compare-phone');
    await phone.close();

    // A web page renamed .png is refused with a plain reason, and nothing is added.
    await page.goto(`${origin()}/clients/${ids.client}/photos`);
    await page.locator('#field-photos').setInputFiles({ name: 'forehead.png', mimeType: 'image/png', buffer: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>') });
    await page.getByRole('button', { name: 'Upload photos' }).click();
    await page.locator('#field-photos-error').getByText(/web page or document, not a photo/).waitFor();
    expect(await page.locator('img.photo-tile__img').count()).toBe(3);
    await page.getByRole('alert').filter({ hasText: 'The photos were not saved' }).waitFor();
    await screenshot(page, 'photos-refused-tablet');

    expect(a11y).toEqual([]);
    expect(problems.filter((p) => !/status of 415/.test(p))).toEqual([]);
    await context.close();
  });
});
