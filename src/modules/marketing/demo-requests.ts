/**
 * Demo requests (MKT-1, MKT-2, MKT-5): store a submission, have it emailed to Lumè's inbox by
 * the job runner, and delete it after 24 months unless the prospect became a customer.
 *
 * The row and its email job are written in one transaction, so a stored request always has a
 * job and a rolled-back one never sends. The job carries only the row's id. A send that fails
 * for a passing reason (timeout, 429, 5xx) is retried by pg-boss with backoff, and a sweep
 * re-queues anything still unsent an hour later; a send the provider refuses for good (other
 * 4xx) is recorded on the row and not retried. The submission itself is never lost.
 */
import type pg from 'pg';
import type { Database } from '../../infra/db/database.ts';
import type { JobRunner } from '../../infra/jobs/runner.ts';
import type { Logger } from '../../infra/log.ts';
import type { MarketingEmailSender } from '../../infra/messaging/ports.ts';
import { ResendError } from '../../infra/messaging/resend.ts';
import { demoEmailIdempotencyKey, demoRequestEmail, type StoredDemoRequest } from './demo-email.ts';
import type { DemoRequestInput } from './demo-form.ts';

export const DEMO_EMAIL_QUEUE = 'marketing.demo-email';
/** One notification's retries: after 30 s, then doubling (about half an hour in all). */
export const DEMO_EMAIL_RETRY = { retryLimit: 6, retryDelay: 30, retryBackoff: true } as const;
/** The sweep picks up requests unsent after this long (longer than all the retries above)… */
export const SWEEP_AFTER_MINUTES = 60;
/** …for this long; an older unsent request waits for a person (its email_error says why). */
export const SWEEP_WITHIN_DAYS = 7;

export type DemoEmailJob = { id: string };
type Jobs = Pick<JobRunner, 'send'>;

export interface DeliveryDeps {
  db: Database;
  log: Logger;
  sender: MarketingEmailSender;
  /** DEMO_INBOX */
  inbox: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Stores a valid submission and queues its email in the same transaction; returns the row id. */
export async function submitDemoRequest(deps: { db: Database; jobs: Jobs }, input: DemoRequestInput, requestId: string): Promise<string> {
  return deps.db.transaction('app', { 'app.request_id': requestId }, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO demo_requests (name, email, phone, spa_name, locations, providers, current_platform, current_platform_other, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [input.name, input.email, input.phone ?? null, input.spaName, input.locations, input.providers, input.platform, input.platformOther ?? null, input.message ?? null],
    );
    const id = rows[0]!.id;
    await deps.jobs.send(DEMO_EMAIL_QUEUE, { id } satisfies DemoEmailJob, { ...DEMO_EMAIL_RETRY, db: inTransaction(client) });
    return id;
  });
}

/** Lets pg-boss write its job row through our transaction's connection. */
function inTransaction(client: pg.PoolClient) {
  return { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
}

export type DeliveryOutcome = 'sent' | 'already-handled' | 'gone' | 'refused';

/**
 * The `marketing.demo-email` job. Throws on a failure worth retrying, so the job runner tries
 * again; the idempotency key keeps a retry after an unrecorded success from sending twice.
 */
export async function deliverDemoRequest(deps: DeliveryDeps, id: string): Promise<DeliveryOutcome> {
  if (!UUID.test(id)) return 'gone';
  const request = await findForEmail(deps.db, id);
  if (!request) return 'gone'; // deleted in the meantime
  if (request.handled) return 'already-handled';
  const { subject, text } = demoRequestEmail(request.row);
  try {
    await deps.sender.send({ to: deps.inbox, subject, text, idempotencyKey: demoEmailIdempotencyKey(id) });
  } catch (error) {
    if (error instanceof ResendError && !error.retryable) {
      await recordOutcome(deps.db, id, 'refused', error.message);
      deps.log.error({ demoRequest: id, status: error.status }, 'demo request email refused by the provider; not retried');
      return 'refused';
    }
    deps.log.warn({ demoRequest: id, err: error }, 'demo request email not sent yet; the job runner will retry');
    throw error;
  }
  await recordOutcome(deps.db, id, 'sent', null);
  return 'sent';
}

async function findForEmail(db: Database, id: string): Promise<{ row: StoredDemoRequest; handled: boolean } | null> {
  return db.transaction('app', {}, async (client) => {
    const { rows } = await client.query<StoredDemoRequest & { handled: boolean }>(
      `SELECT id, created_at AS "createdAt", name, email::text AS email, phone, spa_name AS "spaName", locations, providers,
              current_platform AS platform, current_platform_other AS "platformOther", message,
              (email_sent_at IS NOT NULL OR email_failed_at IS NOT NULL) AS handled
         FROM demo_requests WHERE id = $1`,
      [id],
    );
    const found = rows[0];
    if (!found) return null;
    const { handled, ...row } = found;
    return { row, handled };
  });
}

async function recordOutcome(db: Database, id: string, outcome: 'sent' | 'refused', error: string | null): Promise<void> {
  await db.transaction('app', {}, (client) =>
    client.query(
      outcome === 'sent'
        ? `UPDATE demo_requests SET email_sent_at = now(), email_error = NULL WHERE id = $1 AND email_failed_at IS NULL`
        : `UPDATE demo_requests SET email_failed_at = now(), email_error = left($2, 200) WHERE id = $1 AND email_sent_at IS NULL`,
      outcome === 'sent' ? [id] : [id, error],
    ),
  );
}

/**
 * The `marketing.demo-email-sweep` job: queues again every request still unsent an hour after it
 * arrived (its job ran out of retries, or was lost), at most once an hour each.
 */
export async function requeueUnsentDemoRequests(db: Database, jobs: Jobs): Promise<string[]> {
  const ids = await db.transaction('app', {}, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM demo_requests
        WHERE email_sent_at IS NULL AND email_failed_at IS NULL
          AND created_at < now() - make_interval(mins => $1) AND created_at > now() - make_interval(days => $2)
        ORDER BY created_at LIMIT 200`,
      [SWEEP_AFTER_MINUTES, SWEEP_WITHIN_DAYS],
    );
    return rows.map((r) => r.id);
  });
  for (const id of ids) {
    await jobs.send(DEMO_EMAIL_QUEUE, { id } satisfies DemoEmailJob, { ...DEMO_EMAIL_RETRY, singletonKey: demoEmailIdempotencyKey(id), singletonMinutes: 60 });
  }
  return ids;
}

/**
 * The daily `marketing.demo-retention` job (MKT-5): deletes requests older than 24 months
 * unless converted, through the database's one narrow door, and logs how many and which ids —
 * never what they said.
 */
export async function purgeExpiredDemoRequests(db: Database, log: Logger): Promise<string[]> {
  const ids = await db.transaction('app', {}, async (client) => {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM purge_expired_demo_requests() AS id ORDER BY id');
    return rows.map((r) => r.id);
  });
  log.info({ deleted: ids.length, ids }, 'demo requests past the 24-month retention deleted');
  return ids;
}
