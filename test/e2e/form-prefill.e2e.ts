import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import type { Answers, FormDefinition } from '../../src/modules/forms/definition.ts';
import { deliverLinkMessage, sendFormLink } from '../../src/modules/forms/form-links.ts';
import { freezeContent } from '../../src/modules/forms/signature.ts';
import { seriousViolations } from '../support/axe.ts';
import { drawSignature, launchBrowser, screenshot, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';

// Issue 7, PUB-1: a returning client opens this year's intake on a phone, asks to use last year's
// answers, reads the code texted to the number on file (from the dev outbox), gets one wrong,
// enters the right one, finds the answers filled in, is refused signing with focus on the first
// problem, fixes it and signs. No serious axe finding in English or Spanish, code entry included.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
const ids: Record<string, string> = {};
const origin = () => `http://glow.localhost:${live.port}`;

const LAST_YEAR: Answers = {
  'emergency-name': 'Tomás Herrera',
  'emergency-relationship': 'Husband',
  'emergency-phone': '310 555 0100',
  'doctor-care': { answer: 'no' },
  conditions: ['none'],
  medications: { answer: 'yes', followUp: 'Vitamin D 1000 IU daily' },
  'blood-thinners': { answer: 'no' },
  isotretinoin: { answer: 'no' },
  allergies: { answer: 'yes', followUp: 'Latex: a rash' },
  'past-reaction': { answer: 'no' },
  pregnancy: 'no',
  'recent-sun': { answer: 'no' },
  goals: 'Softer frown lines before a wedding in June.',
  accurate: true,
  confidential: true,
};

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await live.app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

/** The newest message in the dev outbox (ordered by its bigint id). */
async function lastMessage(): Promise<{ channel: string; recipient: string; body: string }> {
  return (await live.app.deps.db.ownerQuery<{ channel: string; recipient: string; body: string }>(`SELECT channel, recipient, body FROM dev_outbox ORDER BY id DESC LIMIT 1`)).rows[0]!;
}

beforeAll(async () => {
  live = await startLiveApp();
  const t = live.app.spas.glow;
  ids.frontDesk = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
  ids.template = await one(`SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'general-intake'`, [t]);
  const version = (await live.app.deps.db.ownerQuery<{ id: string; definition: FormDefinition }>(`SELECT id, definition FROM form_versions WHERE tenant_id = $1 AND template_id = $2 ORDER BY version DESC LIMIT 1`, [t, ids.template])).rows[0]!;
  ids.client = await one(
    `INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, mobile_phone, preferred_language, sms_consent, sms_consent_at, sms_consent_method)
     VALUES ($1, 'Marisol', 'Herrera', '1987-09-12', '+13105550167', 'en', true, now(), 'in_person') RETURNING id`,
    [t],
  );
  // Last year's intake, signed.
  ids.lastYear = await one(`INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) VALUES ($1, $2, $3, $4) RETURNING id`, [t, ids.client, ids.template, version.id]);
  const frozen = freezeContent(version.definition, LAST_YEAR);
  const ink = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  await live.app.deps.db.ownerQuery(
    `INSERT INTO form_signatures (tenant_id, client_form_id, content, content_sha256, image_png, typed_name, signer_kind, signed_at) VALUES ($1, $2, $3::jsonb, $4, $5, 'Marisol Herrera', 'client', now() - interval '1 year')`,
    [t, ids.lastYear, JSON.stringify(frozen.content), frozen.sha256, ink],
  );
  await live.app.deps.db.ownerQuery(`UPDATE client_forms SET status = 'signed', signed_at = now() - interval '1 year', progress = $2::jsonb WHERE id = $1`, [ids.lastYear, JSON.stringify(LAST_YEAR)]);
  // This year's, sent by text.
  ids.form = await one(`INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) VALUES ($1, $2, $3, $4) RETURNING id`, [t, ids.client, ids.template, version.id]);
  const sent = await withTenant(live.app.deps.db, { tenantId: t, requestId: 'prefill-e2e', actor: { kind: 'operator', id: ids.frontDesk } }, (ctx) =>
    sendFormLink(ctx, { clientId: ids.client!, clientFormIds: [ids.form!], channel: 'sms', sentBy: ids.frontDesk!, origin: origin(), spaName: 'Glow Aesthetics', spaSlug: 'glow', now: new Date() }),
  );
  if (!sent.ok) throw new Error(sent.message);
  await deliverLinkMessage(live.app.deps.messaging, sent.message);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

const focusedName = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');

describe('a returning client fills this year’s intake from last year’s answers', () => {
  it('asks for a code, enters it, finds the answers filled in, and signs', async () => {
    const text = await lastMessage();
    const link = /(http:\/\/\S+\/f\/[A-Za-z0-9_-]{43})$/.exec(text.body)![1]!;
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 2, name: 'Your answers from last time' }).waitFor();
    expect(await page.getByLabel('Full name of your emergency contact').inputValue()).toBe('');
    expect(await page.content()).not.toContain('Tomás');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-prefill-offer');

    await page.getByRole('button', { name: 'Use my answers from last time' }).tap();
    await page.getByText('We sent a 6-digit code by text to the number ending 67.').waitFor();
    expect(await focusedName(page)).toBe('code');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-prefill-code');
    const texted = await lastMessage();
    expect(texted).toMatchObject({ channel: 'sms', recipient: '+13105550167' });
    const code = /your code is (\d{6})\./.exec(texted.body)![1]!;

    // In Spanish: the code entry waits there too; a wrong code is refused beside the field.
    await page.getByRole('link', { name: 'Español' }).tap();
    await page.getByText('Le enviamos un código de 6 dígitos por mensaje de texto al número que termina en 67.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Código').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Rellenar mis respuestas' }).tap();
    await page.getByText('El código no es correcto. Le quedan 4 intentos.').waitFor();
    expect(await page.getByLabel('Código').getAttribute('aria-describedby')).toContain('f0-prefill-error');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-prefill-code-wrong-es');
    // Typing again clears the old message at once.
    await page.getByLabel('Código').fill(code);
    expect(await page.getByText('El código no es correcto.').count()).toBe(0);
    await page.getByRole('button', { name: 'Rellenar mis respuestas' }).tap();
    await page.getByText('Sus respuestas de la última vez están rellenadas.').waitFor();
    expect(await page.getByLabel('Nombre completo de su contacto de emergencia').inputValue()).toBe('Tomás Herrera');
    expect(await page.locator('textarea[name="f0-a_medications_follow"]').inputValue()).toBe('Vitamin D 1000 IU daily');
    // Acknowledgements are agreed to again, today.
    expect(await page.locator('input[name="f0-a_accurate"]').isChecked()).toBe(false);
    // One signature: the form's own item is the pad, labelled with its words.
    expect(await page.locator('.form-signature').count()).toBe(0);
    await page.getByText('Firma del cliente', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-prefill-filled-es');

    // Signing before agreeing: refused, focus on the first problem; ticking it clears its message.
    await page.getByRole('button', { name: 'Firmar', exact: true }).tap();
    await page.getByText('Dibuje su firma en el recuadro.').first().waitFor();
    expect(await focusedName(page)).toBe('f0-a_accurate');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-prefill-refused-es');
    const accurate = page.locator('[data-item="accurate"]');
    expect(await accurate.locator('.field__error').count()).toBe(1);
    await page.locator('input[name="f0-a_accurate"]').check();
    expect(await accurate.locator('.field__error').count()).toBe(0);
    expect(await page.locator('input[name="f0-a_accurate"]').getAttribute('aria-invalid')).toBeNull();
    await page.locator('input[name="f0-a_confidential"]').check();

    await drawSignature(page, page.locator('.fill__pad canvas'));
    await page.getByLabel('Su nombre completo').fill('Marisol Herrera');
    await page.getByText('Acepto que mi firma electrónica').tap();
    await page.getByRole('button', { name: 'Firmar', exact: true }).tap();
    await page.getByText(/Firmado el/).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'form-prefill-signed-es');
    await context.close();

    const signed = await live.app.deps.db.ownerQuery<{ answers: Record<string, unknown> }>(`SELECT content->'answers' AS answers FROM form_signatures WHERE client_form_id = $1`, [ids.form]);
    expect(signed.rows[0]!.answers).toMatchObject({ 'emergency-name': 'Tomás Herrera', allergies: { answer: 'yes', followUp: 'Latex: a rash' }, accurate: true });
  });
});
