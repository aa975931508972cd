import { eq, sql } from 'drizzle-orm';
import { locations, resources, tenants } from '../../infra/db/schema.ts';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { LOGO_VERSION_LENGTH } from '../identity/logo/spa-logo.ts';

export interface SpaProfile {
  id: string;
  slug: string;
  displayName: string;
  idleTimeoutMinutes: number;
  ageOfMajority: number;
  /** Charts need a supervising physician's co-signature (ADR 010). */
  chartCosignRequired: boolean;
  /** How many days a form link sent to a client stays usable. */
  formLinkDays: number;
  /** The logo's version (a prefix of its SHA-256) when the spa has one: pages draw it from spaLogoUrl (src/ui/components/spa-brand.tsx). */
  logoVersion: string | null;
}

/** The current tenant's own row (row-level security shows no other). */
export async function getSpaProfile({ tx }: ServiceCtx): Promise<SpaProfile> {
  const [row] = await tx
    .select({
      id: tenants.id,
      slug: tenants.slug,
      displayName: tenants.displayName,
      idleTimeoutMinutes: tenants.idleTimeoutMinutes,
      ageOfMajority: tenants.ageOfMajority,
      chartCosignRequired: tenants.chartCosignRequired,
      formLinkDays: tenants.formLinkDays,
      logoVersion: sql<string | null>`(SELECT left(sha256, ${sql.raw(String(LOGO_VERSION_LENGTH))}) FROM tenant_logos WHERE tenant_id = ${tenants.id})`,
    })
    .from(tenants);
  if (!row) throw new Error('getSpaProfile ran without a tenant');
  return row;
}

export async function listLocations({ tx }: ServiceCtx) {
  return tx.select().from(locations).where(eq(locations.active, true)).orderBy(locations.name);
}

export async function listResources({ tx }: ServiceCtx, locationId: string) {
  return tx.select().from(resources).where(eq(resources.locationId, locationId)).orderBy(resources.kind, resources.name);
}

/** Each active location with its rooms and devices, for the first screen. */
export async function spaOverview(ctx: ServiceCtx) {
  const locs = await listLocations(ctx);
  const all = await ctx.tx.select().from(resources).where(eq(resources.active, true)).orderBy(resources.name);
  return locs.map((loc) => ({
    id: loc.id,
    name: loc.name,
    timezone: loc.timezone,
    city: loc.city,
    rooms: all.filter((r) => r.locationId === loc.id && r.kind === 'room').map((r) => r.name),
    devices: all.filter((r) => r.locationId === loc.id && r.kind === 'device').map((r) => r.name),
  }));
}
