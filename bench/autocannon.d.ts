// The small part of autocannon 8's programmatic API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  /** What one request is made of; `setupRequest` may rewrite it before each send. */
  interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }

  interface Request extends RequestParams {
    setupRequest?: (request: RequestParams & { headers: Record<string, string> }, context: object) => RequestParams;
    /** Having it makes autocannon keep each response body (headers as a plain object). */
    onResponse?: (status: number, body: string, context: object, headers: Record<string, string>) => void;
  }

  interface Options extends RequestParams {
    url: string;
    connections?: number;
    duration?: number;
    /** Run in turn by each connection, overriding the top-level method, path, headers and body. */
    requests?: Request[];
  }

  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
    total: number;
  }

  interface Result {
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    /** Milliseconds, whole-millisecond resolution, over every response (unless `excludeErrorStats`). */
    latency: Histogram;
    /** Per-second samples; `total` counts every completed request. */
    requests: Histogram;
  }

  /** Emits `response` (client, status, bytes, ms) for every response, and resolves with the totals. */
  type Instance = EventEmitter & PromiseLike<Result>;

  function autocannon(options: Options): Instance;
  export default autocannon;
  export type { Instance, Options, Request, Result };
}
