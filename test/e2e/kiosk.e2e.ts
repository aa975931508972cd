import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { PageSignIn } from '../support/page-sign-in.ts';

// Issue 7, kiosk mode on a tablet (ADR 012): the front desk hands the tablet to the client from the
// Forms tab; the client fills and signs with a drawn signature and sees only the thanks; the back
// button never returns to the CRM; the front desk unlocks with password and code and finds the
// form signed. Screenshots of each step; no serious axe finding on the kiosk's pages.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
let signIn: PageSignIn;
const ids: Record<string, string> = {};
const origin = () => `http://glow.localhost:${live.port}`;
const TABLET = { width: 820, height: 1180 };
const DESK = 'frontdesk@glow.example';

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await live.app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

/** The page shows nothing of the CRM or the record: checked on every page the client can reach. */
async function expectNoCrm(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/Camila|Reyes|Calendar|Clients|Today/);
}

beforeAll(async () => {
  live = await startLiveApp();
  signIn = new PageSignIn(live.app);
  const t = live.app.spas.glow;
  ids.template = await one(`SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'photo-release'`, [t]);
  ids.version = await one(`SELECT id FROM form_versions WHERE tenant_id = $1 AND template_id = $2 ORDER BY version DESC LIMIT 1`, [t, ids.template]);
  ids.client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, preferred_language) VALUES ($1, 'Camila', 'Reyes', '1993-06-21', 'en') RETURNING id`, [t]);
  ids.form = await one(`INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) VALUES ($1, $2, $3, $4) RETURNING id`, [t, ids.client, ids.template, ids.version]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

describe('kiosk mode on a front-desk tablet', () => {
  it('hands over, lets the client sign, keeps the CRM locked through the back button, and unlocks with password and code', async () => {
    const context = await browser.newContext({ viewport: TABLET, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn.operator(page, origin(), DESK);

    // The front desk, on the client's Forms tab.
    await page.goto(`${origin()}/clients/${ids.client}/forms`);
    await page.getByRole('heading', { name: 'Fill in on this tablet' }).waitFor();
    await screenshot(page, 'kiosk-1-forms-tab');
    await page.getByRole('button', { name: 'Hand the tablet to the client' }).click();

    // The client's forms, in kiosk mode: no CRM, only a discreet Staff link.
    await page.waitForURL(/\/f\?lang=en$/);
    await page.getByRole('heading', { level: 1, name: 'Your forms' }).waitFor();
    await expectNoCrm(page);
    expect(await page.getByRole('link', { name: 'Staff' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'kiosk-2-fill');

    // Back: the Forms tab is asked for again and refused — the kiosk page, not the record.
    await page.goBack();
    await page.getByRole('heading', { name: /Kiosk in use\s— staff unlock/ }).waitFor();
    await expectNoCrm(page);
    await screenshot(page, 'kiosk-3-back-refused');
    await page.getByRole('link', { name: 'Back to the forms' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your forms' }).waitFor();

    // The client fills everything the form asks and signs with a drawn signature.
    for (const box of await page.locator('.fill__form input[type="checkbox"]:not([name^="signer_"])').all()) await box.check();
    for (const input of await page.getByLabel('Initials').all()) await input.fill('CR');
    for (const group of await page.locator('.fill__form fieldset.form-choices').all()) {
      const first = group.locator('input[type="radio"]').first();
      if (await first.count()) await first.check();
    }
    const canvas = page.locator('.fill__pad canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height * 0.7);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 12), box.y + box.height * (0.7 - 0.4 * Math.sin(i / 2)));
    await page.mouse.up();
    await page.getByLabel('Your full name').fill('Camila Reyes');
    await page.getByText('I agree that my electronic signature').click();
    await screenshot(page, 'kiosk-4-ready-to-sign');
    await page.getByRole('button', { name: 'Sign', exact: true }).click();

    // Signed: the thanks, and nothing else.
    await page.getByRole('heading', { level: 1, name: 'Thank you — please hand the tablet back' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Signed on|Photo|Camila/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'kiosk-5-thanks');

    // However far back the client goes, the CRM stays shut.
    // (Entries that were answers to a POST give Chrome's own "resubmit?" page, which shows nothing either.)
    for (let step = 0; step < 5; step++) {
      await page.goBack().catch(() => undefined);
      await page.waitForLoadState();
      await expectNoCrm(page);
      const url = page.url();
      const allowed = url.startsWith('chrome-error:') || new URL(url).pathname === '/f' || (await page.getByRole('heading', { name: /Kiosk in use\s— staff unlock/ }).count()) === 1;
      expect(allowed, url).toBe(true);
      await screenshot(page, `kiosk-6-back-${step + 1}`);
    }

    // The front desk takes the tablet back: a wrong code first, then the right one.
    await page.goto(`${origin()}/f`);
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff unlock' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'kiosk-7-unlock');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('That password and code do not match those of Jordan Lee.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'kiosk-8-unlock-refused');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByLabel('Authentication code').fill(signIn.nextCode(DESK));
    await page.getByRole('button', { name: 'Unlock' }).click();

    // Back on the client's Forms tab, the form signed.
    await page.waitForURL(`${origin()}/clients/${ids.client}/forms?done=unlocked`);
    await page.getByText('Welcome back: the tablet is unlocked').waitFor();
    const signedGroup = page.locator('.client-forms-group--signed');
    await signedGroup.getByText('Photo', { exact: false }).first().waitFor();
    await screenshot(page, 'kiosk-9-back-on-forms-tab');
    const status = await live.app.deps.db.ownerQuery<{ status: string }>(`SELECT status FROM client_forms WHERE id = $1`, [ids.form]);
    expect(status.rows[0]!.status).toBe('signed');
    await context.close();
  });

  it('reloads a CRM page the browser restores from its back/forward cache, so the server answers it afresh', async () => {
    const context = await browser.newContext({ viewport: TABLET });
    const page = await context.newPage();
    await signIn.operator(page, origin(), 'owner@glow.example');
    await page.goto(`${origin()}/clients/${ids.client}/forms`);
    await page.evaluate(() => void ((window as unknown as { stale?: boolean }).stale = true));
    // What Safari fires when it shows a page from its back/forward cache.
    await Promise.all([
      page.waitForEvent('load'),
      page.evaluate(() => void window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))).catch(() => undefined),
    ]);
    expect(await page.evaluate(() => (window as unknown as { stale?: boolean }).stale)).toBeUndefined();
    await context.close();
  });
});
