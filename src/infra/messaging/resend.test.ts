import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend } from '../../../test/support/fake-resend.ts';
import { createResendSender, ResendError } from './resend.ts';

// MKT-2: the real Resend adapter against a local server that speaks Resend's API.
let resend: FakeResend;
beforeAll(async () => {
  resend = await startFakeResend('re_unit_key_42');
});
afterAll(() => resend?.close());
beforeEach(() => {
  resend.requests.length = 0;
  resend.delivered.length = 0;
});

const message = { to: 'demos@lume.example', subject: 'Demo request', text: 'Hello', idempotencyKey: 'demo-request/1' };

function sender(overrides: Partial<Parameters<typeof createResendSender>[0]> = {}) {
  return createResendSender({ apiKey: resend.apiKey, apiUrl: `${resend.url}/`, from: 'Lumè website <website@lume.example>', ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<ResendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResendError);
  return error as ResendError;
}

describe('the Resend adapter', () => {
  it('posts the email as JSON with the bearer key and the idempotency key', async () => {
    const { id } = await sender().send(message);
    expect(resend.delivered).toEqual([
      { id, from: 'Lumè website <website@lume.example>', to: ['demos@lume.example'], subject: 'Demo request', text: 'Hello', idempotencyKey: 'demo-request/1' },
    ]);
    const [request] = resend.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/emails');
    expect(request!.headers.authorization).toBe('Bearer re_unit_key_42');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['idempotency-key']).toBe('demo-request/1');
    expect(request!.body).toEqual({ from: 'Lumè website <website@lume.example>', to: ['demos@lume.example'], subject: 'Demo request', text: 'Hello' });
  });

  it('sends a retried message once: the same key and body get the first answer back', async () => {
    const first = await sender().send({ ...message, idempotencyKey: 'demo-request/again' });
    const second = await sender().send({ ...message, idempotencyKey: 'demo-request/again' });
    expect(second.id).toBe(first.id);
    expect(resend.requests).toHaveLength(2);
    expect(resend.delivered).toHaveLength(1);
  });

  it('calls 429 and 5xx retryable, and says no more than the status and error name', async () => {
    for (const status of [429, 500, 502, 503]) {
      resend.script({ status });
      const error = await failure(sender().send(message));
      expect([error.status, error.retryable], String(status)).toEqual([status, true]);
      expect(error.message).not.toContain('demos@lume.example');
    }
    expect(resend.delivered).toEqual([]);
  });

  it('calls other 4xx permanent: a bad key, an invalid request, a reused key with another body', async () => {
    const badKey = await failure(sender({ apiKey: 're_wrong_key_000' }).send(message));
    expect([badKey.status, badKey.retryable, badKey.message]).toEqual([403, false, 'Resend refused the email: 403 invalid_api_key']);
    resend.script({ status: 422, name: 'validation_error' });
    expect((await failure(sender().send(message))).retryable).toBe(false);
    await sender().send({ ...message, idempotencyKey: 'demo-request/body' });
    const reused = await failure(sender().send({ ...message, text: 'Other', idempotencyKey: 'demo-request/body' }));
    expect([reused.status, reused.retryable]).toEqual([409, false]);
  });

  it('retries later when a request with the same key is still in progress', async () => {
    resend.script({ status: 409, name: 'concurrent_idempotent_requests' });
    expect((await failure(sender().send(message))).retryable).toBe(true);
  });

  it('gives up on a slow answer after its timeout, as a retryable failure', async () => {
    resend.script({ status: 200, delayMs: 1_000 });
    const error = await failure(sender({ timeoutMs: 100 }).send(message));
    expect([error.status, error.retryable]).toEqual([null, true]);
    expect(error.message).toMatch(/did not answer within 100 ms/);
  });

  it('treats an unreachable server as retryable', async () => {
    const error = await failure(sender({ apiUrl: 'http://127.0.0.1:1' }).send(message));
    expect([error.status, error.retryable]).toEqual([null, true]);
  });
});
