import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchedule } from '../../src/modules/scheduling/demo-schedule.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { PageSignIn } from '../support/page-sign-in.ts';

// Issue 5, setup: a manager sets up a service with phases on a tablet; the setup pages pass axe-core.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
let signIn: PageSignIn;

beforeAll(async () => {
  live = await startLiveApp();
  await seedDemoSchedule(live.app.deps.db, live.app.spas.glow, live.app.clock.now);
  browser = await launchBrowser();
  signIn = new PageSignIn(live.app);
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

const origin = () => `http://glow.localhost:${live.port}`;

async function check(page: Page, name: string, found: string[]): Promise<void> {
  await screenshot(page, name);
  for (const v of await seriousViolations(page)) found.push(`${name}: ${v}`);
}

describe('a manager sets up the spa’s services and schedules on a tablet', () => {
  it('adds a laser service with phases, sees its timeline, and reviews locations and a provider’s week', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    const found: string[] = [];
    await signIn.operator(page, origin(), 'manager@glow.example');

    await page.getByRole('link', { name: 'Services' }).click();
    await page.getByRole('heading', { name: 'Injectables' }).waitFor();
    await check(page, 'setup-services', found);

    await page.getByRole('link', { name: 'Add a service' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('IPL photofacial');
    await page.getByLabel('Category').fill('Laser');
    await page.getByLabel('Price (US dollars)').fill('375');
    await page.getByLabel('RN — Registered nurse').check();
    await page.getByLabel('NP — Nurse practitioner').check();
    await page.getByLabel('Requirement 1').fill('Room');
    await page.getByLabel(/^Studio A/).first().check();
    await page.getByLabel('Requirement 2').fill('IPL');
    await page.getByLabel(/^IPL Photofacial/).nth(1).check();
    await page.getByLabel('Phase 1').fill('Numbing');
    await page.locator('[name="phase_0_minutes"]').fill('20');
    await page.locator('[name="phase_0_holds"]').fill('Room');
    await page.getByLabel('Phase 2').fill('Treatment');
    await page.locator('[name="phase_1_minutes"]').fill('30');
    await page.locator('[name="phase_1_provider"]').check();
    await page.locator('[name="phase_1_holds"]').fill('Room, IPL');
    await page.getByRole('button', { name: 'Add service' }).click();
    await page.getByText('Service added.').waitFor();
    expect(await page.locator('.phase-timeline__lane').count()).toBe(4);
    await check(page, 'setup-service-phases', found);

    await page.getByRole('link', { name: 'Locations' }).click();
    await page.getByRole('link', { name: 'Santa Monica' }).click();
    await page.getByRole('heading', { name: 'Rooms and devices' }).waitFor();
    await check(page, 'setup-location', found);

    await page.getByRole('link', { name: 'Schedules' }).click();
    await page.getByRole('link', { name: 'Priya Shah, NP' }).click();
    await page.getByRole('heading', { name: 'Usual week' }).waitFor();
    await check(page, 'setup-schedule', found);

    expect(found).toEqual([]);
    await context.close();
  });
});
