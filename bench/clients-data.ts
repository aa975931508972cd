// A large spa's client list for benchmarks (and later modules' benches): realistic names, phones,
// emails and birth dates, some minors with guardians, some allergies, a few merged duplicates.
// Everything is derived from a seed inside PostgreSQL (generate_series + md5), so the same seed
// gives the same rows, and running it again adds nothing (deterministic ids, ON CONFLICT DO NOTHING).
import type pg from 'pg';
import type { Database } from '../src/infra/db/database.ts';

export interface BenchSpa {
  slug: string;
  clients: number;
  timeZone?: string;
}

/** One big spa and a few small ones: what `npm run bench:clients` loads. */
export const DEFAULT_SPAS: BenchSpa[] = [
  { slug: 'glow', clients: 100_000, timeZone: 'America/Los_Angeles' },
  { slug: 'bench-small-1', clients: 2_000, timeZone: 'America/New_York' },
  { slug: 'bench-small-2', clients: 1_500, timeZone: 'America/Chicago' },
  { slug: 'bench-small-3', clients: 800, timeZone: 'America/Denver' },
];

const FIRST_NAMES = [
  'Jennifer', 'Jessica', 'Ashley', 'Sarah', 'Amanda', 'Emily', 'Megan', 'Lauren', 'Rachel', 'Nicole',
  'Stephanie', 'Elizabeth', 'Heather', 'Michelle', 'Melissa', 'Amber', 'Danielle', 'Brittany', 'Samantha', 'Kimberly',
  'Christina', 'Rebecca', 'Laura', 'Katherine', 'Maria', 'Andrea', 'Olivia', 'Sophia', 'Isabella', 'Emma',
  'Ava', 'Mia', 'Charlotte', 'Harper', 'Abigail', 'Madison', 'Chloe', 'Grace', 'Victoria', 'Natalie',
  'Camila', 'Valentina', 'Lucia', 'Gabriela', 'Daniela', 'Mariana', 'Ximena', 'Fernanda', 'Paula', 'Carmen',
  'Mei', 'Yuki', 'Hana', 'Ji-woo', 'Min-seo', 'Priya', 'Ananya', 'Aisha', 'Fatima', 'Noor',
  'Leila', 'Zara', 'Amara', 'Nia', 'Imani', 'Keisha', 'Tiana', 'Jasmine', 'Aaliyah', 'Destiny',
  'Claire', 'Audrey', 'Hazel', 'Stella', 'Lily', 'Nora', 'Zoe', 'Ruby', 'Ivy', 'Willow',
  'Michael', 'David', 'James', 'Daniel', 'Christopher', 'Matthew', 'Andrew', 'Joshua', 'Ryan', 'Brandon',
  'Carlos', 'Luis', 'Jose', 'Miguel', 'Diego', 'Alejandro', 'Kevin', 'Jason', 'Eric', 'Omar',
  'Wei', 'Hiroshi', 'Arjun', 'Rohan', 'Malik', 'Andre', 'Marcus', 'Tyler', 'Ethan', 'Noah',
  'Renee', 'Monique', 'Francesca', 'Giulia', 'Ingrid', 'Astrid', 'Siobhan', 'Niamh', 'Margaux', 'Eloise',
];

const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  'Chen', 'Wang', 'Zhang', 'Liu', 'Tanaka', 'Suzuki', 'Sato', 'Park', 'Choi', 'Shah',
  'Singh', 'Kumar', 'Okafor', 'Adeyemi', 'Mensah', 'Haddad', 'Khoury', 'Nasser', 'Cohen', 'Levy',
  'Rossi', 'Bianchi', 'Moreau', 'Dubois', 'Schmidt', 'Müller', 'Novak', 'Kowalski', 'Ivanova', 'Petrov',
  "O'Brien", 'Fitzgerald', 'McCarthy', 'Sullivan', 'Larsen', 'Nielsen', 'Andersson', 'Johansson', 'Silva', 'Santos',
  'Delgado', 'Vargas', 'Castro', 'Romero', 'Herrera', 'Medina', 'Aguilar', 'Vega', 'Salazar', 'Navarro',
];

const PREFERRED = ['Jen', 'Jess', 'Liz', 'Beth', 'Kate', 'Katie', 'Sam', 'Nikki', 'Becca', 'Mandy', 'Dani', 'Gabi', 'Tina', 'Vicky', 'Ally'];
const AREA_CODES = ['310', '323', '213', '424', '626', '818', '562', '714', '949', '805', '415', '646', '212', '917', '305', '512', '702'];
const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'icloud.com', 'outlook.com', 'hotmail.com', 'aol.com', 'me.com', 'proton.me'];
const ALLERGENS: [substance: string, reaction: string][] = [
  ['Lidocaine', 'Swelling'],
  ['Latex', 'Hives'],
  ['Penicillin', 'Rash'],
  ['Hyaluronidase', 'Swelling'],
  ['Sulfa drugs', 'Rash'],
  ['Aspirin', 'Bruising'],
  ['Benzocaine', 'Itching'],
  ['Egg', 'Anaphylaxis'],
  ['Nickel', 'Contact dermatitis'],
  ['Adhesive tape', 'Redness'],
];

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')}]::text[]`;

/** An integer in [0, n) drawn from md5(seed, tenant, i, what): the same inputs, the same draw. */
const draw = (what: string, n: number | string) => `((('x' || substr(md5(p.seed || ':' || p.tenant || ':' || g.i || ':${what}'), 1, 8))::bit(32)::int & 2147483647) % ${n})`;

/**
 * The clients of one spa, numbered 1..count. Ages: mostly 22–65, about 2 % minors (13–17) and a
 * few seniors; one client in 200 is a merged duplicate of the previous one. Phones are NANP
 * numbers with varied exchanges; most clients have an email. Dates are fixed relative to the
 * reference day, so a seed gives the same people every time.
 */
function clientsSql(): string {
  const first = sqlArray(FIRST_NAMES);
  const last = sqlArray(LAST_NAMES);
  const preferred = sqlArray(PREFERRED);
  const areas = sqlArray(AREA_CODES);
  const domains = sqlArray(EMAIL_DOMAINS);
  return `
  WITH p AS (SELECT $1::text AS seed, $2::uuid AS tenant, $3::int AS n, $4::date AS ref),
  g AS (SELECT generate_series(1, (SELECT n FROM p)) AS i),
  r AS (
    SELECT g.i, p.tenant,
      md5(p.seed || ':' || p.tenant || ':' || g.i)::uuid AS id,
      (${first})[1 + ${draw('first', FIRST_NAMES.length)}] AS first_name,
      (${last})[1 + ${draw('last', LAST_NAMES.length)}] AS last_name,
      CASE WHEN ${draw('pref', 12)} = 0 THEN (${preferred})[1 + ${draw('prefname', PREFERRED.length)}] ELSE '' END AS preferred_name,
      CASE
        WHEN ${draw('minor', 50)} = 0 THEN p.ref - (13 * 365 + ${draw('dob', 5 * 365)})
        WHEN ${draw('senior', 20)} = 0 THEN p.ref - (66 * 365 + ${draw('dob', 20 * 365)})
        ELSE p.ref - (22 * 365 + ${draw('dob', 43 * 365)})
      END AS date_of_birth,
      '+1' || (${areas})[1 + ${draw('area', AREA_CODES.length)}] || (200 + ${draw('exch', 800)})::text || lpad(${draw('line', 10000)}::text, 4, '0') AS mobile_phone,
      ${draw('email', 10)} AS email_kind,
      (${domains})[1 + ${draw('domain', EMAIL_DOMAINS.length)}] AS domain,
      ${draw('allergy', 100)} AS allergy_draw
    FROM g, p
  )
  INSERT INTO clients (tenant_id, id, first_name, last_name, preferred_name, date_of_birth, sex, email, mobile_phone,
      sms_consent, sms_consent_at, sms_consent_method, created_at, updated_at)
  SELECT r.tenant, r.id, r.first_name, r.last_name, r.preferred_name, r.date_of_birth,
    CASE WHEN r.i % 9 = 0 THEN 'male' WHEN r.i % 23 = 0 THEN 'unknown' ELSE 'female' END,
    CASE WHEN r.email_kind = 0 THEN NULL
      ELSE lower(regexp_replace(r.first_name, '[^A-Za-z]', '', 'g')) || CASE WHEN r.email_kind < 5 THEN '.' ELSE '' END
        || lower(regexp_replace(r.last_name, '[^A-Za-z]', '', 'g')) || CASE WHEN r.email_kind > 6 THEN (r.i % 97)::text ELSE '' END
        || CASE WHEN r.email_kind BETWEEN 3 AND 4 THEN r.i::text ELSE '' END || '@' || r.domain
    END,
    r.mobile_phone,
    r.i % 3 <> 0, CASE WHEN r.i % 3 <> 0 THEN now() END, CASE WHEN r.i % 3 <> 0 THEN 'in_person' END,
    now() - make_interval(days => r.i % 2000), now() - make_interval(days => r.i % 300)
  FROM r
  ON CONFLICT DO NOTHING`;
}

/** Every minor gets a parent (four in five have authorized treatment); about one client in six has one or two allergies. */
const RELATED_SQL = `
  WITH p AS (SELECT $1::text AS seed, $2::uuid AS tenant, $3::date AS ref, $4::int AS age_of_majority)
  , guardians AS (
    INSERT INTO client_guardians (tenant_id, id, client_id, full_name, relationship, phone, authorized_at, authorization_source)
    SELECT c.tenant_id, md5(p.seed || ':guardian:' || c.id)::uuid, c.id, 'Parent ' || c.last_name,
      CASE WHEN hashtext(c.id::text) % 2 = 0 THEN 'Mother' ELSE 'Father' END, c.mobile_phone,
      CASE WHEN hashtext(c.id::text) % 5 <> 0 THEN now() END, CASE WHEN hashtext(c.id::text) % 5 <> 0 THEN 'paper' END
    FROM clients c, p
    WHERE c.tenant_id = p.tenant AND c.date_of_birth > p.ref - make_interval(years => p.age_of_majority)
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  , allergies AS (
    INSERT INTO client_allergies (tenant_id, id, client_id, substance, reaction, severity)
    SELECT c.tenant_id, md5(p.seed || ':allergy:' || k || ':' || c.id)::uuid, c.id,
      (ARRAY[${ALLERGENS.map(([s]) => `'${s}'`).join(',')}])[1 + abs(hashtext(c.id::text || k)) % ${ALLERGENS.length}],
      (ARRAY[${ALLERGENS.map(([, r]) => `'${r}'`).join(',')}])[1 + abs(hashtext(c.id::text || k)) % ${ALLERGENS.length}],
      (ARRAY['mild','moderate','severe','unknown'])[1 + abs(hashtext(c.id::text || k || 's')) % 4]
    FROM clients c CROSS JOIN p CROSS JOIN generate_series(1, 2) AS k
    WHERE c.tenant_id = p.tenant AND abs(hashtext(c.id::text)) % 6 = 0 AND (k = 1 OR abs(hashtext(c.id::text)) % 4 = 0)
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM guardians) AS guardians, (SELECT count(*) FROM allergies) AS allergies`;

/** One client in 200 was a duplicate that has since been merged into the client before it. */
const MERGED_SQL = `
  WITH p AS (SELECT $1::text AS seed, $2::uuid AS tenant, $3::int AS n)
  UPDATE clients c SET status = 'merged', merged_into = md5(p.seed || ':' || p.tenant || ':' || (g.i - 1))::uuid
  FROM p, generate_series(200, (SELECT n FROM p), 200) AS g(i)
  WHERE c.tenant_id = p.tenant AND c.id = md5(p.seed || ':' || p.tenant || ':' || g.i)::uuid AND c.status = 'active'`;

export interface SeededSpa {
  slug: string;
  tenantId: string;
  clients: number;
  inserted: number;
}

/**
 * Creates each spa (with one location) unless it exists, and fills it with its clients. Runs as
 * the owner (row-level security does not apply to it), one transaction per spa.
 * `reference` is the day ages are counted from (default: today).
 */
export async function seedBenchClients(db: Database, options: { seed?: string; spas?: BenchSpa[]; reference?: string } = {}): Promise<SeededSpa[]> {
  const seed = options.seed ?? 'lume-bench-1';
  const reference = options.reference ?? new Date().toISOString().slice(0, 10);
  const out: SeededSpa[] = [];
  for (const spa of options.spas ?? DEFAULT_SPAS) {
    out.push(
      await db.transaction('owner', {}, async (client) => {
        const tenantId = await ensureSpa(client, spa);
        const inserted = (await client.query(clientsSql(), [seed, tenantId, spa.clients, reference])).rowCount ?? 0;
        if (inserted > 0) {
          // Without statistics the planner joins the merged ids below row by row against a full scan.
          await client.query('ANALYZE clients');
          const { rows } = await client.query<{ age_of_majority: number }>('SELECT age_of_majority FROM tenants WHERE id = $1', [tenantId]);
          await client.query(RELATED_SQL, [seed, tenantId, reference, rows[0]!.age_of_majority]);
          await client.query(MERGED_SQL, [seed, tenantId, spa.clients]);
        }
        return { slug: spa.slug, tenantId, clients: spa.clients, inserted };
      }),
    );
  }
  // Statistics for the planner, and GIN's pending list merged into the trigram indexes: until
  // autovacuum gets to it, every search would scan the pending entries one by one.
  await db.ownerQuery('VACUUM (ANALYZE) clients, client_allergies, client_guardians');
  return out;
}

async function ensureSpa(client: pg.PoolClient, spa: BenchSpa): Promise<string> {
  const existing = await client.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [spa.slug]);
  if (existing.rows[0]) return existing.rows[0].id;
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO tenants (slug, legal_name, display_name, admin_contact_name, admin_contact_email, state_code)
     VALUES ($1, $2, $2, 'Bench Admin', $3, 'CA') RETURNING id`,
    [spa.slug, `Bench spa ${spa.slug}`, `admin@${spa.slug}.example`],
  );
  const tenantId = rows[0]!.id;
  await client.query(`INSERT INTO locations (tenant_id, name, timezone) VALUES ($1, 'Main', $2)`, [tenantId, spa.timeZone ?? 'America/Los_Angeles']);
  return tenantId;
}

/** Known people of the big spa for the bench's queries: a sample of active clients (as the owner). */
export async function sampleClients(db: Database, tenantId: string, n: number): Promise<{ id: string; first_name: string; last_name: string; date_of_birth: string; email: string | null; mobile_phone: string | null }[]> {
  const { rows } = await db.ownerQuery<{ id: string; first_name: string; last_name: string; date_of_birth: string; email: string | null; mobile_phone: string | null }>(
    `SELECT id, first_name, last_name, date_of_birth::text AS date_of_birth, email::text AS email, mobile_phone
       FROM clients WHERE tenant_id = $1 AND status = 'active' ORDER BY md5(id::text) LIMIT $2`,
    [tenantId, n],
  );
  return rows;
}
