/**
 * The spa's products for charting: what each is and how it is measured (neurotoxin units differ by
 * brand, fillers in mL). Retired products stay on the charts that used them.
 */
import { z } from 'zod';
import type { ServiceCtx } from '../../infra/db/tenant.ts';
import type { AmountUnit } from './face-map/points.ts';

export const PRODUCT_KINDS = {
  neurotoxin: 'Neurotoxin',
  filler: 'Dermal filler',
  biostimulator: 'Biostimulator',
  skin_booster: 'Skin booster',
  other: 'Other',
} as const;
export type ProductKind = keyof typeof PRODUCT_KINDS;

export const productSchema = z.object({
  name: z.string().trim().min(1, 'Name the product as it reads on the box.').max(80, 'Keep the name under 80 characters.'),
  kind: z.enum(Object.keys(PRODUCT_KINDS) as [ProductKind, ...ProductKind[]], { error: 'Choose what kind of product it is.' }),
  unit: z.enum(['units', 'mL'], { error: 'Choose how it is measured: units or mL.' }),
});

export interface Product {
  id: string;
  name: string;
  kind: ProductKind;
  unit: AmountUnit;
  active: boolean;
  uses: number;
}

export async function listProducts(ctx: ServiceCtx): Promise<Product[]> {
  const { rows } = await ctx.tx.$client.query<Product>(
    `SELECT p.id, p.name, p.kind, p.unit, p.active,
            (SELECT count(*)::int FROM chart_products x WHERE x.tenant_id = p.tenant_id AND x.product_id = p.id) AS uses
       FROM products p ORDER BY p.active DESC, p.name, p.id`,
  );
  return rows;
}

/** Adds a product; a name the spa already uses is refused with a message. */
export async function addProduct(ctx: ServiceCtx, input: z.infer<typeof productSchema>): Promise<string | null> {
  const { rows } = await ctx.tx.$client.query<{ id: string }>(
    `INSERT INTO products (tenant_id, name, kind, unit) VALUES (current_tenant_id(), $1, $2, $3) ON CONFLICT (tenant_id, name) DO NOTHING RETURNING id`,
    [input.name, input.kind, input.unit],
  );
  if (!rows[0]) return 'There is already a product with that name.';
  ctx.audit({ action: 'create', recordType: 'product', recordId: rows[0].id });
  return null;
}

/** Retires or brings back a product; its unit never changes once charts have used it. */
export async function setProductActive(ctx: ServiceCtx, id: string, active: boolean): Promise<boolean> {
  const { rowCount } = await ctx.tx.$client.query('UPDATE products SET active = $2 WHERE id = $1', [id, active]);
  if (rowCount) ctx.audit({ action: 'update', recordType: 'product', recordId: id });
  return Boolean(rowCount);
}
