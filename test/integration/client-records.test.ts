import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import type { TestBrowser } from '../support/http-client.ts';
import { signIn } from '../support/operators.ts';

// CRM-5, CRM-7, SEC-2, SEC-3: the client record as the front desk, a provider and an owner use it.
let app: TestApp;
let owner: TestBrowser;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signIn(app, 'owner@glow.example');
});
afterAll(() => app?.close());

async function rows<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await app.deps.db.ownerQuery(sql, values)).rows as T[];
}
const count = async (sql: string, values: unknown[] = []) => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, values))[0]!.n;
const clientCount = () => count('SELECT 1 FROM clients WHERE tenant_id = $1', [app.spas.glow]);

const ADULT = {
  first_name: 'Marisol',
  last_name: 'Vega',
  preferred_name: 'Mari',
  pronouns: 'she/her',
  date_of_birth: '1988-04-12',
  sex: 'female',
  gender_identity: '',
  preferred_language: 'es',
  email: 'mari.vega@example.com',
  mobile_phone: '(310) 555-0142',
  other_phone: '',
  address_line1: '12 Ocean Ave',
  address_line2: '',
  city: 'Santa Monica',
  region: 'CA',
  postal_code: '90401',
};

/** Moves the clock and signs in again (a jump of hours ends the earlier session, as it would at the spa). */
async function at(iso: string): Promise<void> {
  app.clock.now = new Date(iso);
  owner = await signIn(app, 'owner@glow.example');
}

/** Posts the new-client form; these tests reuse one person's details, so they say "a different person" unless a test is about duplicates. */
async function create(browser: TestBrowser, form: Record<string, string>, sameCheck = false): Promise<Response> {
  await browser.get('/clients/new');
  return browser.post('/clients/new', sameCheck ? form : { different_person: 'on', ...form });
}

async function createdId(response: Response): Promise<string> {
  expect(response.status, (await response.clone().text()).replace(/\s+/g, ' ').slice(0, 300)).toBe(303);
  const id = /^\/clients\/([0-9a-f-]{36})\?done=created$/.exec(response.headers.get('location') ?? '')?.[1];
  expect(id).toBeDefined();
  return id!;
}

describe('creating a client', () => {
  it('creates the record with its allergies and consent, audited, and opens it with the allergies shown first', async () => {
    const response = await create(owner, {
      ...ADULT,
      sms_consent: 'on',
      sms_consent_method: 'in_person',
      allergy_0_substance: 'Lidocaine',
      allergy_0_reaction: 'Hives',
      allergy_0_severity: 'severe',
    });
    const id = await createdId(response);
    const [client] = await rows<{ mobile_phone: string; sms_consent: boolean; sms_consent_at: Date | null; email: string }>('SELECT mobile_phone, sms_consent, sms_consent_at, email::text AS email FROM clients WHERE id = $1', [id]);
    expect(client).toMatchObject({ mobile_phone: '+13105550142', sms_consent: true, email: 'mari.vega@example.com' });
    expect(client!.sms_consent_at).not.toBeNull();
    expect(await count(`SELECT 1 FROM audit_events WHERE action = 'create' AND record_type = 'client' AND record_id = $1 AND $1::uuid = ANY(client_ids)`, [id])).toBe(1);

    const page = await owner.get(`/clients/${id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Mari Vega');
    expect(html).toMatch(/data-allergies[^>]*>[\s\S]*Lidocaine[\s\S]*Severe/);
    expect(html).toContain('(310) 555-0142');
    expect(await count(`SELECT 1 FROM audit_events WHERE action = 'read' AND record_id = $1 AND $1::uuid = ANY(client_ids)`, [id])).toBe(1);
  });

  it('refuses bad input field by field, keeps what was typed, and writes nothing', async () => {
    const before = await clientCount();
    const response = await create(owner, { ...ADULT, first_name: '', mobile_phone: '555-01', date_of_birth: '1988-02-30', sms_consent: 'on', allergy_1_substance: 'Latex' });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('Enter the legal first name.');
    expect(html).toContain('Mobile phone: enter a phone number like (310) 555-0123');
    expect(html).toContain('Enter the date of birth like 1990-03-14.');
    expect(html).toContain('Say how the client agreed to text messages.');
    expect(html).toContain('Choose how severe the reaction is');
    expect(html).toContain('value="555-01"');
    expect(html).toContain('value="Latex"');
    expect(await clientCount()).toBe(before);
  });

  it('offers an existing record with the same name and date of birth, and creates a new one only when told it is someone else', async () => {
    const first = await createdId(await create(owner, { ...ADULT, first_name: 'Dana', preferred_name: '', email: 'dana.one@example.com', mobile_phone: '' }));
    const before = await clientCount();
    const offered = await create(owner, { ...ADULT, first_name: 'Dana', preferred_name: '', email: 'dana.two@example.com', mobile_phone: '' }, true);
    expect(offered.status).toBe(409);
    const html = await offered.text();
    expect(html).toContain('This client may already have a record');
    expect(html).toContain(`href="/clients/${first}"`);
    expect(html).toContain('same name and date of birth');
    expect(await clientCount()).toBe(before);
    expect(await count(`SELECT 1 FROM audit_events WHERE action = 'search' AND $1::uuid = ANY(client_ids)`, [first])).toBeGreaterThan(0);

    await createdId(await owner.post('/clients/new', { ...ADULT, first_name: 'Dana', preferred_name: '', email: 'dana.two@example.com', mobile_phone: '', different_person: 'on' }));
    expect(await clientCount()).toBe(before + 1);
  });

  it('refuses a date of birth in the future', async () => {
    const before = await clientCount();
    const response = await create(owner, { ...ADULT, date_of_birth: '2099-01-01' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The date of birth is in the future.');
    expect(await clientCount()).toBe(before);
  });
});

describe('the header', () => {
  it('counts completed visits and shows the last one; a cancellation is not a visit', async () => {
    const id = await createdId(await create(owner, ADULT));
    expect(await (await owner.get(`/clients/${id}`)).text()).toContain('no visits yet');
    const location = (await rows<{ id: string }>('SELECT id FROM locations WHERE tenant_id = $1 LIMIT 1', [app.spas.glow]))[0]!.id;
    for (const [day, status, reason] of [['2026-03-02', 'completed', null], ['2026-06-15', 'completed', null], ['2026-07-01', 'cancelled', 'Client ill']]) {
      await app.deps.db.ownerQuery(
        `INSERT INTO appointments (tenant_id, client_id, location_id, status, starts_at, ends_at, cancel_reason) VALUES ($1, $2, $3, $4, $5::date + time '18:00', $5::date + time '19:00', $6)`,
        [app.spas.glow, id, location, status, day, reason],
      );
    }
    expect(await (await owner.get(`/clients/${id}`)).text()).toContain('2 visits, last Jun 15, 2026');
  });
});

describe('editing in place', () => {
  it('saves a section, keeps the previous value in the timeline, and audits the change', async () => {
    const id = await createdId(await create(owner, { ...ADULT, email: 'edit.me@example.com', mobile_phone: '3105550100' }));
    const form = await owner.get(`/clients/${id}?edit=contact`);
    expect(await form.text()).toContain('Save contact');
    const saved = await owner.post(`/clients/${id}/profile/contact`, { email: 'edit.me@example.com', mobile_phone: '(310) 555-0177', other_phone: '', address_line1: '', address_line2: '', city: 'Venice', region: 'CA', postal_code: '' });
    expect(saved.status).toBe(303);
    expect((await rows<{ mobile_phone: string }>('SELECT mobile_phone FROM clients WHERE id = $1', [id]))[0]!.mobile_phone).toBe('+13105550177');
    const timeline = await (await owner.get(`/clients/${id}/timeline`)).text();
    expect(timeline).toMatch(/Mobile phone<\/span>: <del[^>]*>\(310\) 555-0100<\/del> → <ins[^>]*>\(310\) 555-0177<\/ins>/);
    expect(timeline).toContain('Maya Okafor');
    expect(await count(`SELECT 1 FROM audit_events WHERE action = 'update' AND record_id = $1`, [id])).toBe(1);
    expect(await count(`SELECT 1 FROM audit_events WHERE record_type = 'client_history' AND record_id = $1`, [id])).toBe(1);
  });

  it('refuses an invalid edit with the message beside the field and changes nothing', async () => {
    const id = await createdId(await create(owner, { ...ADULT, email: 'keep.me@example.com' }));
    const response = await owner.post(`/clients/${id}/profile/contact`, { email: 'not-an-email', mobile_phone: '', other_phone: '', address_line1: '', address_line2: '', city: '', region: '', postal_code: '' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Enter an email address like name@example.com.');
    expect(html).toContain('value="not-an-email"');
    expect((await rows<{ email: string }>('SELECT email::text AS email FROM clients WHERE id = $1', [id]))[0]!.email).toBe('keep.me@example.com');
    expect(await count(`SELECT 1 FROM client_events WHERE client_id = $1 AND kind = 'updated'`, [id])).toBe(0);
  });

  it('records consent with how it was given, and its withdrawal', async () => {
    const id = await createdId(await create(owner, ADULT));
    const missing = await owner.post(`/clients/${id}/consent`, { email_consent: 'on' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Say how the client agreed to email.');
    expect((await owner.post(`/clients/${id}/consent`, { email_consent: 'on', email_consent_method: 'in_writing' })).status).toBe(303);
    let [c] = await rows<{ email_consent: boolean; email_consent_method: string; email_consent_at: Date | null }>('SELECT email_consent, email_consent_method, email_consent_at FROM clients WHERE id = $1', [id]);
    expect(c).toMatchObject({ email_consent: true, email_consent_method: 'in_writing' });
    expect(c!.email_consent_at).not.toBeNull();
    expect((await owner.post(`/clients/${id}/consent`, {})).status).toBe(303);
    [c] = await rows('SELECT email_consent, email_consent_method, email_consent_at FROM clients WHERE id = $1', [id]);
    expect(c).toMatchObject({ email_consent: false, email_consent_method: null, email_consent_at: null });
  });

  it('adds and removes allergies and health entries, keeping who and when', async () => {
    const id = await createdId(await create(owner, ADULT));
    expect((await owner.post(`/clients/${id}/allergies`, { substance: 'Hyaluronidase', reaction: 'Swelling', severity: 'moderate' })).status).toBe(303);
    expect((await owner.post(`/clients/${id}/health`, { kind: 'contraindication', label: 'Pregnant', detail: 'Due in May', occurred_on: '' })).status).toBe(303);
    const bad = await owner.post(`/clients/${id}/health`, { kind: 'rumour', label: '', detail: '', occurred_on: 'yesterday' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Choose what kind of entry this is.');
    expect(badHtml).toContain('Enter the date like 2025-06-30');

    const health = await (await owner.get(`/clients/${id}/health`)).text();
    expect(health).toContain('Pregnant');
    expect(health).toContain('by Maya Okafor');
    const allergyId = (await rows<{ id: string }>('SELECT id FROM client_allergies WHERE client_id = $1', [id]))[0]!.id;
    expect((await owner.post(`/clients/${id}/allergies/${allergyId}/remove`, {})).status).toBe(303);
    const [removed] = await rows<{ removed_at: Date | null; removed_by: string | null }>('SELECT removed_at, removed_by FROM client_allergies WHERE id = $1', [allergyId]);
    expect(removed!.removed_at).not.toBeNull();
    expect(removed!.removed_by).not.toBeNull();
    const timeline = await (await owner.get(`/clients/${id}/timeline`)).text();
    expect(timeline).toContain('Allergy removed: Hyaluronidase.');
    expect(timeline).toContain('Contraindication added: Pregnant.');
  });
});

describe('what each role sees (SEC-2)', () => {
  let id: string;
  beforeAll(async () => {
    id = await createdId(await create(owner, { ...ADULT, allergy_0_substance: 'Benzocaine', allergy_0_severity: 'mild' }));
    await owner.post(`/clients/${id}/health`, { kind: 'medication', label: 'Isotretinoin 20 mg', detail: '', occurred_on: '' });
  });

  it('shows the front desk the profile and allergies but never the health history', async () => {
    const desk = await signIn(app, 'frontdesk@glow.example');
    const html = await (await desk.get(`/clients/${id}`)).text();
    expect(html).toContain('Benzocaine');
    expect(html).not.toContain('Isotretinoin');
    expect(html).not.toContain('Health history');
    expect((await desk.get(`/clients/${id}/health`)).status).toBe(403);
    expect(await (await desk.get(`/clients/${id}/timeline`)).text()).not.toContain('Isotretinoin');
  });

  it('shows the bookkeeper and marketing neither allergies nor health', async () => {
    for (const email of ['bookkeeper@glow.example', 'marketing@glow.example']) {
      const browser = await signIn(app, email);
      const page = await browser.get(`/clients/${id}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Vega');
      expect(html, email).not.toContain('Benzocaine');
      expect(html, email).not.toContain('Allergies');
      expect(await (await browser.get(`/clients/${id}/timeline`)).text(), email).not.toContain('Benzocaine');
      expect((await browser.post(`/clients/${id}/allergies`, { substance: 'X', reaction: '', severity: 'mild' })).status).toBe(403);
    }
  });

  it('shows the provider the health history', async () => {
    const provider = await signIn(app, 'provider@glow.example');
    expect(await (await provider.get(`/clients/${id}/health`)).text()).toContain('Isotretinoin 20 mg');
  });

  it('answers 404 to another spa, for reads and writes, and writes nothing', async () => {
    const outsider = await signIn(app, 'owner@lumen.example', `lumen.${APEX}`);
    expect((await outsider.get(`/clients/${id}`)).status).toBe(404);
    expect((await outsider.get(`/clients/${id}/health`)).status).toBe(404);
    const events = await count('SELECT 1 FROM client_events WHERE client_id = $1', [id]);
    await outsider.get('/');
    expect((await outsider.post(`/clients/${id}/allergies`, { substance: 'Nickel', reaction: '', severity: 'mild' })).status).toBe(404);
    expect((await outsider.post(`/clients/${id}/profile/contact`, { ...ADULT, email: 'x@example.com' })).status).toBe(404);
    expect(await count('SELECT 1 FROM client_events WHERE client_id = $1', [id])).toBe(events);
  });
});

// Last: these move the clock forward (one-time codes never go back in time).
describe('minors (CRM-7)', () => {
  it('refuses a minor without a guardian, then takes one with a guardian and flags them until authorization is on file', async () => {
    await at('2026-11-27T18:00:00Z');
    const minor = { ...ADULT, first_name: 'Lucía', preferred_name: '', email: '', mobile_phone: '', date_of_birth: '2011-05-02' };
    const before = await clientCount();
    const refused = await create(owner, minor);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Lucía is 15, under this spa’s age of majority (18): add a parent or guardian.');
    expect(await clientCount()).toBe(before);

    const id = await createdId(await create(owner, { ...minor, guardian_name: 'Ana Vega', guardian_relationship: 'Mother', guardian_phone: '310 555 0199' }));
    let html = await (await owner.get(`/clients/${id}`)).text();
    expect(html).toContain('Minor · guardian authorization missing');
    expect(html).toContain('Ana Vega');

    const guardianId = (await rows<{ id: string }>('SELECT id FROM client_guardians WHERE client_id = $1', [id]))[0]!.id;
    const removal = await owner.post(`/clients/${id}/guardians/${guardianId}/remove`, {});
    expect(removal.status).toBe(409);
    expect(await removal.text()).toContain('needs a parent or guardian on file');

    const desk = await signIn(app, 'frontdesk@glow.example');
    expect(await (await desk.get(`/clients/${id}`)).text()).not.toContain('Paper authorization received');
    expect((await desk.post(`/clients/${id}/guardians/${guardianId}/authorize`, {})).status).toBe(403);
    const grownUp = await desk.post(`/clients/${id}/profile/identity`, { ...minor, date_of_birth: '2000-05-02' });
    expect(grownUp.status).toBe(409);
    expect(await grownUp.text()).toContain('Only an owner or a manager can change the date of birth of a client under the age of majority.');

    await owner.get(`/clients/${id}`);
    expect((await owner.post(`/clients/${id}/guardians/${guardianId}/authorize`, {})).status).toBe(303);
    html = await (await owner.get(`/clients/${id}`)).text();
    expect(html).toContain('Minor · guardian authorized');
    expect(html).toContain('Authorization on file (paper)');
  });

  it('counts age on the spa’s calendar: turning 18 tomorrow in Los Angeles is still a minor tonight, whatever UTC says', async () => {
    await app.deps.db.ownerQuery(`UPDATE locations SET timezone = 'America/Los_Angeles' WHERE tenant_id = $1`, [app.spas.glow]);
    // 21:30 in Los Angeles on 27 November is already 28 November in UTC.
    await at('2026-11-28T05:30:00Z');
    const eve = { ...ADULT, first_name: 'Noor', preferred_name: '', email: '', mobile_phone: '', date_of_birth: '2008-11-28' };
    const refused = await create(owner, eve);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Noor is 17');

    await at('2026-11-28T08:00:00Z'); // midnight has passed in Los Angeles
    const id = await createdId(await create(owner, eve));
    expect(await (await owner.get(`/clients/${id}`)).text()).not.toContain('Minor ·');
  });

  it('follows the spa’s age of majority setting', async () => {
    await at('2026-11-28T09:00:00Z');
    await app.deps.db.ownerQuery('UPDATE tenants SET age_of_majority = 19 WHERE id = $1', [app.spas.glow]);
    try {
      const response = await create(owner, { ...ADULT, first_name: 'Eli', email: '', mobile_phone: '', date_of_birth: '2008-01-15' });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Eli is 18, under this spa’s age of majority (19)');
    } finally {
      await app.deps.db.ownerQuery('UPDATE tenants SET age_of_majority = 18 WHERE id = $1', [app.spas.glow]);
    }
  });
});
