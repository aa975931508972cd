import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for Resend's email API (`POST /emails`), enough to drive the real adapter:
 * bearer-key auth, the JSON body checks, and idempotency keys (same key and body: the first
 * answer again and nothing sent; same key, other body: 409). Failures can be scripted.
 */
export interface FakeResendRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The answer this request got. */
  status: number;
}

export interface DeliveredEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  idempotencyKey: string | undefined;
}

export interface ScriptedAnswer {
  status: number;
  /** Resend's error name, e.g. `validation_error`. */
  name?: string;
  /** Wait this long before answering (to provoke the adapter's timeout). */
  delayMs?: number;
}

export interface FakeResend {
  /** Base URL to use as RESEND_API_URL. */
  url: string;
  apiKey: string;
  /** Every request, in order, including refused ones. */
  requests: FakeResendRequest[];
  /** Emails that were accepted and "sent" (a replayed idempotent request is not sent again). */
  delivered: DeliveredEmail[];
  /** The next requests get these answers instead of being processed, one each. */
  script(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

const ERROR_MESSAGES: Record<number, string> = {
  401: 'Missing API key in the authorization header.',
  403: 'API key is invalid.',
  409: 'Same idempotency key used with a different request payload.',
  422: 'Invalid request.',
  429: 'Too many requests. You can only make 2 requests per second.',
  500: 'An unexpected error occurred.',
};

export async function startFakeResend(apiKey = 're_test_0123456789'): Promise<FakeResend> {
  const requests: FakeResendRequest[] = [];
  const delivered: DeliveredEmail[] = [];
  const scripted: ScriptedAnswer[] = [];
  const replays = new Map<string, { payload: string; id: string }>();

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const record: FakeResendRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status: 0 };
      requests.push(record);
      const answer = (status: number, payload: object) => {
        record.status = status;
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const fail = (status: number, name: string, message = ERROR_MESSAGES[status] ?? 'Error') => answer(status, { statusCode: status, name, message });

      const next = scripted.shift();
      if (next) {
        const reply = () => fail(next.status, next.name ?? (next.status >= 500 ? 'internal_server_error' : 'validation_error'));
        if (next.delayMs) setTimeout(reply, next.delayMs);
        else reply();
        return;
      }
      if (req.method !== 'POST' || req.url !== '/emails') return fail(req.method === 'POST' ? 404 : 405, req.method === 'POST' ? 'not_found' : 'method_not_allowed', 'Not found.');
      const auth = req.headers.authorization;
      if (!auth) return fail(401, 'missing_api_key');
      if (auth !== `Bearer ${apiKey}`) return fail(403, 'invalid_api_key');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json') || typeof body !== 'object' || body === null) {
        return fail(422, 'validation_error', 'The body must be JSON.');
      }
      const email = body as Record<string, unknown>;
      const to = typeof email.to === 'string' ? [email.to] : email.to;
      if (typeof email.from !== 'string' || !Array.isArray(to) || to.length === 0 || typeof email.subject !== 'string') {
        return fail(422, 'missing_required_field', 'from, to and subject are required.');
      }
      if (typeof email.text !== 'string' && typeof email.html !== 'string') return fail(422, 'missing_required_field', 'Either text or html is required.');
      if (!to.every((address) => typeof address === 'string' && /^[^@\s]+@[^@\s]+$/.test(address))) return fail(422, 'validation_error', 'Invalid `to` field.');

      const key = req.headers['idempotency-key'];
      const idempotencyKey = typeof key === 'string' ? key : undefined;
      if (idempotencyKey !== undefined) {
        if (idempotencyKey.length < 1 || idempotencyKey.length > 256) return fail(400, 'invalid_idempotency_key', 'The key must be 1 to 256 characters.');
        const seen = replays.get(idempotencyKey);
        if (seen) {
          if (seen.payload !== raw) return fail(409, 'invalid_idempotent_request');
          return answer(200, { id: seen.id });
        }
      }
      const id = randomUUID();
      if (idempotencyKey !== undefined) replays.set(idempotencyKey, { payload: raw, id });
      delivered.push({ id, from: email.from, to: to as string[], subject: email.subject, text: String(email.text ?? ''), idempotencyKey });
      answer(200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    delivered,
    script: (...answers) => void scripted.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
