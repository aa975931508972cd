import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { signNeurotoxinConsent } from '../support/signed-consent.ts';

// Issue 7 (the signed form in the CRM), PUB-2, SEC-3, SEC-8, checklist rows 4 and 7: the signed
// form's page, its signature image and PDF, read with the right to see medical history; every view,
// download and send audited naming the client; the PDF kept encrypted; altered content shown ALTERED.
let app: TestApp;
let owner: TestBrowser;
const ids: Record<string, string> = {};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function one<T = { id: string }>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.deps.db.ownerQuery(sql, values)).rows[0] as T;
}
const id = async (sql: string, values: unknown[] = []) => (await one(sql, values)).id;

/** The audit rows a response's request wrote: action, record type and the clients named. */
async function auditOf(response: Response): Promise<{ action: string; record_type: string; client_ids: string[] }[]> {
  const requestId = response.headers.get('x-request-id');
  const { rows } = await app.deps.db.ownerQuery<{ action: string; record_type: string; client_ids: string[] }>(
    `SELECT action, record_type, client_ids FROM audit_events WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );
  return rows;
}

const signedForm = (clientId: string, lang: 'en' | 'es') => signNeurotoxinConsent(app, { tenantId: app.spas.glow, clientId, lang, typedName: 'Iris Signtest' });

/** Changes a signature's stored content as only someone with the database's owner role could (the trigger is off for one statement). */
async function tamper(formId: string): Promise<void> {
  await app.deps.db.ownerQuery('ALTER TABLE form_signatures DISABLE TRIGGER form_signatures_append_only');
  try {
    await app.deps.db.ownerQuery(`UPDATE form_signatures SET content = jsonb_set(content, '{answers,upcoming-event}', '{"answer": "no"}') WHERE client_form_id = $1`, [formId]);
  } finally {
    await app.deps.db.ownerQuery('ALTER TABLE form_signatures ENABLE TRIGGER form_signatures_append_only');
  }
}

beforeAll(async () => {
  app = await startTestApp();
  app.clock.now = new Date('2026-12-04T18:00:00Z');
  const t = app.spas.glow;
  ids.iris = await id(
    `INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, email, email_consent, email_consent_at, email_consent_method, preferred_language)
     VALUES ($1, 'Iris', 'Signtest', '1988-03-03', 'iris@example.com', true, now(), 'in_person', 'es') RETURNING id`,
    [t],
  );
  ids.noel = await id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth, email) VALUES ($1, 'Noel', 'Signtest', '1979-07-07', 'noel@example.com') RETURNING id`, [t]);
  ids.irisForm = await signedForm(ids.iris, 'es');
  ids.noelForm = await signedForm(ids.noel, 'en');
  ids.pending = await id(
    `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, progress)
     SELECT v.tenant_id, $2, v.template_id, v.id, '{"how-it-works": "IS"}' FROM form_versions v JOIN form_templates t ON t.tenant_id = v.tenant_id AND t.id = v.template_id
      WHERE v.tenant_id = $1 AND t.starter_key = 'neurotoxin-consent' ORDER BY v.version DESC LIMIT 1 RETURNING id`,
    [t, ids.iris],
  );
  owner = await signIn(app, 'owner@glow.example');
});
afterAll(() => app?.close());

const page = (clientId: string, formId: string, rest = '') => `/clients/${clientId}/forms/${formId}${rest}`;

describe('the signed form’s page', () => {
  it('shows the content as signed, in Spanish, with the signature, the hash verified and the actions; audited naming the client', async () => {
    const response = await owner.get(page(ids.iris!, ids.irisForm!));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const html = await response.text();
    expect(html).toContain('¿Se ha hecho antes un tratamiento con neurotoxina?');
    expect(html).toContain('Con iniciales: MJG');
    expect(html).toContain(`src="${page(ids.iris!, ids.irisForm!, '/signature.png')}"`);
    expect(html).toContain('Iris Signtest');
    expect(html).toContain('Verified');
    expect(html).not.toContain('ALTERED');
    const { content_sha256 } = await one<{ content_sha256: string }>('SELECT content_sha256 FROM form_signatures WHERE client_form_id = $1', [ids.irisForm]);
    expect(html).toContain(content_sha256);
    expect(html).toContain('Download PDF');
    expect(html).toContain('Email to client');
    expect(html).toMatch(/Send this signed form as a PDF to <strong>iris@example.com<\/strong>\?/); // the address is shown before sending
    expect(html).not.toMatch(/<title>[^<]*(Iris|neurotox)/i);
    expect(await auditOf(response)).toContainEqual({ action: 'read', record_type: 'client_form', client_ids: [ids.iris] });
  });

  it('serves the drawn signature by its own audited route, never cached', async () => {
    const response = await owner.get(page(ids.iris!, ids.irisForm!, '/signature.png'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const { image_png } = await one<{ image_png: Buffer }>('SELECT image_png FROM form_signatures WHERE client_form_id = $1', [ids.irisForm]);
    expect(Buffer.from(await response.arrayBuffer()).equals(image_png)).toBe(true);
    expect(await auditOf(response)).toEqual([{ action: 'read', record_type: 'form_signature', client_ids: [ids.iris] }]);
  });

  it('shows a pending form’s questions and how far the client got, without PDF or email', async () => {
    const response = await owner.get(page(ids.iris!, ids.pending!));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<strong>\s*1 of 11\s*<\/strong>/);
    expect(html).toContain('Con iniciales: IS');
    expect(html).not.toContain('Download PDF');
    expect((await owner.get(page(ids.iris!, ids.pending!, '/pdf'))).status).toBe(409);
    expect((await owner.get(page(ids.iris!, ids.pending!, '/signature.png'))).status).toBe(404);
  });
});

describe('the PDF', () => {
  it('is made on first download, kept encrypted with its SHA-256, and downloaded as an attachment; each download audited as an export', async () => {
    const first = await owner.get(page(ids.iris!, ids.irisForm!, '/pdf'));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="signed-form-2026-12-04.pdf"');
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    const pdf = Buffer.from(await first.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await auditOf(first)).toEqual([
      { action: 'create', record_type: 'signed_form_pdf', client_ids: [ids.iris] },
      { action: 'export', record_type: 'signed_form_pdf', client_ids: [ids.iris] },
    ]);
    const row = await one<{ id: string; sha256: string; byte_size: number; lang: string }>(
      'SELECT p.id, p.sha256, p.byte_size, p.lang FROM form_pdfs p JOIN form_signatures s ON s.tenant_id = p.tenant_id AND s.id = p.signature_id WHERE s.client_form_id = $1',
      [ids.irisForm],
    );
    expect(row).toMatchObject({ sha256: sha256(pdf), byte_size: pdf.length, lang: 'es' });
    // SEC-8: on disk the object is ciphertext; no PDF header, no client name.
    const onDisk = readFileSync(join(app.deps.config.dataDir, 'files', 'tenants', app.spas.glow, 'forms', `${row.id}.pdf`));
    expect(onDisk.includes('%PDF')).toBe(false);
    expect(onDisk.includes('Iris')).toBe(false);

    const again = await owner.get(page(ids.iris!, ids.irisForm!, '/pdf'));
    expect(Buffer.from(await again.arrayBuffer()).equals(pdf)).toBe(true);
    expect(await auditOf(again)).toEqual([{ action: 'export', record_type: 'signed_form_pdf', client_ids: [ids.iris] }]);
    expect(await one('SELECT count(*)::int AS n FROM form_pdfs')).toEqual({ n: 1 });
  });

  it('is made once when two first downloads meet: one row, the same bytes for both', async () => {
    const form = await signNeurotoxinConsent(app, { tenantId: app.spas.glow, clientId: ids.iris!, lang: 'en' });
    const [a, b] = await Promise.all([owner.get(page(ids.iris!, form, '/pdf')), owner.get(page(ids.iris!, form, '/pdf'))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(Buffer.from(await a.arrayBuffer()).equals(Buffer.from(await b.arrayBuffer()))).toBe(true);
    expect(await one(`SELECT count(*)::int AS n FROM form_pdfs p JOIN form_signatures s ON s.id = p.signature_id WHERE s.client_form_id = $1`, [form])).toEqual({ n: 1 });
  });

  it('is append-only for every role, the owner included', async () => {
    await expect(app.deps.db.ownerQuery(`UPDATE form_pdfs SET byte_size = 1`)).rejects.toThrow(/never changed or deleted/);
    await expect(app.deps.db.ownerQuery(`DELETE FROM form_pdfs`)).rejects.toThrow(/never changed or deleted/);
  });

  it('refuses a stored PDF whose bytes are not the ones kept (damage reaches the error page, not the reader)', async () => {
    const row = await one<{ id: string }>(`SELECT p.id FROM form_pdfs p JOIN form_signatures s ON s.id = p.signature_id WHERE s.client_form_id = $1`, [ids.irisForm]);
    const path = join(app.deps.config.dataDir, 'files', 'tenants', app.spas.glow, 'forms', `${row.id}.pdf`);
    const good = readFileSync(path);
    const bad = Buffer.from(good);
    bad[bad.length - 5]! ^= 0xff;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, bad);
    try {
      const response = await owner.get(page(ids.iris!, ids.irisForm!, '/pdf'));
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('Iris');
    } finally {
      writeFileSync(path, good);
    }
  });
});

describe('emailing the PDF to the client', () => {
  it('sends it through the PHI email port with the PDF attached, to the address on file, audited as a send', async () => {
    const before = (await listOutbox(app.deps.db, 1000)).length;
    await owner.get(page(ids.iris!, ids.irisForm!));
    const response = await owner.post(page(ids.iris!, ids.irisForm!, '/email'), {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${page(ids.iris!, ids.irisForm!)}?done=emailed`);
    expect(await auditOf(response)).toContainEqual({ action: 'send', record_type: 'signed_form_pdf', client_ids: [ids.iris] });
    const outbox = await listOutbox(app.deps.db, 1000);
    expect(outbox.length).toBe(before + 1);
    const mail = outbox[0]!;
    const kept = await one<{ sha256: string; byte_size: number }>(`SELECT p.sha256, p.byte_size FROM form_pdfs p JOIN form_signatures s ON s.id = p.signature_id WHERE s.client_form_id = $1`, [ids.irisForm]);
    expect(mail).toMatchObject({ channel: 'phi_email', recipient: 'iris@example.com', spaSlug: 'glow', subject: 'Glow Aesthetics: su formulario firmado' });
    expect(mail.body).toContain('«Consentimiento para tratamiento con neurotoxina»');
    expect(mail.attachments).toEqual([{ filename: 'signed-form-2026-12-04.pdf', contentType: 'application/pdf', size: kept.byte_size, sha256: kept.sha256 }]);
  });

  it('refuses, with why and nothing sent, when the client has not agreed to email', async () => {
    const before = (await listOutbox(app.deps.db, 1000)).length;
    const view = await (await owner.get(page(ids.noel!, ids.noelForm!))).text();
    expect(view).toContain('Cannot be emailed: the client has not agreed to email.');
    const response = await owner.post(page(ids.noel!, ids.noelForm!, '/email'), {});
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('This client has not agreed to email');
    expect((await listOutbox(app.deps.db, 1000)).length).toBe(before);
    expect((await auditOf(response)).some((r) => r.action === 'send')).toBe(false);
  });

  it('is not offered, and refused, for a signed form since voided; the page still shows it, marked voided', async () => {
    const form = await signNeurotoxinConsent(app, { tenantId: app.spas.glow, clientId: ids.iris!, lang: 'es' });
    await owner.get(`/clients/${ids.iris}/forms`);
    expect((await owner.post(`/clients/${ids.iris}/forms/${form}/void`, { reason: 'Signed for the wrong visit' })).status).toBe(303);
    const html = await (await owner.get(page(ids.iris!, form))).text();
    expect(html).toContain('Signed for the wrong visit');
    expect(html).toContain('Cannot be emailed: it was voided.');
    const response = await owner.post(page(ids.iris!, form, '/email'), {});
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('a voided form is not sent');
  });

  it('needs the CSRF token', async () => {
    const response = await owner.post(page(ids.iris!, ids.irisForm!, '/email'), { _csrf: 'forged' });
    expect(response.status).toBe(403);
  });
});

describe('who may open it (SEC-2, §6a)', () => {
  it('refuses the front desk and the bookkeeper (status only, on the Forms tab) with 403, and lets a provider read it', async () => {
    for (const email of ['frontdesk@glow.example', 'bookkeeper@glow.example']) {
      const browser = await signIn(app, email);
      for (const rest of ['', '/signature.png', '/pdf']) expect((await browser.get(page(ids.iris!, ids.irisForm!, rest))).status, `${email} ${rest}`).toBe(403);
      expect((await browser.post(page(ids.iris!, ids.irisForm!, '/email'), {})).status).toBe(403);
    }
    const provider = await signIn(app, 'provider@glow.example');
    expect((await provider.get(page(ids.iris!, ids.irisForm!))).status).toBe(200);
  });

  it('answers 404 to another spa’s owner, and to a form of another client of the same spa', async () => {
    const outsider = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
    for (const rest of ['', '/signature.png', '/pdf']) expect((await outsider.get(page(ids.iris!, ids.irisForm!, rest))).status, rest).toBe(404);
    expect((await outsider.post(page(ids.iris!, ids.irisForm!, '/email'), {})).status).toBe(404);
    for (const rest of ['', '/signature.png', '/pdf']) expect((await owner.get(page(ids.noel!, ids.irisForm!, rest))).status, rest).toBe(404);
  });
});

describe('altered content (checklist row 7)', () => {
  it('shows ALTERED on the page and the PDF, keeps no PDF of it, and refuses to email it', async () => {
    await tamper(ids.noelForm!);
    await app.deps.db.ownerQuery(`UPDATE clients SET email_consent = true, email_consent_at = now(), email_consent_method = 'in_person' WHERE id = $1`, [ids.noel]);
    const html = await (await owner.get(page(ids.noel!, ids.noelForm!))).text();
    expect(html).toContain('ALTERED');
    expect(html).not.toContain('>Verified<');
    expect(html).toContain('Cannot be emailed: its content no longer matches the signature.');

    const download = await owner.get(page(ids.noel!, ids.noelForm!, '/pdf'));
    expect(download.status).toBe(200);
    const pdf = Buffer.from(await download.arrayBuffer());
    if (existsSync('/usr/bin/pdftotext')) expect(execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString()).toContain('ALTERED');
    expect(await one(`SELECT count(*)::int AS n FROM form_pdfs p JOIN form_signatures s ON s.id = p.signature_id WHERE s.client_form_id = $1`, [ids.noelForm])).toEqual({ n: 0 });

    const email = await owner.post(page(ids.noel!, ids.noelForm!, '/email'), {});
    expect(email.status).toBe(409);
    expect(await email.text()).toContain('no longer matches its signature');
  });
});
