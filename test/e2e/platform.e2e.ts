import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { freePort, startLume, waitFor, type Started } from '../support/process.ts';

// Issue "Platform core": a person opens the marketing home and the demo spa's sign-in page.
let lume: Started;
let browser: Browser;
let port: number;

beforeAll(async () => {
  port = await freePort();
  lume = startLume({ DATA_DIR: mkdtempSync(join(tmpdir(), 'lume-e2e-')), PORT: String(port) });
  await waitFor(lume, /Lumè is running/);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  lume?.child.kill('SIGTERM');
  await lume?.exited;
});

describe('the two front doors', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows the marketing home with no CSP violations (${name})`, async () => {
      const page = await browser.newPage({ viewport });
      const violations: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') violations.push(m.text());
      });
      const response = await page.goto(`http://localhost:${port}/`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.title()).toMatch(/Lumè/);
      expect(await page.context().cookies()).toEqual([]);
      await screenshot(page, `platform-marketing-home-${name}`);
      expect(violations).toEqual([]);
      await page.close();
    });
  }

  it('opens the demo spa’s sign-in page on its own host', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.tablet });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') violations.push(m.text());
    });
    await page.goto(`http://glow.localhost:${port}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByText('Glow Aesthetics').first().waitFor();
    expect(await page.getByLabel('Email').isVisible()).toBe(true);
    expect(await page.getByLabel('Password').isVisible()).toBe(true);
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => [c.name, c.secure, c.httpOnly, c.sameSite])).toEqual([['__Host-lume_csrf', true, true, 'Strict']]);
    await screenshot(page, 'platform-spa-login-tablet');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('shows the same plain 404 for a spa that does not exist', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    const response = await page.goto(`http://nosuchspa.localhost:${port}/login`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/not found/i);
    await screenshot(page, 'platform-404-phone');
    await page.close();
  });
});
