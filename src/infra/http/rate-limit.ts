import { createMiddleware } from 'hono/factory';
import type { Database } from '../db/database.ts';
import type { AppEnv } from './context.ts';
import { HttpError } from './errors.ts';

export interface RateLimit {
  /** Names the counter, e.g. `login:ip`. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one hit against a fixed window kept in PostgreSQL (app processes keep
 * no state, so every process behind the load balancer sees the same count).
 * Returns the seconds to wait when the limit is exceeded, or 0.
 */
export async function consumeRateLimit(db: Database, rule: RateLimit, subject: string, requestId: string): Promise<number> {
  return db.transaction('app', { 'app.request_id': requestId }, async (client) => {
    const { rows } = await client.query<{ hits: number; retry: number }>(
      `INSERT INTO rate_limits AS r (bucket, window_start, hits)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = r.hits + 1
       RETURNING hits, ceil(extract(epoch FROM r.window_start + make_interval(secs => $2) - now()))::int AS retry`,
      [`${rule.name}:${subject}`, rule.windowSeconds],
    );
    const row = rows[0]!;
    return row.hits > rule.limit ? Math.max(1, row.retry) : 0;
  });
}

/** The hits counted so far in the current window, without adding one. */
export async function rateLimitHits(db: Database, rule: RateLimit, subject: string, requestId: string): Promise<number> {
  return db.transaction('app', { 'app.request_id': requestId }, async (client) => {
    const { rows } = await client.query<{ hits: number }>(
      `SELECT hits FROM rate_limits WHERE bucket = $1 AND window_start = to_timestamp(floor(extract(epoch FROM now()) / $2) * $2)`,
      [`${rule.name}:${subject}`, rule.windowSeconds],
    );
    return rows[0]?.hits ?? 0;
  });
}

/** Refuses with 429 and Retry-After once the caller's address exceeds `rule`. */
export function rateLimitByIp(rule: RateLimit) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const retry = await consumeRateLimit(c.var.deps.db, rule, c.var.ip, c.var.requestId);
    if (retry > 0) {
      throw new HttpError(429, 'Too many requests from your network. Please wait a moment and try again.', { 'Retry-After': String(retry) });
    }
    await next();
  });
}

/** Drops windows that ended more than a day ago (run daily by the job runner). */
export async function sweepRateLimits(db: Database): Promise<number> {
  const result = await db.transaction('app', {}, (client) =>
    client.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`),
  );
  return result.rowCount ?? 0;
}
