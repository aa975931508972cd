import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { loadLocation, type LoadedLocation } from './booking/request-loader.ts';

/** Who and what can be blocked at a location: the providers who work there, its rooms and devices. */
export interface BlockChoices {
  location: LoadedLocation;
  providers: { id: string; name: string }[];
  resources: { id: string; name: string }[];
}

export async function blockChoices(ctx: ServiceCtx, locationId: string | undefined): Promise<BlockChoices | null> {
  const id = locationId ?? (await ctx.tx.$client.query<{ id: string }>('SELECT id FROM locations WHERE active ORDER BY name LIMIT 1')).rows[0]?.id;
  const location = id ? await loadLocation(ctx, id) : null;
  if (!location) return null;
  const providers = await ctx.tx.$client.query<{ id: string; name: string }>(
    `SELECT DISTINCT o.id, o.full_name AS name FROM staff_hours h JOIN operators o ON o.tenant_id = h.tenant_id AND o.id = h.operator_id
      WHERE h.location_id = $1 AND o.status = 'active' ORDER BY 2`,
    [location.id],
  );
  const resources = await ctx.tx.$client.query<{ id: string; name: string }>('SELECT id, name FROM resources WHERE location_id = $1 AND active ORDER BY kind DESC, name', [location.id]);
  return { location, providers: providers.rows, resources: resources.rows };
}
