import sharp from 'sharp';
import type { Database } from '../../src/infra/db/database.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { freezeContent } from '../../src/modules/forms/signature.ts';

/**
 * Signs a pending client form directly, as the owner: a signature row with the frozen content of
 * its version (no answers) and a blank PNG, then the form marked signed (the database allows it
 * only with that row). For suites about what happens to a signed form, not about signing.
 */
export async function signFormDirectly(db: Database, tenantId: string, clientFormId: string): Promise<void> {
  const asked = (
    await db.ownerQuery<{ definition: FormDefinition }>(
      `SELECT v.definition FROM client_forms f JOIN form_versions v ON v.tenant_id = f.tenant_id AND v.id = f.form_version_id WHERE f.tenant_id = $1 AND f.id = $2`,
      [tenantId, clientFormId],
    )
  ).rows[0];
  if (!asked) throw new Error('no such client form');
  const frozen = freezeContent(asked.definition, {});
  const ink = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } }).png().toBuffer();
  await db.ownerQuery(
    `INSERT INTO form_signatures (tenant_id, client_form_id, content, content_sha256, image_png, typed_name, signer_kind, ip, user_agent)
     VALUES ($1, $2, $3::jsonb, $4, $5, 'Fixture Client', 'client', '203.0.113.9', 'Fixture browser')`,
    [tenantId, clientFormId, JSON.stringify(frozen.content), frozen.sha256, ink],
  );
  await db.ownerQuery(`UPDATE client_forms SET status = 'signed', signed_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, clientFormId]);
}

/** A drawn signature as the fill page posts it: a stroke on a transparent PNG, as a data URL. */
export async function drawnSignatureDataUrl(): Promise<string> {
  const png = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
    .composite([{ input: Buffer.from('<svg width="300" height="100"><path d="M10 80 C 60 10, 120 10, 290 60" stroke="black" stroke-width="3" fill="none"/></svg>') }])
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}
