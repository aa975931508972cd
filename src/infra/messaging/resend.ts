import type { MarketingEmailSender } from './ports.ts';

/**
 * The marketing-email port over Resend's HTTP API (MKT-2): `POST {apiUrl}/emails` with a
 * bearer key and a JSON body. Lumè's own email only — the PHI path is a different port, so
 * nothing about a spa's clients can be handed to this adapter.
 */
export interface ResendOptions {
  apiKey: string;
  /** e.g. https://api.resend.com (no trailing slash needed). */
  apiUrl: string;
  /** The sender, e.g. `Lumè website <website@lume.example>` (a domain verified at Resend). */
  from: string;
  /** How long one request may take before it counts as a retryable failure. */
  timeoutMs?: number;
}

/**
 * A send that did not go through. `retryable` says whether trying the same message again later
 * can help (timeouts, network errors, 429, 5xx, a concurrent request with the same key) or not
 * (any other 4xx: a bad key, an unverified sender, an invalid address). The message holds the
 * status and Resend's error name only — never the addresses or text of the email.
 */
export class ResendError extends Error {
  override readonly name = 'ResendError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Resend's name for "another request with this key is still running": safe to retry later. */
const CONCURRENT_KEY = 'concurrent_idempotent_requests';

export function createResendSender(options: ResendOptions): MarketingEmailSender {
  const endpoint = `${options.apiUrl.replace(/\/+$/, '')}/emails`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async send(msg) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${options.apiKey}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': 'lume-crm',
      };
      if (msg.idempotencyKey !== undefined) {
        if (!/^[\x21-\x7e]{1,256}$/.test(msg.idempotencyKey)) throw new ResendError('invalid idempotency key', null, false);
        headers['idempotency-key'] = msg.idempotencyKey;
      }
      const body = JSON.stringify({ from: options.from, to: [msg.to], subject: msg.subject, text: msg.text });
      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let answer: unknown;
      try {
        response = await fetch(endpoint, { method: 'POST', headers, body, signal, redirect: 'manual' });
        answer = await response.json().catch(() => undefined);
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
        throw new ResendError(timedOut ? `Resend did not answer within ${timeoutMs} ms` : 'Resend could not be reached', null, true);
      }
      if (response.status >= 200 && response.status < 300) {
        const id = (answer as { id?: unknown } | undefined)?.id;
        if (typeof id !== 'string' || id.length === 0) throw new ResendError(`Resend answered ${response.status} without an email id`, response.status, true);
        return { id };
      }
      const errorName = errorNameOf(answer);
      const retryable = response.status === 429 || response.status >= 500 || (response.status === 409 && errorName === CONCURRENT_KEY);
      throw new ResendError(`Resend refused the email: ${response.status}${errorName ? ` ${errorName}` : ''}`, response.status, retryable);
    },
  };
}

/** Resend's machine-readable error name (e.g. `validation_error`), if it looks like one. */
function errorNameOf(answer: unknown): string | undefined {
  const name = (answer as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && /^[a-z_]{1,60}$/.test(name) ? name : undefined;
}
