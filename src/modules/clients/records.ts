import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { dayIn, isTimeZone } from '../identity/spa-time.ts';
import type { ClientAccess } from './access.ts';
import { ageOn, comesOfAgeOn } from './age.ts';
import { recordEvent } from './events.ts';
import type { AllergyInput, ConsentInput, GuardianInput, NewClientInput } from './fields.ts';
import { PROFILE_COLUMNS, type ClientProfile } from './profile.ts';

/** The spa's calendar as client records need it: its zone and its age of majority (CRM-7, §6a). */
export interface SpaCalendar {
  timeZone: string;
  ageOfMajority: number;
  today: string;
}

const CALENDAR_SQL = `
  (SELECT age_of_majority FROM tenants WHERE id = current_tenant_id()) AS age_of_majority,
  (SELECT timezone FROM locations WHERE active ORDER BY name LIMIT 1) AS time_zone`;

export function calendarFrom(row: { age_of_majority: number; time_zone: string | null }, now: Date): SpaCalendar {
  const timeZone = row.time_zone && isTimeZone(row.time_zone) ? row.time_zone : 'UTC';
  return { timeZone, ageOfMajority: row.age_of_majority, today: dayIn(timeZone, now) };
}

export async function spaCalendar(ctx: ServiceCtx, now: Date): Promise<SpaCalendar> {
  const { rows } = await ctx.tx.$client.query<{ age_of_majority: number; time_zone: string | null }>(`SELECT ${CALENDAR_SQL}`);
  return calendarFrom(rows[0]!, now);
}

export interface Allergy {
  id: string;
  substance: string;
  reaction: string;
  severity: 'mild' | 'moderate' | 'severe' | 'unknown';
  recordedAt: Date;
  recordedBy: string | null;
}

export interface HealthItem {
  id: string;
  kind: 'medication' | 'condition' | 'contraindication' | 'prior_treatment';
  label: string;
  detail: string;
  occurredOn: string | null;
  recordedAt: Date;
  recordedBy: string | null;
}

export interface Guardian {
  id: string;
  fullName: string;
  relationship: string;
  phone: string | null;
  email: string | null;
  authorizedAt: Date | null;
  authorizationSource: 'paper' | 'form' | null;
}

/** Where a minor stands (CRM-7): treatment waits until a guardian is linked and has authorized it. */
export type MinorStanding = 'adult' | 'needs_guardian' | 'needs_authorization' | 'authorized';

export interface ClientRecord {
  profile: ClientProfile;
  age: number;
  minor: MinorStanding;
  /** The day a minor comes of age, on the spa's calendar. */
  comesOfAgeOn: string | null;
  calendar: SpaCalendar;
  /** Only when the reader may see them; otherwise null (not an empty list). */
  allergies: Allergy[] | null;
  health: HealthItem[] | null;
  guardians: Guardian[];
  /** Completed appointments, and when the last one was. */
  visits: { count: number; lastAt: Date | null };
}

/** Linked guardians, and whether one of them has authorized treatment: what minor standing needs to know. */
export interface GuardianCount {
  guardians: number;
  authorized: boolean;
}

export function minorStanding(dateOfBirth: string, calendar: SpaCalendar, on: GuardianCount): MinorStanding {
  if (ageOn(dateOfBirth, calendar.today) >= calendar.ageOfMajority) return 'adult';
  if (on.guardians === 0) return 'needs_guardian';
  return on.authorized ? 'authorized' : 'needs_authorization';
}

/** SQL giving `guardians` (count) and `authorized` (boolean) for the client row aliased `c`. */
export const GUARDIAN_COUNT_SQL = `
  (SELECT count(*)::int FROM client_guardians g WHERE g.tenant_id = c.tenant_id AND g.client_id = c.id AND g.removed_at IS NULL) AS guardians,
  EXISTS (SELECT 1 FROM client_guardians g WHERE g.tenant_id = c.tenant_id AND g.client_id = c.id AND g.removed_at IS NULL AND g.authorized_at IS NOT NULL) AS authorized`;

const RECORD_SQL = `
  SELECT ${PROFILE_COLUMNS}, ${CALENDAR_SQL},
    CASE WHEN $2 THEN (SELECT coalesce(json_agg(json_build_object('id', a.id, 'substance', a.substance, 'reaction', a.reaction, 'severity', a.severity,
        'recordedAt', a.recorded_at, 'recordedBy', o.full_name) ORDER BY array_position(ARRAY['severe','moderate','mild','unknown'], a.severity), a.substance), '[]')
      FROM client_allergies a LEFT JOIN operators o ON o.tenant_id = a.tenant_id AND o.id = a.recorded_by
      WHERE a.tenant_id = c.tenant_id AND a.client_id = c.id AND a.removed_at IS NULL) END AS allergies,
    CASE WHEN $3 THEN (SELECT coalesce(json_agg(json_build_object('id', h.id, 'kind', h.kind, 'label', h.label, 'detail', h.detail, 'occurredOn', h.occurred_on,
        'recordedAt', h.recorded_at, 'recordedBy', o.full_name) ORDER BY h.kind, h.occurred_on DESC NULLS LAST, h.recorded_at DESC), '[]')
      FROM client_health_items h LEFT JOIN operators o ON o.tenant_id = h.tenant_id AND o.id = h.recorded_by
      WHERE h.tenant_id = c.tenant_id AND h.client_id = c.id AND h.removed_at IS NULL) END AS health,
    (SELECT coalesce(json_agg(json_build_object('id', g.id, 'fullName', g.full_name, 'relationship', g.relationship, 'phone', g.phone, 'email', g.email,
        'authorizedAt', g.authorized_at, 'authorizationSource', g.authorization_source) ORDER BY g.recorded_at), '[]')
      FROM client_guardians g WHERE g.tenant_id = c.tenant_id AND g.client_id = c.id AND g.removed_at IS NULL) AS guardians,
    (SELECT count(*)::int FROM appointments a WHERE a.tenant_id = c.tenant_id AND a.client_id = c.id AND a.status = 'completed') AS visits,
    (SELECT max(a.starts_at) FROM appointments a WHERE a.tenant_id = c.tenant_id AND a.client_id = c.id AND a.status = 'completed') AS last_visit_at
  FROM clients c WHERE c.id = $1`;

type RecordRow = ClientProfile & {
  age_of_majority: number;
  time_zone: string | null;
  allergies: (Omit<Allergy, 'recordedAt'> & { recordedAt: string })[] | null;
  health: (Omit<HealthItem, 'recordedAt'> & { recordedAt: string })[] | null;
  guardians: (Omit<Guardian, 'authorizedAt'> & { authorizedAt: string | null })[];
  visits: number;
  last_visit_at: Date | null;
};

/**
 * One client record as this reader may see it, with its audit row in the same
 * transaction. Null when there is no such client in this spa (the route answers
 * 404). A merged record answers with where it went, and shows nothing else.
 */
export async function readClientRecord(ctx: ServiceCtx, id: string, access: ClientAccess, now: Date): Promise<ClientRecord | { mergedInto: string } | null> {
  const { rows } = await ctx.tx.$client.query<RecordRow>(RECORD_SQL, [id, access.allergies, access.health]);
  const row = rows[0];
  if (!row) return null;
  if (row.status === 'merged') return { mergedInto: row.merged_into! };
  ctx.audit({ action: 'read', recordType: access.health ? 'client_health' : 'client', recordId: id, clientIds: [id] });
  const calendar = calendarFrom(row, now);
  const guardians = row.guardians.map((g) => ({ ...g, authorizedAt: g.authorizedAt ? new Date(g.authorizedAt) : null }));
  const minor = minorStanding(row.date_of_birth, calendar, { guardians: guardians.length, authorized: guardians.some((g) => g.authorizedAt) });
  const { age_of_majority: _a, time_zone: _t, allergies, health, guardians: _g, visits, last_visit_at, ...profile } = row;
  return {
    profile,
    age: ageOn(row.date_of_birth, calendar.today),
    minor,
    comesOfAgeOn: minor === 'adult' ? null : comesOfAgeOn(row.date_of_birth, calendar.ageOfMajority),
    calendar,
    allergies: allergies?.map((a) => ({ ...a, recordedAt: new Date(a.recordedAt) })) ?? null,
    health: health?.map((h) => ({ ...h, recordedAt: new Date(h.recordedAt) })) ?? null,
    guardians,
    visits: { count: visits, lastAt: last_visit_at },
  };
}

export type Refusal = { ok: false; status: 400 | 404 | 409; errors: Record<string, string> };
const refuse = (status: Refusal['status'], field: string, message: string): Refusal => ({ ok: false, status, errors: { [field]: message } });

export interface NewClient {
  profile: NewClientInput;
  consent: ConsentInput;
  guardian: GuardianInput | null;
  allergies: AllergyInput[];
}

/**
 * Creates a client with everything the front desk took down, in one
 * transaction: a minor without a guardian, or a birth date in the future, is
 * refused and nothing is written.
 */
export async function createClient(ctx: ServiceCtx, input: NewClient, now: Date): Promise<{ ok: true; id: string } | Refusal> {
  const calendar = await spaCalendar(ctx, now);
  const p = input.profile;
  if (p.date_of_birth > calendar.today) return refuse(400, 'date_of_birth', 'The date of birth is in the future. Check the year.');
  const age = ageOn(p.date_of_birth, calendar.today);
  if (age < calendar.ageOfMajority && !input.guardian) {
    return refuse(400, 'guardian_name', `${p.first_name} is ${age}, under this spa’s age of majority (${calendar.ageOfMajority}): add a parent or guardian.`);
  }
  const c = input.consent;
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO clients (tenant_id, first_name, last_name, preferred_name, pronouns, date_of_birth, sex, gender_identity, preferred_language,
        email, mobile_phone, other_phone, address_line1, address_line2, city, region, postal_code,
        sms_consent, sms_consent_at, sms_consent_method, email_consent, email_consent_at, email_consent_method, created_by)
     VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
        $17, CASE WHEN $17 THEN now() END, CASE WHEN $17 THEN $18 END, $19, CASE WHEN $19 THEN now() END, CASE WHEN $19 THEN $20 END, $21)
     RETURNING id`,
    [
      p.first_name, p.last_name, p.preferred_name, p.pronouns, p.date_of_birth, p.sex, p.gender_identity, p.preferred_language,
      p.email, p.mobile_phone, p.other_phone, p.address_line1, p.address_line2, p.city, p.region, p.postal_code,
      c.sms_consent, c.sms_consent_method ?? null, c.email_consent, c.email_consent_method ?? null, ctx.actor.id,
    ],
  );
  const id = rows[0]!.id;
  await recordEvent(ctx, id, 'created', {});
  for (const allergy of input.allergies) await addAllergyRow(ctx, id, allergy);
  if (input.guardian) await addGuardianRow(ctx, id, input.guardian);
  ctx.audit({ action: 'create', recordType: 'client', recordId: id, clientIds: [id] });
  return { ok: true, id };
}

export async function addAllergyRow(ctx: ServiceCtx, clientId: string, a: AllergyInput): Promise<string> {
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO client_allergies (tenant_id, client_id, substance, reaction, severity, recorded_by) VALUES (current_tenant_id(), $1, $2, $3, $4, $5) RETURNING id`,
    [clientId, a.substance, a.reaction, a.severity, ctx.actor.id],
  );
  await recordEvent(ctx, clientId, 'allergy_added', { substance: a.substance, reaction: a.reaction, severity: a.severity });
  return rows[0]!.id;
}

export async function addGuardianRow(ctx: ServiceCtx, clientId: string, g: GuardianInput): Promise<string> {
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO client_guardians (tenant_id, client_id, full_name, relationship, phone, email, recorded_by) VALUES (current_tenant_id(), $1, $2, $3, $4, $5, $6) RETURNING id`,
    [clientId, g.guardian_name, g.guardian_relationship, g.guardian_phone, g.guardian_email, ctx.actor.id],
  );
  await recordEvent(ctx, clientId, 'guardian_added', { name: g.guardian_name, relationship: g.guardian_relationship });
  return rows[0]!.id;
}
