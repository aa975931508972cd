import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Typed views of the tables for Drizzle. The SQL in db/migrations/ is the source
 * of truth (RLS, triggers, checks); test/schema-drift.test.ts keeps the two in step.
 */
const citext = customType<{ data: string }>({ dataType: () => 'citext' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: citext('slug').notNull(),
  legalName: text('legal_name').notNull(),
  displayName: text('display_name').notNull(),
  status: text('status', { enum: ['active', 'suspended', 'terminated'] }).notNull(),
  adminContactName: text('admin_contact_name').notNull(),
  adminContactEmail: citext('admin_contact_email').notNull(),
  stateCode: text('state_code').notNull(),
  ageOfMajority: smallint('age_of_majority').notNull(),
  chartCosignRequired: boolean('chart_cosign_required').notNull(),
  idleTimeoutMinutes: smallint('idle_timeout_minutes').notNull(),
  formLinkDays: smallint('form_link_days').notNull(),
  baaVersion: text('baa_version'),
  baaAcceptedBy: text('baa_accepted_by'),
  baaAcceptedAt: timestamptz('baa_accepted_at'),
  createdAt: timestamptz('created_at').notNull(),
});

export type BusinessHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]>>;

export const locations = pgTable(
  'locations',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    timezone: text('timezone').notNull(),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2').notNull(),
    city: text('city').notNull(),
    region: text('region').notNull(),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull(),
    phone: text('phone').notNull(),
    businessHours: jsonb('business_hours').$type<BusinessHours>().notNull(),
    active: boolean('active').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const resources = pgTable(
  'resources',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    locationId: uuid('location_id').notNull(),
    kind: text('kind', { enum: ['room', 'device'] }).notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const tenantKeys = pgTable(
  'tenant_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    wrappedKey: bytea('wrapped_key').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const devOutbox = pgTable('dev_outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  channel: text('channel', { enum: ['phi_email', 'marketing_email', 'sms'] }).notNull(),
  recipient: text('recipient').notNull(),
  subject: text('subject'),
  body: text('body').notNull(),
  spaSlug: text('spa_slug'),
  /** Each attachment's name, type, size and SHA-256 (never its bytes). */
  attachments: jsonb('attachments').$type<{ filename: string; contentType: string; size: number; sha256: string }[]>().notNull(),
  createdAt: timestamptz('created_at').notNull(),
});

export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamptz('window_start').notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);
