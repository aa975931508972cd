import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import type { TestApp } from '../support/harness.ts';

// Issue "Identity, permissions and the audit trail": the journeys a spa's staff take, in Chromium.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let app: TestApp;
let browser: Browser;
const secrets = new Map<string, string>();

beforeAll(async () => {
  live = await startLiveApp();
  app = live.app;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

const spaUrl = (path: string) => `http://glow.localhost:${live.port}${path}`;

function cspWatch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return problems;
}

/**
 * Signs in through the pages, enrolling TOTP the first time; moves the app clock a step so each
 * code is fresh. The app clock only ever moves forward (a code's step can never be used twice).
 */
async function signIn(page: Page, email: string, shots?: string): Promise<void> {
  app.clock.now = new Date(app.clock.now.getTime() + 30_000);
  await page.goto(spaUrl('/login'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/login\/(enrol|totp)$/);
  if (page.url().endsWith('/login/enrol')) {
    const secret = (await page.locator('.enrol__secret').textContent())!.replaceAll(/\s/g, '');
    secrets.set(email, secret);
    if (shots) await screenshot(page, `${shots}-enrol`);
    await page.getByLabel('Authentication code').fill(totpCodeAt(secret, app.clock.now));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    if (shots) await screenshot(page, `${shots}-recovery-codes`);
    await page.getByRole('link', { name: /saved them/ }).click();
  } else {
    if (shots) await screenshot(page, `${shots}-totp`);
    await page.getByLabel('Authentication code').fill(totpCodeAt(secrets.get(email)!, app.clock.now));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.waitForURL(spaUrl('/'));
}

describe('operators sign in with a second factor', () => {
  it('enrols TOTP at first sign-in, then signs in with a code', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    const problems = cspWatch(page);
    await signIn(page, 'owner@glow.example', 'identity-first-sign-in');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Welcome, Maya');
    await screenshot(page, 'identity-today-tablet');
    const session = (await context.cookies()).find((c) => c.name === '__Host-lume_session')!;
    expect([session.httpOnly, session.secure, session.sameSite]).toEqual([true, true, 'Strict']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(spaUrl('/login'));

    await signIn(page, 'owner@glow.example', 'identity-second-sign-in');
    expect(page.url()).toBe(spaUrl('/'));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('warns before automatic logoff, then signs out an idle session', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    // The server's clock runs 14 minutes behind the browser's: as the browser sees it, the
    // session's last activity (signing in) was 13.5 minutes ago, so the warning is due at once.
    app.clock.now = new Date(Date.now() - 14 * 60_000);
    await signIn(page, 'provider@glow.example');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await dialog.textContent()).toContain('signed out in about two minutes');
    await screenshot(page, 'identity-idle-warning');

    app.clock.now = new Date(Date.now() + 16 * 60_000);
    await page.goto(spaUrl('/'));
    expect(page.url()).toBe(spaUrl('/login?ended=idle'));
    expect(await page.getByRole('alert').textContent()).toContain('period of inactivity');
    await screenshot(page, 'identity-idle-signed-out');
    await context.close();
  });

  it('refuses a front-desk user a page their role does not open, with a plain explanation', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    await signIn(page, 'frontdesk@glow.example');
    const response = await page.goto(spaUrl('/audit'));
    expect(response?.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain('Your role does not allow this');
    await screenshot(page, 'identity-front-desk-refused');
    await context.close();
  });

  it('shows the owner the accesses just made on the audit screen', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await signIn(page, 'owner@glow.example');
    await page.goto(spaUrl('/audit'));
    const table = await page.locator('table').textContent();
    expect(table).toContain('Jordan Lee');
    expect(table).toContain('Priya Shah');
    await screenshot(page, 'identity-audit-screen');
    await context.close();
  });
});
