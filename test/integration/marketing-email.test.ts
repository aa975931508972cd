import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/compose.ts';
import type { HttpApp } from '../../src/infra/http/app.ts';
import { startJobRunner, type JobRunner } from '../../src/infra/jobs/runner.ts';
import { createLogger } from '../../src/infra/log.ts';
import { purgeExpiredDemoRequests, requeueUnsentDemoRequests, submitDemoRequest } from '../../src/modules/marketing/demo-requests.ts';
import { registerMarketingJobs } from '../../src/modules/marketing/jobs.ts';
import { startFakeResend, type FakeResend } from '../support/fake-resend.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';

// MKT-2: each request is emailed to DEMO_INBOX through the real Resend adapter, by the real job
// runner, against a local server that speaks Resend's API; a failed send is retried and never
// loses the submission. MKT-5: retention.
let resend: FakeResend;
let app: TestApp;
let jobs: JobRunner;
let http: HttpApp;

beforeAll(async () => {
  resend = await startFakeResend('re_integration_key_7');
  app = await startTestApp({ RESEND_API_KEY: resend.apiKey, RESEND_API_URL: resend.url, DEMO_INBOX: 'demos@lume.example', MARKETING_FROM: 'Lumè website <website@lume.example>' });
  jobs = await startJobRunner(app.database.db, createLogger('silent'), { process: true });
  const { config, messaging } = app.deps;
  await registerMarketingJobs(jobs, { db: app.database.db, log: createLogger('silent'), sender: messaging.marketingEmail, inbox: config.marketingEmail.demoInbox });
  // The same app as the harness's, but queueing on the real runner.
  http = composeApp({ config, db: app.database.db, log: createLogger('silent'), jobs }).http;
});
afterAll(async () => {
  await jobs?.stop();
  await app?.close();
  await resend?.close();
});
beforeEach(async () => {
  await app.database.db.ownerQuery('DELETE FROM demo_requests');
  await app.database.db.ownerQuery(`DELETE FROM rate_limits WHERE bucket LIKE 'demo:%'`);
  resend.requests.length = 0;
  resend.delivered.length = 0;
});

const FORM = {
  name: 'Priya Raman',
  email: 'priya@glowhaus.example',
  phone: '',
  spaName: 'Glowhaus Medical Aesthetics',
  locations: '1',
  providers: '4',
  platform: 'other',
  platformOther: 'Paper charts and Square',
  message: 'Mostly interested in consent forms.',
  website: '',
};

async function submit(form: Record<string, string> = FORM): Promise<string> {
  const browser = new TestBrowser(http, APEX);
  await browser.get('/demo');
  const response = await browser.post('/demo', form);
  expect(response.status).toBe(303);
  const { rows } = await app.database.db.ownerQuery<{ id: string }>('SELECT id FROM demo_requests ORDER BY created_at DESC LIMIT 1');
  return rows[0]!.id;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function row(id: string) {
  const { rows } = await app.database.db.ownerQuery(`SELECT email_sent_at, email_failed_at, email_error FROM demo_requests WHERE id = $1`, [id]);
  return rows[0];
}

async function emailJobs(id: string) {
  const { rows } = await app.database.db.ownerQuery<{ state: string; retry_count: number }>(
    `SELECT state, retry_count FROM pgboss.job WHERE name = 'marketing.demo-email' AND data->>'id' = $1 ORDER BY created_on`,
    [id],
  );
  return rows;
}

/** Waits a few polling rounds of the job runner (it polls every 2 s). */
const settle = () => new Promise((r) => setTimeout(r, 5_000));

describe('the demo request email through Resend', () => {
  it('sends one email to DEMO_INBOX with the bearer key, a JSON body and an idempotency key from the submission', async () => {
    const id = await submit();
    await until('the email', () => resend.delivered.length === 1);
    const [request] = resend.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/emails');
    expect(request!.headers.authorization).toBe('Bearer re_integration_key_7');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['idempotency-key']).toBe(`demo-request/${id}`);
    const body = request!.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['from', 'subject', 'text', 'to']);
    expect(body.from).toBe('Lumè website <website@lume.example>');
    expect(body.to).toEqual(['demos@lume.example']);
    expect(body.subject).toBe('Demo request: Glowhaus Medical Aesthetics (1 location, 4 providers)');
    const text = body.text as string;
    for (const line of ['Name:              Priya Raman', 'Work email:        priya@glowhaus.example', 'Phone:             (not given)', 'Current platform:  Other: Paper charts and Square', 'Mostly interested in consent forms.', `reference ${id}`]) {
      expect(text).toContain(line);
    }
    await until('the row marked sent', async () => (await row(id))?.email_sent_at);
    expect(await emailJobs(id)).toEqual([{ state: 'completed', retry_count: 0 }]);
  });

  it('retries a 500 through the job runner and sends exactly once more', async () => {
    resend.script({ status: 500 });
    const id = await submit();
    await until('the first attempt', () => resend.requests.length === 1);
    const [retrying] = await until('the job waiting to retry', async () => {
      const list = await emailJobs(id);
      return list[0]?.state === 'retry' ? list : undefined;
    });
    expect(retrying).toEqual({ state: 'retry', retry_count: 0 }); // pg-boss counts a retry when it starts
    expect(await row(id)).toEqual({ email_sent_at: null, email_failed_at: null, email_error: null }); // stored, not lost

    // The runner waits 30 s before the first retry; move that moment to now instead of waiting.
    await app.database.db.ownerQuery(`UPDATE pgboss.job SET start_after = now() WHERE name = 'marketing.demo-email' AND state = 'retry'`);
    await until('the retry', () => resend.delivered.length === 1);
    await settle();
    expect(resend.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(resend.requests.map((r) => r.headers['idempotency-key'])).toEqual([`demo-request/${id}`, `demo-request/${id}`]);
    expect((await row(id))!.email_sent_at).toBeInstanceOf(Date);
    expect(await emailJobs(id)).toEqual([{ state: 'completed', retry_count: 1 }]);
  });

  it('records a 422 on the request and does not retry it', async () => {
    resend.script({ status: 422, name: 'validation_error' });
    const id = await submit();
    await until('the refusal recorded', async () => (await row(id))?.email_failed_at);
    expect((await row(id))!.email_error).toBe('Resend refused the email: 422 validation_error');
    await settle();
    expect(resend.requests.length).toBe(1);
    expect(await emailJobs(id)).toEqual([{ state: 'completed', retry_count: 0 }]);

    // Nor does the sweep pick it up later.
    await app.database.db.ownerQuery(`UPDATE demo_requests SET created_at = now() - interval '2 hours' WHERE id = $1`, [id]);
    expect(await requeueUnsentDemoRequests(app.database.db, jobs)).toEqual([]);
  });

  it('never sends twice: a retry after an unrecorded success replays at Resend instead of sending again', async () => {
    const id = await submit();
    await until('the email', async () => (await row(id))?.email_sent_at);
    // As if the worker crashed after Resend accepted but before the row was marked sent.
    await app.database.db.ownerQuery('UPDATE demo_requests SET email_sent_at = NULL WHERE id = $1', [id]);
    await jobs.send('marketing.demo-email', { id });
    await until('the second attempt', () => resend.requests.length === 2);
    await until('the row marked sent again', async () => (await row(id))?.email_sent_at);
    expect(resend.delivered.length).toBe(1);
  });

  it('queues again a request whose job was lost, once per hour at most', async () => {
    const lost = { send: async () => 'dropped' };
    const input = { name: 'Lee Ortiz', email: 'lee@clinic.example', spaName: 'Ortiz Skin', locations: 2, providers: 3, platform: 'vagaro' as const, platformOther: undefined };
    const id = await submitDemoRequest({ db: app.database.db, jobs: lost }, input, 'test-lost-job');
    await settle();
    expect(resend.requests).toEqual([]);
    expect(await requeueUnsentDemoRequests(app.database.db, jobs)).toEqual([]); // too recent: its own job may still be retrying

    await app.database.db.ownerQuery(`UPDATE demo_requests SET created_at = now() - interval '61 minutes' WHERE id = $1`, [id]);
    expect(await requeueUnsentDemoRequests(app.database.db, jobs)).toEqual([id]);
    await requeueUnsentDemoRequests(app.database.db, jobs); // a second sweep in the same hour adds no job
    expect((await emailJobs(id)).length).toBe(1);
    await until('the email', () => resend.delivered.length === 1);
    expect(resend.delivered[0]!.subject).toBe('Demo request: Ortiz Skin (2 locations, 3 providers)');
  });
});

describe('retention (MKT-5)', () => {
  it('deletes requests older than 24 months unless converted, and logs only a count and the ids', async () => {
    const db = app.database.db;
    const insert = async (age: string, converted: boolean) => {
      const { rows } = await db.ownerQuery<{ id: string }>(
        `INSERT INTO demo_requests (created_at, name, email, spa_name, locations, providers, current_platform, converted, email_sent_at)
         VALUES (now() - $1::interval, 'Morgan Secret', 'morgan@secret.example', 'Secret Spa', 1, 1, 'none', $2, now()) RETURNING id`,
        [age, converted],
      );
      return rows[0]!.id;
    };
    const expired = await insert('24 months 1 day', false);
    const longAgo = await insert('5 years', false);
    const customer = await insert('30 months', true);
    const recent = await insert('23 months 27 days', false);

    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const deleted = await purgeExpiredDemoRequests(db, log);
    expect(deleted.sort()).toEqual([expired, longAgo].sort());
    const { rows } = await db.ownerQuery<{ id: string }>('SELECT id FROM demo_requests ORDER BY id');
    expect(rows.map((r) => r.id).sort()).toEqual([customer, recent].sort());

    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry.deleted).toBe(2);
    expect(entry.ids.sort()).toEqual([expired, longAgo].sort());
    expect(lines[0]).not.toMatch(/Morgan|secret/i);

    expect(await purgeExpiredDemoRequests(db, createLogger('silent'))).toEqual([]);
  });

  it('runs as the daily job', async () => {
    const { rows } = await app.database.db.ownerQuery<{ id: string }>(
      `INSERT INTO demo_requests (created_at, name, email, spa_name, locations, providers, current_platform, email_sent_at)
       VALUES (now() - interval '3 years', 'Old', 'old@spa.example', 'Old Spa', 1, 1, 'none', now()) RETURNING id`,
    );
    const { rows: schedules } = await app.database.db.ownerQuery(`SELECT name, cron FROM pgboss.schedule WHERE name LIKE 'marketing.%' ORDER BY name`);
    expect(schedules).toEqual([
      { name: 'marketing.demo-email-sweep', cron: '*/15 * * * *' },
      { name: 'marketing.demo-retention', cron: '29 4 * * *' },
    ]);
    await jobs.send('marketing.demo-retention', {});
    await until('the old request deleted', async () => (await app.database.db.ownerQuery('SELECT 1 FROM demo_requests WHERE id = $1', [rows[0]!.id])).rowCount === 0);
  });
});
