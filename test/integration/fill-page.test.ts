import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/infra/db/tenant.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { issueFormLink } from '../../src/modules/forms/form-links.ts';
import { APEX, startTestApp, type TestApp } from '../support/harness.ts';
import { TestBrowser } from '../support/http-client.ts';
import { drawnSignatureDataUrl } from '../support/signed-form.ts';

// Issue 7, PUB-1: the client's fill page shows one signature (the form's own signature item is
// the pad), ties every message to its field, marks a refused signing for the script to move focus,
// shows the spa's name, and tells "signed on" in the spa's time zone, not UTC.
let app: TestApp;
const ids: Record<string, string> = {};
let ink = '';
const HOST = `glow.${APEX}`;

const DEF: FormDefinition = {
  title: { en: 'Peel consent', es: 'Consentimiento de peeling' },
  items: [
    { type: 'short_text', id: 'medications', label: { en: 'Medications', es: 'Medicamentos' }, required: true },
    { type: 'yes_no', id: 'allergies', label: { en: 'Allergies?', es: '¿Alergias?' }, required: true, followUp: { label: { en: 'Which?', es: '¿Cuáles?' } } },
    { type: 'acknowledgement', id: 'risks', label: { en: 'I understand the risks.', es: 'Entiendo los riesgos.' }, required: true },
    { type: 'signature', id: 'sign', label: { en: 'Client signature', es: 'Firma del cliente' }, help: { en: 'Sign as on your ID.', es: 'Firme como en su identificación.' }, required: true },
  ],
};

async function id(sql: string, values: unknown[] = []): Promise<string> {
  return (await app.deps.db.ownerQuery<{ id: string }>(sql, values)).rows[0]!.id;
}

async function phoneForNewForm(): Promise<{ phone: TestBrowser; form: string }> {
  const form = await id(`INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id) VALUES ($1, $2, $3, $4) RETURNING id`, [app.spas.glow, ids.client, ids.template, ids.version]);
  const issued = await withTenant(app.deps.db, { tenantId: app.spas.glow, requestId: 'fill-page-test', actor: { kind: 'operator', id: ids.frontDesk! } }, (ctx) =>
    issueFormLink(ctx, { clientId: ids.client!, clientFormIds: [form], channel: 'sms', createdBy: ids.frontDesk!, now: app.clock.now }),
  );
  if (!issued.ok) throw new Error('link refused');
  const phone = new TestBrowser(app.http, HOST);
  await phone.get(`/f/${issued.token}`);
  return { phone, form };
}

/** Every message's id on the page that no field names in its aria-describedby. */
function untiedMessages(html: string): string[] {
  const messages = [...html.matchAll(/<p class="(?:field__error|fill__error)" id="([^"]+)"/g)].map((m) => m[1]!);
  const described = new Set([...html.matchAll(/aria-describedby="([^"]+)"/g)].flatMap((m) => m[1]!.split(' ')));
  return messages.filter((m) => !described.has(m));
}

beforeAll(async () => {
  app = await startTestApp();
  app.clock.now = new Date('2026-12-04T18:00:00Z');
  const t = app.spas.glow;
  ids.frontDesk = await id(`SELECT id FROM operators WHERE tenant_id = $1 AND email = 'frontdesk@glow.example'`, [t]);
  ids.template = await id(`INSERT INTO form_templates (tenant_id, name, kind, rule) VALUES ($1, 'Fill page consent', 'consent', 'per_visit') RETURNING id`, [t]);
  ids.version = await id(`INSERT INTO form_versions (tenant_id, template_id, version, definition) VALUES ($1, $2, 1, $3::jsonb) RETURNING id`, [t, ids.template, JSON.stringify(DEF)]);
  ids.client = await id(`INSERT INTO clients (tenant_id, first_name, last_name, date_of_birth) VALUES ($1, 'Fiona', 'Fillpage', '1985-05-05') RETURNING id`, [t]);
  ink = await drawnSignatureDataUrl();
});
afterAll(() => app?.close());

describe('the fill page', () => {
  it('shows the spa’s name and one signature: the form’s own signature item is the pad, with its words', async () => {
    const { phone } = await phoneForNewForm();
    for (const [lang, label, help] of [
      ['en', 'Client signature', 'Sign as on your ID.'],
      ['es', 'Firma del cliente', 'Firme como en su identificación.'],
    ] as const) {
      const html = await (await phone.get(`/f?lang=${lang}`)).text();
      expect(html).toMatch(/class="auth__brand"[\s\S]*Glow Aesthetics/);
      expect(html).not.toContain('form-signature');
      expect(html.split(label).length - 1).toBe(1);
      expect(html).toContain(help);
      expect(html).toMatch(/<canvas role="img" aria-labelledby="f0-sig-label" aria-describedby="f0-sig-form-help f0-sig-help">/);
    }
  });

  it('loads under 100 KB of script and stylesheet, raw (issue 7)', async () => {
    const { phone } = await phoneForNewForm();
    const html = await (await phone.get('/f')).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.map((a) => a.replace(/-[A-Z0-9]+\./, '.'))).toEqual(['/assets/form-fill.css', '/assets/form-fill.js']);
    const bytes = assets.reduce((sum, a) => sum + statSync(new URL(`../../public${a}`, import.meta.url)).size, 0);
    expect(bytes).toBeLessThan(100_000);
  });

  it('ties every message to its field on a refused signing, and marks the form so focus moves to the first', async () => {
    const { phone, form } = await phoneForNewForm();
    await phone.get('/f');
    for (const lang of ['en', 'es'] as const) {
      const refused = await phone.post(`/f/progress?lang=${lang}`, { form_id: form, lang, op: 'sign', 'f0-a_allergies': 'yes', signature: '' });
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toContain('data-refused');
      expect(html.match(/class="(?:field__error|fill__error)"/g)!.length).toBe(6);
      expect(untiedMessages(html)).toEqual([]);
      expect(html).toMatch(/aria-invalid="true" aria-describedby="f0-consent-error"/);
    }
    // A plain save with messages is not a refused signing: focus stays where the client is.
    const saved = await phone.post('/f/progress?lang=en', { form_id: form, lang: 'en', op: 'save' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).not.toContain('data-refused');
  });

  it('tells “signed on” in the spa’s time zone (Los Angeles), not UTC', async () => {
    const { phone, form } = await phoneForNewForm();
    await phone.get('/f');
    const start = app.clock.now;
    // 03:30 UTC on December 5 is still the evening of December 4 in Los Angeles.
    app.clock.now = new Date('2026-12-05T03:30:00Z');
    try {
      const signed = await phone.post('/f/progress?lang=en', {
        form_id: form, lang: 'en', op: 'sign', 'f0-a_medications': 'None', 'f0-a_allergies': 'no', 'f0-a_risks': 'yes', signature: ink, signer_name: 'Fiona Fillpage', signer_consent: 'yes',
      });
      expect(signed.status).toBe(303);
      expect(await (await phone.get('/f?lang=en')).text()).toContain('Signed on December 4, 2026');
      expect(await (await phone.get('/f?lang=es')).text()).toContain('Firmado el 4 de diciembre de 2026');
    } finally {
      app.clock.now = start;
    }
  });
});
