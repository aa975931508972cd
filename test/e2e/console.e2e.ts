import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { DEMO_CONSOLE_ADMIN } from '../../src/modules/console/demo-seed.ts';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot as fullPageShot, VIEWPORTS } from '../support/browser.ts';
import type { TestApp } from '../support/harness.ts';
import { startLiveApp } from '../support/live-server.ts';

// Issue 8, "Lumè staff console": a staff member signs in with TOTP, creates a spa, sees it listed,
// and works a demo request; screenshots of every console page.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let app: TestApp;
let browser: Browser;
let secret = '';

beforeAll(async () => {
  live = await startLiveApp();
  app = live.app;
  browser = await launchBrowser();
  const base = new Date(app.clock.now.getTime() - 40 * 86_400_000);
  const prospects = [
    ['Elena Marsh', 'elena@radiancemedspa.com', 'Radiance Med Spa', 0, 'We have three injectors and a laser room; paper charts today. Could we see the consent forms?'],
    ['Omar Haddad', 'omar@skinlabaz.com', 'SkinLab Scottsdale', 3, null],
    ['Grace Liu', 'grace@lumiereaesthetics.co', 'Lumière Aesthetics', 12, 'Moving from Vagaro in the spring.'],
    ['Tomás Rivera', 'tomas@glowup.clinic', 'GlowUp Clinic', 39, null],
  ] as const;
  for (const [name, email, spa, daysAgo, message] of prospects) {
    await app.deps.db.ownerQuery(
      `INSERT INTO demo_requests (name, email, spa_name, locations, providers, current_platform, message, created_at) VALUES ($1, $2, $3, 2, 6, 'vagaro', $4, $5)`,
      [name, email, spa, message, new Date(base.getTime() + (40 - daysAgo) * 86_400_000)],
    );
  }
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});



/** Full-page screenshots from the top, so the sticky top bar sits where it belongs. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}

const consoleUrl = (path: string) => `http://admin.localhost:${live.port}${path}`;

function consoleErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    // A form sent back with its errors answers 400, which Chromium logs; anything else (CSP, script) is a problem.
    if (m.type() === 'error' && !/status of 4(00|01|09)/.test(m.text())) problems.push(m.text());
  });
  return problems;
}

async function signIn(page: Page, shots: boolean): Promise<void> {
  app.clock.now = new Date(app.clock.now.getTime() + 30_000);
  await page.goto(consoleUrl('/login'));
  if (shots) await screenshot(page, 'console-login');
  await page.getByLabel('Work email').fill(DEMO_CONSOLE_ADMIN.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/login\/(enrol|totp)$/);
  if (page.url().endsWith('/login/enrol')) {
    secret = (await page.locator('.enrol__secret').textContent())!.replaceAll(/\s/g, '');
    if (shots) await screenshot(page, 'console-enrol');
    await page.getByLabel('Authentication code').fill(totpCodeAt(secret, app.clock.now));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    if (shots) await screenshot(page, 'console-recovery-codes');
    await page.getByRole('link', { name: /saved them/ }).click();
  } else {
    if (shots) await screenshot(page, 'console-totp');
    await page.getByLabel('Authentication code').fill(totpCodeAt(secret, app.clock.now));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.waitForURL(consoleUrl('/'));
}

describe('the Lumè staff console', () => {
  it('signs in with TOTP, creates a spa (after fixing the form) and lists it', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    const problems = consoleErrors(page);
    await signIn(page, true);
    await screenshot(page, 'console-spas-tablet');
    const cookie = (await context.cookies()).find((c) => c.name === '__Host-lume_console')!;
    expect([cookie.httpOnly, cookie.secure, cookie.sameSite]).toEqual([true, true, 'Strict']);

    await page.getByRole('link', { name: 'New spa' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Serenity Skin Studio');
    await page.getByLabel('Address').fill('Admin');
    await page.getByLabel('Full name').fill('Nadia Brooks');
    await page.getByLabel('Email').fill('nadia@serenity');
    await page.getByRole('button', { name: 'Create spa and invite owner' }).click();
    await page.getByText('Nothing was created').waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Serenity Skin Studio');
    await screenshot(page, 'console-new-spa-errors');

    await page.getByLabel('Legal name').fill('Serenity Skin Studio LLC');
    await page.getByLabel('Address').fill('serenity');
    await page.getByLabel('State').selectOption('TX');
    await page.getByLabel('Email').fill('nadia@serenityskin.com');
    await page.getByLabel('The spa signed this version of the BAA').check();
    await page.getByRole('button', { name: 'Create spa and invite owner' }).click();
    await page.getByText('Spa created.').waitFor();
    await screenshot(page, 'console-spa-created');

    const invitation = (await listOutbox(app.deps.db, 20)).find((m) => m.recipient === 'nadia@serenityskin.com')!;
    expect(invitation.body).toContain(`http://serenity.localhost:${live.port}/invite/`);

    await page.getByText('Suspend this spa…').click();
    await screenshot(page, 'console-spa-suspend-confirm');

    await page.getByRole('link', { name: 'Spas', exact: true }).click();
    const row = page.getByRole('row', { name: /Serenity Skin Studio/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Active');
    await screenshot(page, 'console-spas-with-new');

    await page.setViewportSize(VIEWPORTS.desktop);
    await screenshot(page, 'console-spas-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'console-spas-phone');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works a demo request: status, a note, and a prospect’s export request', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    const problems = consoleErrors(page);
    await signIn(page, false);
    await page.getByRole('link', { name: 'Demo requests', exact: true }).click();
    await page.getByRole('heading', { name: 'Demo requests', level: 1 }).waitFor();
    await screenshot(page, 'console-demo-requests');

    await page.getByRole('link', { name: 'Elena Marsh' }).click();
    await page.getByLabel('Where we are').selectOption('contacted');
    await page.getByRole('button', { name: 'Save status' }).click();
    await page.getByText('Status saved.').waitFor();
    await page.getByLabel('Add a note').fill('Called Elena; demo pencilled in for Thursday at 10.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Note added.').waitFor();
    await page.getByText('New rights request…').click();
    await page.getByLabel('They asked to').selectOption('export');
    await page.getByLabel('Received on').fill(new Date(app.clock.now.getTime() - 35 * 86_400_000).toISOString().slice(0, 10));
    await screenshot(page, 'console-demo-request');
    await page.getByRole('button', { name: 'Open request' }).click();
    await page.getByText('Request opened.').waitFor();
    await screenshot(page, 'console-rights-request');

    await page.getByRole('link', { name: 'Rights requests', exact: true }).click();
    await page.locator('tr.is-overdue').waitFor();
    await screenshot(page, 'console-rights-list');

    await page.getByRole('link', { name: 'Lumè staff', exact: true }).click();
    await page.getByRole('heading', { name: 'Lumè staff', level: 1 }).waitFor();
    await screenshot(page, 'console-staff');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has no serious accessibility problem on any console page', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    await page.goto(consoleUrl('/login'));
    const problems: string[] = (await seriousViolations(page)).map((v) => `/login ${v}`);
    await signIn(page, false);
    const one = async (sql: string) => (await app.deps.db.ownerQuery<{ id: string }>(sql)).rows[0]!.id;
    const spa = await one(`SELECT id FROM tenants WHERE slug = 'glow'`);
    const demo = await one(`SELECT id FROM demo_requests ORDER BY created_at LIMIT 1`);
    const rights = await one(`SELECT id FROM prospect_rights_requests LIMIT 1`);
    const staff = await one(`SELECT id FROM console_staff LIMIT 1`);
    for (const path of ['/', '/spas/new', `/spas/${spa}`, '/demo-requests', `/demo-requests/${demo}`, '/rights', `/rights/${rights}`, '/staff', '/staff/new', `/staff/${staff}`]) {
      await page.goto(consoleUrl(path));
      for (const v of await seriousViolations(page)) problems.push(`${path} ${v}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
