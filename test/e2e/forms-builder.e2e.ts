import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { dayIn } from '../../src/modules/identity/spa-time.ts';
import { computeAvailability, localToInstant } from '../../src/modules/scheduling/availability/index.ts';
import { bookAppointment } from '../../src/modules/scheduling/booking/book.ts';
import { loadAvailabilityRequest, loadLocation, loadServices } from '../../src/modules/scheduling/booking/request-loader.ts';
import { seedDemoSchedule } from '../../src/modules/scheduling/demo-schedule.ts';
import { seriousViolations } from '../support/axe.ts';
import { drawSignature, launchBrowser, screenshot, SCREENSHOT_DIR, VIEWPORTS } from '../support/browser.ts';
import { startLiveApp } from '../support/live-server.ts';
import { addVisit } from '../support/visits.ts';
import { PageSignIn } from '../support/page-sign-in.ts';
import { savePdf } from '../support/pdf.ts';

// Issue 7, proof (first slice): "build a consent from the starter" — on a front-desk tablet the owner
// copies the neurotoxin consent from the starter library, adds a question in English and Spanish,
// saves, links it to the neurotoxin service; once a client has been asked it, the next save makes
// version 2 and the client's form keeps version 1. Screenshots of each screen; no serious axe finding.
let live: Awaited<ReturnType<typeof startLiveApp>>;
let browser: Browser;
let signIn: PageSignIn;
const ids: Record<string, string> = {};

const origin = () => `http://glow.localhost:${live.port}`;

async function one(sql: string, values: unknown[] = []): Promise<string> {
  return (await live.app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

/** Books the neurotoxin service for the client at the first free start tomorrow, as the front desk would. */
async function bookToxin(clientId: string): Promise<string> {
  const t = live.app.spas.glow;
  const now = live.app.clock.now;
  const frontDesk = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
  return withTenant(live.app.deps.db, { tenantId: t, requestId: 'forms-e2e', actor: { kind: 'operator', id: frontDesk } }, async (ctx) => {
    const location = (await loadLocation(ctx, ids.location!))!;
    const services = (await loadServices(ctx, [ids.toxin!]))!;
    // The first free start from tomorrow on (the demo spa is closed some days of the week).
    const from = dayIn(location.timeZone, new Date(now.getTime() + 86_400_000));
    const to = dayIn(location.timeZone, new Date(now.getTime() + 8 * 86_400_000));
    const request = await loadAvailabilityRequest(ctx, { location, dates: { from, to }, services, providerSelection: { kind: 'any', sameForAll: true }, now });
    const slot = computeAvailability(request).slots[0];
    if (!slot?.assignment[0]!.providerId) throw new Error('no free time for the neurotoxin service in the coming week');
    const booked = await bookAppointment(ctx, { clientId, locationId: ids.location!, date: slot.local.date, time: slot.local.time, lines: [{ serviceId: ids.toxin!, providerId: slot.assignment[0]!.providerId! }] }, now);
    if (!booked.ok) throw new Error(booked.message);
    return booked.appointmentId;
  });
}

beforeAll(async () => {
  live = await startLiveApp();
  const t = live.app.spas.glow;
  await seedDemoSchedule(live.app.deps.db, t, live.app.clock.now);
  ids.location = await one(`SELECT id FROM locations WHERE tenant_id = $1 AND name = 'Santa Monica'`, [t]);
  ids.toxin = await one(`SELECT id FROM services WHERE tenant_id = $1 AND name LIKE 'Neurotoxin%'`, [t]);
  ids.client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, preferred_language) VALUES ($1, 'Valeria', 'Montes', '1991-04-18', 'es') RETURNING id`, [t]);
  browser = await launchBrowser();
  signIn = new PageSignIn(live.app);
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

describe('the owner builds a neurotoxin consent from the starter library on a tablet', () => {
  it('copies it, adds a question in both languages, saves, links it to the service, and versions it once asked', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      // A 400 answer to a refused save, and a preview abandoned for an edit, are expected.
      if (m.type() === 'error' && !/status of 400|htmx:(sendAbort|afterRequest)/.test(m.text())) problems.push(m.text());
    });
    const a11y: string[] = [];
    /** Checks the page with axe and keeps a screenshot: the whole page, or what the tablet shows where it is scrolled. */
    const look = async (name: string, whole = true) => {
      if (whole) await page.evaluate(() => window.scrollTo(0, 0));
      for (const v of await seriousViolations(page)) a11y.push(`${name}: ${v}`);
      if (whole) await screenshot(page, name);
      else await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
      // axe-core and the screenshot leave empty style attributes behind; htmx would copy them onto
      // swapped content, which the CSP (rightly) refuses. Clear them so the page is as a user left it.
      await page.evaluate(() => document.querySelectorAll('[style=""]').forEach((el) => el.removeAttribute('style')));
    };
    await signIn.operator(page, origin(), 'owner@glow.example');

    // The forms list: the demo spa starts with a copy of each starter.
    await page.getByRole('navigation', { name: /main/i }).getByRole('link', { name: 'Forms' }).click();
    await page.getByRole('heading', { name: 'Forms', level: 1 }).waitFor();
    expect(await page.locator('.forms-table').first().textContent()).toContain('Neurotoxin consent');
    await look('forms-list-tablet');

    // The starter library: add the neurotoxin consent.
    await page.getByRole('link', { name: 'Add from the starter library' }).click();
    await page.getByRole('heading', { name: 'Starter library' }).waitFor();
    await look('forms-library-tablet');
    await page.getByRole('button', { name: 'Add to my forms: Neurotoxin consent' }).click();
    await page.getByText('Added from the starter library').waitFor();
    const builderUrl = page.url().replace(/\?.*$/, '');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Neurotoxin consent (2)');
    await expect.poll(() => page.locator('#form-preview').textContent()).toContain('Consent to neurotoxin treatment');
    await look('forms-builder-tablet', false);

    // A new yes/no question, in English and Spanish, with a follow-up when yes.
    await page.getByLabel('Add an item').selectOption({ label: 'Yes / no' });
    await page.getByRole('button', { name: 'Add this item' }).tap();
    // The new item opens just before the signature, with the cursor in its question.
    const added = page.locator('.builder-item', { has: page.locator('.builder-item__details[open]') });
    const question = added.getByLabel('Question (English)');
    await question.waitFor();
    expect(await page.locator('.builder-item').last().getAttribute('class')).toContain('builder-item--signature');
    await expect.poll(() => question.evaluate((el) => el === document.activeElement)).toBe(true);
    await question.fill('Do you bruise easily?');
    await added.getByLabel(/^Question \(Spanish\)/).fill('¿Le salen moretones con facilidad?');
    await added.getByLabel(/^Follow-up when the answer is yes \(English\)/).fill('Since when, and after what?');
    await added.getByLabel(/^Follow-up when the answer is yes \(Spanish\)/).fill('¿Desde cuándo y después de qué?');
    // The preview follows the typing: in English, then in Spanish.
    const preview = page.locator('#form-preview');
    // Once the last thing typed is in the preview, it has caught up.
    await expect.poll(() => preview.innerHTML(), { timeout: 5000 }).toContain('¿Desde cuándo y después de qué?');
    await preview.locator('.form-field', { hasText: 'Do you bruise easily?' }).getByText('Yes', { exact: true }).tap();
    await preview.getByText('Since when, and after what?').waitFor();
    await preview.locator('.form-field', { hasText: 'Do you bruise easily?' }).scrollIntoViewIfNeeded();
    await look('forms-builder-new-question-tablet', false);
    await preview.getByRole('radio', { name: 'Español' }).tap();
    await preview.getByText('¿Le salen moretones con facilidad?').waitFor();
    expect(await preview.locator('.form-preview__page--en').isVisible()).toBe(false);
    // Typing on keeps the preview in Spanish.
    await added.getByLabel(/^Help text \(English\)/).fill('For example, after light knocks.');
    await added.getByLabel(/^Help text \(Spanish\)/).fill('Por ejemplo, con golpes leves.');
    await preview.locator('.form-preview__page--es').getByText('Por ejemplo, con golpes leves.').waitFor();
    expect(await preview.getByRole('radio', { name: 'Español' }).isChecked()).toBe(true);
    await preview.locator('.form-field', { hasText: '¿Le salen moretones' }).scrollIntoViewIfNeeded();
    await look('forms-builder-spanish-preview-tablet', false);

    // A mistake is caught beside its item, and nothing is saved.
    await added.getByLabel('Question (English)').fill('');
    await page.getByRole('button', { name: 'Save' }).last().click();
    await page.getByText('Nothing was saved').waitFor();
    const invalid = page.locator('.builder-item--invalid');
    expect(await invalid.count()).toBe(1);
    expect(await invalid.textContent()).toContain('Write the question in English.');
    expect(await invalid.locator('textarea, input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain('¿Le salen moretones con facilidad?');
    // The page comes back with the cursor in the question to fix.
    expect(await invalid.getByLabel('Question (English)').evaluate((el) => el === document.activeElement)).toBe(true);
    await look('forms-builder-error-tablet', false);
    await invalid.getByLabel('Question (English)').fill('Do you bruise easily?');
    await page.getByRole('button', { name: 'Save' }).last().click();
    await page.getByText('Saved. No client had been asked this version yet').waitFor();
    ids.form = builderUrl.split('/').at(-1)!;
    const stored = (await live.app.deps.db.ownerQuery<{ definition: { items: { id: string; label: { en: string; es?: string } }[] } }>(`SELECT definition FROM form_versions WHERE template_id = $1`, [ids.form])).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.definition.items.at(-2)).toMatchObject({ id: 'do-you-bruise-easily', label: { en: 'Do you bruise easily?', es: '¿Le salen moretones con facilidad?' } });

    // Linked to the neurotoxin service on the services screen.
    await page.getByRole('navigation', { name: /main/i }).getByRole('link', { name: 'Services' }).click();
    await page.getByRole('link', { name: 'Neurotoxin — forehead & glabella' }).click();
    const forms = page.getByRole('region', { name: 'Forms to sign' });
    await forms.getByLabel(/Neurotoxin consent \(2\)/).check();
    await forms.scrollIntoViewIfNeeded();
    await look('forms-service-link-tablet', false);
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.getByText('Service saved.').waitFor();
    expect(await page.getByRole('region', { name: 'Forms to sign' }).getByLabel(/Neurotoxin consent \(2\)/).isChecked()).toBe(true);

    // A client is booked for the service: the consent is asked on version 1.
    await bookToxin(ids.client!);
    await page.goto(`${origin()}/clients/${ids.client}/forms`);
    await page.getByRole('heading', { name: /To be signed/ }).waitFor();
    expect(await page.locator('.client-forms').first().textContent()).toMatch(/Neurotoxin consent \(2\)[^]*Version 1/);
    await look('client-forms-tab-tablet');

    // Editing it now makes version 2; the client's form keeps version 1.
    await page.goto(builderUrl);
    expect(await page.locator('.builder-save').textContent()).toContain('saving makes version 2');
    await page.getByLabel('Title (English)', { exact: true }).fill('Consent to neurotoxin treatment (Botox, Dysport, Xeomin)');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Saved as a new version').waitFor();
    const history = page.getByRole('region', { name: 'Versions' });
    expect(await history.getByRole('link').allTextContents()).toEqual(['Version 2', 'Version 1']);
    expect(await history.textContent()).toContain('asked 1 time');
    await history.scrollIntoViewIfNeeded();
    await look('forms-versions-tablet', false);
    await page.goto(`${origin()}/clients/${ids.client}/forms`);
    expect(await page.locator('.client-forms').first().textContent()).toContain('Version 1');

    expect(a11y).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks it of the booked client: check-in waits for it, the link is texted, signed in Spanish on a phone, then shown on the chart and downloaded as a PDF', async () => {
    const consent = (await live.app.deps.db.ownerQuery<{ id: string; appointment_id: string }>(`SELECT id, appointment_id FROM client_forms WHERE client_id = $1 AND template_id = $2`, [ids.client, ids.form])).rows[0]!;
    // At the desk the client agreed to texts; the number goes on the record.
    await live.app.deps.db.ownerQuery(`UPDATE clients SET mobile_phone = '+13105550142', sms_consent = true, sms_consent_at = now(), sms_consent_method = 'in_person' WHERE id = $1`, [ids.client]);

    const tablet = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true, reducedMotion: 'reduce' });
    const desk = await tablet.newPage();
    await signIn.operator(desk, origin(), 'frontdesk@glow.example');
    // Check-in is refused while the consent is unsigned.
    await desk.goto(`${origin()}/appointments/${consent.appointment_id}`);
    await desk.getByText('Check-in needs a signature').waitFor();
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await desk.getByText(/This form has not been signed: Neurotoxin consent \(2\)/).first().waitFor();
    await screenshot(desk, 'consent-journey-check-in-refused');

    // The visit's forms are texted from the Forms tab.
    await desk.goto(`${origin()}/clients/${ids.client}/forms`);
    await desk.locator('.client-forms-visit__send').first().getByRole('button', { name: 'By text' }).click();
    await desk.getByText('Link sent by text').waitFor();
    const [text] = await listOutbox(live.app.deps.db, 1);
    expect(text!.recipient).toBe('+13105550142');
    expect(text!.body).toMatch(/^Glow Aesthetics: tiene formularios/); // in the client's language, with nothing about her
    const link = /(http:\/\/\S+\/f\/[A-Za-z0-9_-]{43})$/.exec(text!.body)![1]!;

    // On her phone, in Spanish: the consent filled and signed with a finger.
    const phoneContext = await browser.newContext({ viewport: VIEWPORTS.phone, hasTouch: true, reducedMotion: 'reduce' });
    const phone = await phoneContext.newPage();
    await phone.goto(link);
    if (!(await phone.getByRole('heading', { level: 1, name: 'Sus formularios' }).count())) await phone.getByRole('link', { name: 'Español' }).tap();
    const form = phone.locator(`#form-${consent.id}`);
    await form.getByRole('heading', { name: /neurotoxina|Neurotoxin/i }).first().waitFor();
    for (const input of await form.getByLabel('Iniciales').all()) await input.fill('VM');
    for (const group of await form.locator('fieldset.form-choices').all()) {
      const no = group.locator('input[type="radio"][value="no"]');
      if (await no.count()) await no.check();
      else await group.locator('input[type="radio"]').first().check();
    }
    for (const box of await form.locator('input[type="checkbox"]:not([name^="signer_"])').all()) await box.check();
    await drawSignature(phone, form.locator('.fill__pad canvas'));
    await form.getByLabel('Su nombre completo').fill('Valeria Montes');
    await form.getByText('Acepto que mi firma electrónica').tap();
    await form.getByRole('button', { name: 'Firmar', exact: true }).tap();
    await phone.getByText(/Firmado el/).first().waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'consent-journey-phone-signed');
    await phoneContext.close();

    // Back at the desk the consent shows signed and check-in goes through.
    await desk.goto(`${origin()}/appointments/${consent.appointment_id}`);
    expect(await desk.getByText('Check-in needs a signature').count()).toBe(0);
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await desk.getByText('Checked in.', { exact: true }).waitFor();
    await tablet.close();

    // The injector charts the visit: its signed consent is on the chart, opened and downloaded from there.
    const provider = (await live.app.deps.db.ownerQuery<{ email: string }>(
      `SELECT o.email::text AS email FROM appointment_services s JOIN operators o ON o.tenant_id = s.tenant_id AND o.id = s.provider_id WHERE s.appointment_id = $1`,
      [consent.appointment_id],
    )).rows[0]!.email;
    const clinic = await browser.newContext({ viewport: VIEWPORTS.tablet, acceptDownloads: true, reducedMotion: 'reduce' });
    const page = await clinic.newPage();
    await signIn.operator(page, origin(), provider);
    await page.goto(`${origin()}/appointments/${consent.appointment_id}`);
    await page.getByRole('button', { name: 'Chart this treatment' }).click();
    const consents = page.locator('section.card', { has: page.getByRole('heading', { name: 'Consent and forms for this visit' }) });
    await consents.waitFor();
    expect(await consents.locator('li', { hasText: 'Neurotoxin consent (2)' }).textContent()).toMatch(/Signed/);
    await consents.scrollIntoViewIfNeeded();
    await screenshot(page, 'consent-journey-chart');
    await consents.getByRole('link', { name: 'Neurotoxin consent (2)' }).click();
    await page.getByText('Verified').first().waitFor();
    await screenshot(page, 'consent-journey-signed-form');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
    const pdf = await savePdf(download, 'consent-journey');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.pageOneText).toContain('Glow Aesthetics');
    expect(pdf.pageOneText).toMatch(/neurotoxina/i); // signed in Spanish, drawn in Spanish
    expect(statSync(pdf.pageOnePng).size).toBeGreaterThan(10_000);
    await clinic.close();
  });

  it('shows a starter as a client would read it on a phone, in Spanish', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, hasTouch: true });
    const page = await context.newPage();
    await signIn.operator(page, origin(), 'manager@glow.example');
    await page.goto(`${origin()}/settings/forms/library/general-intake`);
    await page.getByRole('radio', { name: 'Español' }).tap();
    await page.getByText('Historial de salud y admisión').first().waitFor();
    await page.locator('.form-field', { hasText: '¿Toma algún medicamento' }).getByText('Sí', { exact: true }).tap();
    await page.getByText('Indique cada uno con su dosis.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'forms-starter-phone-es');
    await context.close();
  });

  it('shows the owner a visit booked before the service asked for its consent, and asks it', async () => {
    const t = live.app.spas.glow;
    const client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Noor', 'Haddad', '1988-02-14') RETURNING id`, [t]);
    const nurse = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [t]);
    // The service asks for the consent copied above; this visit, at 10:00 in three days, was booked
    // before that (written as it then was: no forms asked).
    const day = dayIn('America/Los_Angeles', new Date(live.app.clock.now.getTime() + 3 * 86_400_000));
    const at = localToInstant('America/Los_Angeles', day, '10:00');
    if (!at.ok) throw new Error(at.message);
    const { appointment } = await addVisit(live.app.deps.db, { tenantId: t, clientId: client, locationId: ids.location!, serviceId: ids.toxin!, providerId: nurse, startsAt: at.instant, status: 'booked' });
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn.operator(page, origin(), 'owner@glow.example');
    await page.goto(`${origin()}/settings/services/${ids.toxin}`);
    const gap = page.getByRole('region', { name: 'Visits already booked' });
    expect(await gap.textContent()).toMatch(/1 visit with Neurotoxin — forehead & glabella, the first on [A-Z][a-z]{2} \d+, \d{4}, 10:00 AM, was booked before Neurotoxin consent \(2\) was linked here\. It does not ask for it, and check-in will not wait for it\./);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'service-booked-gap-tablet');
    await gap.getByRole('button', { name: 'Ask that visit' }).click();
    await page.getByText('The visits already booked now ask for these forms.').waitFor();
    expect(await page.getByRole('region', { name: 'Visits already booked' }).count()).toBe(0);
    // The visit now waits for the consent like any booking of the service.
    await page.goto(`${origin()}/appointments/${appointment}`);
    const visitForms = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Forms', exact: true }) });
    expect(await visitForms.textContent()).toMatch(/Neurotoxin consent[^]*asked for this visit[^]*Pending/);
    await context.close();
  });
});
