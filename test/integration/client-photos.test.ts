import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { PHOTO_LINK_LIFETIME_MS } from '../../src/modules/charting/photos/photo-links.ts';
import { listVisitPhotos } from '../../src/modules/charting/photos/photos.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';
import { cameraJpeg, hasGps, imageLinks, postPhotos } from '../support/photos.ts';
import { addVisit } from '../support/visits.ts';

// Issue #6 and checklist #31: photos are re-encoded without metadata, stored encrypted, served
// only through short-lived links signed for the viewer's session, and every read is audited.
let app: TestApp;
let provider: TestBrowser;
let owner: TestBrowser;
let outsider: TestBrowser;
const refused = new Map<string, TestBrowser>();
let client: string;
let otherClient: string;
let visit: string;
let otherClientsVisit: string;
let providerId: string;
let camera: Buffer;

const one = async <T>(sql: string, values: unknown[] = []) => (await app.deps.db.ownerQuery<T & Record<string, unknown>>(sql, values)).rows[0]! as T;
const photosOf = async (clientId: string) =>
  (await app.deps.db.ownerQuery<{ id: string; kind: string; area: string; appointment_id: string | null; taken_at: Date; width: number; height: number; byte_size: number; sha256: string; uploaded_by: string; removed_at: Date | null; removal_reason: string | null }>(
    'SELECT * FROM client_photos WHERE client_id = $1 ORDER BY created_at, id',
    [clientId],
  )).rows;
const tenantDir = () => join(app.deps.config.dataDir, 'files', 'tenants', app.spas.glow, 'photos');
const storedObjects = () => (existsSync(tenantDir()) ? readdirSync(tenantDir()).sort() : []);
const auditOf = async (requestId: string | null) =>
  (await app.deps.db.ownerQuery<{ action: string; record_type: string; record_id: string | null; client_ids: string[]; outcome: string }>(
    'SELECT action, record_type, record_id, client_ids::text[] AS client_ids, outcome FROM audit_events WHERE request_id = $1 ORDER BY id',
    [requestId],
  )).rows;

async function decryptedPhoto(objectKey: string): Promise<Buffer> {
  const bytes = await withTenant(app.deps.db, { tenantId: app.spas.glow, requestId: 'photo-test' }, (ctx) => app.deps.files.getFile(ctx.tx, app.spas.glow, objectKey));
  return bytes!;
}

async function upload(browser: TestBrowser, fields: Record<string, string>, files: { name: string; type: string; bytes: Uint8Array }[], clientId = client) {
  await browser.get(`/clients/${clientId}/photos`); // the page's CSRF token, as a person would have it
  return postPhotos(browser, `/clients/${clientId}/photos`, fields, files);
}

beforeAll(async () => {
  app = await startTestApp();
  provider = await signIn(app, 'provider@glow.example');
  owner = await signIn(app, 'owner@glow.example');
  for (const role of ['frontdesk', 'bookkeeper', 'marketing']) refused.set(role, await signIn(app, `${role}@glow.example`));
  outsider = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
  const t = app.spas.glow;
  providerId = (await one<{ id: string }>(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example'`, [t])).id;
  client = (await one<{ id: string }>(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Photo', 'Subject', '1986-03-14') RETURNING id`, [t])).id;
  otherClient = (await one<{ id: string }>(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Someone', 'Else', '1979-07-01') RETURNING id`, [t])).id;
  const location = (await one<{ id: string }>(`SELECT id FROM locations WHERE tenant_id = $1 ORDER BY name LIMIT 1`, [t])).id;
  const service = (await one<{ id: string }>(`INSERT INTO services (tenant_id, name, price_cents) VALUES ($1, 'Photo visit', 0) RETURNING id`, [t])).id;
  // A visit under way with the provider: she treats the client, so she sees their photos.
  const book = async (clientId: string) =>
    (await addVisit(app.deps.db, { tenantId: t, clientId, locationId: location, serviceId: service, providerId, startsAt: new Date(Date.now() - 30 * 60_000), minutes: 60, status: 'in_progress' })).appointment;
  visit = await book(client);
  otherClientsVisit = await book(otherClient);
  camera = await cameraJpeg();
});
afterAll(() => app?.close());

describe('uploading (checklist #31)', () => {
  it('re-encodes a camera JPEG without EXIF or GPS, upright, and stores it encrypted with its row and audit row', async () => {
    expect(hasGps(camera)).toBe(true);
    expect(camera.includes('CanaryCam')).toBe(true);
    const response = await upload(provider, { kind: 'before', area: 'Forehead', appointment_id: visit }, [{ name: 'IMG_0412.JPG', type: 'image/jpeg', bytes: camera }]);
    expect(response.status).toBe(303);
    const rows = await photosOf(client);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(response.headers.get('location')).toBe(`/clients/${client}/photos?done=uploaded#photo-${row.id}`);
    const visitStart = await one<{ starts_at: Date }>('SELECT starts_at FROM appointments WHERE id = $1', [visit]);
    // Orientation 6: the 1200 × 900 picture stands upright as 900 × 1200.
    expect(row).toMatchObject({ kind: 'before', area: 'Forehead', appointment_id: visit, width: 900, height: 1200, uploaded_by: providerId, removed_at: null });
    expect(row.taken_at.getTime()).toBe(visitStart.starts_at.getTime());

    const stored = await decryptedPhoto(`photos/${row.id}.jpg`);
    expect(row.byte_size).toBe(stored.length);
    expect(row.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([900, 1200]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(hasGps(stored)).toBe(false);
    for (const marker of ['Exif', 'CanaryCam', 'canary-description']) expect(stored.includes(marker), marker).toBe(false);
    const thumb = await decryptedPhoto(`photos/${row.id}-thumb.jpg`);
    expect((await sharp(thumb).metadata()).exif).toBeUndefined();

    // On disk: ciphertext only. Neither the JPEG's markers nor any stretch of the picture appear.
    expect(storedObjects()).toEqual([`${row.id}-thumb.jpg`, `${row.id}.jpg`]);
    const onDisk = readFileSync(join(tenantDir(), `${row.id}.jpg`));
    expect(onDisk.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(onDisk.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(onDisk.includes('JFIF')).toBe(false);
    expect(onDisk.includes(stored.subarray(1000, 1064))).toBe(false);

    const audit = await auditOf(response.headers.get('x-request-id'));
    expect(audit).toContainEqual({ action: 'create', record_type: 'photo', record_id: row.id, client_ids: [client], outcome: 'success' });
  });

  it('takes several photos at once, and links them to no visit when none is chosen', async () => {
    const before = (await photosOf(client)).length;
    const response = await upload(provider, { kind: 'after', area: 'Forehead', appointment_id: '' }, [
      { name: 'a.jpg', type: 'image/jpeg', bytes: await cameraJpeg({ smooth: true }) },
      { name: 'b.png', type: 'image/png', bytes: await sharp(await cameraJpeg()).png().toBuffer() },
    ]);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\?done=uploaded-many#photo-/);
    const rows = (await photosOf(client)).slice(before);
    expect(rows.map((r) => [r.kind, r.appointment_id])).toEqual([
      ['after', null],
      ['after', null],
    ]);
  });

  it('refuses HTML and SVG named .png, a GIF and a HEIC with 415, saying why, and writes nothing', async () => {
    const files = storedObjects();
    const rows = (await photosOf(client)).length;
    const cases: [string, Buffer, RegExp][] = [
      ['face.png', Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'), /web page or document, not a photo/],
      ['face.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'), /SVG drawings are not accepted/],
      ['face.jpg', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]), /GIF images are not accepted/],
      ['face.heic', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]), /HEIC photos cannot be read here/],
    ];
    for (const [name, bytes, message] of cases) {
      const response = await upload(provider, { kind: 'before', area: 'Lips' }, [{ name, type: 'image/png', bytes }]);
      expect(response.status, name).toBe(415);
      const html = await response.text();
      expect(html).toMatch(message);
      expect(html).toContain('Nothing was saved.');
      expect(html).toContain('value="Lips"'); // what was typed is kept
    }
    // One bad file among good ones: the whole upload is refused, and the page names the file.
    const mixed = await upload(provider, { kind: 'before' }, [
      { name: 'good.jpg', type: 'image/jpeg', bytes: camera },
      { name: 'evil.png', type: 'image/png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
    ]);
    expect(mixed.status).toBe(415);
    expect(await mixed.text()).toContain('“evil.png”: SVG drawings are not accepted');
    expect((await photosOf(client)).length).toBe(rows);
    expect(storedObjects()).toEqual(files);
  });

  it('refuses a photo over 20 MB, and an upload over 64 MB before reading it, with 413 and nothing written', async () => {
    const files = storedObjects();
    const rows = (await photosOf(client)).length;
    const big = Buffer.concat([camera, Buffer.alloc(21 * 1024 * 1024 - camera.length, 0x20)]);
    const one = await upload(provider, { kind: 'before' }, [{ name: 'big.jpg', type: 'image/jpeg', bytes: big }]);
    expect(one.status).toBe(413);
    expect(await one.text()).toContain('This file is 21 MB; a photo may be at most 20 MB. Nothing was saved.');
    const many = Array.from({ length: 4 }, (_, i) => ({ name: `p${i}.jpg`, type: 'image/jpeg', bytes: big.subarray(0, 17 * 1024 * 1024) }));
    const tooMuch = await upload(provider, { kind: 'before' }, many);
    expect(tooMuch.status).toBe(413);
    expect(await tooMuch.text()).toContain('Those photos add up to more than 64 MB. Nothing was saved');
    expect((await photosOf(client)).length).toBe(rows);
    expect(storedObjects()).toEqual(files);
  });

  it('turns away someone signed out before anything reads their upload: the sign-in check comes before the CSRF check', async () => {
    const { TestBrowser } = await import('../support/http-client.ts');
    // No cookie at all: the CSRF check would answer 403 after reading the form; the guard answers 401 first.
    const stranger = new TestBrowser(app.http, `glow.${APEX}`);
    const big = Buffer.concat([camera, Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const response = await postPhotos(stranger, `/clients/${client}/photos`, { kind: 'before' }, [{ name: 'a.jpg', type: 'image/jpeg', bytes: big }]);
    expect(response.status).toBe(401);
  });

  it('asks for a kind and a photo, and refuses another client’s visit, keeping what was typed', async () => {
    const rows = (await photosOf(client)).length;
    const noFile = await upload(provider, { kind: 'before', area: 'Chin' }, []);
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain('Choose at least one photo.');
    const noKind = await upload(provider, { area: 'Chin' }, [{ name: 'a.jpg', type: 'image/jpeg', bytes: camera }]);
    expect(noKind.status).toBe(400);
    expect(await noKind.text()).toContain('Choose before, after or progress.');
    const elsewhere = await upload(provider, { kind: 'before', area: 'Chin', appointment_id: otherClientsVisit }, [{ name: 'a.jpg', type: 'image/jpeg', bytes: camera }]);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('Choose one of this client’s visits, or none.');
    expect((await photosOf(client)).length).toBe(rows);
  });
});

describe('seeing photos', () => {
  it('lists the photos grouped by visit, with thumbnails behind links signed for this session only', async () => {
    const page = await provider.get(`/clients/${client}/photos`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('aria-current="page">Photos</a>');
    expect(html).toContain('Not linked to a visit');
    const links = imageLinks(html);
    expect(links.length).toBe((await photosOf(client)).length);
    for (const link of links) expect(link).toMatch(/\/image\?t=[0-9a-z]+\.[A-Za-z0-9_-]{43}&size=thumb$/);
    // The record's header names the client; no link to a photo does.
    for (const link of links) expect(link).not.toMatch(/Photo|Subject|IMG_|\.jpg|\.png/);
  });

  it('serves the decrypted JPEG with nosniff, inline or attachment, and no caching', async () => {
    const [row] = await photosOf(client);
    const detail = await provider.get(`/clients/${client}/photos/${row!.id}`);
    expect(detail.status).toBe(200);
    const [full, download] = imageLinks(await detail.text());
    expect(download).toMatch(/&download=1$/);
    const response = await provider.get(full!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="photo.jpg"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(await decryptedPhoto(`photos/${row!.id}.jpg`))).toBe(true);
    const attachment = await provider.get(download!);
    expect(attachment.headers.get('content-disposition')).toBe('attachment; filename="photo.jpg"');
    expect(attachment.headers.get('x-content-type-options')).toBe('nosniff');
    expect(attachment.headers.get('cache-control')).toBe('private, no-store');
  });

  it('audits every read in its own request, naming the client: list, photo page, image, download and comparison', async () => {
    const [row] = await photosOf(client);
    const list = await provider.get(`/clients/${client}/photos`);
    expect(await auditOf(list.headers.get('x-request-id'))).toContainEqual({ action: 'read', record_type: 'client_photos', record_id: client, client_ids: [client], outcome: 'success' });
    const detail = await provider.get(`/clients/${client}/photos/${row!.id}`);
    expect(await auditOf(detail.headers.get('x-request-id'))).toContainEqual({ action: 'read', record_type: 'photo', record_id: row!.id, client_ids: [client], outcome: 'success' });
    const [full, download] = imageLinks(await detail.text());
    const image = await provider.get(full!);
    expect(await auditOf(image.headers.get('x-request-id'))).toEqual([{ action: 'read', record_type: 'photo', record_id: row!.id, client_ids: [client], outcome: 'success' }]);
    const exported = await provider.get(download!);
    expect(await auditOf(exported.headers.get('x-request-id'))).toEqual([{ action: 'export', record_type: 'photo', record_id: row!.id, client_ids: [client], outcome: 'success' }]);
    const compare = await provider.get(`/clients/${client}/photos/compare`);
    expect(compare.status).toBe(200);
    expect(await auditOf(compare.headers.get('x-request-id'))).toContainEqual({ action: 'read', record_type: 'client_photos', record_id: client, client_ids: [client], outcome: 'success' });
  });

  it('gives a visit’s chart the photos taken at that visit, audited naming the client', async () => {
    const atVisit = (await photosOf(client)).filter((r) => r.appointment_id === visit);
    expect(atVisit.length).toBeGreaterThan(0);
    const scope = { tenantId: app.spas.glow, requestId: 'visit-photos-read', actor: { kind: 'operator' as const, id: providerId } };
    const shown = await withTenant(app.deps.db, scope, (ctx) => listVisitPhotos(ctx, visit));
    expect(shown.map((p) => p.id)).toEqual(atVisit.map((r) => r.id));
    expect(await auditOf('visit-photos-read')).toEqual([{ action: 'read', record_type: 'visit_photos', record_id: visit, client_ids: [client], outcome: 'success' }]);
  });

  it('compares a before and an after side by side, chosen or by default', async () => {
    const rows = await photosOf(client);
    const before = rows.find((r) => r.kind === 'before')!;
    const after = rows.find((r) => r.kind === 'after')!;
    const html = await (await provider.get(`/clients/${client}/photos/compare`)).text();
    expect(html).toContain('aria-label="Photos side by side"');
    const shown = imageLinks(html).filter((l) => !l.endsWith('&size=thumb'));
    const kinds = new Map(rows.map((r) => [r.id, r.kind]));
    expect(shown.map((l) => kinds.get(l.split('/')[4]!))).toEqual(['before', 'after']);
    const chosen = await (await provider.get(`/clients/${client}/photos/compare?a=${after.id}&b=${before.id}`)).text();
    expect(imageLinks(chosen).filter((l) => !l.endsWith('&size=thumb')).map((l) => l.split('/')[4])).toEqual([after.id, before.id]);
  });
});

describe('who may see photos, and for how long a link works', () => {
  it('refuses front desk, bookkeeper and marketing on every photo page, upload and image, with nothing written and no bytes', async () => {
    const [row] = await photosOf(client);
    const [full] = imageLinks(await (await provider.get(`/clients/${client}/photos/${row!.id}`)).text());
    const rows = (await photosOf(client)).length;
    for (const [role, browser] of refused) {
      for (const path of [`/clients/${client}/photos`, `/clients/${client}/photos/compare`, `/clients/${client}/photos/${row!.id}`, full!]) {
        const response = await browser.get(path);
        expect(response.status, `${role} ${path}`).toBe(403);
        expect(response.headers.get('content-type'), `${role} ${path}`).toContain('text/html');
      }
      await browser.get(`/clients/${client}`);
      const posted = await postPhotos(browser, `/clients/${client}/photos`, { kind: 'before' }, [{ name: 'a.jpg', type: 'image/jpeg', bytes: camera }]);
      expect(posted.status, `${role} upload`).toBe(403);
      const removed = await browser.post(`/clients/${client}/photos/${row!.id}/remove`, { reason: 'Not mine to keep' });
      expect(removed.status, `${role} remove`).toBe(403);
      const html = await (await browser.get(`/clients/${client}`)).text();
      expect(html, `${role} sees no Photos tab`).not.toContain('/photos"');
    }
    expect((await photosOf(client)).length).toBe(rows);
    expect((await photosOf(client))[0]!.removed_at).toBeNull();
  });

  it('answers another spa’s owner 404 with no bytes, even with the exact link', async () => {
    const [row] = await photosOf(client);
    const [full] = imageLinks(await (await provider.get(`/clients/${client}/photos/${row!.id}`)).text());
    for (const path of [full!, `/clients/${client}/photos`, `/clients/${client}/photos/${row!.id}`, `/clients/${client}/photos/compare`]) {
      const response = await outsider.get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
    }
    await outsider.get('/');
    const posted = await postPhotos(outsider, `/clients/${client}/photos`, { kind: 'before' }, [{ name: 'a.jpg', type: 'image/jpeg', bytes: camera }]);
    expect(posted.status).toBe(404);
  });

  it('refuses a link past five minutes (410), tampered, for another photo or session, or missing (404)', async () => {
    const [first, second] = await photosOf(client);
    const html = await (await provider.get(`/clients/${client}/photos/${first!.id}`)).text();
    const [full] = imageLinks(html);
    const token = new URL(full!, 'http://x').searchParams.get('t')!;
    const [expires, mac] = token.split('.') as [string, string];
    const tampered = [
      full!.replace(`t=${token}`, `t=${expires}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`),
      full!.replace(`t=${token}`, `t=${(parseInt(expires, 36) + 3600).toString(36)}.${mac}`),
      full!.replace(first!.id, second!.id),
      full!.replace(`?t=${token}`, ''),
    ];
    for (const link of tampered) {
      const response = await provider.get(link);
      expect(response.status, link).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      const photoId = link.split('/')[4];
      expect(await auditOf(response.headers.get('x-request-id')), link).toEqual([{ action: 'read', record_type: 'photo', record_id: photoId, client_ids: [], outcome: 'denied' }]);
    }
    // The same person in another session (another device) cannot use this session's link.
    const elsewhere = await signIn(app, 'provider@glow.example');
    expect((await elsewhere.get(full!)).status).toBe(404);
    expect((await provider.get(full!)).status).toBe(200);

    const real = app.clock.now;
    try {
      app.clock.now = new Date(real.getTime() + PHOTO_LINK_LIFETIME_MS + 1000);
      const expired = await provider.get(full!);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('This photo link has expired');
      // A page drawn now gives links that work now.
      const [fresh] = imageLinks(await (await provider.get(`/clients/${client}/photos/${first!.id}`)).text());
      expect((await provider.get(fresh!)).status).toBe(200);
    } finally {
      app.clock.now = real;
    }
  });

  it('needs a signed-in session: without one the link leads to sign-in', async () => {
    const [row] = await photosOf(client);
    const [full] = imageLinks(await (await provider.get(`/clients/${client}/photos/${row!.id}`)).text());
    const { TestBrowser } = await import('../support/http-client.ts');
    const stranger = new TestBrowser(app.http, `glow.${APEX}`);
    const response = await stranger.get(full!);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login');
  });
});

describe('removing a photo', () => {
  it('needs a reason, hides the photo, keeps the row and the file, and is audited', async () => {
    const [row] = await photosOf(client);
    const [full] = imageLinks(await (await owner.get(`/clients/${client}/photos/${row!.id}`)).text());
    const noReason = await owner.post(`/clients/${client}/photos/${row!.id}/remove`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Say why the photo is removed');
    const removed = await owner.post(`/clients/${client}/photos/${row!.id}/remove`, { reason: 'Blurred' });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`/clients/${client}/photos?done=removed`);
    expect(await auditOf(removed.headers.get('x-request-id'))).toContainEqual({ action: 'delete', record_type: 'photo', record_id: row!.id, client_ids: [client], outcome: 'success' });
    const after = (await photosOf(client)).find((r) => r.id === row!.id)!;
    expect(after.removed_at).not.toBeNull();
    expect(after.removal_reason).toBe('Blurred');
    expect(storedObjects()).toContain(`${row!.id}.jpg`);

    const list = await (await owner.get(`/clients/${client}/photos?done=removed`)).text();
    expect(list).toContain('Photo removed.');
    expect(list).toContain('1 removed photo');
    expect(list).toContain('“Blurred”');
    expect(list).not.toContain(`/photos/${row!.id}/image`);
    expect((await owner.get(full!)).status).toBe(404);
    expect((await owner.get(`/clients/${client}/photos/${row!.id}`)).status).toBe(404);
    expect((await owner.post(`/clients/${client}/photos/${row!.id}/remove`, { reason: 'Again' })).status).toBe(404);
    // Removed stays removed, in the database too.
    await expect(app.deps.db.ownerQuery(`UPDATE client_photos SET removed_at = NULL, removed_by = NULL, removal_reason = NULL WHERE id = $1`, [row!.id])).rejects.toThrow(/stays removed/);
  });
});
