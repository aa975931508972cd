import { randomUUID } from 'node:crypto';
import { withTenant } from '../../src/infra/db/tenant.ts';
import { hashToken, newToken } from '../../src/infra/crypto/tokens.ts';
import { sealAll } from '../../src/modules/audit/seal.ts';
import { preparePhoto } from '../../src/modules/charting/photos/image.ts';
import { storePhotos } from '../../src/modules/charting/photos/photos.ts';
import { addHealthItem } from '../../src/modules/clients/health.ts';
import { createClient } from '../../src/modules/clients/records.ts';
import { assignFormsForBooking } from '../../src/modules/forms/assignment.ts';
import { issueFormLink } from '../../src/modules/forms/form-links.ts';
import { freezeContent } from '../../src/modules/forms/signature.ts';
import { downloadSignedFormPdf } from '../../src/modules/forms/signed-forms.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { copyStarter, setServiceForms } from '../../src/modules/forms/templates.ts';
import sharp from 'sharp';
import { acknowledgePolicy } from '../../src/modules/identity/policy-notices.ts';
import { prepareLogo } from '../../src/modules/identity/logo/logo-image.ts';
import { saveSpaLogo } from '../../src/modules/identity/logo/spa-logo.ts';
import type { TestApp } from './harness.ts';
import { signIn } from './operators.ts';
import { cameraJpeg } from './photos.ts';

/**
 * Puts rows of both spas into every tenant table, through the product's own
 * paths where one exists (sign-in makes sessions, recovery codes and audit rows;
 * a stored file makes the data key). The isolation suite refuses a table without
 * rows of the second spa, so a new table must be added here.
 */
export async function giveEveryTableRowsOfBothSpas(app: TestApp): Promise<void> {
  // A Lumè-wide policy version (not material: no notice for other suites), acknowledged in each spa.
  await app.deps.db.ownerQuery(
    `INSERT INTO policies (kind, version, effective_on, material, summary, published_by)
     SELECT 'terms', 'fixture', current_date, false, 'Fixture version.', id FROM console_staff ORDER BY created_at LIMIT 1
     ON CONFLICT (kind, version) DO NOTHING`,
  );
  const policyId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM policies WHERE kind = 'terms' AND version = 'fixture'`)).rows[0]!.id;
  const photo = await preparePhoto(await cameraJpeg({ width: 160, height: 120 }));
  const logo = await prepareLogo(await sharp({ create: { width: 64, height: 64, channels: 4, background: '#7a4e6e' } }).png().toBuffer());
  for (const [tenantId, slug] of [[app.spas.glow, 'glow'], [app.spas.other, 'lumen']] as const) {
    await signIn(app, `owner@${slug}.example`, `${slug}.localhost:3000`);
    await withTenant(app.deps.db, { tenantId, requestId: 'fixture' }, async ({ tx, audit }) => {
      audit({ action: 'read', recordType: 'client_list', clientIds: [randomUUID(), randomUUID()] });
      await app.deps.files.putFile(tx, tenantId, 'fixture/hello.txt', Buffer.from('hello'));
      await tx.$client.query(
        `INSERT INTO auth_tokens (tenant_id, operator_id, purpose, token_hash, expires_at)
         SELECT tenant_id, id, 'password_reset', $1, now() + interval '30 minutes' FROM operators LIMIT 1`,
        [hashToken(newToken())],
      );
      const operator = (await tx.$client.query<{ id: string }>('SELECT id FROM operators ORDER BY created_at, id LIMIT 1')).rows[0]!;
      const ctx = { tx, tenantId, actor: { kind: 'operator' as const, id: operator.id }, audit };
      await acknowledgePolicy(ctx, operator.id, policyId, new Date());
      // The spa's logo (issue 7), kept as Settings keeps an upload.
      await saveSpaLogo(ctx, logo, operator.id);
      const clientId = await addClientRows(ctx);
      await addSchedulingRows(ctx, clientId);
      // A before photo, stored as the Photos tab stores one (row and encrypted files).
      if (!(await storePhotos(ctx, app.deps.files, clientId, { kind: 'before', area: 'Fixture', appointmentId: null }, [photo])).ok) throw new Error('fixture photo was refused');
      // The signed form's PDF (issue 7), made and kept encrypted as its first download makes it.
      const signed = (await tx.$client.query<{ id: string }>(`SELECT id FROM client_forms WHERE client_id = $1 AND status = 'signed' LIMIT 1`, [clientId])).rows[0]!.id;
      if (!(await downloadSignedFormPdf(ctx, app.deps.files, clientId, signed, new Date())).ok) throw new Error('fixture signed-form PDF was refused');
    });
  }
  await openBreakGlassInBothSpas(app);
  await sealAll(app.deps.db, app.deps.config.auditKey);
}

/** A break-glass window in each spa, opened the console's way (the function writes the grant and the spa's audit row). */
async function openBreakGlassInBothSpas(app: TestApp): Promise<void> {
  const staffId = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM console_staff WHERE role IN ('support', 'admin') AND status = 'active' ORDER BY created_at LIMIT 1`)).rows[0]!.id;
  for (const tenantId of [app.spas.glow, app.spas.other]) {
    await app.deps.db.transaction('console', { 'app.request_id': 'fixture' }, (client) =>
      client.query('SELECT * FROM console_open_break_glass($1, $2, $3, 15, $4, now(), $5)', [tenantId, staffId, 'Fixture: support checking an import.', hashToken(newToken()), 'fixture']),
    );
  }
}

type Ctx = Parameters<typeof createClient>[0];

/** Two clients (a minor with a guardian, an adult with an allergy), a health entry, their history and a merge record. */
async function addClientRows(ctx: Ctx): Promise<string> {
  const now = new Date();
  const profile = {
    first_name: 'Fixture', last_name: 'Client', preferred_name: '', pronouns: '', date_of_birth: '1990-01-01', sex: 'unknown' as const, gender_identity: '',
    preferred_language: 'en' as const, email: null, mobile_phone: null, other_phone: null, address_line1: '', address_line2: '', city: '', region: '', postal_code: '',
  };
  const consent = { sms_consent: false, email_consent: false };
  const adult = await createClient(ctx, { profile, consent, guardian: null, allergies: [{ substance: 'Lidocaine', reaction: '', severity: 'severe' }] }, now);
  const minor = await createClient(
    ctx,
    { profile: { ...profile, first_name: 'Young', date_of_birth: '2015-06-01' }, consent, allergies: [],
      guardian: { guardian_name: 'Fixture Parent', guardian_relationship: 'Mother', guardian_phone: '+13105550100', guardian_email: null } },
    now,
  );
  if (!adult.ok || !minor.ok) throw new Error('fixture clients were refused');
  await addHealthItem(ctx, adult.id, { kind: 'medication', label: 'Fixture medication', detail: '', occurred_on: null });
  await ctx.tx.$client.query(
    `INSERT INTO client_merges (tenant_id, survivor_id, merged_id, snapshot) VALUES (current_tenant_id(), $1, $2, '{}')`,
    [adult.id, minor.id],
  );
  return adult.id;
}

/** A closure, a provider's week, a day change, time off, a service with a requirement and phases, a booking with its holds and forms, and a blocked hour. */
async function addSchedulingRows(ctx: Ctx, clientId: string): Promise<void> {
  const q = async (sql: string, values: unknown[] = []) => (await ctx.tx.$client.query<{ id: string }>(sql, values)).rows[0]?.id;
  const location = await q('SELECT id FROM locations ORDER BY name LIMIT 1');
  const room = await q(`SELECT id FROM resources WHERE location_id = $1 ORDER BY name LIMIT 1`, [location]);
  const provider = await q('SELECT id FROM operators ORDER BY created_at, id LIMIT 1');
  await q(`INSERT INTO location_closures (tenant_id, location_id, starts_on, ends_on, reason) VALUES (current_tenant_id(), $1, '2026-12-25', '2026-12-25', 'Holiday')`, [location]);
  await q(`INSERT INTO staff_hours (tenant_id, operator_id, location_id, weekday, starts, ends) VALUES (current_tenant_id(), $1, $2, 1, '09:00', '17:00')`, [provider, location]);
  await q(`INSERT INTO staff_day_changes (tenant_id, operator_id, location_id, on_date, hours) VALUES (current_tenant_id(), $1, $2, '2026-12-07', '[["10:00","14:00"]]')`, [provider, location]);
  await q(`INSERT INTO staff_time_off (tenant_id, operator_id, during) VALUES (current_tenant_id(), $1, '[2026-12-20 00:00Z, 2026-12-22 00:00Z)')`, [provider]);
  const service = await q(`INSERT INTO services (tenant_id, name, price_cents) VALUES (current_tenant_id(), 'Fixture facial', 15000) RETURNING id`);
  await q(`INSERT INTO service_requirements (tenant_id, service_id, label, resource_ids) VALUES (current_tenant_id(), $1, 'Room', ARRAY[$2::uuid])`, [service, room]);
  await q(`INSERT INTO service_phases (tenant_id, service_id, position, label, minutes, uses_provider, requirement_labels) VALUES (current_tenant_id(), $1, 0, 'Treatment', 45, true, '{Room}')`, [service]);
  const appointment = await q(
    `INSERT INTO appointments (tenant_id, client_id, location_id, starts_at, ends_at) VALUES (current_tenant_id(), $1, $2, '2026-12-08 17:00Z', '2026-12-08 17:45Z') RETURNING id`,
    [clientId, location],
  );
  const line = await q(
    `INSERT INTO appointment_services (tenant_id, appointment_id, position, service_id, provider_id, starts_at, ends_at, resources, price_cents)
     VALUES (current_tenant_id(), $1, 0, $2, $3, '2026-12-08 17:00Z', '2026-12-08 17:45Z', jsonb_build_object('Room', $4::uuid), 15000) RETURNING id`,
    [appointment, service, provider, room],
  );
  for (const [column, subject] of [['provider_id', provider], ['resource_id', room]] as const) {
    await q(`INSERT INTO occupancy (tenant_id, ${column}, during, appointment_id, appointment_service_id) VALUES (current_tenant_id(), $1, '[2026-12-08 17:00Z, 2026-12-08 17:45Z)', $2, $3)`, [subject, appointment, line]);
  }
  // A signed chart of that visit, with its product and an addendum (issue 6).
  const product = await q(`INSERT INTO products (tenant_id, name, kind, unit) VALUES (current_tenant_id(), 'Fixture toxin', 'neurotoxin', 'units') RETURNING id`);
  const chart = await q(
    `INSERT INTO charts (tenant_id, appointment_id, appointment_service_id, service_id, provider_id, procedure, narrative, template)
     VALUES (current_tenant_id(), $1, $2, $3, $4, 'Fixture treatment', 'Fixture note', 'free') RETURNING id`,
    [appointment, line, service, provider],
  );
  await q(`INSERT INTO chart_products (tenant_id, chart_id, position, product_id, lot_number, lot_expiry, amount) VALUES (current_tenant_id(), $1, 0, $2, 'FX1', '2030-01-31', 10)`, [chart, product]);
  await q(`UPDATE charts SET status = 'signed', signed_at = now(), signed_by = $2, signed_name = 'Fixture', content_sha256 = repeat('0', 64) WHERE id = $1`, [chart, provider]);
  await q(`INSERT INTO chart_addenda (tenant_id, chart_id, author_id, author_name, body) VALUES (current_tenant_id(), $1, $2, 'Fixture', 'Fixture addendum')`, [chart, provider]);
  // Forms (issue 7): a copy of the neurotoxin consent, linked to the service and asked at the booking above.
  const consent = (await copyStarter(ctx, 'neurotoxin-consent'))!;
  await setServiceForms(ctx, service!, [consent]);
  await assignFormsForBooking(ctx, { appointmentId: appointment!, clientId, serviceIds: [service!], startsAt: new Date('2026-12-08T17:00:00Z'), localDate: '2026-12-08' });
  // A link for that form, and its signature (issue 7, PUB-1): the form signed, the link used.
  const form = (await q(`SELECT id FROM client_forms WHERE appointment_id = $1 ORDER BY created_at LIMIT 1`, [appointment]))!;
  const link = await issueFormLink(ctx, { clientId, clientFormIds: [form], channel: 'sms', createdBy: ctx.actor.id!, now: new Date() });
  if (!link.ok) throw new Error('fixture form link was refused');
  const asked = (await ctx.tx.$client.query<{ definition: FormDefinition }>(`SELECT v.definition FROM client_forms f JOIN form_versions v ON v.tenant_id = f.tenant_id AND v.id = f.form_version_id WHERE f.id = $1`, [form])).rows[0]!;
  const frozen = freezeContent(asked.definition, {});
  const ink = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } }).png().toBuffer();
  await q(
    `INSERT INTO form_signatures (tenant_id, client_form_id, content, content_sha256, image_png, typed_name, signer_kind, ip, user_agent, link_id)
     VALUES (current_tenant_id(), $1, $2::jsonb, $3, $4, 'Fixture Client', 'client', '203.0.113.9', 'Fixture browser', $5) RETURNING id`,
    [form, JSON.stringify(frozen.content), frozen.sha256, ink, link.linkId],
  );
  await ctx.tx.$client.query(`UPDATE client_forms SET status = 'signed', signed_at = now() WHERE id = $1`, [form]);
  await ctx.tx.$client.query(`UPDATE form_links SET used_at = now() WHERE id = $1`, [link.linkId]);
  // A code sent to fill that form from last time (issue 7): stored only as its HMAC.
  await q(
    `INSERT INTO form_prefill_codes (tenant_id, id, link_id, client_form_id, code_hash, channel, destination_hint, expires_at)
     VALUES (current_tenant_id(), gen_random_uuid(), $1, $2, $3, 'sms', '67', now() + interval '10 minutes')`,
    [link.linkId, form, hashToken(newToken())],
  );
  const block = await q(`INSERT INTO time_blocks (tenant_id, location_id, resource_id, during, reason) VALUES (current_tenant_id(), $1, $2, '[2026-12-09 17:00Z, 2026-12-09 18:00Z)', 'Laser service') RETURNING id`, [location, room]);
  await q(`INSERT INTO occupancy (tenant_id, resource_id, during, time_block_id) VALUES (current_tenant_id(), $1, '[2026-12-09 17:00Z, 2026-12-09 18:00Z)', $2)`, [room, block]);
}
