import type { Database } from '../../infra/db/database.ts';
import { DEMO_PASSWORD, seedStaff } from '../identity/demo-staff.ts';
import { hashPassword } from '../identity/security/password-hash.ts';
import type { BusinessHours } from '../../infra/db/schema.ts';
import { seedDemoConsoleStaff } from '../console/demo-seed.ts';
import { seedDemoForms } from '../forms/demo-forms.ts';
import { prepareLogo } from '../identity/logo/logo-image.ts';
import sharp from 'sharp';

export const DEMO_SLUG = 'glow';

const WEEKDAYS: BusinessHours = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '19:00']],
  wed: [['09:00', '19:00']],
  thu: [['09:00', '19:00']],
  fri: [['09:00', '17:00']],
  sat: [['10:00', '16:00']],
};

interface SeedLocation {
  name: string;
  timezone: string;
  address: [line1: string, city: string, region: string, postal: string];
  phone: string;
  hours: BusinessHours;
  rooms: string[];
  devices: string[];
}

const LOCATIONS: SeedLocation[] = [
  {
    name: 'Santa Monica',
    timezone: 'America/Los_Angeles',
    address: ['1450 Ocean Park Blvd, Suite 200', 'Santa Monica', 'CA', '90405'],
    phone: '+13105550142',
    hours: WEEKDAYS,
    rooms: ['Treatment Room 1', 'Treatment Room 2', 'Laser Suite'],
    devices: ['Laser 1 (Nd:YAG)', 'Microneedling Pen'],
  },
  {
    name: 'Pasadena',
    timezone: 'America/Los_Angeles',
    address: ['88 E Colorado Blvd', 'Pasadena', 'CA', '91105'],
    phone: '+16265550178',
    hours: { ...WEEKDAYS, sat: [['09:00', '14:00']] },
    rooms: ['Studio A', 'Studio B'],
    devices: ['IPL Photofacial'],
  },
];

/**
 * Creates the demo spa "Glow Aesthetics" the first time (development only), with
 * one operator per default role. Runs as the owner: spas are created by Lumè,
 * never by a tenant's own role. Returns the tenant id, or null when it existed.
 */
/** What the demo spa's providers chart: neurotoxins in their own brand's units, fillers in mL. */
const DEMO_PRODUCTS = [
  ['Botox Cosmetic', 'neurotoxin', 'units'],
  ['Dysport', 'neurotoxin', 'units'],
  ['Xeomin', 'neurotoxin', 'units'],
  ['Juvéderm Ultra XC', 'filler', 'mL'],
  ['Restylane Lyft', 'filler', 'mL'],
  ['RHA 2', 'filler', 'mL'],
  ['Sculptra', 'biostimulator', 'mL'],
] as const;

export async function seedDemoSpa(db: Database): Promise<string | null> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await seedDemoConsoleStaff(db, passwordHash); // the Lumè console's demo admin, with the same password
  return db.transaction('owner', {}, async (client) => {
    const existing = await client.query(`SELECT id FROM tenants WHERE slug = $1`, [DEMO_SLUG]);
    if (existing.rowCount) return null;
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO tenants (slug, legal_name, display_name, admin_contact_name, admin_contact_email, state_code,
         baa_version, baa_accepted_by, baa_accepted_at)
       VALUES ($1, 'Glow Aesthetics Medical Spa, PC', 'Glow Aesthetics', 'Maya Okafor', 'maya@glow.example', 'CA',
         '2026-11', 'Maya Okafor (owner)', now())
       RETURNING id`,
      [DEMO_SLUG],
    );
    const tenantId = rows[0]!.id;
    for (const loc of LOCATIONS) {
      const [line1, city, region, postal] = loc.address;
      const { rows: locRows } = await client.query<{ id: string }>(
        `INSERT INTO locations (tenant_id, name, timezone, address_line1, city, region, postal_code, phone, business_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [tenantId, loc.name, loc.timezone, line1, city, region, postal, loc.phone, JSON.stringify(loc.hours)],
      );
      const locationId = locRows[0]!.id;
      for (const [kind, names] of [['room', loc.rooms], ['device', loc.devices]] as const) {
        for (const name of names) {
          await client.query(`INSERT INTO resources (tenant_id, location_id, kind, name) VALUES ($1, $2, $3, $4)`, [tenantId, locationId, kind, name]);
        }
      }
    }
    await seedStaff(client, tenantId, passwordHash);
    for (const [name, kind, unit] of DEMO_PRODUCTS) {
      await client.query(`INSERT INTO products (tenant_id, name, kind, unit) VALUES ($1, $2, $3, $4)`, [tenantId, name, kind, unit]);
    }
    await seedDemoForms(client, tenantId);
    return tenantId;
  });
}

/** The demo spa's logo, drawn here (no font needed): a warm sun rising behind a soft wave. */
const DEMO_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="sun" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#f4b183"/>
      <stop offset="1" stop-color="#c9705a"/>
    </linearGradient>
  </defs>
  <circle cx="128" cy="128" r="120" fill="#fbf3ec"/>
  <circle cx="128" cy="132" r="62" fill="url(#sun)"/>
  <g stroke="#c9705a" stroke-width="10" stroke-linecap="round">
    <line x1="128" y1="28" x2="128" y2="52"/>
    <line x1="58" y1="62" x2="74" y2="78"/>
    <line x1="198" y1="62" x2="182" y2="78"/>
  </g>
  <path d="M24 168 C 70 140, 110 196, 160 168 S 222 150, 232 164 L 232 176 A 120 120 0 0 1 24 176 Z" fill="#7a4e6e"/>
</svg>`;

/**
 * Gives a freshly seeded demo spa its logo, re-encoded as an upload would be (development only,
 * so `npm start` shows one; the test spas have none unless a test uploads it).
 */
export async function seedDemoLogo(db: Database, tenantId: string): Promise<void> {
  const logo = await prepareLogo(await sharp(Buffer.from(DEMO_LOGO_SVG)).png().toBuffer());
  await db.transaction('owner', {}, async (client) => {
    await client.query(
      `INSERT INTO tenant_logos (tenant_id, image, content_type, sha256, updated_by)
       SELECT $1, $2, $3, $4, id FROM operators WHERE tenant_id = $1 AND email = 'owner@glow.example'`,
      [tenantId, logo.bytes, logo.contentType, logo.sha256],
    );
  });
}
