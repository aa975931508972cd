import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { DEMO_CONSOLE_ADMIN } from '../../src/modules/console/demo-seed.ts';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import { launchBrowser, screenshot as fullPageShot, VIEWPORTS } from '../support/browser.ts';
import { seriousViolations } from '../support/axe.ts';
import type { TestApp } from '../support/harness.ts';
import { startLiveApp } from '../support/live-server.ts';

// Issue 8, proof: "use break-glass and see the spa's notification" and "publish a material policy
// change and see the notice in the demo spa" — in Chromium, against the real server.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let app: TestApp;
let browser: Browser;
const secrets = new Map<string, string>();
const REASON = 'Ticket 5120: the owner reports a client’s appointments missing after the import.';

beforeAll(async () => {
  live = await startLiveApp();
  app = live.app;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

const consoleUrl = (path: string) => `http://admin.localhost:${live.port}${path}`;
const spaUrl = (path: string) => `http://glow.localhost:${live.port}${path}`;

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}

/** Console errors other than the 4xx a refused form answers with (CSP or script problems would show here). */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  return problems;
}

/** A fresh time step, so no authenticator code is used twice. */
function tick(): void {
  app.clock.now = new Date(app.clock.now.getTime() + 30_000);
}

/** Fills the authenticator step (enrolling on first use) and waits for `landing`. */
async function secondFactor(page: Page, key: string, landing: string): Promise<void> {
  await page.waitForURL(/\/login\/(enrol|totp)$/);
  if (page.url().endsWith('/login/enrol')) {
    secrets.set(key, (await page.locator('.enrol__secret').textContent())!.replaceAll(/\s/g, ''));
    await page.getByLabel('Authentication code').fill(totpCodeAt(secrets.get(key)!, app.clock.now));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await page.getByRole('link', { name: /saved them/ }).click();
  } else {
    await page.getByLabel('Authentication code').fill(totpCodeAt(secrets.get(key)!, app.clock.now));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.waitForURL(landing);
}

async function consoleSignIn(page: Page): Promise<void> {
  tick();
  await page.goto(consoleUrl('/login'));
  await page.getByLabel('Work email').fill(DEMO_CONSOLE_ADMIN.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondFactor(page, 'console', consoleUrl('/'));
}

async function spaSignIn(page: Page, email: string): Promise<void> {
  tick();
  await page.goto(spaUrl('/login'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await secondFactor(page, email, spaUrl('/'));
}

describe('break-glass, from the console into the demo spa', () => {
  it('opens a window with a reason, follows the link into the CRM with its banner, and the spa sees it', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    const problems = watch(page);
    await consoleSignIn(page);
    await page.getByRole('link', { name: 'Glow Aesthetics' }).click();
    const form = page.locator('#break-glass-form');
    await form.waitFor();

    // A reason too short first: refused on the field, nothing opened.
    await page.getByLabel('Why you need access').fill('Owner asked');
    tick();
    await page.getByLabel('Your authenticator code, to confirm').fill(totpCodeAt(secrets.get('console')!, app.clock.now));
    await page.getByRole('button', { name: 'Open break-glass access' }).click();
    await page.getByText('at least 20 characters').waitFor();
    await screenshot(page, 'break-glass-console-reason-error');

    await page.getByLabel('Why you need access').fill(REASON);
    await page.getByLabel('For how long').selectOption('30');
    tick();
    await page.getByLabel('Your authenticator code, to confirm').fill(totpCodeAt(secrets.get('console')!, app.clock.now));
    await page.getByRole('button', { name: 'Open break-glass access' }).click();
    await page.getByRole('heading', { name: 'Break-glass access is open' }).waitFor();
    await screenshot(page, 'break-glass-console-opened');

    await page.locator('#break-glass-link').click();
    await page.waitForURL(spaUrl('/break-glass/ready'));
    await screenshot(page, 'break-glass-ready');
    await page.getByRole('link', { name: 'Open the CRM' }).click();
    await page.waitForURL(spaUrl('/'));
    const banner = page.locator('#break-glass-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(new RegExp(`Lumè break-glass access by ${DEMO_CONSOLE_ADMIN.name} — ends at \\d{2}:\\d{2}`));
    const cookie = (await context.cookies()).find((c) => c.name === '__Host-lume_break_glass')!;
    expect([cookie.httpOnly, cookie.secure, cookie.sameSite, cookie.domain]).toEqual([true, true, 'Strict', 'glow.localhost']);
    await screenshot(page, 'break-glass-crm-banner');
    expect(await seriousViolations(page)).toEqual([]);

    // The spa's owner signs in and sees who, why and until when; the admin contact has the email.
    const ownerContext = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const owner = await ownerContext.newPage();
    const ownerProblems = watch(owner);
    await spaSignIn(owner, 'owner@glow.example');
    const card = owner.locator('#break-glass');
    await card.waitFor();
    expect(await card.textContent()).toContain('Lumè support has break-glass access to your spa now');
    expect(await card.textContent()).toContain(DEMO_CONSOLE_ADMIN.name);
    expect(await card.textContent()).toContain(REASON);
    await screenshot(owner, 'break-glass-spa-notice');
    expect(await seriousViolations(owner)).toEqual([]);
    const mail = (await listOutbox(app.deps.db, 50)).find((m) => /opened emergency access to Glow Aesthetics/.test(m.subject ?? ''))!;
    expect(mail).toMatchObject({ channel: 'phi_email', recipient: 'maya@glow.example' });
    expect(mail.body).toContain(REASON);
    const outbox = await owner.goto(`http://localhost:${live.port}/dev/outbox`);
    if (outbox?.status() === 200) {
      await owner.getByText('opened emergency access to Glow Aesthetics').first().waitFor();
      await screenshot(owner, 'break-glass-dev-outbox');
    }

    // The owner ends it; the staff member's next page says so.
    await owner.goto(spaUrl('/'));
    await owner.getByRole('button', { name: 'End this access now' }).click();
    await owner.getByText(`Ended by Maya Okafor`).waitFor();
    await screenshot(owner, 'break-glass-spa-ended');
    await page.reload();
    await page.waitForURL(spaUrl('/login?ended=break_glass'));
    await page.getByText('The break-glass access has ended.').waitFor();
    await screenshot(page, 'break-glass-crm-ended');
    expect(problems).toEqual([]);
    expect(ownerProblems).toEqual([]);
    await ownerContext.close();
    await context.close();
  });
});

describe('a material policy change, from the console to the demo spa', () => {
  it('is published in the console; an operator of the demo spa sees the notice and acknowledges it', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    const problems = watch(page);
    await consoleSignIn(page);
    await page.getByRole('link', { name: 'Policies', exact: true }).click();
    await page.getByLabel('Policy').selectOption('privacy');
    await page.getByLabel('Version').fill('2026-12');
    await page.getByLabel('Takes effect on').fill(new Date(app.clock.now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('Material change').selectOption('yes');
    await page.getByLabel('What changes').fill('We now name our SMS provider and keep delivery records for 90 days instead of a year.');
    await screenshot(page, 'policy-console-form');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/policies\?published=2026-12/);
    await screenshot(page, 'policy-console-published');

    const spaContext = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const spa = await spaContext.newPage();
    const spaProblems = watch(spa);
    await spaSignIn(spa, 'frontdesk@glow.example');
    const notice = spa.locator('.policy-notice', { hasText: 'version 2026-12' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Lumè is updating its privacy policy');
    expect(await notice.textContent()).toContain('keep delivery records for 90 days');
    await screenshot(spa, 'policy-spa-notice');
    await notice.getByRole('button', { name: 'I have read this' }).click();
    await spa.waitForURL(spaUrl('/'));
    expect(await spa.locator('.policy-notice', { hasText: 'version 2026-12' }).count()).toBe(0);
    await screenshot(spa, 'policy-spa-acknowledged');
    const acks = await app.deps.db.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM policy_acknowledgements a JOIN policies p ON p.id = a.policy_id JOIN operators o ON o.tenant_id = a.tenant_id AND o.id = a.operator_id
        WHERE p.version = '2026-12' AND o.email = 'frontdesk@glow.example'`,
    );
    expect(acks.rows[0]!.n).toBe(1);
    expect(problems).toEqual([]);
    expect(spaProblems).toEqual([]);
    await spaContext.close();
    await context.close();
  });
});
