import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { PageSignIn } from '../support/page-sign-in.ts';
import { signFormDirectly } from '../support/signed-form.ts';
import { addVisit } from '../support/visits.ts';

// Issue 7, PUB-1: the client's Forms tab on a front-desk tablet (1024×768) and a phone: forms by
// visit with their status, one visit's forms sent by text, the link listed as open, revoked, and
// the texted link then answering only "this link no longer works". No horizontal scroll, the
// record's tab strip included; no serious axe finding; screenshots looked at.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
let signIn: PageSignIn;
const ids: Record<string, string> = {};
const origin = () => `http://glow.localhost:${live.port}`;

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await live.app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

/** Nothing on the page, nor in the client record's tab strip, is wider than the screen. */
async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const tabs = document.querySelector('.tabs')!;
    return { page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth, tabs: tabs.scrollWidth, tabsBox: tabs.clientWidth };
  });
  expect(widths.page, 'page').toBeLessThanOrEqual(widths.view);
  expect(widths.tabs, 'tab strip').toBeLessThanOrEqual(widths.tabsBox);
}

beforeAll(async () => {
  live = await startLiveApp();
  const t = live.app.spas.glow;
  const db = live.app.deps.db;
  ids.location = await one(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Santa Monica'`, [t]);
  ids.provider = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [t]);
  ids.service = await one(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'Lip filler', 0) RETURNING id`, [t]);
  ids.client = await one(
    `INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, mobile_phone, sms_consent, sms_consent_at, sms_consent_method)
     VALUES ($1, 'Inés', 'Carvalho', '1988-09-12', '+13105550177', true, now(), 'in_person') RETURNING id`,
    [t],
  );
  const visit = await addVisit(db, { tenantId: t, clientId: ids.client, locationId: ids.location, serviceId: ids.service, providerId: ids.provider, startsAt: '2026-12-09T18:30:00Z', status: 'booked' });
  const ask = async (starter: string, appointment: string | null) =>
    one(
      `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, appointment_id)
       SELECT t.tenant_id, $2, t.id, v.id, $4 FROM form_templates t JOIN form_versions v ON v.tenant_id = t.tenant_id AND v.template_id = t.id
        WHERE t.tenant_id = $1 AND t.starter_key = $3 ORDER BY v.version DESC LIMIT 1 RETURNING id`,
      [t, ids.client, starter, appointment],
    );
  await ask('dermal-filler-consent', visit.appointment);
  await ask('photo-release', visit.appointment);
  const intake = await ask('general-intake', null);
  await signFormDirectly(db, t, intake);
  browser = await launchBrowser();
  signIn = new PageSignIn(live.app);
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

describe('the client’s Forms tab', () => {
  it('on a tablet: sends one visit’s forms by text, lists the link, revokes it; the texted link then no longer works', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn.operator(page, origin(), 'frontdesk@glow.example');
    await page.goto(`${origin()}/clients/${ids.client}/forms`);
    const visit = page.locator('.client-forms-visit', { hasText: 'Lip filler' });
    await visit.waitFor();
    expect(await visit.locator('.client-form').count()).toBe(2);
    await noSidewaysScroll(page);
    await screenshot(page, 'forms-tab-tablet');

    await visit.getByRole('button', { name: 'By text' }).tap();
    await page.getByText('Link sent by text').waitFor();
    const link = page.locator('.form-link').first();
    expect(await link.textContent()).toMatch(/Open[^]*Text message[^]*by Jordan Lee[^]*expires [A-Z][a-z]{2} \d{1,2}, 2026/);
    expect(await link.textContent()).toMatch(/Dermal filler consent|Photo/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'forms-tab-tablet-sent');

    await link.getByText('Revoke…').tap();
    await link.getByRole('button', { name: 'Revoke this link' }).tap();
    await page.getByText('Link revoked.').waitFor();
    expect(await page.locator('.form-link').first().textContent()).toMatch(/Revoked[^]*by Jordan Lee/);
    expect(await page.locator('.form-link').first().getByText('Revoke…').count()).toBe(0);
    await noSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'forms-tab-tablet-revoked');
    await context.close();

    const [text] = await listOutbox(live.app.deps.db, 1);
    const texted = /(http:\/\/\S+\/f\/[A-Za-z0-9_-]{43})$/.exec(text!.body)![1]!;
    const phone = await browser.newContext({ viewport: VIEWPORTS.phone, hasTouch: true, reducedMotion: 'reduce' });
    const client = await phone.newPage();
    const response = await client.goto(texted);
    expect(response!.status()).toBe(410);
    await client.getByText('This link no longer works').waitFor();
    await screenshot(client, 'forms-tab-revoked-link-phone');
    await phone.close();
  });

  it('for the owner on a tablet, who sees every tab of the record: the tab strip fits without scrolling', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn.operator(page, origin(), 'owner@glow.example');
    await page.goto(`${origin()}/clients/${ids.client}/forms`);
    await page.locator('.client-forms-visit').first().waitFor();
    expect(await page.locator('.tabs__tab').count()).toBe(7);
    await noSidewaysScroll(page);
    await screenshot(page, 'forms-tab-tablet-owner');
    await context.close();
  });

  it('on a phone: the same tab without sideways scrolling, each status in words and colour', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn.operator(page, origin(), 'manager@glow.example');
    await page.goto(`${origin()}/clients/${ids.client}/forms`);
    await page.locator('.client-forms-visit').first().waitFor();
    expect(await page.locator('.form-status--pending').count()).toBeGreaterThan(0);
    expect(await page.locator('.form-status--signed').count()).toBeGreaterThan(0);
    const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(width[0]).toBeLessThanOrEqual(width[1]!);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'forms-tab-phone');
    await context.close();
  });

  it('the owner sets form links to expire after 10 days in Settings; the tab then says so', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn.operator(page, origin(), 'owner@glow.example');
    await page.goto(`${origin()}/settings`);
    const days = page.getByLabel('Form links expire after this many days');
    expect(await days.inputValue()).toBe('7');
    // 0 or 31 never reach the server from this page (min and max on the field); the server's own
    // refusal of them is in test/integration/form-links.test.ts.
    expect([await days.getAttribute('min'), await days.getAttribute('max')]).toEqual(['1', '30']);
    await days.fill('10');
    await page.getByRole('button', { name: 'Save settings' }).tap();
    await page.getByText('Settings saved.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings-form-link-days-tablet');
    await page.goto(`${origin()}/clients/${ids.client}/forms`);
    await page.getByText('a link that works for 10 days').waitFor();
    await context.close();
  });
});
