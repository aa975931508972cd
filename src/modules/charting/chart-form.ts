/**
 * The chart's draft form (pure): the note (SOAP or free form), what was done, up to four products
 * with lot and expiry, device settings, and the injection points of the face diagram. Rows are
 * flat fields (`product_0`, `lot_0`, …) so each message sits beside its own input.
 */
import { z } from 'zod';
import { parseInjectionPoints, totalsByProduct, type AmountUnit, type DraftInjectionPoint, type InjectionPoint } from './face-map/points.ts';

export const PRODUCT_ROWS = 4;
export const SETTING_ROWS = 6;
export const TEMPLATES = { soap: 'SOAP note', free: 'Free-form note' } as const;
export type ChartTemplate = keyof typeof TEMPLATES;

export const TEXT_FIELDS = {
  procedure: { label: 'What was done', max: 4000 },
  subjective: { label: 'Subjective', max: 4000 },
  objective: { label: 'Objective', max: 4000 },
  assessment: { label: 'Assessment', max: 4000 },
  plan: { label: 'Plan', max: 4000 },
  narrative: { label: 'Note', max: 8000 },
  aftercare: { label: 'Aftercare given', max: 4000 },
  outcome: { label: 'Outcome', max: 4000 },
  adverse_events: { label: 'Adverse events', max: 4000 },
} as const;
export type TextField = keyof typeof TEXT_FIELDS;

export interface ChartProductLine {
  /** The key injection points use: `p0`…`p3`, by row. */
  key: string;
  productId: string;
  lotNumber: string;
  lotExpiry: string;
  /** Null in a draft whose points are not marked yet; signing needs it. */
  amount: number | null;
}

export interface DeviceSetting {
  label: string;
  value: string;
}

export interface ChartDraft {
  template: ChartTemplate;
  text: Record<TextField, string>;
  products: ChartProductLine[];
  settings: DeviceSetting[];
  points: InjectionPoint[];
}

export type CatalogueProduct = { id: string; name: string; unit: AmountUnit; active: boolean };

export type ChartFormResult = { ok: true; draft: ChartDraft } | { ok: false; errors: Record<string, string>; pointErrors: string[]; draftPoints: DraftInjectionPoint[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOT = /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/;

const textSchema = z.object(
  Object.fromEntries(
    Object.entries(TEXT_FIELDS).map(([key, f]) => [key, z.string().max(f.max, `Keep “${f.label}” under ${f.max.toLocaleString('en-US')} characters.`).default('')]),
  ) as Record<TextField, z.ZodDefault<z.ZodString>>,
);

export const productKey = (row: number) => `p${row}`;

/**
 * Reads the posted draft against the spa's catalogue. `onDate` (the visit's local date) is when an
 * expired lot is refused: a lot past its expiry on the day of treatment is a charting error to fix.
 */
export function readChartForm(body: Record<string, string>, catalogue: readonly CatalogueProduct[], onDate: string): ChartFormResult {
  const errors: Record<string, string> = {};
  const template: ChartTemplate = body.template === 'free' ? 'free' : 'soap';
  const text = textSchema.safeParse(Object.fromEntries(Object.keys(TEXT_FIELDS).map((k) => [k, (body[k] ?? '').replace(/\r\n/g, '\n').trim()])));
  if (!text.success) for (const issue of text.error.issues) errors[String(issue.path[0])] ??= issue.message;

  const products: ChartProductLine[] = [];
  const units: Record<string, AmountUnit> = {};
  const pointsRaw = body.points ?? '';
  for (let row = 0; row < PRODUCT_ROWS; row++) {
    const productId = (body[`product_${row}`] ?? '').trim();
    const lot = (body[`lot_${row}`] ?? '').trim().toUpperCase();
    const expiry = (body[`expiry_${row}`] ?? '').trim();
    const amountText = (body[`amount_${row}`] ?? '').trim();
    if (!productId && !lot && !expiry && !amountText) continue;
    const product = catalogue.find((p) => p.id === productId);
    if (!product) {
      errors[`product_${row}`] = 'Choose the product used.';
      continue;
    }
    units[productKey(row)] = product.unit;
    if (!LOT.test(lot)) errors[`lot_${row}`] = 'Enter the lot number printed on the box (letters, digits, dots or dashes).';
    if (!DATE.test(expiry) || Number.isNaN(Date.parse(`${expiry}T00:00:00Z`))) errors[`expiry_${row}`] = 'Enter the lot’s expiry date.';
    else if (expiry < onDate) errors[`expiry_${row}`] = `This lot expired on ${expiry}, before the treatment: check the box.`;
    const amount = amountText === '' ? null : Number(amountText);
    if (amount !== null && (!Number.isFinite(amount) || amount <= 0 || amount > 999_999 || Math.round(amount * 100) !== amount * 100)) {
      errors[`amount_${row}`] = `Enter the total in ${product.unit}, more than 0, with at most 2 decimals.`;
    }
    products.push({ key: productKey(row), productId, lotNumber: lot, lotExpiry: expiry, amount });
  }

  const parsedPoints = parseInjectionPoints(pointsRaw, Object.keys(units), units);
  const pointErrors = parsedPoints.ok ? [] : parsedPoints.errors;
  if (parsedPoints.ok) {
    // A product marked on the diagram totals its points; one without points keeps the amount typed (if any).
    const totals = new Map(totalsByProduct(parsedPoints.points).map((t) => [t.product, t.total]));
    products.forEach((line, i) => {
      const row = Number(line.key.slice(1));
      const marked = totals.get(line.key);
      if (marked !== undefined) {
        if (line.amount !== null && Math.abs(line.amount - marked) > 0.001) errors[`amount_${row}`] ??= `The points on the diagram add up to ${marked}; correct the total or the points.`;
        products[i] = { ...line, amount: marked };
      }
    });
  }

  const settings: DeviceSetting[] = [];
  for (let row = 0; row < SETTING_ROWS; row++) {
    const label = (body[`setting_${row}`] ?? '').trim();
    const value = (body[`value_${row}`] ?? '').trim();
    if (!label && !value) continue;
    if (!label || label.length > 60) errors[`setting_${row}`] = 'Name the setting (e.g. Fluence), up to 60 characters.';
    if (!value || value.length > 60) errors[`value_${row}`] = 'Enter the value used (e.g. 12 J/cm²), up to 60 characters.';
    settings.push({ label, value });
  }

  if (Object.keys(errors).length || !parsedPoints.ok || !text.success) {
    return { ok: false, errors, pointErrors, draftPoints: parsedPoints.ok ? parsedPoints.points : parsedPoints.draft };
  }
  return { ok: true, draft: { template, text: text.data as Record<TextField, string>, products, settings, points: parsedPoints.points } };
}

/** A chart worth signing says what was done (a procedure or products given, each with its amount) and has its note. */
export function signingProblem(draft: Pick<ChartDraft, 'template' | 'text' | 'products'>): string | null {
  const unmeasured = draft.products.findIndex((p) => p.amount === null);
  if (unmeasured >= 0) return `Enter the total given for product ${unmeasured + 1}, or mark its injection points on the diagram, before signing.`;
  const note = draft.template === 'soap' ? draft.text.subjective || draft.text.objective || draft.text.assessment || draft.text.plan : draft.text.narrative;
  if (!draft.text.procedure && !draft.products.length) return 'Say what was done (or record the products given) before signing.';
  if (!note) return 'Write the note before signing.';
  return null;
}
