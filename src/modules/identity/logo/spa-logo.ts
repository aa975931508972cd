/**
 * The spa's logo (issue 7): kept in `tenant_logos`, one row per spa, replaced or removed from
 * Settings (an audited settings change) and served on the spa's host to anyone, as the client's
 * fill page and the kiosk have no sign-in. Pages learn whether there is one, and its version, from
 * the spa profile or session they already load (LOGO_VERSION_COLUMN), never by a query of their own.
 */
import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import type { PreparedLogo } from './logo-image.ts';

/** How much of the SHA-256 versions the logo's address: enough that two logos never share one. */
export const LOGO_VERSION_LENGTH = 16;

/** The SQL that gives the current spa's logo version (or null), for a query that reads `tenants t`. */
export const LOGO_VERSION_COLUMN = `(SELECT left(sha256, ${LOGO_VERSION_LENGTH}) FROM tenant_logos WHERE tenant_id = t.id)`;

export interface StoredLogo {
  image: Buffer;
  contentType: string;
  version: string;
}

export async function readSpaLogo(ctx: ServiceCtx): Promise<StoredLogo | null> {
  const { rows } = await ctx.tx.$client.query<{ image: Buffer | Uint8Array; content_type: string; sha256: string }>('SELECT image, content_type, sha256 FROM tenant_logos');
  const row = rows[0];
  if (!row) return null;
  return { image: Buffer.from(row.image), contentType: row.content_type, version: row.sha256.slice(0, LOGO_VERSION_LENGTH) };
}

/** The current logo's version, or null: for the settings page's preview. */
export async function spaLogoVersion(ctx: ServiceCtx): Promise<string | null> {
  const { rows } = await ctx.tx.$client.query<{ v: string | null }>(`SELECT ${LOGO_VERSION_COLUMN} AS v FROM tenants t`);
  return rows[0]?.v ?? null;
}

/** Keeps a re-encoded logo in place of any earlier one; audited as a settings change. */
export async function saveSpaLogo(ctx: ServiceCtx, logo: PreparedLogo, operatorId: string): Promise<void> {
  await ctx.tx.$client.query(
    `INSERT INTO tenant_logos (tenant_id, image, content_type, sha256, updated_at, updated_by)
     VALUES (current_tenant_id(), $1, $2, $3, now(), $4)
     ON CONFLICT (tenant_id) DO UPDATE SET image = EXCLUDED.image, content_type = EXCLUDED.content_type, sha256 = EXCLUDED.sha256, updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [logo.bytes, logo.contentType, logo.sha256, operatorId],
  );
  ctx.audit({ action: 'settings_change', recordType: 'tenant_logo', recordId: ctx.tenantId });
}

/** Removes the logo; pages show the initials badge again. Returns false (and audits nothing) when there was none. */
export async function removeSpaLogo(ctx: ServiceCtx): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query('DELETE FROM tenant_logos');
  if (!rowCount) return false;
  ctx.audit({ action: 'settings_change', recordType: 'tenant_logo', recordId: ctx.tenantId });
  return true;
}
