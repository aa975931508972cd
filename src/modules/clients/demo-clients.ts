import { SYSTEM_ACTOR_ID } from '../../infra/audit/event.ts';
import type { Database } from '../../infra/db/database.ts';
import { withTenant } from '../../infra/db/tenant.ts';
import type { AllergyInput, GuardianInput, HealthItemInput } from './fields.ts';
import { recordPaperAuthorization } from './guardians.ts';
import { addHealthItem } from './health.ts';
import { createClient, type NewClient } from './records.ts';

/**
 * The demo spa's clients (development only): invented people, written through
 * the clients service like any other, so their history and audit rows are real.
 * Includes what the front desk meets every week: severe allergies, a pregnancy,
 * two minors (one authorized, one not) and a likely duplicate to merge.
 */
type DemoClient = {
  name: [string, string, string?];
  born: string;
  sex: 'female' | 'male';
  phone?: string;
  lang?: 'es';
  member?: boolean;
  tags?: string[];
  allergies?: AllergyInput[];
  health?: HealthItemInput[];
  guardian?: GuardianInput & { authorized?: boolean };
};

const lidocaine: AllergyInput = { substance: 'Lidocaine', reaction: 'Hives and facial swelling', severity: 'severe' };
const latex: AllergyInput = { substance: 'Latex', reaction: 'Contact rash', severity: 'moderate' };

const CLIENTS: DemoClient[] = [
  { name: ['Jennifer', 'Lopez', 'Jen'], born: '1986-07-24', sex: 'female', phone: '+16265550110', member: true, tags: ['vip'], allergies: [lidocaine] },
  { name: ['Jenny', 'Lopes'], born: '1986-07-24', sex: 'female', phone: '+16265550199' },
  { name: ['Priya', 'Raman'], born: '1991-02-11', sex: 'female', phone: '+16265550111', health: [{ kind: 'contraindication', label: 'Pregnant', detail: 'Due in April; no neurotoxin or laser until after nursing.', occurred_on: null }] },
  { name: ['Sofía', 'Hernández'], born: '1979-10-03', sex: 'female', phone: '+13235550112', lang: 'es', member: true, allergies: [latex] },
  { name: ['Marcus', 'Bell'], born: '1983-05-19', sex: 'male', phone: '+13235550113', tags: ['prefers mornings'] },
  { name: ['Aiko', 'Tanaka'], born: '1995-12-01', sex: 'female', phone: '+16265550114', health: [{ kind: 'medication', label: 'Isotretinoin 20 mg daily', detail: 'Started in September; no laser resurfacing.', occurred_on: '2026-09-01' }] },
  { name: ['Grace', 'Okonkwo'], born: '1968-03-30', sex: 'female', phone: '+13235550115', member: true, health: [{ kind: 'prior_treatment', label: 'Hyaluronic acid filler, lips (1 mL)', detail: 'Another clinic.', occurred_on: '2026-03-15' }] },
  { name: ['Daniel', 'Reyes'], born: '1990-08-08', sex: 'male', phone: '+16265550116', lang: 'es' },
  { name: ['Hannah', 'Whitfield'], born: '1988-01-22', sex: 'female', phone: '+13235550117', allergies: [{ substance: 'Hyaluronidase', reaction: 'Local swelling', severity: 'mild' }] },
  { name: ['Camila', 'Torres'], born: '2000-06-14', sex: 'female', phone: '+16265550118', lang: 'es', tags: ['referred by Sofía'] },
  { name: ['Olivia', 'Chen'], born: '1975-11-09', sex: 'female', phone: '+13235550119', member: true, health: [{ kind: 'condition', label: 'Rosacea', detail: '', occurred_on: null }] },
  { name: ['Ethan', 'Park'], born: '1993-04-27', sex: 'male', phone: '+16265550120' },
  { name: ['Valentina', 'Cruz'], born: '1984-09-02', sex: 'female', phone: '+13235550121', lang: 'es', allergies: [{ substance: 'Bee venom', reaction: 'Anaphylaxis (carries an EpiPen)', severity: 'severe' }] },
  { name: ['Rachel', 'Adler'], born: '1972-12-18', sex: 'female', phone: '+16265550122' },
  { name: ['Noah', 'Greene'], born: '1998-02-05', sex: 'male', phone: '+13235550123' },
  {
    name: ['Lucía', 'Vega'],
    born: '2010-05-02',
    sex: 'female',
    lang: 'es',
    guardian: { guardian_name: 'Ana Vega', guardian_relationship: 'Mother', guardian_phone: '+16265550124', guardian_email: 'ana.vega@example.com', authorized: true },
  },
  {
    name: ['Mason', 'Ruiz'],
    born: '2011-08-19',
    sex: 'male',
    guardian: { guardian_name: 'Carlos Ruiz', guardian_relationship: 'Father', guardian_phone: '+13235550125', guardian_email: null },
  },
];

function asNewClient(c: DemoClient, i: number): NewClient {
  const [first, last, preferred = ''] = c.name;
  const email = c.guardian ? null : `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '') + '@example.com';
  return {
    profile: {
      first_name: first, last_name: last, preferred_name: preferred, pronouns: '', date_of_birth: c.born, sex: c.sex, gender_identity: '',
      preferred_language: c.lang ?? 'en', email, mobile_phone: c.phone ?? null, other_phone: null,
      address_line1: '', address_line2: '', city: i % 2 ? 'Pasadena' : 'Los Angeles', region: 'CA', postal_code: '',
    },
    consent: c.phone ? { sms_consent: true, sms_consent_method: 'in_person', email_consent: true, email_consent_method: 'in_person' } : { sms_consent: false, email_consent: false },
    guardian: c.guardian ?? null,
    allergies: c.allergies ?? [],
  };
}

export async function seedDemoClients(db: Database, tenantId: string, now: Date): Promise<number> {
  const scope = { tenantId, requestId: 'demo-seed', actor: { kind: 'system' as const, id: SYSTEM_ACTOR_ID }, surface: 'job' as const };
  return withTenant(db, scope, async (ctx) => {
    for (const [i, c] of CLIENTS.entries()) {
      const created = await createClient(ctx, asNewClient(c, i), now);
      if (!created.ok) throw new Error(`demo client ${i} was refused: ${JSON.stringify(created.errors)}`);
      for (const item of c.health ?? []) await addHealthItem(ctx, created.id, item);
      if (c.guardian?.authorized) {
        const { rows } = await ctx.tx.$client.query<{ id: string }>('SELECT id FROM client_guardians WHERE client_id = $1', [created.id]);
        await recordPaperAuthorization(ctx, created.id, rows[0]!.id);
      }
      if (c.member || c.tags) {
        await ctx.tx.$client.query('UPDATE clients SET is_member = $2, tags = $3 WHERE id = $1', [created.id, c.member ?? false, c.tags ?? []]);
      }
    }
    return CLIENTS.length;
  });
}
