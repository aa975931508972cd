import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { freePort, startLume, waitFor, type Started } from '../support/process.ts';

// Issue 8, "Marketing site" and "Demo requests": every page at phone and desktop width, checked
// by axe-core, and a person sending the demo form with a mistake first.
const PAGES = [
  ['home', '/'],
  ['features', '/features'],
  ['pricing', '/pricing'],
  ['security', '/security'],
  ['baa', '/baa'],
  ['privacy', '/privacy'],
  ['subprocessors', '/subprocessors'],
  ['demo', '/demo'],
  ['thanks', '/demo/thanks'],
] as const;
const WIDTHS = { phone: VIEWPORTS.phone, desktop: VIEWPORTS.desktop };

let lume: Started;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  lume = startLume({ DATA_DIR: mkdtempSync(join(tmpdir(), 'lume-e2e-marketing-')), PORT: String(port) });
  await waitFor(lume, /Lumè is running/);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  lume?.child.kill('SIGTERM');
  await lume?.exited;
});


async function openPage(width: keyof typeof WIDTHS, path: string) {
  const context = await browser.newContext({ viewport: WIDTHS[width] });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const response = await page.goto(`${origin}${path}`);
  return { context, page, response, problems };
}

describe('every marketing page, at phone and desktop width', () => {
  for (const [width] of Object.entries(WIDTHS) as [keyof typeof WIDTHS, unknown][]) {
    for (const [name, path] of PAGES) {
      it(`${path} (${width}): loads cleanly, sets no cookie but the form's, and has no serious accessibility problem`, async () => {
        const { context, page, response, problems } = await openPage(width, path);
        expect(response?.status()).toBe(200);
        expect(await page.title()).toMatch(/ · Lumè$/);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.locator('main#main').count()).toBe(1);
        // Nothing wider than the screen on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTHS[width].width);
        const cookies = await context.cookies();
        expect(cookies.map((c) => c.name)).toEqual(path === '/demo' ? ['__Host-lume_csrf'] : []);
        await screenshot(page, `marketing-${name}-${width}`);
        expect(await seriousViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }
});

describe('requesting a demo on a phone', () => {
  it('shows the mistake beside its field with everything typed kept, then thanks the person once it is fixed', async () => {
    const { context, page, problems } = await openPage('phone', '/demo');
    await page.getByLabel('Your name').fill('Dana Whitfield');
    await page.getByLabel('Work email').fill('dana.radiance-aesthetics.example'); // the mistake: no @
    await page.getByLabel('Phone').fill('+1 415 555 0134');
    await page.getByLabel('Spa name').fill('Radiance Aesthetics');
    await page.getByLabel('Locations').fill('2');
    await page.getByLabel('Providers').fill('7');
    await page.getByLabel('What do you use today?').selectOption({ label: 'Mangomint' });
    await page.getByLabel('Anything we should know?').fill('Interested in consent forms.');
    await page.getByRole('button', { name: 'Request a demo' }).click();

    await page.getByText('Please check one field').waitFor();
    const email = page.getByLabel('Work email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-email-error').textContent()).toContain('Enter a full email address');
    expect(await email.inputValue()).toBe('dana.radiance-aesthetics.example');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Dana Whitfield');
    expect(await page.getByLabel('Providers').inputValue()).toBe('7');
    expect(await page.getByLabel('What do you use today?').inputValue()).toBe('mangomint');
    expect(await page.getByLabel('Anything we should know?').inputValue()).toBe('Interested in consent forms.');
    await screenshot(page, 'marketing-demo-error-phone');
    expect(await seriousViolations(page)).toEqual([]);

    await email.fill('dana@radiance-aesthetics.example');
    await page.getByRole('button', { name: 'Request a demo' }).click();
    await page.waitForURL(`${origin}/demo/thanks`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Thank you');
    expect(await page.content()).not.toContain('Dana');
    await screenshot(page, 'marketing-demo-thanks-phone');
    // The form with the mistake came back as 400, which the browser notes; nothing else may appear.
    expect(problems.filter((p) => !/status of 400 \(Bad Request\)/.test(p))).toEqual([]);

    // The job runner emails the request to the demo inbox; locally that is the dev outbox.
    const outbox = await context.newPage();
    await expect
      .poll(
        async () => {
          await outbox.goto(`${origin}/dev/outbox`);
          return outbox.getByText('Demo request: Radiance Aesthetics (2 locations, 7 providers)').count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    await context.close();
  });

  it('asks which system only when "Something else" is chosen', async () => {
    const { context, page } = await openPage('desktop', '/demo');
    const other = page.getByLabel('Which system?');
    expect(await other.isVisible()).toBe(false);
    await page.getByLabel('What do you use today?').selectOption({ label: 'Something else' });
    expect(await other.isVisible()).toBe(true);
    await other.fill('A spreadsheet');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'marketing-demo-other-desktop');
    await context.close();
  });
});
