import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { issueFormLink } from '../../src/modules/forms/form-links.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { signNeurotoxinConsent } from '../support/signed-consent.ts';

// Issue 7 (PUB-1: the client's fill page shows the spa's name and logo): the logo is uploaded in
// Settings by those who manage them, re-encoded without metadata, served to anyone on the spa's
// host with a versioned, year-long cache, and shown on the fill page and in the CRM top bar.
let app: TestApp;
let owner: TestBrowser;
let manager: TestBrowser;
let frontDesk: TestBrowser;
let outsider: TestBrowser;
const HOST = `glow.${APEX}`;

const logoRow = async (tenantId: string) =>
  (await app.deps.db.ownerQuery<{ image: Buffer; content_type: string; sha256: string; updated_by: string }>('SELECT image, content_type, sha256, updated_by FROM tenant_logos WHERE tenant_id = $1', [tenantId])).rows[0];
const logoAudits = async () =>
  (await app.deps.db.ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'settings_change' AND record_type = 'tenant_logo'`, [app.spas.glow])).rows[0]!.n;

/** A logo as a designer exports it: a wide PNG with transparency and text metadata naming its author. */
async function designerPng(width = 1600, height = 600, colour = '#7a4e6e'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${height / 2}" cy="${height / 2}" r="${height / 2 - 10}" fill="${colour}"/></svg>`) }])
    .withExif({ IFD0: { Artist: 'CanaryArtist', ImageDescription: 'canary-description' } })
    .png()
    .toBuffer();
}

async function uploadLogo(browser: TestBrowser, bytes: Uint8Array, name = 'logo.png', type = 'image/png'): Promise<Response> {
  await browser.get('/settings'); // the page's CSRF token, as a person would have it
  const form = new FormData();
  if (browser.lastCsrf) form.append('_csrf', browser.lastCsrf);
  form.append('logo', new Blob([Buffer.from(bytes)], { type }), name);
  return browser.send('POST', '/settings/logo', form, { origin: `http://${browser.host}`, 'sec-fetch-site': 'same-origin' });
}

async function removeLogo(browser: TestBrowser): Promise<Response> {
  await browser.get('/settings');
  return browser.post('/settings/logo/remove', {});
}

beforeAll(async () => {
  app = await startTestApp();
  owner = await signIn(app, 'owner@glow.example');
  manager = await signIn(app, 'manager@glow.example');
  frontDesk = await signIn(app, 'frontdesk@glow.example');
  outsider = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
});
afterAll(() => app?.close());

describe('uploading, replacing and removing the logo (Settings)', () => {
  it('shows no logo at first: 404 at /brand/logo, the initials on the settings page', async () => {
    expect((await new TestBrowser(app.http, HOST).get('/brand/logo')).status).toBe(404);
    const html = await (await owner.get('/settings')).text();
    expect(html).toContain('No logo yet');
    expect(html).not.toContain('/brand/logo');
  });

  it('re-encodes the owner’s upload to a PNG at most 512 × 512 without metadata, audited, and shows it in the top bar', async () => {
    const before = await logoAudits();
    const response = await uploadLogo(owner, await designerPng());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/settings?done=logo#logo');
    const row = (await logoRow(app.spas.glow))!;
    expect(row.content_type).toBe('image/png');
    const meta = await sharp(row.image).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([512, 192]);
    expect(meta.exif).toBeUndefined();
    expect(Buffer.from(row.image).includes('CanaryArtist')).toBe(false);
    expect(await logoAudits()).toBe(before + 1);
    const html = await (await owner.get('/settings?done=logo')).text();
    expect(html).toContain('Logo saved.');
    const version = row.sha256.slice(0, 16);
    expect(html).toContain(`<img class="topbar__logo" src="/brand/logo?v=${version}" alt="Glow Aesthetics"`);
    expect(html).toContain('Replace logo');
  });

  it('lets a manager replace it: the row and its version change, one more audit row', async () => {
    const first = (await logoRow(app.spas.glow))!.sha256;
    const before = await logoAudits();
    expect((await uploadLogo(manager, await sharp(await designerPng(400, 400, '#c9705a')).jpeg().toBuffer(), 'logo.jpg', 'image/jpeg')).status).toBe(303);
    const row = (await logoRow(app.spas.glow))!;
    expect(row.sha256).not.toBe(first);
    expect(await logoAudits()).toBe(before + 1);
  });

  it('refuses the front desk: 403, nothing changed (SEC-2)', async () => {
    const kept = (await logoRow(app.spas.glow))!.sha256;
    expect((await uploadLogo(frontDesk, await designerPng())).status).toBe(403);
    expect((await frontDesk.post('/settings/logo/remove', {})).status).toBe(403);
    expect((await logoRow(app.spas.glow))!.sha256).toBe(kept);
  });

  it('refuses bad files with a clear message and saves nothing', async () => {
    const kept = (await logoRow(app.spas.glow))!.sha256;
    const before = await logoAudits();
    const cases: [Uint8Array, number, string][] = [
      [Buffer.from('hello, I am only text pretending to be a picture\n'), 415, 'not a PNG, JPEG or WebP image, whatever it is called'],
      [new Uint8Array(0), 422, 'This file is empty.'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 415, 'SVG drawings are not accepted'],
      [Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('broken')]), 422, 'could not be read'],
    ];
    for (const [bytes, status, message] of cases) {
      const response = await uploadLogo(owner, bytes, 'logo.png', 'image/png');
      expect(response.status, message).toBe(status);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).toContain('Nothing was saved.');
    }
    // Too large: refused by its size before anything reads it.
    const big = await uploadLogo(owner, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('larger than 2 MB');
    expect((await logoRow(app.spas.glow))!.sha256).toBe(kept);
    expect(await logoAudits()).toBe(before);
  });
});

describe('serving the logo (GET /brand/logo)', () => {
  it('answers anyone on the spa’s host, cached for a year only at its current version, never sniffed', async () => {
    const version = (await logoRow(app.spas.glow))!.sha256.slice(0, 16);
    const anonymous = new TestBrowser(app.http, HOST);
    const current = await anonymous.get(`/brand/logo?v=${version}`);
    expect(current.status).toBe(200);
    expect(current.headers.get('content-type')).toBe('image/png');
    expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(current.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await current.arrayBuffer()).equals(Buffer.from((await logoRow(app.spas.glow))!.image))).toBe(true);
    // An old page's version (or none) must be checked again, so a replaced logo shows at once.
    const stale = await anonymous.get('/brand/logo?v=0000000000000000');
    expect(stale.status).toBe(200);
    expect(stale.headers.get('cache-control')).toBe('no-cache');
    expect((await anonymous.get('/brand/logo', { 'if-none-match': `"${version}"` })).status).toBe(304);
  });

  it('gives another spa’s host its own logo, or 404 when it has none', async () => {
    expect((await new TestBrowser(app.http, `lumen.${APEX}`).get('/brand/logo')).status).toBe(404);
    expect((await uploadLogo(outsider, await designerPng(300, 300, '#2f6f5e'))).status).toBe(303);
    const theirs = (await logoRow(app.spas.other))!;
    const served = await new TestBrowser(app.http, `lumen.${APEX}`).get('/brand/logo');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(theirs.image))).toBe(true);
    expect(theirs.sha256).not.toBe((await logoRow(app.spas.glow))!.sha256);
  });
});

describe('the signed form’s PDF (PUB-2)', () => {
  it('carries the spa’s logo in its header beside the signature image', async () => {
    expect(await logoRow(app.spas.glow)).toBeDefined();
    const client = (await app.deps.db.ownerQuery<{ id: string }>(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Paula', 'Pdf', '1988-08-08') RETURNING id`, [app.spas.glow])).rows[0]!.id;
    const form = await signNeurotoxinConsent(app, { tenantId: app.spas.glow, clientId: client, lang: 'en' });
    const response = await owner.get(`/clients/${client}/forms/${form}/pdf`);
    expect(response.status).toBe(200);
    const doc = await PDFDocument.load(new Uint8Array(await response.arrayBuffer()));
    const images = [...doc.context.enumerateIndirectObjects()].filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    // The signature, and the logo the manager uploaded (a JPEG, so a PNG with no transparency: one image).
    expect(images.length).toBe(2);
  });
});

describe('the client’s fill page (PUB-1)', () => {
  async function phone(): Promise<TestBrowser> {
    const one = async (sql: string, values: unknown[]) => (await app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
    const t = app.spas.glow;
    const frontDeskId = await one(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
    const client = await one(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Lola', 'Logo', '1990-02-02') RETURNING id`, [t]);
    const form = await one(
      `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id)
       SELECT tenant_id, $2, template_id, id FROM form_versions WHERE tenant_id = $1 AND template_id = (SELECT id FROM form_templates WHERE tenant_id = $1 AND starter_key = 'neurotoxin-consent') RETURNING id`,
      [t, client],
    );
    const issued = await withTenant(app.deps.db, { tenantId: t, requestId: 'logo-test', actor: { kind: 'operator', id: frontDeskId } }, (ctx) =>
      issueFormLink(ctx, { clientId: client, clientFormIds: [form], channel: 'sms', createdBy: frontDeskId, now: app.clock.now }),
    );
    if (!issued.ok) throw new Error('link refused');
    const browser = new TestBrowser(app.http, HOST);
    await browser.get(`/f/${issued.token}`);
    return browser;
  }

  it('shows the spa’s logo with its name as the alt text, and the initials again once it is removed', async () => {
    const client = await phone();
    const version = (await logoRow(app.spas.glow))!.sha256.slice(0, 16);
    const withLogo = await (await client.get('/f')).text();
    expect(withLogo).toContain(`<img class="auth__logo" src="/brand/logo?v=${version}" alt="Glow Aesthetics"`);
    expect(withLogo).not.toContain('auth__monogram');

    const before = await logoAudits();
    expect((await removeLogo(owner)).status).toBe(303);
    expect(await logoRow(app.spas.glow)).toBeUndefined();
    expect(await logoAudits()).toBe(before + 1);
    const without = await (await client.get('/f')).text();
    expect(without).toContain('<span class="auth__monogram" aria-hidden="true">GA</span>');
    expect(without).not.toContain('/brand/logo');
    expect((await new TestBrowser(app.http, HOST).get('/brand/logo')).status).toBe(404);
    const settings = await (await owner.get('/settings?done=logo-removed')).text();
    expect(settings).toContain('Logo removed.');
    expect(settings).toContain('<img class="topbar__mark"');
  });
});
