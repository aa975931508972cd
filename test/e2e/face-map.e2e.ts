import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, SCREENSHOT_DIR, screenshot, VIEWPORTS } from '../support/browser.ts';
import { freePort, startLume, waitFor, type Started } from '../support/process.ts';

// Issue 6, the injection face diagram (CRM-5), on the dev style guide: a provider taps the drawing
// on a tablet, corrects an amount in the table, removes a point; a keyboard user adds and edits
// points without pointing; a phone swipes between the views; a signed chart has nothing to change.
type Point = { view: string; x: number; y: number; site: string; product: string; amount: number | null };

let lume: Started;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  lume = startLume({ DATA_DIR: mkdtempSync(join(tmpdir(), 'lume-e2e-face-map-')), PORT: String(port) });
  await waitFor(lume, /Lumè is running/);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  lume?.child.kill('SIGTERM');
  await lume?.exited;
});

async function openStyleGuide(options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  // Reduced motion: no smooth scrolling under the test's taps and pictures.
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const response = await page.goto(`${origin}/dev/styleguide`);
  expect(response?.status()).toBe(200);
  return { context, page, problems };
}

const editable = (page: Page) => page.locator('#face-map-edit');
const pointsOf = async (page: Page): Promise<Point[]> => JSON.parse(await editable(page).locator('input[type="hidden"][name="points"]').inputValue());
const legend = (map: Locator, product: string) => map.locator('.face-map__legend-item', { hasText: product });

/** The place of diagram coordinates (400 × 500 per view) on the screen. */
async function onScreen(map: Locator, view: string, x: number, y: number): Promise<{ x: number; y: number }> {
  const svg = map.locator(`svg[data-view="${view}"]`);
  await svg.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' }));
  const box = (await svg.boundingBox())!;
  return { x: box.x + (x / 400) * box.width, y: box.y + (y / 500) * box.height };
}

/**
 * A picture of just the component. The window is made as tall as the page first, so nothing
 * sticky covers it and the layout measured is the layout photographed.
 */
async function shoot(page: Page, target: Locator, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  const clip = (await target.boundingBox())!;
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, clip });
  await page.setViewportSize(viewport);
}

describe('the face diagram on a tablet, by touch', () => {
  it('places a point where the provider taps, takes an amount in its row, removes a point, and keeps the totals and the JSON in step', async () => {
    const { context, page, problems } = await openStyleGuide({ viewport: VIEWPORTS.tablet, hasTouch: true });
    const map = editable(page);
    await map.scrollIntoViewIfNeeded();
    const before = await pointsOf(page);
    expect(before).toHaveLength(12);
    expect(await legend(map, 'Botox').textContent()).toContain('24 units');
    expect(await legend(map, 'Juvéderm Voluma').textContent()).toContain('1.1 mL');

    // A tap beside the client's left eye on the front view (the viewer's right).
    const tap = await onScreen(map, 'front', 296, 228);
    await page.touchscreen.tap(tap.x, tap.y);
    const placed = (await pointsOf(page))[12]!;
    expect(placed).toMatchObject({ view: 'front', site: 'Crow’s feet, left', product: 'botox', amount: 4 });
    expect(Math.abs(placed.x - 296)).toBeLessThanOrEqual(3);
    expect(Math.abs(placed.y - 228)).toBeLessThanOrEqual(3);
    expect(await map.locator('svg[data-view="front"] .face-map__marker[data-index="12"]').count()).toBe(1);
    const editor = map.locator('[data-face-map-editor]');
    expect(await editor.isVisible()).toBe(true);
    expect(await editor.textContent()).toContain('Point 13 · Front');
    expect(await editor.getByLabel('Site').inputValue()).toBe('Crow’s feet, left');
    expect(await legend(map, 'Botox').textContent()).toContain('28 units');
    expect(await legend(map, 'Botox').textContent()).toContain('8 points');
    await shoot(page, map, 'face-map-tablet-placed');

    // The amount is corrected in the table row.
    const row = map.locator('tbody tr[data-index="12"]');
    await row.getByLabel('Amount of point 13 in units').fill('6');
    expect((await pointsOf(page))[12]!.amount).toBe(6);
    expect(await legend(map, 'Botox').textContent()).toContain('30 units');
    expect(await editor.getByLabel('Amount').inputValue()).toBe('6');

    // Its product too: the unit and both totals follow.
    await row.getByLabel('Product of point 13').selectOption({ label: 'Juvéderm Voluma' });
    await row.getByLabel('Amount of point 13 in mL').fill('0.4');
    expect((await pointsOf(page))[12]).toMatchObject({ product: 'voluma', amount: 0.4 });
    expect(await legend(map, 'Botox').textContent()).toContain('24 units');
    expect(await legend(map, 'Juvéderm Voluma').textContent()).toContain('1.5 mL');
    expect(await map.locator('.face-map__marker[data-index="12"]').getAttribute('class')).toContain('face-map-tone-1');

    // Tapping a marker opens that point; it is removed from the editor, and the others are renumbered.
    const glabella = await onScreen(map, 'front', before[0]!.x, before[0]!.y);
    await page.touchscreen.tap(glabella.x, glabella.y);
    expect(await editor.textContent()).toContain('Point 1 · Front');
    expect(await editor.getByLabel('Site').inputValue()).toBe('Glabella (procerus)');
    expect((await pointsOf(page)).length).toBe(13);
    await editor.getByRole('button', { name: 'Remove point' }).tap();
    const after = await pointsOf(page);
    expect(after).toHaveLength(12);
    expect(after[0]!.site).toBe('Corrugator, right');
    expect(await editor.isVisible()).toBe(false);
    expect(await legend(map, 'Botox').textContent()).toContain('20 units');
    expect(await map.locator('tbody tr[data-index="0"] [data-cell="site"]').textContent()).toBe('Corrugator, right');
    await expect.poll(() => map.locator('[data-face-map-status]').textContent()).toMatch(/^Point 1 removed \(Glabella \(procerus\)\)/);

    // And from its row.
    await map.getByRole('button', { name: 'Remove point 11', exact: true }).tap();
    expect(await pointsOf(page)).toHaveLength(11);
    expect(await legend(map, 'Juvéderm Voluma').textContent()).toContain('1.5 mL');
    expect(await legend(map, 'Juvéderm Volbella').textContent()).toContain('0.3 mL');

    await screenshot(page, 'face-map-tablet');
    await shoot(page, map, 'face-map-tablet-edit');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the face diagram by keyboard alone', () => {
  it('adds a point by site, refuses an amount of 0 beside the field, edits and removes a point, and never submits the chart form', async () => {
    const { context, page, problems } = await openStyleGuide({ viewport: VIEWPORTS.desktop });
    const map = editable(page);
    const adder = map.locator('[data-face-map-add]');
    const url = page.url();

    // From the site list on, only keys: type-ahead and arrows choose, Tab moves, Enter adds.
    await adder.getByLabel('Site').focus();
    await page.keyboard.type('Mass');
    await page.keyboard.press('ArrowDown');
    expect(await adder.getByLabel('Site').inputValue()).toBe('front:masseter-left');
    await page.keyboard.press('Tab');
    await page.keyboard.type('J');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    expect(await adder.locator('[data-add-error]').textContent()).toBe('The amount must be more than 0.');
    expect(await adder.getByLabel('Amount').getAttribute('aria-invalid')).toBe('true');
    expect(await pointsOf(page)).toHaveLength(12);

    await page.keyboard.press('Backspace');
    await page.keyboard.type('0.8');
    await page.keyboard.press('Enter');
    expect(page.url()).toBe(url);
    const added = (await pointsOf(page))[12]!;
    expect(added).toEqual({ view: 'front', x: 284, y: 330, site: 'Masseter, left', product: 'voluma', amount: 0.8 });
    expect(await adder.locator('[data-add-error]').isVisible()).toBe(false);
    expect(await legend(map, 'Juvéderm Voluma').textContent()).toContain('1.9 mL');
    await expect.poll(() => map.locator('[data-face-map-status]').textContent()).toMatch(/^Point 13 added: Masseter, left/);

    // The same site again: the second marker sits beside the first, not on it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const again = (await pointsOf(page))[13]!;
    expect(again.site).toBe('Masseter, left');
    expect(Math.hypot(again.x - 284, again.y - 330)).toBeGreaterThanOrEqual(12);
    expect(again.x).toBeLessThan(284); // towards the middle of the face, not off its edge

    // Point 3 opened from its row: the site renamed, Enter closes and returns to the row.
    await map.getByRole('button', { name: 'Edit point 3', exact: true }).focus();
    await page.keyboard.press('Enter');
    const editor = map.locator('[data-face-map-editor]');
    expect(await editor.getByLabel('Site').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Corrugator, left (lateral)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    expect(await editor.isVisible()).toBe(false);
    expect(await map.getByRole('button', { name: 'Edit point 3', exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await pointsOf(page))[2]).toMatchObject({ site: 'Corrugator, left (lateral)', amount: 5 });
    expect(await legend(map, 'Botox').textContent()).toContain('25 units');

    // Removed from its row by keyboard; the focus moves to the next row's Remove.
    await map.getByRole('button', { name: 'Remove point 1', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await pointsOf(page)).toHaveLength(13);
    expect(await map.getByRole('button', { name: 'Remove point 1', exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await legend(map, 'Botox').textContent()).toContain('21 units');
    expect(page.url()).toBe(url);

    await shoot(page, map, 'face-map-desktop-keyboard');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the face diagram on a phone', () => {
  it('fits the screen, swipes between the views, and places a point on a profile by tap', async () => {
    const { context, page, problems } = await openStyleGuide({ viewport: VIEWPORTS.phone, hasTouch: true, isMobile: true });
    const map = editable(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await map.locator('.face-map__view[data-view="front"]').scrollIntoViewIfNeeded();
    await shoot(page, map.locator('.face-map__views'), 'face-map-phone-front');

    const right = map.locator('.face-map__view[data-view="right"]');
    await right.scrollIntoViewIfNeeded();
    expect(await right.isVisible()).toBe(true);
    const tap = await onScreen(map, 'right', 212, 340);
    await page.touchscreen.tap(tap.x, tap.y);
    expect((await pointsOf(page))[12]).toMatchObject({ view: 'right', site: 'Masseter, right', product: 'botox', amount: 4 });
    expect(await right.locator('[data-view-count]').textContent()).toBe('3 points');
    await shoot(page, map, 'face-map-phone-edit');
    await screenshot(page, 'face-map-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the face diagram of a signed chart', () => {
  it('shows the same drawing, totals and table with nothing to change', async () => {
    const { context, page, problems } = await openStyleGuide({ viewport: VIEWPORTS.desktop });
    const signed = page.locator('#face-map-signed');
    expect(await signed.locator('input, select, textarea, button').count()).toBe(0);
    expect(await signed.locator('.face-map__marker').count()).toBe(12);
    expect(await signed.locator('tbody tr:not([hidden])').count()).toBe(12);
    expect(await legend(signed, 'Botox').textContent()).toContain('24 units');
    expect(await legend(signed, 'Juvéderm Voluma').textContent()).toContain('1.1 mL');
    expect(await legend(signed, 'Juvéderm Volbella').textContent()).toContain('0.55 mL');
    expect(await signed.getByRole('row', { name: /Chin \(mentalis\)/ }).textContent()).toContain('0.1 mL');
    // A tap on a signed drawing changes nothing.
    const box = (await signed.locator('svg[data-view="front"]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await signed.locator('.face-map__marker').count()).toBe(12);
    await shoot(page, signed, 'face-map-signed');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
