import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { PageSignIn } from '../support/page-sign-in.ts';

// Issue 4, proof: "create a client with allergies and a guardian for a minor, search with a typo,
// open the record, edit, merge a duplicate; screenshots; axe-core finds no serious violation".
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
let signIn: PageSignIn;

beforeAll(async () => {
  live = await startLiveApp();
  browser = await launchBrowser();
  signIn = new PageSignIn(live.app);
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

const origin = () => `http://glow.localhost:${live.port}`;
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);

/** Axe findings per page, collected as the journey goes and checked at the end of each test. */
async function audit(page: Page, found: string[]): Promise<void> {
  for (const v of await seriousViolations(page)) found.push(`${new URL(page.url()).pathname}: ${v}`);
}

function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  return problems;
}

async function fillPerson(page: Page, p: { first: string; last: string; born: string; phone?: string; email?: string }): Promise<void> {
  await page.getByLabel('First name').fill(p.first);
  await page.getByLabel('Last name').fill(p.last);
  await page.getByLabel('Date of birth').fill(p.born);
  if (p.phone) await page.getByLabel('Mobile phone').fill(p.phone);
  if (p.email) await field(page, 'email').fill(p.email);
}

describe('a front-desk lead works with client records on a tablet', () => {
  it('creates clients (one a minor with a guardian), finds one with a typo, edits it in place and merges a duplicate', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const page = await context.newPage();
    const problems = watchConsole(page);
    const a11y: string[] = [];
    await signIn.operator(page, origin(), 'owner@glow.example');

    // The Clients section, reached from the navigation.
    await page.getByRole('link', { name: 'Clients', exact: true }).first().click();
    await page.waitForURL(`${origin()}/clients`);
    await audit(page, a11y);
    await page.getByRole('link', { name: 'New client' }).click();
    await page.waitForURL(`${origin()}/clients/new`);
    await audit(page, a11y);

    // Mistakes first: every problem named beside its field, nothing saved, the typing kept.
    await page.getByLabel('First name').fill('Marisol');
    await page.getByLabel('Mobile phone').fill('555-01');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByText('Please check the highlighted fields').waitFor();
    expect(await page.getByText('Enter the legal last name.').count()).toBe(1);
    expect(await page.getByText('Enter the date of birth.').count()).toBe(1);
    expect(await page.getByText(/Mobile phone: enter a phone number/).count()).toBe(1);
    expect(await page.getByLabel('First name').inputValue()).toBe('Marisol');
    await screenshot(page, 'clients-new-errors-tablet');

    // An adult with a severe allergy and consent to texts.
    await fillPerson(page, { first: 'Marisol', last: 'Vega', born: '1988-04-12', phone: '(310) 555-0142', email: 'marisol.vega@example.com' });
    await page.getByLabel('Preferred name').fill('Mari');
    await field(page, 'sms_consent').check();
    await field(page, 'sms_consent_method').selectOption('in_person');
    await page.getByLabel('Allergy 1').fill('Lidocaine');
    await field(page, 'allergy_0_reaction').fill('Hives');
    await field(page, 'allergy_0_severity').selectOption('severe');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?done=created$/);
    const mari = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mari Vega');
    expect(await page.getByRole('note', { name: 'Allergies' }).textContent()).toContain('Lidocaine');
    await audit(page, a11y);
    await screenshot(page, 'clients-record-tablet');

    // A minor: refused without a guardian, taken with one, and flagged until authorization is on file.
    await page.goto(`${origin()}/clients/new`);
    await fillPerson(page, { first: 'Lucía', last: 'Vega', born: '2012-09-30' });
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByText(/Lucía is \d+, under this spa’s age of majority \(18\): add a parent or guardian\./).waitFor();
    await page.locator('#guardian').getByLabel('Full name').fill('Ana Vega');
    await page.locator('#guardian').getByLabel('Relationship').selectOption('Mother');
    await page.locator('#guardian').getByLabel('Phone').fill('310 555 0199');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?done=created$/);
    expect(await page.getByText('Minor · guardian authorization missing').count()).toBe(1);
    expect(await page.getByText('Ana Vega').count()).toBeGreaterThan(0);
    await screenshot(page, 'clients-minor-tablet');

    // Found in a keystroke, typo and all.
    await page.goto(`${origin()}/clients`);
    await page.getByLabel('Find a client').pressSequentially('Marisl Vega', { delay: 30 });
    const result = page.locator('#client-results').getByRole('link', { name: /Mari Vega/ });
    await result.waitFor();
    await audit(page, a11y);
    await screenshot(page, 'clients-search-typo-tablet');
    await result.click();
    await page.waitForURL(`${origin()}${mari}`);

    // Edited in place; the previous value stays in the timeline.
    await page.locator('#section-contact').getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Mobile phone').fill('(310) 555-0177');
    await audit(page, a11y);
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Saved. The previous values are kept in the timeline.').waitFor();
    expect(await page.locator('#section-contact').textContent()).toContain('(310) 555-0177');
    await page.getByRole('link', { name: 'Timeline' }).click();
    expect(await page.locator('.timeline').textContent()).toMatch(/Mobile phone: \(310\) 555-0142 → \(310\) 555-0177/);
    await audit(page, a11y);
    await screenshot(page, 'clients-timeline-tablet');

    // A duplicate typed in by someone else: the form offers the existing record first.
    await page.goto(`${origin()}/clients/new`);
    await fillPerson(page, { first: 'Marisol', last: 'Vega', born: '1988-04-12', email: 'mvega.work@example.com' });
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByText('This client may already have a record').waitFor();
    await screenshot(page, 'clients-possible-duplicate-tablet');
    await page.getByLabel(/This is a different person/).check();
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?done=created$/);
    const duplicate = new URL(page.url()).pathname;

    // Merged into the first record: history moves, the duplicate's address sends you to the survivor.
    await page.goto(`${origin()}${mari}`);
    await page.getByRole('link', { name: 'Merge a duplicate into this record' }).click();
    await audit(page, a11y);
    await page.getByRole('row', { name: /mvega\.work@example\.com/ }).getByRole('button', { name: 'Compare' }).click();
    await page.getByText('This cannot be undone.', { exact: false }).first().waitFor();
    await audit(page, a11y);
    await screenshot(page, 'clients-merge-compare-tablet');
    await page.getByLabel(/are the same person/).check();
    await page.getByRole('button', { name: /Merge into/ }).click();
    await page.getByText('Records merged.', { exact: false }).waitFor();
    await screenshot(page, 'clients-merged-tablet');
    await page.goto(`${origin()}${duplicate}`);
    expect(new URL(page.url()).pathname).toBe(mari);

    expect(a11y).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a record readably on a phone', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    await signIn.operator(page, origin(), 'frontdesk@glow.example');
    await page.goto(`${origin()}/clients`);
    await page.getByLabel('Find a client').pressSequentially('Vega', { delay: 30 });
    await page.locator('#client-results').getByRole('link', { name: /Mari Vega/ }).click();
    await page.getByRole('note', { name: 'Allergies' }).waitFor();
    expect(await page.getByRole('link', { name: 'Health history' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'clients-record-phone-front-desk');
    await context.close();
  });
});
