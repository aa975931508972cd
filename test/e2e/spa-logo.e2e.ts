import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { issueFormLink } from '../../src/modules/forms/form-links.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { PageSignIn } from '../support/page-sign-in.ts';

// Issue 7, PUB-1: "the client's fill page shows the spa's name and logo". The owner uploads the
// logo in Settings on the front-desk tablet; a client's link then opens on a phone with it.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
const origin = () => `http://glow.localhost:${live.port}`;

/** A logo as a designer might export it: a plum circle holding a peach sun, on transparency. */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">
  <circle cx="400" cy="400" r="380" fill="#7a4e6e"/><circle cx="400" cy="430" r="190" fill="#f4b183"/>
  <rect x="120" y="480" width="560" height="40" rx="20" fill="#fbf3ec"/></svg>`;

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await live.app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

beforeAll(async () => {
  live = await startLiveApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

describe('the spa’s logo', () => {
  it('is uploaded by the owner in Settings on a tablet, and shown in the preview and the top bar', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await new PageSignIn(live.app).operator(page, origin(), 'owner@glow.example');
    await page.goto(`${origin()}/settings`);
    await page.getByText('No logo yet').waitFor();
    // A file over 2 MB is caught as it is chosen, before it is sent.
    const input = page.getByLabel('Upload a logo');
    await input.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(3 * 1024 * 1024, 1) });
    expect(await input.evaluate((el: HTMLInputElement) => el.validationMessage)).toContain('larger than 2 MB');
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'glow-logo.png', mimeType: 'image/png', buffer: await sharp(Buffer.from(LOGO_SVG)).png().toBuffer() });
    await page.getByRole('button', { name: 'Upload logo' }).tap();
    await page.getByText('Logo saved.').waitFor();
    const shown = page.getByRole('img', { name: 'Glow Aesthetics' });
    expect(await shown.count()).toBe(2); // the top bar's and the preview's
    for (const img of await shown.all()) expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0)); // the redirect lands on #logo; the full-page shot wants the top bar at the top
    await screenshot(page, 'spa-logo-settings-tablet');
    await context.close();
  });

  it('heads the client’s fill page on a phone', async () => {
    const t = live.app.spas.glow;
    const frontDesk = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
    const client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Lena', 'Logo', '1992-06-11') RETURNING id`, [t]);
    const form = await one(
      `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id)
       SELECT v.tenant_id, $2, v.template_id, v.id FROM form_versions v JOIN form_templates f ON f.tenant_id = v.tenant_id AND f.id = v.template_id
        WHERE v.tenant_id = $1 AND f.starter_key = 'photo-release' ORDER BY v.version DESC LIMIT 1 RETURNING id`,
      [t, client],
    );
    const issued = await withTenant(live.app.deps.db, { tenantId: t, requestId: 'spa-logo-e2e', actor: { kind: 'operator', id: frontDesk } }, (ctx) =>
      issueFormLink(ctx, { clientId: client, clientFormIds: [form], channel: 'sms', createdBy: frontDesk, now: new Date() }),
    );
    if (!issued.ok) throw new Error('link refused');

    const context = await browser.newContext({ viewport: VIEWPORTS.phone, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${origin()}/f/${issued.token}`);
    const logo = page.locator('.auth__brand').getByRole('img', { name: 'Glow Aesthetics' });
    await logo.waitFor();
    expect(await logo.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await page.locator('.auth__monogram').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'spa-logo-fill-phone');
    await context.close();
  });
});
