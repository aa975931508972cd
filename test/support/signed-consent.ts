/**
 * A realistic signed neurotoxin consent, for the PDF's tests and its benchmark: the starter's
 * definition, every paragraph initialled, a previous treatment described at length, both
 * acknowledgements ticked, and a drawn signature as signature_pad makes it (a transparent PNG).
 */
import sharp from 'sharp';
import { withTenant } from '../../src/infra/db/tenant.ts';
import type { Answers, Lang } from '../../src/modules/forms/definition.ts';
import { issueFormLink, signLinkedForm } from '../../src/modules/forms/form-links.ts';
import type { SignedFormPdfInput } from '../../src/modules/forms/pdf/signed-form-pdf.ts';
import { freezeContent } from '../../src/modules/forms/signature.ts';
import { NEUROTOXIN_CONSENT } from '../../src/modules/forms/starters/neurotoxin.ts';
import type { TestApp } from './harness.ts';

export function neurotoxinAnswers(lang: Lang): Answers {
  const initials = 'MJG';
  const previous =
    lang === 'es'
      ? 'Botox en el entrecejo y la frente en marzo de 2026 (20 unidades), con un ligero moretón que desapareció en tres días. Antes, Dysport en las patas de gallo en 2025, sin efectos secundarios. Me dijeron que la ceja izquierda quedó «un poco más alta»; prefiero un resultado natural.'
      : 'Botox to the frown lines and forehead in March 2026 (20 units), with a slight bruise that went within three days. Before that, Dysport to the crow’s feet in 2025, no side effects. I was told the left brow sat “a little higher”; I prefer a natural result.';
  return {
    'how-it-works': initials,
    'common-effects': initials,
    'less-common-effects': initials,
    'serious-effects': initials,
    'not-suitable': initials,
    'off-label': initials,
    alternatives: initials,
    'previous-treatment': { answer: 'yes', followUp: previous },
    'upcoming-event': { answer: 'yes', followUp: lang === 'es' ? 'La boda de mi hermana, el 19 de diciembre.' : 'My sister’s wedding on December 19.' },
    aftercare: true,
    consent: true,
  };
}

/** A signature stroke drawn on a transparent 600×200 canvas, as signature_pad sends it. */
export function drawnSignaturePng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200">
    <path d="M40 140 C 70 40, 110 40, 120 130 S 170 170, 200 90 S 260 40, 280 120 C 300 170, 340 60, 370 110 S 430 150, 470 80 L 560 100"
      fill="none" stroke="#1b1b3a" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Everything the PDF needs, for María José García's consent signed in Spanish (or English). */
export async function signedConsentInput(lang: Lang = 'es', over: Partial<SignedFormPdfInput> = {}): Promise<SignedFormPdfInput> {
  const { content, sha256 } = freezeContent(NEUROTOXIN_CONSENT.definition, neurotoxinAnswers(lang));
  return {
    spaName: 'Glow Aesthetics & Spa',
    lang,
    templateName: NEUROTOXIN_CONSENT.name,
    version: 1,
    clientName: 'María José García-Núñez',
    formId: '3f0e8b57-2b8c-4c61-9a43-6f1f3e2d9a10',
    content,
    signature: {
      id: '9b7d1f0e-58a1-4c1b-8d0a-2f6e1c5b7a33',
      imagePng: await drawnSignaturePng(),
      typedName: 'María José García-Núñez',
      signerKind: 'client',
      signedAt: new Date('2026-11-27T14:41:07Z'),
      ip: '203.0.113.45',
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      linkId: 'c2b4d6e8-0a1c-4e3f-8a5b-7c9d1e2f3a4b',
      contentSha256: sha256,
    },
    verified: true,
    timeZone: 'America/New_York',
    generatedAt: new Date('2026-11-27T15:02:00Z'),
    ...over,
  };
}

/**
 * Asks a client the spa's copy of the neurotoxin consent and has them sign it through a link, as
 * the fill page does (signLinkedForm), in the given language. Answers the new form's id.
 */
export async function signNeurotoxinConsent(app: TestApp, input: { tenantId: string; clientId: string; lang: Lang; typedName?: string }): Promise<string> {
  const { rows } = await app.deps.db.ownerQuery<{ id: string }>(
    `INSERT INTO client_forms (tenant_id, client_id, template_id, form_version_id)
     SELECT v.tenant_id, $2, v.template_id, v.id FROM form_versions v JOIN form_templates t ON t.tenant_id = v.tenant_id AND t.id = v.template_id
      WHERE v.tenant_id = $1 AND t.starter_key = 'neurotoxin-consent' ORDER BY t.created_at, v.version DESC LIMIT 1 RETURNING id`,
    [input.tenantId, input.clientId],
  );
  const form = rows[0]!.id;
  const operator = (await app.deps.db.ownerQuery<{ id: string }>(`SELECT id FROM operators WHERE tenant_id = $1 ORDER BY created_at, id LIMIT 1`, [input.tenantId])).rows[0]!.id;
  const now = app.clock.now;
  const link = await withTenant(app.deps.db, { tenantId: input.tenantId, requestId: 'fixture-link', actor: { kind: 'operator', id: operator } }, (ctx) =>
    issueFormLink(ctx, { clientId: input.clientId, clientFormIds: [form], channel: 'sms', createdBy: operator, now }),
  );
  if (!link.ok) throw new Error('fixture link was refused');
  const ink = (await drawnSignaturePng()).toString('base64');
  const signed = await withTenant(app.deps.db, { tenantId: input.tenantId, requestId: 'fixture-signing', surface: 'public', ip: '203.0.113.7' }, (ctx) =>
    signLinkedForm(
      ctx,
      link.token,
      form,
      { answers: neurotoxinAnswers(input.lang), signatureDataUrl: `data:image/png;base64,${ink}`, typedName: input.typedName ?? 'Fixture Signer', consent: true, asGuardian: false, lang: input.lang, ip: '203.0.113.7', userAgent: 'Fixture phone' },
      now,
    ),
  );
  if (!signed.ok) throw new Error(`fixture signing was refused: ${JSON.stringify(signed)}`);
  return form;
}
