// The sign-in phase of `npm run bench:identity`: POST /login with the demo owner's right password, under load.
import { send, get, type RunningApp } from './app.ts';
import { percentile, runLoad, type LoadResult } from './load.ts';

const EMAIL = 'owner@glow.example';
const PASSWORD = 'orchid-harbor-lantern-42'; // DEMO_PASSWORD (src/modules/identity/demo-staff.ts)
/** Where a right password leads: the code step, or TOTP enrolment for an operator without one yet. */
const NEXT_STEP = /^\/login\/(totp|enrol)$/;

/**
 * Sign-in is limited to 30 attempts a minute per address (and 120 writes): with
 * TRUST_PROXY on, each request comes "from" the next of 508 documentation
 * addresses (RFC 5737 TEST-NET-2 and -3), so the limits never trip at the
 * rates argon2 allows. The probe uses TEST-NET-1, outside the cycle.
 */
const ADDRESSES = ['198.51.100', '203.0.113'].flatMap((net) => Array.from({ length: 254 }, (_, i) => `${net}.${i + 1}`));
const PROBE_ADDRESS = '192.0.2.1';

export interface SignInPhase {
  host: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  database: string;
}

export interface SignInResult {
  load: LoadResult;
  /** 303s to the next step, per second of the measured run. */
  signInsPerSecond: number;
  signedIn: number;
  /** Latency of the successful sign-ins only, in whole ms. */
  p50: number;
  p99: number;
  /** 503 "busy": the argon2 limiter's waiting room (2 running + 32 queued) was full. */
  busy: number;
  /** Any other answer, by status. */
  failed: Record<string, number>;
  nextStep: string;
}

export async function benchSignIn(app: RunningApp, phase: SignInPhase): Promise<SignInResult> {
  const origin = `http://${phase.host}`;
  const form = await get(app.port, phase.host, '/login');
  const seed = /__Host-lume_csrf=([^;]+)/.exec(String(form.headers['set-cookie'] ?? ''))?.[1];
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  if (form.status !== 200 || !seed || !token) throw new Error(`GET /login gave no CSRF cookie and token (status ${form.status})`);

  const headers = {
    cookie: `__Host-lume_csrf=${seed}`,
    'content-type': 'application/x-www-form-urlencoded',
    origin,
    'sec-fetch-site': 'same-origin',
  };
  const body = new URLSearchParams({ _csrf: token, email: EMAIL, password: PASSWORD }).toString();
  const probe = await send(app.port, phase.host, 'POST', '/login', { ...headers, 'x-forwarded-for': PROBE_ADDRESS }, body);
  const nextStep = String(probe.headers.location ?? '');
  if (probe.status !== 303 || !NEXT_STEP.test(nextStep)) {
    throw new Error(`POST /login with the demo password answered ${probe.status} ${nextStep}, not a 303 to the next step:\n${probe.body.slice(0, 500)}`);
  }

  let next = 0;
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  const load = await runLoad(app, {
    name: 'sign-in',
    options: {
      url: `http://127.0.0.1:${app.port}/login`,
      connections: phase.connections,
      requests: [
        {
          method: 'POST',
          path: '/login',
          headers: { ...headers, host: phase.host },
          body,
          setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'x-forwarded-for': ADDRESSES[next++ % ADDRESSES.length]! } }),
        },
      ],
    },
    warmupSeconds: phase.warmupSeconds,
    settleSeconds: 2, // up to 34 hashes left by the warm-up (2 running, 32 queued), at 40+ a second
    seconds: phase.seconds,
    database: phase.database,
    onResponse: (status, ms) => {
      if (status === 303) latencies.push(ms);
      else failed[status] = (failed[status] ?? 0) + 1;
    },
  });
  const { 503: busy = 0, ...others } = failed;
  latencies.sort((a, b) => a - b);
  return {
    load,
    signInsPerSecond: latencies.length / load.raw.duration,
    signedIn: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    busy,
    failed: others,
    nextStep,
  };
}
