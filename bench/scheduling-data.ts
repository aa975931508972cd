/**
 * A large spa's calendar for the scheduling benchmarks (issue 5): the demo spa "glow" with
 * 30 providers over its 2 locations (10 at Santa Monica, 20 at Pasadena), a room each, three
 * 30-minute services (one with a numbing phase that holds the room but not the provider), and
 * ~500k appointments over 3 years (Monday to Saturday, every half hour 09:00–18:00, 98.5 %
 * full): past ones completed, cancelled (10 %, holds released) or no-shows (4 %), future ones
 * booked; each with its service row and its holds in `occupancy` (so the exclusion constraints
 * and availability see them), plus a weekly team-meeting block per provider.
 *
 * Written by the owner in set-based statements (generate_series), one transaction; about two
 * minutes on two cores, most of it spent checking the exclusion constraints. Rows go in in the
 * order of their start, as a spa's bookings roughly arrive: a week's appointments then share
 * heap pages, as they would in production (in provider order, a week of one location touched
 * a thousand pages and read 5–10× slower from a cold cache).
 */
import type { Database } from '../src/infra/db/database.ts';

export const BENCH_FROM = '2025-01-01';
export const BENCH_TO = '2027-12-31';
export const PROVIDERS = { 'Santa Monica': 10, Pasadena: 20 } as const;
const ZONE = 'America/Los_Angeles';

export interface SchedulingSpa {
  tenantId: string;
  locations: Record<keyof typeof PROVIDERS, string>;
  services: { toxin: string; facial: string; consult: string };
  appointments: number;
  holds: number;
  clients: number;
}

const FIRST = ['Olivia', 'Emma', 'Ava', 'Sophia', 'Mia', 'Isabella', 'Amelia', 'Harper', 'Evelyn', 'Abigail', 'Liam', 'Noah', 'Lucas', 'Mateo', 'Ethan', 'Camila', 'Luna', 'Zoe', 'Nora', 'Grace'];
const LAST = ['Garcia', 'Smith', 'Johnson', 'Nguyen', 'Kim', 'Patel', 'Martinez', 'Brown', 'Lopez', 'Chen', 'Davis', 'Wilson', 'Moore', 'Clark', 'Lewis', 'Walker', 'Young', 'Allen', 'King', 'Wright'];

export async function seedSchedulingSpa(db: Database, tenantId: string, clients = 40_000): Promise<SchedulingSpa> {
  return db.transaction('owner', {}, async (q) => {
    const existing = (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments WHERE tenant_id = $1', [tenantId])).rows[0]!.n;
    const locs = (await q.query<{ id: string; name: keyof typeof PROVIDERS }>('SELECT id, name FROM locations WHERE tenant_id = $1', [tenantId])).rows;
    const locations = Object.fromEntries(locs.map((l) => [l.name, l.id])) as SchedulingSpa['locations'];
    if (existing === 0) {
      await q.query(
        `INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth)
         SELECT $1, ($2::text[])[1 + i % 20], ($3::text[])[1 + (i / 20) % 20] || '-' || i, date '1950-01-01' + (i * 7919 % 20000)
           FROM generate_series(1, $4) i`,
        [tenantId, FIRST, LAST, clients],
      );
      // Providers: one table of (index, location, operator, room) for the statements below.
      await q.query(`CREATE TEMP TABLE bench_providers (idx int, location_id uuid, operator_id uuid, room_id uuid) ON COMMIT DROP`);
      let idx = 0;
      for (const [name, count] of Object.entries(PROVIDERS) as [keyof typeof PROVIDERS, number][]) {
        for (let i = 0; i < count; i++, idx++) {
          const op = (await q.query<{ id: string }>(
            // Active operators need a password: the demo provider's (nobody signs in as them here).
            `INSERT INTO operators (tenant_id, email, full_name, status, password_hash)
             SELECT $1, $2, $3, 'active', password_hash FROM operators WHERE tenant_id = $1 AND email = 'provider@glow.example' RETURNING id`,
            [tenantId, `bench-provider-${idx}@glow.example`, `${FIRST[idx % 20]} ${LAST[(idx * 7) % 20]} ${idx}, NP`],
          )).rows[0]!.id;
          const room = (await q.query<{ id: string }>(`INSERT INTO resources (tenant_id, location_id, kind, name) VALUES ($1, $2, 'room', $3) RETURNING id`, [tenantId, locations[name], `Bench room ${idx}`])).rows[0]!.id;
          await q.query(`INSERT INTO credentials (tenant_id, operator_id, kind, licence_number, licence_state, expires_on) VALUES ($1, $2, 'NP', $3, 'CA', '2030-12-31')`, [tenantId, op, `NP-B${idx}`]);
          await q.query(`INSERT INTO staff_hours (tenant_id, operator_id, location_id, weekday, starts, ends) SELECT $1, $2, $3, d, '09:00', '18:00' FROM generate_series(1, 6) d`, [tenantId, op, locations[name]]);
          await q.query('INSERT INTO bench_providers VALUES ($1, $2, $3, $4)', [idx, locations[name], op, room]);
        }
      }
      const rooms = (await q.query<{ id: string }>(`SELECT room_id AS id FROM bench_providers`)).rows.map((r) => r.id);
      const service = async (name: string, phases: [string, number, boolean][]) => {
        const id = (await q.query<{ id: string }>(`INSERT INTO services (tenant_id, name, price_cents, required_credentials) VALUES ($1, $2, 20000, '{NP,RN,MD}') RETURNING id`, [tenantId, name])).rows[0]!.id;
        await q.query(`INSERT INTO service_requirements (tenant_id, service_id, label, resource_ids) VALUES ($1, $2, 'Room', $3::uuid[])`, [tenantId, id, rooms]);
        for (const [i, [label, minutes, provider]] of phases.entries()) {
          await q.query(`INSERT INTO service_phases (tenant_id, service_id, position, label, minutes, uses_provider, requirement_labels) VALUES ($1, $2, $3, $4, $5, $6, '{Room}')`, [tenantId, id, i, label, minutes, provider]);
        }
        return id;
      };
      const toxin = await service('Bench neurotoxin', [['Numbing', 10, false], ['Treatment', 20, true]]);
      const facial = await service('Bench facial', [['Facial', 30, true]]);
      const consult = await service('Bench consultation', [['Consultation', 30, true]]);

      // One row per appointment to write, with its ids drawn up front.
      await q.query(
        `CREATE TEMP TABLE bench_slots ON COMMIT DROP AS
         SELECT gen_random_uuid() AS id, gen_random_uuid() AS line_id, p.location_id, p.operator_id, p.room_id,
                ((d::date + time '09:00' + s * interval '30 minutes') AT TIME ZONE '${ZONE}') AS starts_at,
                s, p.idx, d::date AS day, random() AS r, 1 + floor(random() * $1)::int AS client_no
           FROM bench_providers p, generate_series($2::date, $3::date, interval '1 day') d, generate_series(0, 17) s
          WHERE extract(dow FROM d) <> 0 AND random() < 0.985`,
        [clients, BENCH_FROM, BENCH_TO],
      );
      await q.query(`CREATE TEMP TABLE bench_clients ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY id)::int AS no, id FROM clients WHERE tenant_id = $1`, [tenantId]);
      await q.query(
        `INSERT INTO appointments (tenant_id, id, client_id, location_id, status, starts_at, ends_at, cancel_reason, created_at, updated_at)
         SELECT $1, b.id, c.id, b.location_id,
                CASE WHEN b.starts_at > now() THEN 'booked' WHEN b.r < 0.10 THEN 'cancelled' WHEN b.r < 0.14 THEN 'no_show' ELSE 'completed' END,
                b.starts_at, b.starts_at + interval '30 minutes',
                CASE WHEN b.starts_at <= now() AND b.r < 0.10 THEN 'Client rescheduled' END, b.starts_at - interval '14 days', b.starts_at
           FROM bench_slots b JOIN bench_clients c ON c.no = b.client_no ORDER BY b.starts_at`,
        [tenantId],
      );
      await q.query(
        `INSERT INTO appointment_services (tenant_id, id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
         SELECT $1, b.line_id, b.id, 0, CASE b.s % 3 WHEN 0 THEN $2::uuid WHEN 1 THEN $3::uuid ELSE $4::uuid END, b.operator_id,
                b.starts_at, b.starts_at + interval '30 minutes', jsonb_build_object('Room', b.room_id), 20000
           FROM bench_slots b ORDER BY b.starts_at`,
        [tenantId, toxin, facial, consult],
      );
      // Holds: the room for the whole half hour, the provider for all of it but the toxin's numbing.
      await q.query(
        `INSERT INTO occupancy (tenant_id, resource_id, during, appointment_id, appointment_service_id, held)
         SELECT $1, b.room_id, tstzrange(b.starts_at, b.starts_at + interval '30 minutes'), b.id, b.line_id, NOT (b.starts_at <= now() AND b.r < 0.14)
           FROM bench_slots b`,
        [tenantId],
      );
      await q.query(
        `INSERT INTO occupancy (tenant_id, provider_id, during, appointment_id, appointment_service_id, held)
         SELECT $1, b.operator_id, tstzrange(b.starts_at + CASE WHEN b.s % 3 = 0 THEN interval '10 minutes' ELSE interval '0' END, b.starts_at + interval '30 minutes'),
                b.id, b.line_id, NOT (b.starts_at <= now() AND b.r < 0.14)
           FROM bench_slots b`,
        [tenantId],
      );
      // A team meeting before opening every Monday, per provider.
      await q.query(
        `WITH blocks AS (
           INSERT INTO time_blocks (tenant_id, location_id, operator_id, during, reason)
           SELECT $1, p.location_id, p.operator_id,
                  tstzrange((d::date + time '08:00') AT TIME ZONE '${ZONE}', (d::date + time '09:00') AT TIME ZONE '${ZONE}'), 'Team meeting'
             FROM bench_providers p, generate_series($2::date, $3::date, interval '1 day') d WHERE extract(dow FROM d) = 1
           RETURNING id, operator_id, during)
         INSERT INTO occupancy (tenant_id, provider_id, during, time_block_id) SELECT $1, operator_id, during, id FROM blocks`,
        [tenantId, BENCH_FROM, BENCH_TO],
      );
    }
    const services = (await q.query<{ id: string; name: string }>(`SELECT id, name FROM services WHERE tenant_id = $1 AND name LIKE 'Bench %'`, [tenantId])).rows;
    const byName = (n: string) => services.find((s) => s.name === n)!.id;
    const counts = (await q.query<{ a: number; h: number; c: number }>(
      `SELECT (SELECT count(*) FROM appointments WHERE tenant_id = $1)::int AS a, (SELECT count(*) FROM occupancy WHERE tenant_id = $1)::int AS h, (SELECT count(*) FROM clients WHERE tenant_id = $1)::int AS c`,
      [tenantId],
    )).rows[0]!;
    return {
      tenantId,
      locations,
      services: { toxin: byName('Bench neurotoxin'), facial: byName('Bench facial'), consult: byName('Bench consultation') },
      appointments: counts.a,
      holds: counts.h,
      clients: counts.c,
    };
  });
}
