import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/infra/crypto/tokens.ts';
import { withTenant, type ServiceCtx } from '../../src/infra/db/tenant.ts';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { deliverLinkMessage, issueFormLink, openFormLink, revokeFormLink, saveFormProgress, sendFormLink, signLinkedForm, type SignInput } from '../../src/modules/forms/form-links.ts';
import { verifySignature } from '../../src/modules/forms/signature.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { drawnSignatureDataUrl } from '../support/signed-form.ts';
import { clearOfWindowEnd } from '../support/rate-window.ts';

// Issue 7 (links and signing), PUB-1, §6a, checklist rows 7, 39–41: a link sent by SMS or email
// honouring consent, a token kept only as a hash, expiry, revocation and other spas' tokens refused
// alike, progress kept with messages, signing that freezes the content under a hash the database
// keeps append-only, and the link showing only the date once everything is signed.
let app: TestApp;
const ids: Record<string, string> = {};
const tokens: string[] = [];
let ink = '';
const logLines: string[] = [];
const HOST = `glow.${APEX}`;

const DEF: FormDefinition = {
  title: { en: 'Test consent', es: 'Consentimiento de prueba' },
  items: [
    { type: 'short_text', id: 'medications', label: { en: 'Medications', es: 'Medicamentos' }, required: true },
    { type: 'number', id: 'age', label: { en: 'Age', es: 'Edad' }, required: false, min: 0, max: 120 },
    { type: 'acknowledgement', id: 'risks', label: { en: 'I understand the risks.', es: 'Entiendo los riesgos.' }, required: true },
    { type: 'signature', id: 'sign', label: { en: 'Signature', es: 'Firma' }, required: true },
  ],
};
const GOOD = { medications: 'None', age: '36', risks: true };

async function one<T = { id: string }>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.deps.db.ownerQuery(sql, values)).rows[0] as T;
}
const id = async (sql: string, values: unknown[] = []) => (await one(sql, values)).id;

function inSpa<T>(fn: (ctx: ServiceCtx) => Promise<T>, tenantId = app.spas.glow): Promise<T> {
  return withTenant(app.deps.db, { tenantId, requestId: 'form-links-test', actor: { kind: 'operator', id: ids.frontDesk! } }, fn);
}
const asClient = <T>(fn: (ctx: ServiceCtx) => Promise<T>, tenantId = app.spas.glow) =>
  withTenant(app.deps.db, { tenantId, requestId: 'form-links-client', surface: 'public', ip: '203.0.113.7' }, fn);

async function newForm(clientId: string): Promise<string> {
  return id(`INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) VALUES ($1, $2, $3, $4) RETURNING id`, [app.spas.glow, clientId, ids.template, ids.version]);
}

const sign = (token: string, formId: string, input: Partial<SignInput> = {}) =>
  asClient((ctx) =>
    signLinkedForm(ctx, token, formId, { answers: GOOD, signatureDataUrl: ink, typedName: 'Rosa Linktest', consent: true, asGuardian: false, lang: 'en', ip: '203.0.113.7', userAgent: 'Test phone', ...input }, app.clock.now),
  );

beforeAll(async () => {
  app = await startTestApp({}, { write: (line) => void logLines.push(line) });
  app.clock.now = new Date('2026-12-04T18:00:00Z');
  const t = app.spas.glow;
  ids.frontDesk = await id(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
  ids.template = await id(`INSERT INTO form_templates (tenant_id, name, kind, rule) VALUES ($1, 'Link test consent', 'consent', 'per_visit') RETURNING id`, [t]);
  ids.version = await id(`INSERT INTO form_versions (tenant_id, template_id, version, definition) VALUES ($1, $2, 1, $3::jsonb) RETURNING id`, [t, ids.template, JSON.stringify(DEF)]);
  ids.rosa = await id(
    `INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, mobile_phone, email, sms_consent, sms_consent_at, sms_consent_method) VALUES ($1, 'Rosa', 'Linktest', '1990-02-02', '+13105550111', 'rosa@example.com', true, now(), 'in_person') RETURNING id`,
    [t],
  );
  ids.quiet = await id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, email, email_consent, email_consent_at, email_consent_method) VALUES ($1, 'Quinn', 'Linktest', '1980-01-01', 'quinn@example.com', true, now(), 'in_person') RETURNING id`, [t]);
  ids.minor = await id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Lia', 'Linktest', '2014-05-05') RETURNING id`, [t]);
  await app.deps.db.ownerQuery(`INSERT INTO client_guardians (tenant_id, client_id, full_name, relationship, phone) VALUES ($1, $2, 'Marta Linktest', 'Mother', '+13105550112')`, [t, ids.minor]);
  ids.other = await id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Otto', 'Linktest', '1970-01-01') RETURNING id`, [t]);
  ink = await drawnSignatureDataUrl();
});
afterAll(() => app?.close());

describe('sending a link', () => {
  it('honours the client’s consent to the channel and needs a number or address', async () => {
    const form = await newForm(ids.rosa!);
    const send = async (clientId: string, channel: 'sms' | 'email', formIds = [form]) => {
      const made = await inSpa((ctx) =>
        sendFormLink(ctx, { clientId, clientFormIds: formIds, channel, sentBy: ids.frontDesk!, origin: 'http://glow.localhost:3000', spaName: 'Glow Aesthetics', spaSlug: 'glow', now: app.clock.now }),
      );
      if (made.ok) await deliverLinkMessage(app.deps.messaging, made.message);
      return made;
    };
    expect(await send(ids.rosa!, 'email')).toMatchObject({ ok: false, status: 409, message: expect.stringContaining('has not agreed to email') });
    const quietForm = await newForm(ids.quiet!);
    expect(await send(ids.quiet!, 'sms', [quietForm])).toMatchObject({ ok: false, message: expect.stringContaining('has not agreed to text messages') });
    await app.deps.db.ownerQuery(`UPDATE clients SET mobile_phone = NULL, sms_consent = true, sms_consent_at = now(), sms_consent_method = 'in_person' WHERE id = $1`, [ids.quiet]);
    expect(await send(ids.quiet!, 'sms', [quietForm])).toMatchObject({ ok: false, message: 'This client has no mobile number on file.' });
    // Another client's form cannot ride on this client's link.
    expect(await send(ids.rosa!, 'sms', [quietForm])).toMatchObject({ ok: false, status: 404 });
    expect(await one(`SELECT count(*)::int AS n FROM form_links WHERE client_id = ANY($1::uuid[])`, [[ids.rosa, ids.quiet]])).toEqual({ n: 0 });

    // By text, with consent and a number: the message holds the spa's name and the link, nothing else.
    const second = await newForm(ids.rosa!);
    const sent = await send(ids.rosa!, 'sms', [form, second]);
    expect(sent).toMatchObject({ ok: true });
    const [message] = await listOutbox(app.deps.db, 1);
    expect(message).toMatchObject({ channel: 'sms', recipient: '+13105550111', spaSlug: 'glow' });
    const link = /^Glow Aesthetics: you have forms to complete before your visit\. Open them here: http:\/\/glow\.localhost:3000\/f\/([A-Za-z0-9_-]{43})$/.exec(message!.body);
    expect(link, message!.body).not.toBeNull();
    expect(message!.body).not.toMatch(/Rosa|Linktest|consent/i);
    tokens.push(link![1]!);
    ids.rosaForm = form;
    ids.rosaSecond = second;
    ids.rosaLink = (sent as { linkId: string }).linkId;
    const audit = await app.deps.db.ownerQuery<{ action: string; client_ids: string[] }>(`SELECT action, client_ids FROM audit_events WHERE record_type = 'form_link' AND record_id = $1 ORDER BY occurred_at, id`, [ids.rosaLink]);
    expect(audit.rows).toEqual([{ action: 'create', client_ids: [ids.rosa] }, { action: 'send', client_ids: [ids.rosa] }]);
  });
});

describe('opening a link', () => {
  it('opens the client’s forms, with what was saved so far', async () => {
    const open = await asClient((ctx) => openFormLink(ctx, tokens[0]!, app.clock.now));
    expect(open).toMatchObject({ state: 'open', clientId: ids.rosa, minor: false });
    if (open.state !== 'open') throw new Error('not open');
    expect(open.forms.map((f) => f.id)).toEqual([ids.rosaForm, ids.rosaSecond]);
    expect(open.forms[0]!.definition).toEqual(DEF);
  });

  it('answers an unknown, malformed, revoked or other spa’s token alike, and an expired one as expired', async () => {
    const token = tokens[0]!;
    expect(await asClient((ctx) => openFormLink(ctx, token, app.clock.now), app.spas.other)).toEqual({ state: 'invalid' });
    expect(await asClient((ctx) => openFormLink(ctx, `${token.slice(0, 42)}${token.endsWith('A') ? 'B' : 'A'}`, app.clock.now))).toEqual({ state: 'invalid' });
    expect(await asClient((ctx) => openFormLink(ctx, "' OR 1=1 --", app.clock.now))).toEqual({ state: 'invalid' });
    const later = new Date(app.clock.now.getTime() + 7 * 24 * 3600 * 1000 + 1000);
    expect(await asClient((ctx) => openFormLink(ctx, token, later))).toEqual({ state: 'expired' });

    const form = await newForm(ids.other!);
    const issued = await inSpa((ctx) => issueFormLink(ctx, { clientId: ids.other!, clientFormIds: [form], channel: 'email', createdBy: ids.frontDesk!, now: app.clock.now }));
    if (!issued.ok) throw new Error('refused');
    tokens.push(issued.token);
    expect((await asClient((ctx) => openFormLink(ctx, issued.token, app.clock.now))).state).toBe('open');
    expect(await inSpa((ctx) => revokeFormLink(ctx, issued.linkId, ids.frontDesk!, app.clock.now))).toBe(true);
    expect(await asClient((ctx) => openFormLink(ctx, issued.token, app.clock.now))).toEqual({ state: 'invalid' });
    expect(await inSpa((ctx) => revokeFormLink(ctx, issued.linkId, ids.frontDesk!, app.clock.now))).toBe(false);
  });
});

describe('filling and signing', () => {
  it('saves progress whatever it holds, with the messages of each field, in the client’s language', async () => {
    const saved = await asClient((ctx) => saveFormProgress(ctx, tokens[0]!, ids.rosaForm!, { medications: '', age: '400', stray: 'x' }, 'es', app.clock.now));
    expect(saved).toMatchObject({ ok: true });
    if (!saved.ok) throw new Error('not saved');
    expect(Object.keys(saved.errors).sort()).toEqual(['age', 'medications', 'risks']);
    expect(saved.errors.age).toMatch(/120/);
    expect(await one(`SELECT progress FROM client_forms WHERE id = $1`, [ids.rosaForm])).toEqual({ progress: { medications: '', age: '400', stray: 'x' } });
    const open = await asClient((ctx) => openFormLink(ctx, tokens[0]!, app.clock.now));
    expect(open.state === 'open' && open.forms[0]!.progress).toEqual({ medications: '', age: '400', stray: 'x' });
  });

  it('refuses bad answers, a missing name, consent or signature, or a fake PNG: nothing is signed, progress is kept', async () => {
    const refused = await sign(tokens[0]!, ids.rosaForm!, { answers: { medications: 'Aspirin' }, typedName: ' ', consent: false, signatureDataUrl: 'data:image/png;base64,aGVsbG8=' });
    expect(refused).toMatchObject({ ok: false, state: 'refused' });
    expect(Object.keys((refused as { errors: Record<string, string> }).errors).sort()).toEqual(['risks', 'signer_consent', 'signer_name', 'signer_signature']);
    const gif = `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}`;
    expect(await sign(tokens[0]!, ids.rosaForm!, { signatureDataUrl: gif })).toMatchObject({ ok: false, errors: { signer_signature: 'Draw your signature in the box.' } });
    expect(await one(`SELECT status, progress FROM client_forms WHERE id = $1`, [ids.rosaForm])).toEqual({ status: 'pending', progress: GOOD });
    expect(await one(`SELECT count(*)::int AS n FROM form_signatures WHERE client_form_id = $1`, [ids.rosaForm])).toEqual({ n: 0 });
  });

  it('signs: the content frozen under a hash that verifies, the form signed, audited naming the client', async () => {
    const signed = await sign(tokens[0]!, ids.rosaForm!);
    expect(signed).toMatchObject({ ok: true, linkUsed: false });
    const row = await one<{ id: string; content: unknown; content_sha256: string; image_png: Buffer; typed_name: string; signer_kind: string; ip: string; user_agent: string; link_id: string }>(
      `SELECT id, content, content_sha256, image_png, typed_name, signer_kind, host(ip) AS ip, user_agent, link_id FROM form_signatures WHERE client_form_id = $1`,
      [ids.rosaForm],
    );
    expect(row).toMatchObject({ typed_name: 'Rosa Linktest', signer_kind: 'client', ip: '203.0.113.7', user_agent: 'Test phone', link_id: ids.rosaLink });
    expect(row.content).toEqual({ definition: DEF, answers: GOOD });
    expect(row.image_png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(verifySignature({ content: row.content, contentSha256: row.content_sha256 })).toBe(true);
    expect(verifySignature({ content: { definition: DEF, answers: { ...GOOD, medications: 'Warfarin' } }, contentSha256: row.content_sha256 })).toBe(false);
    expect(await one(`SELECT status, signed_at FROM client_forms WHERE id = $1`, [ids.rosaForm])).toEqual({ status: 'signed', signed_at: app.clock.now });
    const audit = await app.deps.db.ownerQuery(`SELECT action, client_ids, actor_kind FROM audit_events WHERE record_type = 'form_signature' AND record_id = $1`, [row.id]);
    expect(audit.rows).toEqual([{ action: 'create', client_ids: [ids.rosa], actor_kind: 'anonymous' }]);
    // Signing twice is refused.
    expect(await sign(tokens[0]!, ids.rosaForm!)).toEqual({ ok: false, state: 'not_pending' });
  });

  it('keeps the signed record: the signature never changes, the form only voids with a reason, and tampering is detected', async () => {
    await expect(app.deps.db.ownerQuery(`UPDATE form_signatures SET typed_name = 'Someone Else' WHERE client_form_id = $1`, [ids.rosaForm])).rejects.toThrow(/never changed or deleted/);
    await expect(app.deps.db.ownerQuery(`DELETE FROM form_signatures WHERE client_form_id = $1`, [ids.rosaForm])).rejects.toThrow(/never changed or deleted/);
    await expect(app.deps.db.ownerQuery(`UPDATE client_forms SET progress = '{}' WHERE id = $1`, [ids.rosaForm])).rejects.toThrow(/can only be voided/);
    await expect(app.deps.db.ownerQuery(`UPDATE client_forms SET status = 'signed', signed_at = now() WHERE id = $1`, [ids.rosaSecond])).rejects.toThrow(/only with its signature/);
    // Content altered underneath (as by someone with the database's owner role and the trigger off) no longer verifies.
    const row = await one<{ content: { answers: Record<string, unknown> }; content_sha256: string }>(`SELECT content, content_sha256 FROM form_signatures WHERE client_form_id = $1`, [ids.rosaForm]);
    row.content.answers.medications = 'Something else';
    expect(verifySignature({ content: row.content, contentSha256: row.content_sha256 })).toBe(false);
  });

  it('uses the link once everything it covers is signed: it then shows only the date', async () => {
    expect(await sign(tokens[0]!, ids.rosaSecond!)).toMatchObject({ ok: true, linkUsed: true });
    expect(await asClient((ctx) => openFormLink(ctx, tokens[0]!, app.clock.now))).toEqual({ state: 'signed', signedAt: app.clock.now });
    expect(await asClient((ctx) => saveFormProgress(ctx, tokens[0]!, ids.rosaSecond!, GOOD, 'en', app.clock.now))).toEqual({ ok: false, state: 'signed' });
    expect(await one(`SELECT used_at FROM form_links WHERE id = $1`, [ids.rosaLink])).toEqual({ used_at: app.clock.now });
  });

  it('has a minor’s forms signed by the guardian named on the record, recorded as the guardian', async () => {
    const form = await newForm(ids.minor!);
    const issued = await inSpa((ctx) => issueFormLink(ctx, { clientId: ids.minor!, clientFormIds: [form], channel: 'sms', createdBy: ids.frontDesk!, now: app.clock.now }));
    if (!issued.ok) throw new Error('refused');
    tokens.push(issued.token);
    const open = await asClient((ctx) => openFormLink(ctx, issued.token, app.clock.now));
    expect(open).toMatchObject({ state: 'open', minor: true, guardianNames: ['Marta Linktest'] });
    expect(await sign(issued.token, form, { typedName: 'Marta Linktest', lang: 'es' })).toMatchObject({ ok: false, errors: { signer_guardian: expect.stringContaining('tutor') } });
    expect(await sign(issued.token, form, { typedName: 'Marta Linktest', asGuardian: true })).toMatchObject({ ok: true });
    expect(await one(`SELECT signer_kind, typed_name FROM form_signatures WHERE client_form_id = $1`, [form])).toEqual({ signer_kind: 'guardian', typed_name: 'Marta Linktest' });
  });
});

describe('the fill pages on the spa’s host', () => {
  const privateHeaders = (r: Response) => {
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  };

  it('opens the page in the client’s own language, as their message was written', async () => {
    const ana = await id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, preferred_language) VALUES ($1, 'Ana', 'Idioma', '1988-08-08', 'es') RETURNING id`, [app.spas.glow]);
    const form = await newForm(ana);
    const issued = await inSpa((ctx) => issueFormLink(ctx, { clientId: ana, clientFormIds: [form], channel: 'sms', createdBy: ids.frontDesk!, now: app.clock.now }));
    if (!issued.ok) throw new Error('refused');
    tokens.push(issued.token);
    const swap = await new TestBrowser(app.http, HOST).get(`/f/${issued.token}`);
    expect(swap.status).toBe(303);
    expect(swap.headers.get('location')).toBe('/f?lang=es');
  });

  it('trades the token for a short-lived HttpOnly, SameSite=Lax cookie on /f and a token-free address', async () => {
    const form = await newForm(ids.rosa!);
    ids.pageForm = form;
    const issued = await inSpa((ctx) => issueFormLink(ctx, { clientId: ids.rosa!, clientFormIds: [form], channel: 'sms', createdBy: ids.frontDesk!, now: app.clock.now }));
    if (!issued.ok) throw new Error('refused');
    tokens.push(issued.token);
    const phone = new TestBrowser(app.http, HOST);
    const swap = await phone.get(`/f/${issued.token}`);
    expect(swap.status).toBe(303);
    expect(swap.headers.get('location')).toBe('/f');
    privateHeaders(swap);
    const cookie = swap.headers.getSetCookie().find((c) => c.startsWith('__Secure-lume_form='))!;
    expect(cookie).toContain(issued.token);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\/f(;|$)/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Max-Age=1800/);

    const page = await phone.get('/f');
    expect(page.status).toBe(200);
    privateHeaders(page);
    const html = await page.text();
    expect(html).toContain('Test consent');
    expect(html).toContain('name="f0-a_medications"');
    expect(html).not.toContain(issued.token);
    expect(html).not.toMatch(/Rosa|Linktest|1990/);
    const es = await (await phone.get('/f?lang=es')).text();
    expect(es).toContain('Consentimiento de prueba');
    expect(es).toContain('Medicamentos');
    ids.pageToken = issued.token;
  });

  it('saves progress from the page with each field’s message, and shows it again', async () => {
    const phone = new TestBrowser(app.http, HOST);
    await phone.get(`/f/${ids.pageToken}`);
    await phone.get('/f?lang=es');
    const saved = await phone.post('/f/progress?lang=es', { form_id: ids.pageForm!, lang: 'es', 'f0-a_medications': 'Ibuprofeno', 'f0-a_age': '400' });
    expect(saved.status, await saved.clone().text()).toBe(200);
    privateHeaders(saved);
    const html = await saved.text();
    expect(html).toContain('Algunas respuestas necesitan revisión');
    expect(html).toContain('value="Ibuprofeno"');
    expect(await one(`SELECT progress FROM client_forms WHERE id = $1`, [ids.pageForm])).toEqual({ progress: { medications: 'Ibuprofeno', age: '400' } });
    expect(await one(`SELECT status FROM client_forms WHERE id = $1`, [ids.pageForm])).toEqual({ status: 'pending' });
    const again = await (await phone.get('/f')).text();
    expect(again).toContain('value="Ibuprofeno"');
  });

  it('shows a signed link only as “signed on” its date, never the content', async () => {
    const phone = new TestBrowser(app.http, HOST);
    expect((await phone.get(`/f/${tokens[0]}`)).status).toBe(303);
    const page = await phone.get('/f');
    privateHeaders(page);
    const html = await page.text();
    expect(html).toContain('Signed on December 4, 2026');
    expect(html).not.toContain('Test consent');
    expect(html).not.toContain('None');
    expect(html).not.toContain('name="a_');
  });

  it('answers one 410 page for a bad, revoked or expired link, without saying which, and 429 after 20 bad ones a minute', async () => {
    const prober = new TestBrowser(app.http, HOST);
    const pages: string[] = [];
    for (const path of [`/f/${'q'.repeat(43)}`, `/f/${tokens[1]}`, '/f', `/f/short`]) {
      const r = await prober.get(path);
      expect(r.status, path).toBe(410);
      privateHeaders(r);
      pages.push((await r.text()).replace(/name="_csrf" value="[^"]+"/, ''));
    }
    const expired = new TestBrowser(app.http, HOST);
    app.clock.now = new Date(app.clock.now.getTime() + 8 * 24 * 3600 * 1000);
    try {
      const r = await expired.get(`/f/${ids.pageToken}`);
      expect(r.status).toBe(410);
      pages.push((await r.text()).replace(/name="_csrf" value="[^"]+"/, ''));
    } finally {
      app.clock.now = new Date('2026-12-04T18:00:00Z');
    }
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toContain('This link no longer works');
    // Another spa's host does not open glow's link.
    expect((await new TestBrowser(app.http, `lumen.${APEX}`).get(`/f/${ids.pageToken}`)).status).toBe(410);

    const brute = new TestBrowser(app.http, HOST);
    await clearOfWindowEnd(60);
    for (let i = 0; i < 20; i++) expect((await brute.get(`/f/${'b'.repeat(42)}${String.fromCharCode(65 + i)}`)).status).toBe(410);
    const refused = await brute.get(`/f/${'c'.repeat(43)}`);
    expect(refused.status).toBe(429);
    // Even a good link waits out the minute from that address.
    expect((await brute.get(`/f/${ids.pageToken}`)).status).toBe(429);
  });

  it('signs from the page: a refused signing keeps the answers with messages; a good one shows “signed on”, in Spanish', async () => {
    const phone = new TestBrowser(app.http, HOST);
    await phone.get(`/f/${ids.pageToken}`);
    await phone.get('/f?lang=es');
    const refused = await phone.post('/f/progress?lang=es', { form_id: ids.pageForm!, lang: 'es', op: 'sign', 'f0-a_medications': 'Ibuprofeno', 'f0-a_risks': 'yes', signature: '', signer_name: 'Rosa Linktest' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Dibuje su firma en el recuadro.');
    expect(html).toContain('Marque la casilla para aceptar firmar electrónicamente.');
    expect(await one(`SELECT status FROM client_forms WHERE id = $1`, [ids.pageForm])).toEqual({ status: 'pending' });
    const signed = await phone.post('/f/progress?lang=es', {
      form_id: ids.pageForm!, lang: 'es', op: 'sign', 'f0-a_medications': 'Ibuprofeno', 'f0-a_risks': 'yes', signature: ink, signer_name: 'Rosa Linktest', signer_consent: 'yes',
    }, { 'user-agent': 'Phone test' });
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe('/f?lang=es');
    const done = await (await phone.get('/f?lang=es')).text();
    expect(done).toContain('Firmado el 4 de diciembre de 2026');
    expect(done).not.toContain('Ibuprofeno');
    const row = await one<{ content: unknown; content_sha256: string; user_agent: string; typed_name: string }>(`SELECT content, content_sha256, user_agent, typed_name FROM form_signatures WHERE client_form_id = $1`, [ids.pageForm]);
    expect(row).toMatchObject({ user_agent: 'Phone test', typed_name: 'Rosa Linktest' });
    expect(verifySignature({ content: row.content, contentSha256: row.content_sha256 })).toBe(true);
  });
});

describe('sending from the client’s Forms tab', () => {
  it('sends all pending forms by text from the tab, refuses email without consent, and the bookkeeper may not', async () => {
    const form = await newForm(ids.rosa!);
    const desk = await signIn(app, 'frontdesk@glow.example');
    const tab = await (await desk.get(`/clients/${ids.rosa}/forms`)).text();
    expect(tab).toContain('Send link');
    // Only the channels this client agreed to (Rosa: texts, not email) are offered.
    expect(tab).toMatch(/value="email"[^>]*disabled/);
    expect(tab).toContain('Email (not agreed or no address)');
    // A client who agreed to neither is pointed to the tablet instead of two refusals.
    const silent = await id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Sol', 'Sinconsent', '1985-05-05') RETURNING id`, [app.spas.glow]);
    await newForm(silent);
    const none = await (await desk.get(`/clients/${silent}/forms`)).text();
    expect(none).toContain('has not agreed to texts or email');
    expect(none).not.toContain('Send link');
    const refused = await desk.post(`/clients/${ids.rosa}/forms/send`, { channel: 'email', forms: 'all' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('has not agreed to email');
    const sent = await desk.post(`/clients/${ids.rosa}/forms/send`, { channel: 'sms', forms: 'all' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/clients/${ids.rosa}/forms?done=sent_sms`);
    expect(await (await desk.get(sent.headers.get('location')!)).text()).toContain('Link sent by text to the mobile number on file.');
    const [message] = await listOutbox(app.deps.db, 1);
    const token = /\/f\/([A-Za-z0-9_-]{43})$/.exec(message!.body)![1]!;
    expect(message!.body.startsWith('Glow Aesthetics: you have forms to complete')).toBe(true);
    tokens.push(token);
    const open = await asClient((ctx) => openFormLink(ctx, token, app.clock.now));
    expect(open.state === 'open' && open.forms.map((f) => f.id)).toEqual([form]);
    const bookkeeper = await signIn(app, 'bookkeeper@glow.example');
    expect((await bookkeeper.post(`/clients/${ids.rosa}/forms/send`, { channel: 'sms', forms: 'all' })).status).toBe(403);
  });
});

describe('links on the client’s Forms tab: revoking, expiry mid-fill, the spa’s link lifetime (PUB-1)', () => {
  const linkOf = async (token: string) => id(`SELECT id FROM form_links WHERE token_hash = $1`, [hashToken(token)]);
  /** Sends all of the client's pending forms from the tab by text, and returns the texted token. */
  async function sendFromTab(desk: TestBrowser, clientId: string): Promise<string> {
    await desk.get(`/clients/${clientId}/forms`);
    const sent = await desk.post(`/clients/${clientId}/forms/send`, { channel: 'sms', forms: 'all' });
    expect(sent.status).toBe(303);
    const [message] = await listOutbox(app.deps.db, 1);
    const token = /\/f\/([A-Za-z0-9_-]{43})$/.exec(message!.body)![1]!;
    tokens.push(token);
    return token;
  }

  it('lists a sent link as open and revokes it from the tab: the token then opens nothing, not even a fill under way', async () => {
    const form = await newForm(ids.rosa!);
    const desk = await signIn(app, 'frontdesk@glow.example');
    const token = await sendFromTab(desk, ids.rosa!);
    const linkId = await linkOf(token);
    const tab = await (await desk.get(`/clients/${ids.rosa}/forms`)).text();
    const row = new RegExp(`id="link-${linkId}"[^]*?</li>`).exec(tab)![0];
    expect(row).toContain('Open');
    expect(row).toContain('Text message');
    expect(row).toContain('by Jordan Lee');
    expect(row).toContain('expires Dec 11, 2026');
    expect(row).toContain('Link test consent');
    expect(row).toContain(`action="/clients/${ids.rosa}/forms/links/${linkId}/revoke"`);
    expect(tab).not.toContain(token);

    // The client has the form open on a phone, with the cookie the link was traded for.
    const phone = new TestBrowser(app.http, HOST);
    expect((await phone.get(`/f/${token}`)).status).toBe(303);
    expect((await phone.get('/f')).status).toBe(200);

    const revoked = await desk.post(`/clients/${ids.rosa}/forms/links/${linkId}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe(`/clients/${ids.rosa}/forms?done=revoked#form-links`);
    expect(await one(`SELECT revoked_by FROM form_links WHERE id = $1`, [linkId])).toEqual({ revoked_by: ids.frontDesk });
    const audit = await app.deps.db.ownerQuery(`SELECT action, client_ids, actor_id FROM audit_events WHERE record_type = 'form_link' AND record_id = $1 AND action = 'revoke'`, [linkId]);
    expect(audit.rows).toEqual([{ action: 'revoke', client_ids: [ids.rosa], actor_id: ids.frontDesk }]);

    // Mid-fill: the page and a save both answer the one "no longer works" page; nothing is saved.
    const midFill = await phone.get('/f');
    expect(midFill.status).toBe(410);
    expect(await midFill.text()).toContain('This link no longer works');
    const save = await phone.post('/f/progress', { form_id: form, lang: 'en', 'f0-a_medications': 'Typed after revoking' });
    expect(save.status).toBe(410);
    expect(await one(`SELECT progress FROM client_forms WHERE id = $1`, [form])).toEqual({ progress: {} });
    // And the texted link itself, opened again anywhere.
    expect((await new TestBrowser(app.http, HOST).get(`/f/${token}`)).status).toBe(410);

    const after = await (await desk.get(`/clients/${ids.rosa}/forms`)).text();
    const gone = new RegExp(`id="link-${linkId}"[^]*?</li>`).exec(after)![0];
    expect(gone).toContain('Revoked');
    expect(gone).toContain('by Jordan Lee');
    expect(gone).not.toContain('/revoke"');
    const again = await desk.post(`/clients/${ids.rosa}/forms/links/${linkId}/revoke`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This link was already revoked.');
  });

  it('refuses revoking to those who may not send, for another client’s record, and to another spa', async () => {
    await newForm(ids.rosa!);
    const desk = await signIn(app, 'frontdesk@glow.example');
    const linkId = await linkOf(await sendFromTab(desk, ids.rosa!));
    const bookkeeper = await signIn(app, 'bookkeeper@glow.example');
    await bookkeeper.get('/');
    expect((await bookkeeper.post(`/clients/${ids.rosa}/forms/links/${linkId}/revoke`, {})).status).toBe(403);
    // The link's id under another client of the same spa: not found.
    expect((await desk.post(`/clients/${ids.other}/forms/links/${linkId}/revoke`, {})).status).toBe(404);
    const outsider = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
    await outsider.get('/');
    expect((await outsider.post(`/clients/${ids.rosa}/forms/links/${linkId}/revoke`, {})).status).toBe(404);
    expect(await one(`SELECT revoked_at FROM form_links WHERE id = $1`, [linkId])).toEqual({ revoked_at: null });
  });

  it('stops an expired link mid-fill too, shows it as expired on the tab, and refuses to revoke it', async () => {
    const form = await newForm(ids.rosa!);
    const desk = await signIn(app, 'frontdesk@glow.example');
    const token = await sendFromTab(desk, ids.rosa!);
    const linkId = await linkOf(token);
    const phone = new TestBrowser(app.http, HOST);
    await phone.get(`/f/${token}`);
    expect((await phone.get('/f')).status).toBe(200);
    const start = app.clock.now;
    app.clock.now = new Date(start.getTime() + 7 * 24 * 3600 * 1000 + 60_000);
    try {
      expect((await phone.get('/f')).status).toBe(410);
      expect((await phone.post('/f/progress', { form_id: form, lang: 'en', 'f0-a_medications': 'Too late' })).status).toBe(410);
      expect(await one(`SELECT progress FROM client_forms WHERE id = $1`, [form])).toEqual({ progress: {} });
      // The desk's session has long timed out; a provider (who may also send and revoke) signs in.
      // Not the desk again: its codes of the days between would count as replayed once the clock is back.
      const later = await signIn(app, 'provider@glow.example');
      const tab = await (await later.get(`/clients/${ids.rosa}/forms`)).text();
      expect(new RegExp(`id="link-${linkId}"[^]*?</li>`).exec(tab)![0]).toMatch(/Expired[^]*expired Dec 11, 2026/);
      const refused = await later.post(`/clients/${ids.rosa}/forms/links/${linkId}/revoke`, {});
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain('This link has already expired');
    } finally {
      app.clock.now = start;
    }
  });

  it('sets the expiry of links sent from then on from the spa’s setting; bad input (0, 31, abc, empty) saves nothing', async () => {
    const manager = await signIn(app, 'manager@glow.example');
    const settings = await (await manager.get('/settings')).text();
    expect(settings).toMatch(/name="form_link_days"[^>]*value="7"|value="7"[^>]*name="form_link_days"/);
    // The page leads to every other setting the manager may change.
    for (const href of ['/settings/staff', '/settings/locations', '/settings/schedules', '/settings/services', '/settings/products', '/settings/forms']) expect(settings).toContain(`class="link-card" href="${href}"`);
    const current = await one<{ idle: number; age: number }>(`SELECT idle_timeout_minutes AS idle, age_of_majority AS age FROM tenants WHERE id = $1`, [app.spas.glow]);
    const form = (days: string) => ({ idle_timeout_minutes: String(current.idle), age_of_majority: String(current.age), form_link_days: days });
    const changes = async () => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'settings_change'`, [app.spas.glow])).n;
    const before = await changes();
    for (const [typed, message] of [
      ['0', 'Choose a number from 1 to 30.'],
      ['31', 'Choose a number from 1 to 30.'],
      ['abc', 'Enter a whole number from 1 to 30.'],
      ['', 'Enter the number of days.'],
    ] as const) {
      const refused = await manager.post('/settings', form(typed));
      expect(refused.status, typed).toBe(400);
      const html = await refused.text();
      expect(html).toContain(message);
      expect(html).toContain('Nothing was saved.');
      expect(await one(`SELECT form_link_days FROM tenants WHERE id = $1`, [app.spas.glow])).toEqual({ form_link_days: 7 });
    }
    expect(await changes()).toBe(before);
    const desk = await signIn(app, 'frontdesk@glow.example');
    await desk.get('/');
    expect((await desk.post('/settings', form('3'))).status).toBe(403);

    expect((await manager.post('/settings', form('3'))).status).toBe(303);
    try {
      expect(await one(`SELECT form_link_days FROM tenants WHERE id = $1`, [app.spas.glow])).toEqual({ form_link_days: 3 });
      expect(await changes()).toBe(before + 1);
      await newForm(ids.rosa!);
      expect(await (await desk.get(`/clients/${ids.rosa}/forms`)).text()).toContain('a link that works for 3 days');
      const token = await sendFromTab(desk, ids.rosa!);
      const link = await one<{ expires_at: Date }>(`SELECT expires_at FROM form_links WHERE token_hash = $1`, [hashToken(token)]);
      expect(link.expires_at).toEqual(new Date(app.clock.now.getTime() + 3 * 24 * 3600 * 1000));
    } finally {
      await manager.get('/settings');
      expect((await manager.post('/settings', form('7'))).status).toBe(303);
    }
  });
});

describe('the raw token', () => {
  it('appears nowhere in the database (the new tables, the forms, the audit rows) nor in the log', async () => {
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    const { rows: cols } = await app.deps.db.ownerQuery<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name IN ('form_links', 'form_signatures', 'audit_events', 'client_forms')
          AND data_type IN ('text', 'bytea', 'jsonb', 'ARRAY', 'character varying', 'USER-DEFINED', 'inet')`,
    );
    expect(cols.length).toBeGreaterThan(5);
    for (const token of tokens) {
      for (const { table_name, column_name } of cols) {
        const { n } = await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table_name} WHERE position($1 IN "${column_name}"::text) > 0 OR position(convert_to($1, 'UTF8') IN convert_to("${column_name}"::text, 'UTF8')) > 0`, [token]);
        expect(n, `${table_name}.${column_name}`).toBe(0);
      }
      expect(logLines.filter((line) => line.includes(token))).toEqual([]);
      const bytes = await one<{ n: number }>(`SELECT count(*)::int AS n FROM form_signatures WHERE position(convert_to($1, 'UTF8') IN image_png) > 0`, [token]);
      expect(bytes.n).toBe(0);
    }
  });
});
