// `npm run bench:calendar`: the calendar and booking at a spa of ~500k appointments (issue 5; see bench/README.md).
import { mkdtemp } from 'node:fs/promises';
import { constants as perf, PerformanceObserver } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { assertDurableSettings } from '../src/infra/db/durability.ts';
import { migrate } from '../src/infra/db/migrate.ts';
import { openServerDatabase } from '../src/infra/db/server.ts';
import type { Database } from '../src/infra/db/database.ts';
import { withTenant, type TenantScope } from '../src/infra/db/tenant.ts';
import { withDevSecrets } from '../src/infra/dev-secrets.ts';
import { installJobSchema } from '../src/infra/jobs/runner.ts';
import { createLogger } from '../src/infra/log.ts';
import { flushClientIndex } from '../src/modules/audit/seal.ts';
import { SESSION_COOKIE } from '../src/modules/identity/guard.ts';
import { startSession } from '../src/modules/identity/sessions.ts';
import { computeAvailability } from '../src/modules/scheduling/availability/index.ts';
import { bookAppointment, SlotTakenError } from '../src/modules/scheduling/booking/book.ts';
import { loadAvailabilityRequest, loadLocation, loadServices } from '../src/modules/scheduling/booking/request-loader.ts';
import { arrange } from '../src/modules/scheduling/calendar/arrange.ts';
import { loadCalendar } from '../src/modules/scheduling/calendar/calendar.ts';
import { addDays } from '../src/modules/scheduling/calendar/view-query.ts';
import { DEMO_SLUG, seedDemoSpa } from '../src/modules/tenancy/demo-seed.ts';
import { ensureAssets } from './app.ts';
import { admin, createFreshDatabase, withDatabase } from './db.ts';
import { benchGroups, startCpuMeter } from './proc.ts';
import { cores, goal, log, num as n, printRows, warnIfBusy, type Row } from './report.ts';
import { BENCH_FROM, BENCH_TO, seedSchedulingSpa } from './scheduling-data.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'lume_bench_calendar';
/** Keep the database for another run (`BENCH_KEEP=1`): the generator then adds nothing. */
const KEEP = process.env.BENCH_KEEP === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const AVAILABILITY_ROUNDS = Number(process.env.BENCH_AVAILABILITY_ROUNDS ?? 40);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 120);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
/** `BENCH_PARTS=week` measures only the week view's service time (the goal), for quick comparisons. */
const WEEK_ONLY = process.env.BENCH_PARTS === 'week';
const GOALS = { weekP95: 30, availabilityP95: 20 };
const HOST = `${DEMO_SLUG}.localhost:3000`;

interface Stats {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { count: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

const fmt = (s: Stats) => `p50 ${s.p50.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms   max ${s.max.toFixed(1)} ms   (${n(s.count)} runs)`;

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** The collector's pauses while the week views run (a week makes ~2.4 MB of objects: its share shows in the p95). */
function collectorPauses(): { stop(): { count: number; ms: number; scavenges: number } } {
  const seen = { count: 0, ms: 0, scavenges: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.count++;
      seen.ms += entry.duration;
      if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === perf.NODE_PERFORMANCE_GC_MINOR) seen.scavenges++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      observer.disconnect();
      return seen;
    },
  };
}

/** Mondays spread over the generated years, the same every run. */
function mondays(count: number): string[] {
  const first = Date.parse(`${BENCH_FROM}T00:00:00Z`);
  const weeks = Math.floor((Date.parse(`${BENCH_TO}T00:00:00Z`) - first) / (7 * 86_400_000)) - 1;
  const start = new Date(first);
  const monday = addDays(BENCH_FROM, (8 - start.getUTCDay()) % 7);
  return Array.from({ length: count }, (_, i) => addDays(monday, 7 * ((i * 37) % weeks)));
}

/**
 * The forms a spa of that size would hold (issue 7): every neurotoxin visit asks for its consent,
 * signed before the visit for those past, still waiting for ~60 % of those to come (so the cards
 * statement counts real pending forms). Rows as the owner, once per database.
 */
async function seedVisitForms(db: Database, tenantId: string, toxin: string): Promise<{ pending: number; signed: number }> {
  const counts = async () =>
    (await db.ownerQuery<{ pending: number; signed: number }>(
      `SELECT count(*) FILTER (WHERE f.status = 'pending')::int AS pending, count(*) FILTER (WHERE f.status = 'signed')::int AS signed
         FROM client_forms f JOIN form_templates t ON t.tenant_id = f.tenant_id AND t.id = f.template_id WHERE f.tenant_id = $1 AND t.starter_key = 'neurotoxin-consent'`,
      [tenantId],
    )).rows[0]!;
  const found = await counts();
  if (found.pending + found.signed > 0) return found;
  await db.ownerQuery(
    `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id, appointment_id, status, signed_at, created_at)
     SELECT a.tenant_id, a.client_id, v.template_id, v.id, a.id, w.status, CASE WHEN w.status = 'signed' THEN a.starts_at - interval '1 day' END, a.starts_at - interval '14 days'
       FROM appointments a
       JOIN appointment_services s ON s.tenant_id = a.tenant_id AND s.appointment_id = a.id AND s.position = 0 AND s.service_id = $2
       CROSS JOIN LATERAL (SELECT x.id, x.template_id FROM form_versions x JOIN form_templates t ON t.tenant_id = x.tenant_id AND t.id = x.template_id
                            WHERE t.tenant_id = $1 AND t.starter_key = 'neurotoxin-consent' ORDER BY x.version DESC LIMIT 1) v
       CROSS JOIN LATERAL (SELECT CASE WHEN a.status = 'booked' AND get_byte(decode(md5(a.id::text), 'hex'), 0) < 154 THEN 'pending' ELSE 'signed' END AS status) w
      WHERE a.tenant_id = $1 AND a.status <> 'cancelled'`,
    [tenantId, toxin],
  );
  return counts();
}

/**
 * A working day with nothing booked for the booking measure: the day after the last one booked
 * beyond the generated years (a kept database holds earlier runs' bookings, and their forms are
 * never deleted), skipping Sundays; the first time, Tuesday 2028-01-11.
 */
async function emptyBookingDay(db: Database, tenantId: string): Promise<string> {
  const last = (await db.ownerQuery<{ day: string | null }>(
    `SELECT (max(starts_at) AT TIME ZONE 'America/Los_Angeles')::date::text AS day FROM appointments WHERE tenant_id = $1 AND starts_at > $2::date + 1`,
    [tenantId, BENCH_TO],
  )).rows[0]!.day;
  let day = last ? addDays(last, 1) : addDays(BENCH_TO, 11);
  if (new Date(`${day}T12:00:00Z`).getUTCDay() === 0) day = addDays(day, 1);
  return day;
}

async function main(): Promise<void> {
  ensureAssets();
  const workDir = await mkdtemp(join(tmpdir(), 'lume-bench-calendar-'));
  const url = withDatabase(ADMIN_URL, DB_NAME);
  const exists = await admin(ADMIN_URL, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount === 1);
  if (!KEEP || !exists) await createFreshDatabase(ADMIN_URL, DB_NAME);
  const db = openServerDatabase({ url, poolSize: CONCURRENCY });
  try {
    await assertDurableSettings(db);
    await migrate(db);
    await installJobSchema(db);
    await seedDemoSpa(db);
    const glow = (await db.ownerQuery<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [DEMO_SLUG])).rows[0]!.id;
    const [spa, seedMs] = await time(() => seedSchedulingSpa(db, glow));
    const forms = await seedVisitForms(db, glow, spa.services.toxin);
    await db.ownerQuery('VACUUM (ANALYZE) appointments, appointment_services, occupancy, clients, time_blocks, client_forms');
    log(`data: ${n(spa.appointments)} appointments, ${n(spa.holds)} holds, ${n(spa.clients)} clients, ${n(forms.pending)} forms pending and ${n(forms.signed)} signed in ${n(seedMs / 1000, 1)} s`);

    const desk = (await db.ownerQuery<{ id: string; roles: string }>(
      `SELECT o.id, string_agg(r.key, ',') AS roles FROM operators o JOIN operator_roles x ON x.tenant_id = o.tenant_id AND x.operator_id = o.id JOIN roles r ON r.tenant_id = x.tenant_id AND r.id = x.role_id
        WHERE o.tenant_id = $1 AND o.email = 'frontdesk@glow.example' GROUP BY o.id`, [glow])).rows[0]!;
    let request = 0;
    const scope = (): TenantScope => ({ tenantId: glow, requestId: `bench-${++request}`, actor: { kind: 'operator', id: desk.id, role: desk.roles }, surface: 'crm', ip: '127.0.0.1', userAgent: 'lume-bench' });
    const config = withDevSecrets(loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: url, DATA_DIR: join(workDir, 'data'), LOG_LEVEL: 'warn', LUME_APEX: 'localhost:3000', JOBS: 'off', TRUST_PROXY: 'true' }));
    const { http } = composeApp({ config, db, log: createLogger('warn'), jobs: { send: async () => 'bench' } });
    const session = await withTenant(db, scope(), (ctx) => startSession(ctx, { operatorId: desk.id, stage: 'active', now: new Date(), ip: null, userAgent: 'lume-bench' }));
    // As a browser asks for the spa's own pages: compressed (ADR 013), so the page time includes it.
    const get = (path: string) =>
      http.fetch(new Request(`http://${HOST}${path}`, { headers: { host: HOST, cookie: `${SESSION_COOKIE}=${session}`, 'accept-encoding': 'gzip, deflate, br', 'sec-fetch-site': 'same-origin' } }));

    const santaMonica = spa.locations['Santa Monica'];
    const weeks = mondays(ROUNDS);
    const query = (date: string, view: 'day' | 'week') => ({ view, date, by: 'provider' as const, location: santaMonica });
    // Warm up: plans, caches, the JIT.
    for (const date of weeks.slice(0, 20)) await withTenant(db, scope(), (ctx) => loadCalendar(ctx, query(date, 'week'), { allergies: true, forms: true }, new Date()));

    // The audit.seal job merges the audit client index's pending entries every minute (JOBS is
    // off here): as in production, from a merged index and every minute of the run.
    await flushClientIndex(db);
    const flusher = setInterval(() => void flushClientIndex(db).catch(() => {}), 60_000).unref();
    const meter = startCpuMeter(benchGroups(DB_NAME, process.pid, 'bench'));
    const service: number[] = [];
    const gc = collectorPauses();
    let cards = 0;
    for (const date of weeks) {
      // Only the count leaves the measure: holding a view until the next one replaces it would
      // double what the collector copies, as no request handler does.
      const [shown, ms] = await time(async () => {
        const d = await withTenant(db, scope(), (ctx) => loadCalendar(ctx, query(date, 'week'), { allergies: true, forms: true }, new Date()));
        arrange(d!, new Date());
        return d!.appointments.length;
      });
      service.push(ms);
      cards += shown;
    }
    const paused = gc.stop();
    const gcRow: Row = ['  garbage collection', `${n(paused.count)} pauses, ${n(paused.ms / weeks.length, 1)} ms a view on average (${n(paused.scavenges)} scavenges)`];
    if (WEEK_ONLY) {
      const w = stats(service);
      console.log('\nCalendar week view (PostgreSQL)');
      printRows([
        ['week of 10 providers (service + audit + layout)', `${fmt(w)}   ${n(cards / weeks.length)} cards a week`],
        gcRow,
        ['cores', cores(meter.stop())],
        goal('week p95 < 30 ms (service)', `${w.p95.toFixed(1)} ms`, w.p95 < GOALS.weekP95),
      ]);
      clearInterval(flusher);
      return;
    }
    const page: number[] = [];
    let bytes = 0;
    for (const date of weeks) {
      const [body, ms] = await time(async () => {
        const r = await get(`/calendar?view=week&by=provider&date=${date}&location=${santaMonica}`);
        if (r.status !== 200) throw new Error(`GET /calendar answered ${r.status}`);
        return r.arrayBuffer();
      });
      page.push(ms);
      bytes += body.byteLength;
    }
    const dayPage: number[] = [];
    for (const date of weeks) {
      const [, ms] = await time(async () => (await get(`/calendar/grid?view=day&by=provider&date=${addDays(date, 2)}&location=${santaMonica}`)).text());
      dayPage.push(ms);
    }

    // 14 days of "any provider" for one service, from tomorrow (the calendar is ~98 % full: few free starts).
    const availability: number[] = [];
    let slots = 0;
    const location = (await withTenant(db, scope(), (ctx) => loadLocation(ctx, santaMonica)))!;
    const services = (await withTenant(db, scope(), (ctx) => loadServices(ctx, [spa.services.toxin])))!;
    log(`week views: service ${fmt(stats(service))}; HTTP page ${fmt(stats(page))}; day grid ${fmt(stats(dayPage))}`);
    for (let i = 0; i < AVAILABILITY_ROUNDS + 5; i++) {
      const from = addDays(new Date().toISOString().slice(0, 10), 1 + (i % 60));
      const [result, ms] = await time(() =>
        withTenant(db, scope(), async (ctx) => {
          const req = await loadAvailabilityRequest(ctx, { location, dates: { from, to: addDays(from, 13) }, services, providerSelection: { kind: 'any', sameForAll: true }, now: new Date() });
          return computeAvailability(req);
        }),
      );
      if (i >= 5) availability.push(ms);
      slots += result.slots.length;
    }

    log(`availability: ${fmt(stats(availability))}`);
    // Booking under contention: BOOKINGS requests, CONCURRENCY at a time, for 10 providers × 52 starts
    // (every 10 minutes) on a day after the generated years, so many ask for overlapping times.
    const clients = (await db.ownerQuery<{ id: string }>(`SELECT id FROM clients WHERE tenant_id = $1 ORDER BY md5(id::text) LIMIT $2`, [glow, BOOKINGS])).rows.map((r) => r.id);
    const providers = (await db.ownerQuery<{ id: string }>(`SELECT DISTINCT operator_id AS id FROM staff_hours WHERE tenant_id = $1 AND location_id = $2 ORDER BY 1`, [glow, santaMonica])).rows.map((r) => r.id);
    const day = await emptyBookingDay(db, glow);
    const outcome = { booked: 0, refused: 0, lostRace: 0 };
    const bookingMs: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < BOOKINGS) {
          const i = next++;
          const minute = 9 * 60 + ((i * 7) % 52) * 10;
          const at = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
          const [, ms] = await time(async () => {
            try {
              const r = await withTenant(db, scope(), (ctx) =>
                bookAppointment(ctx, { clientId: clients[i]!, locationId: santaMonica, date: day, time: at, lines: [{ serviceId: spa.services.facial, providerId: providers[(i * 3) % providers.length]! }] }, new Date()),
              );
              if (r.ok) outcome.booked++;
              else outcome.refused++;
            } catch (error) {
              if (error instanceof SlotTakenError) outcome.lostRace++;
              else throw error;
            }
          });
          bookingMs.push(ms);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = meter.stop();
    clearInterval(flusher);
    const overlaps = (await db.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM occupancy a JOIN occupancy b ON a.tenant_id = b.tenant_id AND a.provider_id = b.provider_id AND a.id < b.id AND a.held AND b.held AND a.during && b.during
        WHERE a.tenant_id = $1 AND a.during && tstzrange($2::date - 1, $2::date + 2)`, [glow, day])).rows[0]!.n;

    const w = stats(service);
    const a = stats(availability);
    const rows: Row[] = [
      ['data', `${n(spa.appointments)} appointments (${BENCH_FROM} to ${BENCH_TO}), ${n(spa.holds)} holds, 30 providers at 2 locations, ${n(spa.clients)} clients`],
      ['week of 10 providers (service + audit + layout)', `${fmt(w)}   ${n(cards / weeks.length)} cards a week`],
      gcRow,
      ['week of 10 providers (HTTP page)', `${fmt(stats(page))}   ${n(bytes / weeks.length / 1024)} KiB sent (Brotli)`],
      ['day of 10 providers (HTTP grid fragment)', fmt(stats(dayPage))],
      ['14 days, any provider, one service', `${fmt(a)}   ${n(slots / (AVAILABILITY_ROUNDS + 5), 1)} free starts on average`],
      [`booking, ${CONCURRENCY} at a time`, `${n(BOOKINGS / elapsed, 1)} requests/s, ${n(outcome.booked / elapsed, 1)} bookings/s; per request ${fmt(stats(bookingMs))}`],
      ['  outcomes', `${n(outcome.booked)} booked, ${n(outcome.refused)} refused with alternatives, ${n(outcome.lostRace)} lost the race (409); overlapping holds: ${overlaps}`],
      ['cores', cores(cpu)],
      goal('week p95 < 30 ms (service)', `${w.p95.toFixed(1)} ms`, w.p95 < GOALS.weekP95),
      goal('availability p95 < 20 ms', `${a.p95.toFixed(1)} ms`, a.p95 < GOALS.availabilityP95),
    ];
    console.log('\nCalendar and booking (PostgreSQL)');
    printRows(rows);
    warnIfBusy([cpu]);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
