import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import type { TestApp } from './harness.ts';
import { TestBrowser } from './http-client.ts';

/** Remembers each operator's TOTP secret once enrolled, as their phone would. */
const secrets = new Map<string, string>();

export function secretOf(email: string): string | undefined {
  return secrets.get(email);
}

/** Reads the typed key shown on the enrolment page. */
export function enrolmentSecret(html: string): string {
  const match = /class="enrol__secret">([A-Z2-7 ]+)</.exec(html);
  if (!match) throw new Error('no enrolment key on the page');
  return match[1]!.replaceAll(' ', '');
}

/**
 * Signs an operator in through the real pages: password, then TOTP (enrolling on
 * first use). Moves the app clock on by one step first so each sign-in has a fresh code.
 */
export async function signIn(app: TestApp, email: string, host = 'glow.localhost:3000', password = DEMO_PASSWORD): Promise<TestBrowser> {
  const browser = new TestBrowser(app.http, host);
  app.clock.now = new Date(app.clock.now.getTime() + 30_000);
  await browser.get('/login');
  const afterPassword = await browser.post('/login', { email, password });
  expect(afterPassword.status, 'password step').toBe(303);
  const next = afterPassword.headers.get('location');
  if (next === '/login/enrol') {
    const page = await (await browser.get('/login/enrol')).text();
    secrets.set(`${host}|${email}`, enrolmentSecret(page));
    const done = await browser.post('/login/enrol', { code: totpCodeAt(secrets.get(`${host}|${email}`)!, app.clock.now) });
    expect(done.status, 'enrolment').toBe(200);
  } else {
    expect(next).toBe('/login/totp');
    await browser.get('/login/totp');
    const done = await browser.post('/login/totp', { code: totpCodeAt(secrets.get(`${host}|${email}`)!, app.clock.now) });
    expect(done.status, 'code step').toBe(303);
  }
  await browser.get('/');
  return browser;
}

export function knownSecret(host: string, email: string): string {
  const secret = secrets.get(`${host}|${email}`);
  if (!secret) throw new Error(`${email} has not enrolled yet`);
  return secret;
}
