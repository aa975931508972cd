import type { HttpApp } from '../../src/infra/http/app.ts';

/**
 * A browser-like client for the in-process app: keeps cookies per host, sends
 * same-origin fetch metadata, and reads the CSRF token from the last page.
 */
let browsers = 0;

export class TestBrowser {
  private cookies = new Map<string, string>();
  lastCsrf: string | undefined;
  /** This browser's address (TEST-NET-3), sent as X-Forwarded-For. */
  readonly ip = `203.0.113.${(browsers++ % 250) + 1}`;

  constructor(private readonly http: HttpApp, readonly host: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send('GET', path, undefined, headers);
  }

  /** Posts a form as the browser would, with the page's CSRF token unless one is given. */
  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.postPairs(path, Object.entries(form), headers);
  }

  /** Posts fields that may repeat (checkbox groups), with the page's CSRF token unless one is given. */
  async postPairs(path: string, pairs: [string, string][], headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams(pairs.some(([k]) => k === '_csrf') || !this.lastCsrf ? pairs : [['_csrf', this.lastCsrf], ...pairs]);
    return this.send('POST', path, body, { 'content-type': 'application/x-www-form-urlencoded', origin: `http://${this.host}`, 'sec-fetch-site': 'same-origin', ...headers });
  }

  async send(method: string, path: string, body: BodyInit | undefined, headers: Record<string, string>): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.http.fetch(
      new Request(`http://${this.host}${path}`, { method, body, headers: { host: this.host, 'x-forwarded-for': this.ip, ...(cookie ? { cookie } : {}), ...headers } }),
    );
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    if ((response.headers.get('content-type') ?? '').includes('text/html')) {
      const html = await response.clone().text();
      const token = /name="_csrf"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="_csrf"/.exec(html)?.[1];
      if (token) this.lastCsrf = token;
    }
    return response;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
