import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { issueFormLink } from '../../src/modules/forms/form-links.ts';
import { hashPrefillCode, prefillCodeKey } from '../../src/modules/forms/prefill-code.ts';
import { freezeContent } from '../../src/modules/forms/signature.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';

// Issue 7, PUB-1, §6a: "Intake answers from last time are pre-filled only after the client
// confirms a one-time code sent to the phone or email on file." The offer appears only on an
// intake whose client signed the same template before; the code goes by text (with consent to
// texts) or else email (with consent to email) and shows only a masked destination; wrong,
// expired and over-tried codes are refused with a plain message and nothing copied; the right
// one copies only answers that still fit the current version, audited in the same request; the
// raw code is never stored or logged.
let app: TestApp;
const ids: Record<string, string> = {};
const logLines: string[] = [];
const HOST = `glow.${APEX}`;
const ASK = 'Use my answers from last time';

const LAST_YEAR: FormDefinition = {
  title: { en: 'Health intake', es: 'Historia clínica' },
  items: [
    { type: 'short_text', id: 'medications', label: { en: 'Medications', es: 'Medicamentos' }, required: true },
    { type: 'single_choice', id: 'skin', label: { en: 'Skin type', es: 'Tipo de piel' }, required: false, options: [{ id: 'dry', label: { en: 'Dry' } }, { id: 'combination', label: { en: 'Combination' } }] },
    { type: 'number', id: 'coffee', label: { en: 'Cups of coffee a day' }, required: false },
    { type: 'short_text', id: 'old-question', label: { en: 'A question since removed' }, required: false },
    { type: 'acknowledgement', id: 'truthful', label: { en: 'My answers are true.' }, required: true },
    { type: 'signature', id: 'sign', label: { en: 'Signature' }, required: true },
  ],
};
// This year's version: skin types changed, coffee now capped, one question gone, one new.
const THIS_YEAR: FormDefinition = {
  title: { en: 'Health intake', es: 'Historia clínica' },
  items: [
    { type: 'short_text', id: 'medications', label: { en: 'Medications', es: 'Medicamentos' }, required: true },
    { type: 'single_choice', id: 'skin', label: { en: 'Skin type', es: 'Tipo de piel' }, required: false, options: [{ id: 'dry', label: { en: 'Dry' } }, { id: 'oily', label: { en: 'Oily' } }] },
    { type: 'number', id: 'coffee', label: { en: 'Cups of coffee a day' }, required: false, max: 10 },
    { type: 'yes_no', id: 'smoker', label: { en: 'Do you smoke?' }, required: true },
    { type: 'acknowledgement', id: 'truthful', label: { en: 'My answers are true.' }, required: true },
    { type: 'signature', id: 'sign', label: { en: 'Client signature', es: 'Firma del cliente' }, required: true },
  ],
};
const SIGNED_ANSWERS = { medications: 'Metformin 500 mg', skin: 'combination', coffee: '14', 'old-question': 'Old answer', truthful: true };

async function id(sql: string, values: unknown[] = []): Promise<string> {
  return (await app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}
async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await app.deps.db.ownerQuery(sql, values)).rows as T[];
}

async function newClient(first: string, contact: { mobile?: string; email?: string; sms?: boolean; emailOk?: boolean }): Promise<string> {
  return id(
    `INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, mobile_phone, email, sms_consent, sms_consent_at, sms_consent_method, email_consent, email_consent_at, email_consent_method)
     VALUES ($1, $2, 'Prefilltest', '1988-03-03', $3, $4, $5, CASE WHEN $5 THEN now() END, CASE WHEN $5 THEN 'in_person' END, $6, CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN 'in_person' END) RETURNING id`,
    [app.spas.glow, first, contact.mobile ?? null, contact.email ?? null, contact.sms ?? false, contact.emailOk ?? false],
  );
}

/** A form of the given version for the client; signed with SIGNED_ANSWERS when `signed`. */
async function formFor(clientId: string, version: string, template = ids.intake!, signed = false): Promise<string> {
  const form = await id(`INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) VALUES ($1, $2, $3, $4) RETURNING id`, [app.spas.glow, clientId, template, version]);
  if (!signed) return form;
  const frozen = freezeContent(LAST_YEAR, SIGNED_ANSWERS);
  ids[`signature:${clientId}:${template}`] = await id(
    `INSERT INTO form_signatures (tenant_id, client_form_id, content, content_sha256, image_png, typed_name, signer_kind, signed_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, 'Earlier Signer', 'client', '2025-11-20T17:00:00Z') RETURNING id`,
    [app.spas.glow, form, JSON.stringify(frozen.content), frozen.sha256, ids.png],
  );
  await app.deps.db.ownerQuery(`UPDATE client_forms SET status = 'signed', signed_at = '2025-11-20T17:00:00Z', progress = $2::jsonb WHERE id = $1`, [form, JSON.stringify(SIGNED_ANSWERS)]);
  return form;
}

/** A phone holding a fresh link to the client's new intake (and any other forms given). */
async function phoneWithLink(clientId: string, formIds: string[]): Promise<TestBrowser> {
  const issued = await withTenant(app.deps.db, { tenantId: app.spas.glow, requestId: 'prefill-test', actor: { kind: 'operator', id: ids.frontDesk! } }, (ctx) =>
    issueFormLink(ctx, { clientId, clientFormIds: formIds, channel: 'sms', createdBy: ids.frontDesk!, now: app.clock.now }),
  );
  if (!issued.ok) throw new Error('link refused');
  const phone = new TestBrowser(app.http, HOST);
  expect((await phone.get(`/f/${issued.token}`)).status).toBe(303);
  return phone;
}

/** The newest message of the dev outbox (by its bigint id: listOutbox orders its ids as text). */
async function lastMessage(): Promise<{ id: string; channel: string; recipient: string; subject: string | null; body: string; spaSlug: string | null } | undefined> {
  return (await rows<{ id: string; channel: string; recipient: string; subject: string | null; body: string; spaSlug: string | null }>(
    `SELECT id::text AS id, channel, recipient, subject, body, spa_slug AS "spaSlug" FROM dev_outbox ORDER BY dev_outbox.id DESC LIMIT 1`,
  ))[0];
}
const latestCode = async () => /(?:your code is|su código es) (\d{6})\./.exec((await lastMessage())!.body)![1]!;
const progressOf = async (formId: string) => (await rows<{ progress: unknown }>(`SELECT progress FROM client_forms WHERE id = $1`, [formId]))[0]!.progress;

beforeAll(async () => {
  app = await startTestApp({}, { write: (line) => void logLines.push(line) });
  app.clock.now = new Date('2026-12-04T18:00:00Z');
  const t = app.spas.glow;
  ids.frontDesk = await id(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
  ids.intake = await id(`INSERT INTO form_templates (tenant_id, name, kind, rule, renewal_months) VALUES ($1, 'Prefill intake', 'intake', 'once_per_client', 12) RETURNING id`, [t]);
  ids.v1 = await id(`INSERT INTO form_versions (tenant_id, template_id, version, definition) VALUES ($1, $2, 1, $3::jsonb) RETURNING id`, [t, ids.intake, JSON.stringify(LAST_YEAR)]);
  ids.v2 = await id(`INSERT INTO form_versions (tenant_id, template_id, version, definition) VALUES ($1, $2, 2, $3::jsonb) RETURNING id`, [t, ids.intake, JSON.stringify(THIS_YEAR)]);
  ids.consent = await id(`INSERT INTO form_templates (tenant_id, name, kind, rule) VALUES ($1, 'Prefill consent', 'consent', 'per_visit') RETURNING id`, [t]);
  ids.consentV1 = await id(`INSERT INTO form_versions (tenant_id, template_id, version, definition) VALUES ($1, $2, 1, $3::jsonb) RETURNING id`, [t, ids.consent, JSON.stringify(LAST_YEAR)]);
  const png = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } }).png().toBuffer();
  ids.png = `\\x${png.toString('hex')}`;
  ids.rosa = await newClient('Rosa', { mobile: '+13105550167', email: 'rosa@example.com', sms: true, emailOk: true });
  ids.jade = await newClient('Jade', { mobile: '+13105550144', email: 'jade.p@example.com', sms: false, emailOk: true });
  ids.nina = await newClient('Nina', { mobile: '+13105550155', sms: true });
  ids.quiet = await newClient('Quinn', { mobile: '+13105550133', email: 'quinn@example.com' });
  for (const client of [ids.rosa!, ids.jade!, ids.quiet!]) await formFor(client, ids.v1!, ids.intake, true);
  // Nina signed only a consent before: that is no reason to offer her intake answers.
  await formFor(ids.nina!, ids.consentV1!, ids.consent, true);
});
afterAll(() => app?.close());

describe('the offer (PUB-1)', () => {
  it('is made only on an intake whose client signed the same template before, and sends nothing without one', async () => {
    const form = await formFor(ids.nina!, ids.v2!);
    const phone = await phoneWithLink(ids.nina!, [form]);
    const html = await (await phone.get('/f')).text();
    expect(html).toContain('Health intake');
    expect(html).not.toContain(ASK);
    const before = (await lastMessage())?.id;
    const refused = await phone.post('/f/prefill/send', { form_id: form, lang: 'en' });
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain('There are no earlier answers to fill in for this form.');
    expect(await rows(`SELECT id FROM form_prefill_codes WHERE client_form_id = $1`, [form])).toEqual([]);
    expect((await lastMessage())?.id).toBe(before);
  });

  it('is made on the intake, not on a consent signed before, and shows no old answer before the code', async () => {
    const intake = await formFor(ids.rosa!, ids.v2!);
    const consent = await formFor(ids.rosa!, ids.consentV1!, ids.consent);
    await formFor(ids.rosa!, ids.consentV1!, ids.consent, true);
    const phone = await phoneWithLink(ids.rosa!, [intake, consent]);
    const html = await (await phone.get('/f')).text();
    expect(html.split(ASK).length - 1).toBe(1);
    expect(html).toContain('You have signed “Health intake” with us before.');
    expect(html).not.toMatch(/Metformin|Old answer/);
  });
});

describe('sending the code', () => {
  it('goes by text when the client agreed to texts: the spa’s name and the code only, the page shows the number’s last two digits', async () => {
    const form = await formFor(ids.rosa!, ids.v2!);
    const phone = await phoneWithLink(ids.rosa!, [form]);
    await phone.get('/f');
    const sent = await phone.post('/f/prefill/send?lang=en', { form_id: form, lang: 'en' });
    expect(sent.status).toBe(200);
    const html = await sent.text();
    expect(html).toContain('We sent a 6-digit code by text to the number ending 67.');
    expect(html).toContain('autocomplete="one-time-code"');
    expect(html).not.toContain('5550167');
    expect(html).not.toMatch(/Metformin/);
    const message = await lastMessage();
    expect(message).toMatchObject({ channel: 'sms', recipient: '+13105550167', spaSlug: 'glow' });
    expect(message!.body).toMatch(/^Glow Aesthetics: your code is \d{6}\. It works for 10 minutes\.$/);
    const [code] = await rows<{ id: string }>(`SELECT id FROM form_prefill_codes WHERE client_form_id = $1`, [form]);
    expect(await rows(`SELECT action, client_ids FROM audit_events WHERE record_type = 'form_prefill_code' AND record_id = $1`, [code!.id])).toEqual([{ action: 'send', client_ids: [ids.rosa] }]);
    // The page drawn again still waits for the code.
    expect(await (await phone.get('/f')).text()).toContain('ending 67');
  });

  it('goes by email when the client agreed to email only, shown masked, in Spanish', async () => {
    const form = await formFor(ids.jade!, ids.v2!);
    const phone = await phoneWithLink(ids.jade!, [form]);
    await phone.get('/f?lang=es');
    const sent = await phone.post('/f/prefill/send?lang=es', { form_id: form, lang: 'es' });
    expect(sent.status).toBe(200);
    const html = await sent.text();
    expect(html).toContain('Le enviamos un código de 6 dígitos por correo electrónico a j•••@e•••.com.');
    expect(html).not.toContain('jade.p@example.com');
    const message = await lastMessage();
    expect(message).toMatchObject({ channel: 'phi_email', recipient: 'jade.p@example.com', subject: 'Glow Aesthetics: su código' });
    expect(message!.body).toMatch(/^Glow Aesthetics: su código es \d{6}\. Es válido durante 10 minutos\.$/);
  });

  it('is refused without consent to either channel, past 3 a link in an hour, and past 10 a link in all', async () => {
    const quietForm = await formFor(ids.quiet!, ids.v2!);
    const quiet = await phoneWithLink(ids.quiet!, [quietForm]);
    await quiet.get('/f');
    const none = await quiet.post('/f/prefill/send', { form_id: quietForm, lang: 'en' });
    expect(none.status).toBe(409);
    expect(await none.text()).toContain('We have no mobile number or email address we may use to send you a code.');

    const form = await formFor(ids.rosa!, ids.v2!);
    const phone = await phoneWithLink(ids.rosa!, [form]);
    await phone.get('/f');
    for (let i = 0; i < 3; i++) expect((await phone.post('/f/prefill/send', { form_id: form, lang: 'en' })).status).toBe(200);
    const fourth = await phone.post('/f/prefill/send', { form_id: form, lang: 'en' });
    expect(fourth.status).toBe(429);
    expect(await fourth.text()).toContain('You asked for 3 codes in the last hour.');
    expect(await rows(`SELECT id FROM form_prefill_codes WHERE client_form_id = $1`, [form])).toHaveLength(3);

    // Hour after hour, a link still sends 10 codes in all.
    const start = app.clock.now;
    try {
      for (let hour = 1; hour <= 3; hour++) {
        app.clock.now = new Date(start.getTime() + hour * 61 * 60 * 1000);
        for (let i = 0; i < 3 && hour * 3 + i < 10; i++) expect((await phone.post('/f/prefill/send', { form_id: form, lang: 'en' })).status).toBe(200);
      }
      app.clock.now = new Date(start.getTime() + 5 * 61 * 60 * 1000);
      const spent = await phone.post('/f/prefill/send', { form_id: form, lang: 'en' });
      expect(spent.status).toBe(429);
      expect(await spent.text()).toContain('This link has sent all the codes it may.');
    } finally {
      app.clock.now = start;
    }
    expect(await rows(`SELECT id FROM form_prefill_codes WHERE client_form_id = $1`, [form])).toHaveLength(10);
  });
});

describe('checking the code', () => {
  it('refuses a wrong code with a plain message, counts the try, and copies nothing', async () => {
    const form = await formFor(ids.rosa!, ids.v2!);
    const phone = await phoneWithLink(ids.rosa!, [form]);
    await phone.get('/f');
    await phone.post('/f/prefill/send', { form_id: form, lang: 'en' });
    const right = await latestCode();
    const wrong = right === '000000' ? '111111' : '000000';
    const refused = await phone.post('/f/prefill/confirm', { form_id: form, lang: 'en', code: wrong });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('That code is not right. You can try 4 more times.');
    expect(html).toMatch(/aria-invalid="true"[^>]*aria-describedby="f0-prefill-error/);
    expect(html).not.toMatch(/Metformin/);
    expect(await progressOf(form)).toEqual({});
    expect(await rows(`SELECT attempts, used_at FROM form_prefill_codes WHERE client_form_id = $1`, [form])).toEqual([{ attempts: 1, used_at: null }]);
    const notDigits = await phone.post('/f/prefill/confirm', { form_id: form, lang: 'en', code: '12ab' });
    expect(await notDigits.text()).toContain('Enter the 6 digits of the code we sent you.');
  });

  it('refuses an expired code', async () => {
    const form = await formFor(ids.rosa!, ids.v2!);
    const phone = await phoneWithLink(ids.rosa!, [form]);
    await phone.get('/f');
    await phone.post('/f/prefill/send', { form_id: form, lang: 'en' });
    const code = await latestCode();
    const start = app.clock.now;
    app.clock.now = new Date(start.getTime() + 10 * 60 * 1000 + 1000);
    try {
      const late = await phone.post('/f/prefill/confirm', { form_id: form, lang: 'en', code });
      expect(late.status).toBe(400);
      const html = await late.text();
      expect(html).toContain('This code has expired. Send a new code.');
      expect(html).toContain(ASK);
      expect(html).not.toMatch(/Metformin/);
    } finally {
      app.clock.now = start;
    }
    expect(await progressOf(form)).toEqual({});
  });

  it('stops a code after 5 wrong tries, even the right one after that', async () => {
    const form = await formFor(ids.rosa!, ids.v2!);
    const phone = await phoneWithLink(ids.rosa!, [form]);
    await phone.get('/f');
    await phone.post('/f/prefill/send', { form_id: form, lang: 'en' });
    const right = await latestCode();
    const wrong = right === '000000' ? '111111' : '000000';
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push(await (await phone.post('/f/prefill/confirm', { form_id: form, lang: 'en', code: wrong })).text());
    expect(answers[3]).toContain('You can try once more.');
    expect(answers[4]).toContain('This code was tried too many times. Send a new code.');
    const late = await phone.post('/f/prefill/confirm', { form_id: form, lang: 'en', code: right });
    expect(late.status).toBe(429);
    expect(await late.text()).not.toMatch(/Metformin/);
    expect(await progressOf(form)).toEqual({});
  });

  it('with the right code copies only the answers that fit this version, audited as a read of the old signature and an update of the form', async () => {
    const form = await formFor(ids.rosa!, ids.v2!);
    const phone = await phoneWithLink(ids.rosa!, [form]);
    await phone.get('/f');
    await phone.post('/f/prefill/send', { form_id: form, lang: 'en' });
    const code = await latestCode();
    const filled = await phone.post('/f/prefill/confirm', { form_id: form, lang: 'en', code: ` ${code.slice(0, 3)} ${code.slice(3)} ` });
    expect(filled.status).toBe(200);
    const html = await filled.text();
    expect(html).toContain('Your answers from last time are filled in.');
    expect(html).toContain('value="Metformin 500 mg"');
    expect(html).not.toContain(ASK);
    // Skin type "combination" is no longer offered, 14 cups is over this version's 10, the removed
    // question is gone, and the acknowledgement is agreed to again today.
    expect(await progressOf(form)).toEqual({ medications: 'Metformin 500 mg' });
    expect(html).not.toMatch(/Old answer/);
    const requestId = filled.headers.get('x-request-id');
    const audit = await rows<{ action: string; record_type: string; record_id: string; client_ids: string[] }>(
      `SELECT action, record_type, record_id, client_ids FROM audit_events WHERE request_id = $1 AND record_type IN ('form_signature', 'client_form') ORDER BY record_type`,
      [requestId],
    );
    expect(audit).toEqual([
      { action: 'update', record_type: 'client_form', record_id: form, client_ids: [ids.rosa] },
      { action: 'read', record_type: 'form_signature', record_id: ids[`signature:${ids.rosa}:${ids.intake}`], client_ids: [ids.rosa] },
    ]);
    // Used once: the offer is gone and the same code opens nothing again.
    const again = await phone.post('/f/prefill/confirm', { form_id: form, lang: 'en', code });
    expect(again.status).toBe(404);
    expect((await rows<{ used: boolean }>(`SELECT used_at IS NOT NULL AS used FROM form_prefill_codes WHERE client_form_id = $1`, [form]))[0]).toEqual({ used: true });
  });

  it('keeps what the client already typed where last time has nothing that fits', async () => {
    const form = await formFor(ids.jade!, ids.v2!);
    const phone = await phoneWithLink(ids.jade!, [form]);
    await phone.get('/f');
    await phone.post('/f/progress', { form_id: form, lang: 'en', 'f0-a_smoker': 'no', 'f0-a_coffee': '2' });
    await phone.post('/f/prefill/send', { form_id: form, lang: 'en' });
    const code = await latestCode();
    expect((await phone.post('/f/prefill/confirm', { form_id: form, lang: 'en', code })).status).toBe(200);
    expect(await progressOf(form)).toEqual({ medications: 'Metformin 500 mg', smoker: { answer: 'no' }, coffee: '2' });
  });
});

describe('limits over all of a form’s links (a kiosk start makes a new link each time)', () => {
  it('sends at most 10 codes a day for one form, whichever link asks, and again a day later', async () => {
    const form = await formFor(ids.rosa!, ids.v2!);
    const phones = [];
    for (let i = 0; i < 5; i++) phones.push(await phoneWithLink(ids.rosa!, [form]));
    for (const phone of phones) await phone.get('/f');
    for (let i = 0; i < 10; i++) expect((await phones[Math.floor(i / 3)]!.post('/f/prefill/send', { form_id: form, lang: 'en' })).status).toBe(200);
    const more = await phones[4]!.post('/f/prefill/send', { form_id: form, lang: 'en' });
    expect(more.status).toBe(429);
    expect(await more.text()).toContain('We have sent as many codes for this form as we may today.');
    expect(await rows(`SELECT id FROM form_prefill_codes WHERE client_form_id = $1`, [form])).toHaveLength(10);
    const start = app.clock.now;
    try {
      app.clock.now = new Date(start.getTime() + 24 * 60 * 60 * 1000 + 60_000);
      expect((await phones[4]!.post('/f/prefill/send', { form_id: form, lang: 'en' })).status).toBe(200);
    } finally {
      app.clock.now = start;
    }
  });

  it('stops offering the form after 15 wrong tries over its links, even with a code still waiting', async () => {
    const form = await formFor(ids.rosa!, ids.v2!);
    let phone = await phoneWithLink(ids.rosa!, [form]);
    for (let tries = 0; tries < 15; ) {
      if (tries % 5 === 0) {
        phone = await phoneWithLink(ids.rosa!, [form]);
        await phone.get('/f');
        expect((await phone.post('/f/prefill/send', { form_id: form, lang: 'en' })).status).toBe(200);
      }
      const right = await latestCode();
      const wrong = right === '000000' ? '111111' : '000000';
      const refused = await phone.post('/f/prefill/confirm', { form_id: form, lang: 'en', code: wrong });
      expect([400, 429]).toContain(refused.status);
      tries++;
    }
    const fresh = await phoneWithLink(ids.rosa!, [form]);
    const page = await (await fresh.get('/f')).text();
    expect(page).not.toContain(ASK);
    expect((await fresh.post('/f/prefill/send', { form_id: form, lang: 'en' })).status).toBe(404);
    expect(await rows(`SELECT id FROM form_prefill_codes WHERE client_form_id = $1`, [form])).toHaveLength(3);
    // A code sent before the limit was reached (15 wrong tries on earlier links) opens nothing either.
    const another = await formFor(ids.rosa!, ids.v2!);
    const early = await phoneWithLink(ids.rosa!, [another]);
    await early.get('/f');
    await early.post('/f/prefill/send', { form_id: another, lang: 'en' });
    const code = await latestCode();
    await app.deps.db.ownerQuery(
      `INSERT INTO form_prefill_codes (tenant_id, id, link_id, client_form_id, code_hash, channel, destination_hint, created_at, expires_at, attempts)
       SELECT c.tenant_id, gen_random_uuid(), c.link_id, c.client_form_id, repeat('0', 64), c.channel, c.destination_hint, c.created_at - interval '1 hour', c.expires_at - interval '1 hour', 5
         FROM form_prefill_codes c, generate_series(1, 3) WHERE c.client_form_id = $1`,
      [another],
    );
    const late = await early.post('/f/prefill/confirm', { form_id: another, lang: 'en', code });
    expect(late.status).toBe(404);
    expect(await late.text()).not.toMatch(/Metformin/);
    expect(await progressOf(another)).toEqual({});
  });
});

describe('on the front desk’s tablet (kiosk mode, ADR 012)', () => {
  it('fills from last time without bringing back answers saved on the phone that the front desk may not see', async () => {
    const client = await newClient('Kiosko', { mobile: '+13105550122', sms: true });
    await formFor(client, ids.v1!, ids.intake, true);
    const form = await formFor(client, ids.v2!);
    await app.deps.db.ownerQuery(`UPDATE client_forms SET progress = '{"smoker": {"answer": "yes"}, "coffee": "3"}'::jsonb, progress_saved_at = $2 WHERE id = $1`, [
      form,
      new Date(app.clock.now.getTime() - 3_600_000),
    ]);
    const desk = await signIn(app, 'frontdesk@glow.example');
    await desk.get(`/clients/${client}/forms`);
    expect((await desk.post(`/clients/${client}/forms/kiosk`, { forms: 'all' })).status).toBe(303);
    expect(await (await desk.get('/f?lang=en')).text()).toContain(ASK);
    await desk.post('/f/prefill/send', { form_id: form, lang: 'en' });
    const filled = await desk.post('/f/prefill/confirm', { form_id: form, lang: 'en', code: await latestCode() });
    expect(filled.status).toBe(200);
    const html = await filled.text();
    expect(html).toContain('Metformin 500 mg');
    expect(html).not.toMatch(/name="f0-a_coffee"[^>]*value="3"|value="3"[^>]*name="f0-a_coffee"/);
    expect(await progressOf(form)).toEqual({ medications: 'Metformin 500 mg' });
  });
});

describe('the raw code', () => {
  it('is stored nowhere (only an HMAC bound to its row) and never logged', async () => {
    const form = await formFor(ids.rosa!, ids.v2!);
    const phone = await phoneWithLink(ids.rosa!, [form]);
    await phone.get('/f');
    await phone.post('/f/prefill/send', { form_id: form, lang: 'en' });
    const code = await latestCode();
    const [row] = await rows<Record<string, unknown> & { id: string; code_hash: string }>(`SELECT * FROM form_prefill_codes WHERE client_form_id = $1`, [form]);
    expect(row!.code_hash).toBe(hashPrefillCode(prefillCodeKey(app.deps.config.secret), row!.id, code));
    expect(JSON.stringify({ ...row, code_hash: undefined })).not.toContain(code);
    const audit = await rows<{ text: string }>(`SELECT row_to_json(a)::text AS text FROM audit_events a WHERE $1 = ANY(client_ids)`, [ids.rosa]);
    expect(audit.map((a) => a.text).join('\n')).not.toContain(code);
    expect(logLines.join('\n')).not.toContain(code);
  });
});
