import { statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { seriousViolations } from '../support/axe.ts';
import { drawSignature, launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { PageSignIn } from '../support/page-sign-in.ts';
import { savePdf } from '../support/pdf.ts';

// Issue 7, PUB-1: a consent sent by text (read from the dev outbox), opened on a phone, read in
// Spanish, filled, signed with a finger-drawn signature, then shown only as signed. Screenshots of
// each step; no serious axe finding.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
const ids: Record<string, string> = {};
const origin = () => `http://glow.localhost:${live.port}`;

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await live.app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

beforeAll(async () => {
  live = await startLiveApp();
  const t = live.app.spas.glow;
  ids.frontDesk = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
  ids.template = await one(`SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'photo-release'`, [t]);
  ids.version = await one(`SELECT id FROM form_versions WHERE tenant_id = $1 AND template_id = $2 ORDER BY version DESC LIMIT 1`, [t, ids.template]);
  ids.client = await one(
    `INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, mobile_phone, preferred_language, sms_consent, sms_consent_at, sms_consent_method)
     VALUES ($1, 'Valeria', 'Montes', '1991-04-18', '+13105550190', 'es', true, now(), 'in_person') RETURNING id`,
    [t],
  );
  ids.form = await one(`INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) VALUES ($1, $2, $3, $4) RETURNING id`, [t, ids.client, ids.template, ids.version]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

describe('a client fills and signs a form on a phone', () => {
  it('is sent by the front desk from the client’s Forms tab, by text', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await new PageSignIn(live.app).operator(page, origin(), 'frontdesk@glow.example');
    await page.goto(`${origin()}/clients/${ids.client}/forms`);
    await page.getByRole('heading', { name: 'Send a link to fill in' }).waitFor();
    await page.getByRole('button', { name: 'Send link' }).tap();
    await page.getByText('Link sent by text').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-fill-send-tablet');
    await context.close();
  });

  it('opens the texted link in her Spanish, fills, draws a signature, signs, and sees only the date', async () => {
    const [text] = await listOutbox(live.app.deps.db, 1);
    const link = /(http:\/\/\S+\/f\/[A-Za-z0-9_-]{43})$/.exec(text!.body)![1]!;

    const context = await browser.newContext({ viewport: VIEWPORTS.phone, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(link);
    // Token-free, and in the language she prefers (her text was in Spanish too).
    expect(new URL(page.url()).pathname).toBe('/f');
    expect(new URL(page.url()).search).toBe('?lang=es');
    await page.getByRole('heading', { level: 1, name: 'Sus formularios' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-fill-phone-es');

    // An answer typed just before switching language is saved on the way out, not lost.
    await page.getByLabel('Iniciales').first().fill('VM');
    await page.getByRole('link', { name: 'English' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Your forms' }).waitFor();
    expect(await page.getByLabel('Initials').first().inputValue()).toBe('VM');
    await page.getByRole('link', { name: 'Español' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Sus formularios' }).waitFor();

    // Signing with nothing answered: the messages, in Spanish, and nothing signed.
    await page.getByRole('button', { name: 'Firmar', exact: true }).tap();
    await page.getByText('Dibuje su firma en el recuadro.').first().waitFor();
    await screenshot(page, 'form-fill-phone-es-refused');

    // Every required acknowledgement and initials in the form.
    for (const box of await page.locator('.fill__form input[type="checkbox"]:not([name^="signer_"])').all()) await box.check();
    for (const input of await page.getByLabel('Iniciales').all()) await input.fill('VM');
    for (const radio of await page.locator('.fill__form fieldset.form-choices').all()) {
      const first = radio.locator('input[type="radio"]').first();
      if (await first.count()) await first.check();
    }
    // Saved as the client goes, without pressing Save.
    await page.locator('[data-autosave-status]', { hasText: 'Guardado.' }).waitFor();
    const progress = await live.app.deps.db.ownerQuery<{ progress: Record<string, unknown> }>(`SELECT progress FROM client_forms WHERE id = $1`, [ids.form]);
    expect(Object.values(progress.rows[0]!.progress)).toContain('VM');
    await drawSignature(page, page.locator('.fill__pad canvas'));
    await page.getByLabel('Su nombre completo').fill('Valeria Montes');
    await page.getByText('Acepto que mi firma electrónica').tap();
    await screenshot(page, 'form-fill-phone-es-ready');
    await page.getByRole('button', { name: 'Firmar', exact: true }).tap();
    await page.getByText(/Firmado el/).first().waitFor();
    expect(await page.content()).not.toContain('name="signer_name"');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-fill-phone-es-signed');
    const sig = await live.app.deps.db.ownerQuery<{ signer_kind: string; png: boolean }>(
      `SELECT signer_kind, substring(image_png from 2 for 3) = 'PNG'::bytea AS png FROM form_signatures WHERE client_form_id = $1`,
      [ids.form],
    );
    expect(sig.rows).toEqual([{ signer_kind: 'client', png: true }]);
    await context.close();
  });

  it('is opened signed by the spa, downloaded as a PDF in Spanish, and its first page renders', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, acceptDownloads: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await new PageSignIn(live.app).operator(page, origin(), 'manager@glow.example');
    await page.goto(`${origin()}/clients/${ids.client}/forms/${ids.form}`);
    await page.getByRole('heading', { name: 'Signature record' }).waitFor();
    await page.getByText('Verified').first().waitFor();
    await page.getByText('Valeria Montes').first().waitFor();
    // The signature image loads from its own route (a broken image has no natural width).
    const ink = page.locator('img.signed-form__ink');
    await ink.evaluate((img: HTMLImageElement) => (img.complete ? null : new Promise((done) => img.addEventListener('load', done, { once: true }))));
    expect(await ink.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'signed-form-page');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^signed-form-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = await savePdf(download, 'signed-form');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(pdf.pageOnePng).size).toBeGreaterThan(10_000);
    expect(pdf.pageOneText).toContain('Glow');
    await context.close();
  });
});
