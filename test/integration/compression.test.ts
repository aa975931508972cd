import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';

// ADR 013: text responses compressed for the browsers that ask, never for a page another site
// made the browser load (BREACH), and the same bytes once decoded.
let app: TestApp;
let desk: TestBrowser;
beforeAll(async () => {
  app = await startTestApp();
  desk = await signIn(app, 'frontdesk@glow.example');
});
afterAll(() => app?.close());

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('response compression (ADR 013)', () => {
  it('sends a page as Brotli to a browser that accepts it, the same page once decoded', async () => {
    const plain = await desk.get('/calendar?view=week');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const page = await bytes(plain);
    const packed = await desk.get('/calendar?view=week', { 'accept-encoding': 'gzip, deflate, br, zstd', 'sec-fetch-site': 'same-origin' });
    expect(packed.status).toBe(200);
    expect(packed.headers.get('content-encoding')).toBe('br');
    expect(packed.headers.get('vary')).toContain('Accept-Encoding');
    const body = await bytes(packed);
    expect(Number(packed.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(page.length / 3);
    // The page carries a fresh request id in its markup; everything else is the same.
    const strip = (html: string) => html.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,}/g, '');
    expect(strip(brotliDecompressSync(body).toString())).toBe(strip(page.toString()));
  });

  it('falls back to gzip, and sends a typed-in or bookmarked page compressed too', async () => {
    const packed = await desk.get('/calendar', { 'accept-encoding': 'gzip', 'sec-fetch-site': 'none' });
    expect(packed.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(packed)).toString()).toContain('Calendar');
  });

  it('never compresses a page another site had the browser load, nor what is small or already compressed', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const response = await desk.get('/calendar', { 'accept-encoding': 'br', 'sec-fetch-site': site });
      expect(response.headers.get('content-encoding'), site).toBeNull();
      expect((await response.text()).length).toBeGreaterThan(0);
    }
    const health = await desk.get('/healthz', { 'accept-encoding': 'br', 'sec-fetch-site': 'same-origin' });
    expect(await health.text()).toBe('ok');
    expect(health.headers.get('content-encoding')).toBeNull();
    const head = await desk.send('HEAD', '/calendar', undefined, { 'accept-encoding': 'br', 'sec-fetch-site': 'same-origin' });
    expect(head.headers.get('content-encoding')).toBeNull();
  });

  it('compresses the year-long assets hard, and the marketing pages', async () => {
    const home = await new TestBrowser(app.http, APEX).get('/', { 'accept-encoding': 'br', 'sec-fetch-site': 'none' });
    expect(home.headers.get('content-encoding')).toBe('br');
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(brotliDecompressSync(await bytes(home)).toString())![1]!;
    const asset = await new TestBrowser(app.http, APEX).get(css, { 'accept-encoding': 'br', 'sec-fetch-site': 'same-origin' });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const plain = await new TestBrowser(app.http, APEX).get(css);
    expect(brotliDecompressSync(await bytes(asset)).equals(await bytes(plain))).toBe(true);
  });
});
