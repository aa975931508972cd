import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_LIMIT } from '../../src/modules/marketing/routes.tsx';
import { deliverDemoRequest } from '../../src/modules/marketing/demo-requests.ts';
import { createLogger } from '../../src/infra/log.ts';
import { listOutbox } from '../../src/infra/messaging/dev-outbox.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';

// MKT-1 (the form), MKT-3 (CSRF, honeypot, per-IP limit), MKT-2 (stored, queued for email).
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());
beforeEach(async () => {
  await app.database.db.ownerQuery('DELETE FROM demo_requests');
  await app.database.db.ownerQuery(`DELETE FROM rate_limits WHERE bucket LIKE 'demo:%'`);
  app.sentJobs.length = 0;
});

const GOOD = {
  name: 'Dana Whitfield',
  email: 'Dana@Radiance-Aesthetics.example',
  phone: '+1 (415) 555-0134',
  spaName: 'Radiance Aesthetics & Laser',
  locations: '3',
  providers: '12',
  platform: 'boulevard',
  platformOther: '',
  message: 'We would like to see the consent forms.\nTuesdays work best.',
  website: '',
};

async function formBrowser(): Promise<TestBrowser> {
  const browser = new TestBrowser(app.http, APEX);
  expect((await browser.get('/demo')).status).toBe(200);
  return browser;
}

async function rows() {
  const { rows } = await app.database.db.ownerQuery(
    `SELECT name, email::text AS email, phone, spa_name, locations, providers, current_platform, current_platform_other, message, converted, email_sent_at
       FROM demo_requests ORDER BY created_at`,
  );
  return rows;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The rendered control for a field: its value, whether it is marked invalid, and its message. */
function control(html: string, name: string) {
  const input = new RegExp(`<(input|select|textarea)\\b[^>]*\\sname="${name}"[^>]*>`).exec(html)?.[0] ?? '';
  const id = /\sid="([^"]+)"/.exec(input)?.[1] ?? '';
  const error = new RegExp(`<p class="field__error" id="${id}-error">.*?<span>([^<]*)</span>`).exec(html)?.[1];
  let value: string | undefined;
  if (input.startsWith('<input')) value = /\svalue="([^"]*)"/.exec(input)?.[1];
  else if (input.startsWith('<textarea')) value = new RegExp(`${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^<]*)</textarea>`).exec(html)?.[1];
  else value = new RegExp(`<select\\b[^>]*name="${name}"[^>]*>[\\s\\S]*?<option value="([^"]*)" selected=""`).exec(html)?.[1];
  return { found: input !== '', invalid: /aria-invalid="true"/.test(input), describedBy: /aria-describedby="([^"]*)"/.exec(input)?.[1] ?? '', error, value };
}

describe('the demo request form (MKT-1)', () => {
  it('offers every field with a label, the platforms to choose from, and a hidden honeypot', async () => {
    const html = await (await new TestBrowser(app.http, APEX).get('/demo')).text();
    for (const name of ['name', 'email', 'phone', 'spaName', 'locations', 'providers', 'platform', 'platformOther', 'message']) {
      const c = control(html, name);
      expect(c.found, name).toBe(true);
      expect(html, `${name} has a label`).toMatch(new RegExp(`<label class="field__label" for="field-${name}">`));
    }
    for (const label of ['None yet, or paper', 'Boulevard', 'Mangomint', 'Vagaro', 'Zenoti', 'Mindbody', 'Aesthetic Record', 'PatientNow', 'Jane', 'Something else']) {
      expect(html).toContain(`>${label}</option>`);
    }
    expect(html).toMatch(/<input[^>]*name="email"[^>]*type="email"/);
    expect(html).toMatch(/<form class="form demo-form" method="post" action="\/demo" novalidate=""/);
    const honeypot = /<div class="hp" aria-hidden="true">[\s\S]*?<input([^>]*)>/.exec(html)?.[1] ?? '';
    expect(honeypot).toContain('name="website"');
    expect(honeypot).toContain('tabindex="-1"');
    expect(honeypot).toContain('autocomplete="off"');
  });

  it('stores a valid request, queues its email in the same step, and thanks the person without echoing what they typed', async () => {
    const browser = await formBrowser();
    const response = await browser.post('/demo', GOOD);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/demo/thanks');
    expect(await rows()).toEqual([
      {
        name: 'Dana Whitfield',
        email: 'dana@radiance-aesthetics.example',
        phone: '+1 (415) 555-0134',
        spa_name: 'Radiance Aesthetics & Laser',
        locations: 3,
        providers: 12,
        current_platform: 'boulevard',
        current_platform_other: null,
        message: 'We would like to see the consent forms.\nTuesdays work best.',
        converted: false,
        email_sent_at: null,
      },
    ]);
    const { rows: ids } = await app.database.db.ownerQuery<{ id: string }>('SELECT id FROM demo_requests');
    expect(app.sentJobs).toEqual([{ queue: 'marketing.demo-email', data: { id: ids[0]!.id } }]);

    const thanks = await browser.get('/demo/thanks');
    const html = await thanks.text();
    expect(thanks.status).toBe(200);
    expect(html).toContain('Thank you');
    for (const typed of ['Dana', 'Whitfield', 'radiance', 'Radiance', '555-0134', 'Tuesdays']) expect(html).not.toContain(typed);
  });

  it('stores an optional field left empty as nothing, and "Something else" with its name', async () => {
    const browser = await formBrowser();
    const response = await browser.post('/demo', { ...GOOD, phone: '  ', message: '', platform: 'other', platformOther: ' Our own spreadsheet ' });
    expect(response.status).toBe(303);
    const [row] = await rows();
    expect([row!.phone, row!.message, row!.current_platform, row!.current_platform_other]).toEqual([null, null, 'other', 'Our own spreadsheet']);
  });

  it.each([
    ['name', { name: '   ' }, 'Enter your name.'],
    ['name', { name: 'x'.repeat(121) }, 'Please shorten your name to 120 characters.'],
    ['email', { email: '' }, 'Enter your work email.'],
    ['email', { email: 'dana at radiance' }, 'Enter a full email address, like jane@yourspa.com.'],
    ['phone', { phone: '555-01' }, 'Enter a phone number with 7 to 15 digits, or leave it empty.'],
    ['phone', { phone: 'call me maybe' }, 'Enter a phone number with 7 to 15 digits, or leave it empty.'],
    ['spaName', { spaName: '' }, 'Enter the name of your spa.'],
    ['locations', { locations: '' }, 'Enter the number of locations, from 1 to 1,000.'],
    ['locations', { locations: 'three' }, 'Enter the number of locations, from 1 to 1,000.'],
    ['locations', { locations: '0' }, 'Enter the number of locations, from 1 to 1,000.'],
    ['providers', { providers: '2.5' }, 'Enter the number of providers, from 1 to 10,000.'],
    ['providers', { providers: '10001' }, 'Enter the number of providers, from 1 to 10,000.'],
    ['platform', { platform: '' }, 'Choose the system you use today, or “None yet, or paper”.'],
    ['platform', { platform: 'myspace' }, 'Choose the system you use today, or “None yet, or paper”.'],
    ['platformOther', { platform: 'other', platformOther: ' ' }, 'Tell us which system you use today.'],
    ['message', { message: 'y'.repeat(2001) }, 'Please keep your message under 2,000 characters.'],
  ])('refuses a bad %s with its own message, keeps everything typed, and stores nothing (%o)', async (field, change, message) => {
    const browser = await formBrowser();
    const sent = { ...GOOD, ...change };
    const response = await browser.post('/demo', sent);
    expect(response.status).toBe(400);
    const html = await response.text();
    const c = control(html, field);
    expect(c.error).toBe(escape(message));
    expect(c.invalid).toBe(true);
    expect(c.describedBy).toContain(`field-${field}-error`);
    expect(html).toContain(`href="#field-${field}"`); // the summary at the top links to the field
    for (const other of ['name', 'email', 'phone', 'spaName', 'locations', 'providers', 'platform', 'message'] as const) {
      if (other === field) continue;
      expect(control(html, other).value, `${other} kept`).toBe(escape(sent[other]));
      expect(control(html, other).invalid, `${other} not marked`).toBe(false);
    }
    expect(await rows()).toEqual([]);
    expect(app.sentJobs).toEqual([]);
  });

  it('shows every problem at once when several fields are wrong', async () => {
    const browser = await formBrowser();
    const html = await (await browser.post('/demo', { ...GOOD, name: '', email: 'nope', locations: '-1' })).text();
    expect(html).toContain('Please check 3 fields');
    expect(['name', 'email', 'locations'].map((f) => control(html, f).invalid)).toEqual([true, true, true]);
  });
});

describe('spam and forgery protection (MKT-3)', () => {
  it('answers a filled honeypot with the same thank-you, and stores and sends nothing', async () => {
    const browser = await formBrowser();
    const response = await browser.post('/demo', { ...GOOD, website: 'http://cheap-pills.example' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/demo/thanks');
    expect(await rows()).toEqual([]);
    expect(app.sentJobs).toEqual([]);
  });

  it('refuses a post without the CSRF token, with a token from another browser, or from another site', async () => {
    const first = await formBrowser();
    const other = await formBrowser();
    const noToken = new TestBrowser(app.http, APEX);
    expect((await noToken.post('/demo', GOOD)).status).toBe(403);
    expect((await first.post('/demo', { ...GOOD, _csrf: other.lastCsrf! })).status).toBe(403);
    expect((await first.post('/demo', GOOD, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await first.post('/demo', GOOD, { origin: 'https://evil.example' })).status).toBe(403);
    expect(await rows()).toEqual([]);
  });

  it(`limits each address to ${DEMO_LIMIT.limit} requests in ${DEMO_LIMIT.windowSeconds / 60} minutes, answering 429 with the form and what was typed`, async () => {
    const browser = await formBrowser();
    // Mistakes do not count against the limit.
    for (let i = 0; i < 3; i++) expect((await browser.post('/demo', { ...GOOD, email: 'oops' })).status).toBe(400);
    for (let i = 0; i < DEMO_LIMIT.limit; i++) expect((await browser.post('/demo', { ...GOOD, spaName: `Spa ${i}` })).status).toBe(303);
    const refused = await browser.post('/demo', { ...GOOD, spaName: 'One too many' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await refused.text();
    expect(html).toContain('Please wait a few minutes');
    expect(control(html, 'spaName').value).toBe('One too many');
    expect(control(html, 'email').value).toBe(escape(GOOD.email));
    expect((await rows()).length).toBe(DEMO_LIMIT.limit);

    // Another address is not affected.
    const neighbour = await formBrowser();
    expect((await neighbour.post('/demo', GOOD)).status).toBe(303);
  });
});

describe('the demo_requests table', () => {
  it('lets the app add and read requests and record the email, but not edit or delete what a prospect sent', async () => {
    const browser = await formBrowser();
    await browser.post('/demo', GOOD);
    const db = app.database.db;
    const app_ = (sql: string) => db.transaction('app', {}, (c) => c.query(sql));
    await expect(app_(`UPDATE demo_requests SET name = 'Someone else'`)).rejects.toThrow(/permission denied/);
    await expect(app_(`UPDATE demo_requests SET converted = true`)).rejects.toThrow(/permission denied/);
    await expect(app_(`DELETE FROM demo_requests`)).rejects.toThrow(/permission denied/);
    await expect(app_(`TRUNCATE demo_requests`)).rejects.toThrow(/permission denied/);
    await expect(app_(`UPDATE demo_requests SET email_sent_at = now()`)).resolves.toBeDefined();
    // The console reads requests and marks them converted (its deletions on request are the console's to test).
    const console_ = (sql: string) => db.transaction('console', {}, (c) => c.query(sql));
    await expect(console_(`UPDATE demo_requests SET converted = true`)).resolves.toBeDefined();
    expect((await console_('SELECT converted FROM demo_requests')).rows).toEqual([{ converted: true }]);
  });

  it('has no tenant column: a prospect belongs to no spa', async () => {
    const { rows: columns } = await app.database.db.ownerQuery(`SELECT column_name FROM information_schema.columns WHERE table_name = 'demo_requests'`);
    expect(columns.map((c) => c.column_name)).not.toContain('tenant_id');
  });
});

describe('the email to the demo inbox, on the dev outbox (no RESEND_API_KEY)', () => {
  it('goes through the marketing channel to DEMO_INBOX, never the PHI channel', async () => {
    const browser = await formBrowser();
    await browser.post('/demo', GOOD);
    const { id } = app.sentJobs[0]!.data as { id: string };
    const deps = { db: app.database.db, log: createLogger('silent'), sender: app.deps.messaging.marketingEmail, inbox: app.deps.config.marketingEmail.demoInbox };
    expect(await deliverDemoRequest(deps, id)).toBe('sent');
    expect(await deliverDemoRequest(deps, id)).toBe('already-handled');
    const outbox = await listOutbox(app.database.db);
    expect(outbox.map((m) => [m.channel, m.recipient, m.spaSlug])).toEqual([['marketing_email', 'demo-requests@localhost', null]]);
    expect(outbox[0]!.subject).toBe('Demo request: Radiance Aesthetics & Laser (3 locations, 12 providers)');
    expect(outbox[0]!.body).toContain('Current platform:  Boulevard');
    expect((await rows())[0]!.email_sent_at).toBeInstanceOf(Date);
  });
});
