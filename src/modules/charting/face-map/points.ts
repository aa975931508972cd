import { z } from 'zod';
import { FACE_DIAGRAM, FACE_VIEWS, type FaceView } from './sites.ts';

/**
 * Injection points marked on the face diagram of a treatment chart (CRM-5). Pure: no I/O.
 *
 * Coordinates: every view is drawn in its own space of FACE_DIAGRAM.width × FACE_DIAGRAM.height
 * (400 × 500), x to the right and y downwards from the drawing's top left corner, as the
 * viewer sees it. On the front view the client's right side is on the viewer's left; the left
 * view shows the client's left cheek (the nose points to the viewer's left) and the right view
 * the right cheek.
 */
export { FACE_DIAGRAM, FACE_VIEWS, type FaceView };

export const FACE_VIEW_LABELS: Record<FaceView, string> = { front: 'Front', left: 'Left side', right: 'Right side' };

export type AmountUnit = 'units' | 'mL';

/** The most one point may hold: neurotoxin units, or at most 10 mL of filler when the unit is known. */
export const MAX_AMOUNT = 400;
export const MAX_ML_PER_POINT = 10;
export const MAX_POINTS = 200;
export const MAX_SITE_LENGTH = 60;
export const MAX_PRODUCT_KEY_LENGTH = 40;

const MALFORMED = 'The injection points could not be read. Reload the page and chart them again.';

const hasTwoDecimalsAtMost = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
const plainText = (v: string) => !/[<>]/.test(v) && !/\p{Cc}/u.test(v);

const coordinate = (max: number) =>
  z
    .number({ error: 'its place on the diagram is missing' })
    .min(0, 'its place is outside the diagram')
    .max(max, 'its place is outside the diagram');

export const injectionPointSchema = z.object(
  {
    view: z.enum(FACE_VIEWS, { error: 'choose the front, left or right view' }),
    x: coordinate(FACE_DIAGRAM.width),
    y: coordinate(FACE_DIAGRAM.height),
    site: z
      .string({ error: 'name the injection site' })
      .trim()
      .min(1, 'name the injection site')
      .max(MAX_SITE_LENGTH, `the site name must be at most ${MAX_SITE_LENGTH} characters`)
      .refine(plainText, 'the site name cannot contain < or > or invisible characters'),
    product: z
      .string({ error: 'choose a product' })
      .trim()
      .min(1, 'choose a product')
      .max(MAX_PRODUCT_KEY_LENGTH, 'choose one of the chart’s products'),
    amount: z
      .number({ error: 'enter the amount injected' })
      .positive('the amount must be more than 0')
      .max(MAX_AMOUNT, `the amount must be at most ${MAX_AMOUNT}`)
      .refine(hasTwoDecimalsAtMost, 'the amount can have at most 2 decimals'),
  },
  { error: 'it is not a point of the diagram' },
);

export const injectionPointsSchema = z
  .array(injectionPointSchema, { error: MALFORMED })
  .max(MAX_POINTS, `A chart holds at most ${MAX_POINTS} injection points.`);

export type InjectionPoint = z.infer<typeof injectionPointSchema>;

/** A point as the form holds it while it is edited: the amount may still be missing. */
export type DraftInjectionPoint = Omit<InjectionPoint, 'amount'> & { amount: number | null };

export type ParsedInjectionPoints =
  | { ok: true; points: InjectionPoint[] }
  /** `draft` keeps what could be read, so the form can be shown again with the messages. */
  | { ok: false; errors: string[]; draft: DraftInjectionPoint[] };

const FIELD_ORDER = ['view', 'x', 'y', 'site', 'product', 'amount'];

/**
 * Reads the face diagram's hidden input. An empty value means no points. Every problem is a
 * sentence that names the point, e.g. "Point 3: the amount must be more than 0"; a product
 * key the chart does not offer is refused. With `units` (product key → unit), a filler point
 * may hold at most MAX_ML_PER_POINT mL.
 */
export function parseInjectionPoints(
  json: string,
  productKeys: readonly string[],
  units?: Readonly<Record<string, AmountUnit>>,
): ParsedInjectionPoints {
  if (json.trim() === '') return { ok: true, points: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, errors: [MALFORMED], draft: [] };
  }
  const draft = readDraft(raw);
  const parsed = injectionPointsSchema.safeParse(raw);
  const general: string[] = [];
  const byPoint = new Map<number, { field: number; message: string }[]>();
  const note = (index: number, field: PropertyKey | undefined, message: string) => {
    const list = byPoint.get(index) ?? [];
    if (!list.some((n) => n.message === message)) list.push({ field: FIELD_ORDER.indexOf(field as string), message });
    byPoint.set(index, list);
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [index, field] = issue.path;
      if (typeof index === 'number') note(index, field, issue.message);
      else if (!general.includes(issue.message)) general.push(issue.message);
    }
  }
  if (general.length === 0) {
    const known = new Set(productKeys);
    (raw as unknown[]).forEach((item, index) => {
      const p = (item ?? {}) as Record<string, unknown>;
      const product = typeof p.product === 'string' ? p.product.trim() : '';
      if (product !== '' && product.length <= MAX_PRODUCT_KEY_LENGTH && !known.has(product)) {
        note(index, 'product', 'choose one of the chart’s products (this one is not on the chart)');
      } else if (units?.[product] === 'mL' && typeof p.amount === 'number' && p.amount > MAX_ML_PER_POINT) {
        note(index, 'amount', `the amount must be at most ${MAX_ML_PER_POINT} mL`);
      }
    });
  }
  if (parsed.success && byPoint.size === 0) return { ok: true, points: parsed.data };
  const errors = [
    ...general,
    ...[...byPoint.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([index, notes]) => notes.sort((a, b) => a.field - b.field).map((n) => `Point ${index + 1}: ${n.message}`)),
  ];
  return { ok: false, errors, draft };
}

/** What can be shown again of points that failed: anything placed on a known view. */
function readDraft(raw: unknown): DraftInjectionPoint[] {
  if (!Array.isArray(raw)) return [];
  const draft: DraftInjectionPoint[] = [];
  for (const item of raw.slice(0, MAX_POINTS)) {
    if (item === null || typeof item !== 'object') continue;
    const p = item as Record<string, unknown>;
    if (!FACE_VIEWS.includes(p.view as FaceView) || !Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
    draft.push({
      view: p.view as FaceView,
      x: clamp(p.x as number, FACE_DIAGRAM.width),
      y: clamp(p.y as number, FACE_DIAGRAM.height),
      site: typeof p.site === 'string' ? p.site.slice(0, MAX_SITE_LENGTH) : '',
      product: typeof p.product === 'string' ? p.product.slice(0, MAX_PRODUCT_KEY_LENGTH) : '',
      amount: typeof p.amount === 'number' && Number.isFinite(p.amount) ? p.amount : null,
    });
  }
  return draft;
}

export type ProductTotal = { product: string; total: number; points: number };

/** The amount of each product over the points, in the order products first appear; sums kept to 2 decimals. */
export function totalsByProduct(points: readonly Pick<DraftInjectionPoint, 'product' | 'amount'>[]): ProductTotal[] {
  const totals = new Map<string, ProductTotal>();
  for (const point of points) {
    const entry = totals.get(point.product) ?? { product: point.product, total: 0, points: 0 };
    entry.points += 1;
    // Summed in hundredths so 0.1 + 0.2 comes to 0.3.
    if (point.amount !== null) entry.total = Math.round(entry.total * 100 + point.amount * 100) / 100;
    totals.set(point.product, entry);
  }
  return [...totals.values()];
}

/** "24 units", "1 unit", "1.1 mL". */
export function formatAmount(amount: number, unit: AmountUnit): string {
  const number = Number.isInteger(amount) ? String(amount) : String(Math.round(amount * 100) / 100);
  if (unit === 'mL') return `${number} mL`;
  return `${number} ${amount === 1 ? 'unit' : 'units'}`;
}
