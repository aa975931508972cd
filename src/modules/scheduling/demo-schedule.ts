/**
 * The demo spa's treatment menu and staff weeks (development only), written through the
 * scheduling services like any manager's edits, so their audit rows are real.
 */
import { SYSTEM_ACTOR_ID } from '../../infra/audit/event.ts';
import type { Database } from '../../infra/db/database.ts';
import { withTenant, type ServiceCtx } from '../../infra/db/tenant.ts';
import { addCredential } from '../identity/staff-credentials.ts';
import type { Range } from '../tenancy/hours.ts';
import { saveWeek } from './schedules.ts';
import { readServiceForm } from './service-form.ts';
import { createService } from './services.ts';

type Phase = [label: string, minutes: number, uses: string];

interface DemoService {
  name: string;
  category: string;
  description: string;
  price: string;
  online: boolean;
  credentials: string[];
  /** Requirement label → names of the rooms or devices that satisfy it. */
  needs: Record<string, string[]>;
  /** "provider client Room" — what each phase holds. */
  phases: Phase[];
}

const ROOMS = ['Treatment Room 1', 'Treatment Room 2', 'Studio A', 'Studio B'];
const INJECTORS = ['RN', 'NP', 'MD', 'PA', 'DO'];

const SERVICES: DemoService[] = [
  {
    name: 'Neurotoxin — forehead & glabella',
    category: 'Injectables',
    description: 'Softens frown lines and forehead lines. Results in 3–14 days, lasting about three months.',
    price: '450',
    online: true,
    credentials: INJECTORS,
    needs: { Room: ROOMS },
    phases: [['Numbing', 15, 'client Room'], ['Treatment', 20, 'provider client Room']],
  },
  {
    name: 'Dermal filler — lips',
    category: 'Injectables',
    description: 'Hyaluronic acid filler for volume and definition, up to 1 syringe.',
    price: '750',
    online: false,
    credentials: INJECTORS,
    needs: { Room: ROOMS },
    phases: [['Numbing', 20, 'client Room'], ['Treatment', 45, 'provider client Room']],
  },
  {
    name: 'Laser hair removal — underarms',
    category: 'Laser',
    description: 'Nd:YAG laser, suitable for all skin types. Six sessions, four to six weeks apart.',
    price: '200',
    online: true,
    credentials: ['RN', 'NP', 'PA', 'MD'],
    needs: { Room: ['Laser Suite'], Laser: ['Laser 1 (Nd:YAG)'] },
    phases: [['Prep', 5, 'client Room'], ['Treatment', 20, 'provider client Room Laser'], ['Room reset', 5, 'Room']],
  },
  {
    name: 'HydraFacial',
    category: 'Facials',
    description: 'Cleanse, exfoliate, extract and hydrate in one visit.',
    price: '225',
    online: true,
    credentials: ['esthetician', 'RN', 'NP', 'MD'],
    needs: { Room: ROOMS },
    phases: [['Treatment', 50, 'provider client Room'], ['Room reset', 10, 'Room']],
  },
  {
    name: 'Consultation',
    category: 'Consultations',
    description: 'A first visit to talk through goals, health history and a treatment plan.',
    price: '0',
    online: true,
    credentials: [],
    needs: { Room: ROOMS },
    phases: [['Consultation', 30, 'provider client Room']],
  },
];

/** Weekday (0 = Sunday) → [work, break] at a location, per person (by email). */
const WEEKS: { email: string; credential?: { kind: 'MD'; number: string }; week: Record<string, Record<number, [Range, Range | null]>> }[] = [
  {
    email: 'provider@glow.example',
    week: {
      'Santa Monica': { 1: [['09:00', '17:00'], ['12:30', '13:00']], 2: [['09:00', '17:00'], ['12:30', '13:00']], 4: [['11:00', '19:00'], ['14:30', '15:00']] },
      Pasadena: { 3: [['10:00', '18:00'], ['13:00', '13:30']], 5: [['09:00', '17:00'], ['12:30', '13:00']], 6: [['09:00', '14:00'], null] },
    },
  },
  {
    email: 'owner@glow.example',
    credential: { kind: 'MD', number: 'A123456' },
    week: {
      'Santa Monica': { 3: [['10:00', '16:00'], ['12:00', '12:30']], 5: [['09:00', '13:00'], null] },
      Pasadena: { 2: [['09:00', '15:00'], ['12:00', '12:30']] },
    },
  },
];

function serviceBody(s: DemoService, resources: Map<string, string>): Record<string, string[]> {
  const body: Record<string, string[]> = {
    name: [s.name], category: [s.category], description: [s.description], price: [s.price], credentials: s.credentials,
    ...(s.online ? { online_bookable: ['on'] } : {}),
  };
  Object.entries(s.needs).forEach(([label, names], i) => {
    body[`req_${i}_label`] = [label];
    body[`req_${i}_resources`] = names.map((n) => resources.get(n)!).filter(Boolean);
  });
  s.phases.forEach(([label, minutes, uses], i) => {
    const words = uses.split(' ');
    body[`phase_${i}_label`] = [label];
    body[`phase_${i}_minutes`] = [String(minutes)];
    if (words.includes('provider')) body[`phase_${i}_provider`] = ['on'];
    if (words.includes('client')) body[`phase_${i}_client`] = ['on'];
    body[`phase_${i}_holds`] = [words.filter((w) => w !== 'provider' && w !== 'client').join(', ')];
  });
  return body;
}

async function seedServices(ctx: ServiceCtx): Promise<void> {
  const { rows } = await ctx.tx.$client.query<{ id: string; name: string }>('SELECT id, name FROM resources');
  const resources = new Map(rows.map((r) => [r.name, r.id]));
  for (const s of SERVICES) {
    const form = readServiceForm(serviceBody(s, resources));
    if (!form.ok) throw new Error(`demo service ${s.name}: ${JSON.stringify(form.errors)}`);
    const created = await createService(ctx, form.input, form.draft);
    if (!created.ok) throw new Error(`demo service ${s.name}: ${created.message}`);
  }
}

async function seedWeeks(ctx: ServiceCtx, now: Date): Promise<void> {
  const { rows: locations } = await ctx.tx.$client.query<{ id: string; name: string }>('SELECT id, name FROM locations');
  for (const person of WEEKS) {
    const { rows } = await ctx.tx.$client.query<{ id: string }>('SELECT id FROM operators WHERE email = $1', [person.email]);
    const operatorId = rows[0]?.id;
    if (!operatorId) continue;
    if (person.credential) {
      const expires = new Date(now.getTime() + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
      await addCredential(ctx, operatorId, { kind: person.credential.kind, licenceNumber: person.credential.number, licenceState: 'CA', expiresOn: expires });
    }
    for (const [locationName, days] of Object.entries(person.week)) {
      const locationId = locations.find((l) => l.name === locationName)?.id;
      if (!locationId) continue;
      const week = Object.entries(days).map(([weekday, [work, pause]]) => ({ weekday: Number(weekday), work, break: pause }));
      const saved = await saveWeek(ctx, operatorId, locationId, week);
      if (!saved?.ok) throw new Error(`demo week for ${person.email} at ${locationName}: ${saved ? saved.message : 'missing'}`);
    }
  }
}

/** Seeds the demo spa's services and staff weeks once, right after its clients. */
export async function seedDemoSchedule(db: Database, tenantId: string, now: Date): Promise<void> {
  const scope = { tenantId, requestId: 'demo-seed', actor: { kind: 'system' as const, id: SYSTEM_ACTOR_ID }, surface: 'job' as const };
  await withTenant(db, scope, async (ctx) => {
    await seedServices(ctx);
    await seedWeeks(ctx, now);
  });
}
