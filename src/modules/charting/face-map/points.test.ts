import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  injectionPointSchema,
  injectionPointsSchema,
  MAX_POINTS,
  parseInjectionPoints,
  totalsByProduct,
  type InjectionPoint,
} from './points.ts';

// CRM-5: a treatment record holds units (or mL) per injection site, marked on the face diagram.
const KEYS = ['botox', 'voluma'] as const;
const point = (over: Partial<Record<keyof InjectionPoint, unknown>> = {}) => ({
  view: 'front',
  x: 200,
  y: 202,
  site: 'Glabella (procerus)',
  product: 'botox',
  amount: 4,
  ...over,
});
const parse = (points: unknown, keys: readonly string[] = KEYS) => parseInjectionPoints(JSON.stringify(points), keys);
const errorsOf = (points: unknown, keys: readonly string[] = KEYS) => {
  const result = parse(points, keys);
  if (result.ok) throw new Error('expected the points to be refused');
  return result.errors;
};

describe('parseInjectionPoints', () => {
  it('reads the points the diagram wrote, trimming the site', () => {
    const result = parse([point(), point({ view: 'left', x: 118, y: 204, site: '  Crow’s feet, left ', product: 'voluma', amount: 0.55 })]);
    expect(result).toEqual({
      ok: true,
      points: [point(), { view: 'left', x: 118, y: 204, site: 'Crow’s feet, left', product: 'voluma', amount: 0.55 }],
    });
  });

  it('takes an empty value or an empty list as no points', () => {
    expect(parseInjectionPoints('', KEYS)).toEqual({ ok: true, points: [] });
    expect(parseInjectionPoints('[]', KEYS)).toEqual({ ok: true, points: [] });
  });

  it('names the point and the problem with its amount', () => {
    expect(errorsOf([point(), point(), point({ amount: 0 })])).toEqual(['Point 3: the amount must be more than 0']);
    expect(errorsOf([point({ amount: -2 })])).toEqual(['Point 1: the amount must be more than 0']);
    expect(errorsOf([point({ amount: null })])).toEqual(['Point 1: enter the amount injected']);
    expect(errorsOf([point({ amount: '4' })])).toEqual(['Point 1: enter the amount injected']);
    expect(errorsOf([point({ amount: 2.125 })])).toEqual(['Point 1: the amount can have at most 2 decimals']);
    expect(errorsOf([point({ amount: 401 })])).toEqual(['Point 1: the amount must be at most 400']);
  });

  it('accepts amounts with two decimals whatever floating point makes of them', () => {
    for (const amount of [0.01, 0.1, 0.29, 1.15, 2.5, 12.34, 400]) expect(parse([point({ amount })]).ok).toBe(true);
  });

  it('refuses a product the chart does not offer, by point', () => {
    expect(errorsOf([point(), point({ product: 'dysport' })])).toEqual([
      'Point 2: choose one of the chart’s products (this one is not on the chart)',
    ]);
    expect(errorsOf([point()], [])).toHaveLength(1);
  });

  it('keeps filler points to 10 mL when it knows the products’ units', () => {
    const units = { botox: 'units', voluma: 'mL' } as const;
    const json = JSON.stringify([point({ amount: 40 }), point({ product: 'voluma', amount: 12 })]);
    expect(parseInjectionPoints(json, KEYS, units)).toMatchObject({ ok: false, errors: ['Point 2: the amount must be at most 10 mL'] });
    expect(parseInjectionPoints(json, KEYS).ok).toBe(true);
  });

  it('refuses a site that is missing, too long or carries markup', () => {
    expect(errorsOf([point({ site: '   ' })])).toEqual(['Point 1: name the injection site']);
    expect(errorsOf([point({ site: undefined })])).toEqual(['Point 1: name the injection site']);
    expect(errorsOf([point({ site: 'x'.repeat(61) })])).toEqual(['Point 1: the site name must be at most 60 characters']);
    expect(errorsOf([point({ site: '<b>Chin</b>' })])).toEqual(['Point 1: the site name cannot contain < or > or invisible characters']);
    expect(parse([point({ site: 'x'.repeat(60) })]).ok).toBe(true);
  });

  it('refuses a view or a place off the diagram', () => {
    expect(errorsOf([point({ view: 'back' })])).toEqual(['Point 1: choose the front, left or right view']);
    expect(errorsOf([point({ x: -1 })])).toEqual(['Point 1: its place is outside the diagram']);
    expect(errorsOf([point({ y: 501 })])).toEqual(['Point 1: its place is outside the diagram']);
    expect(errorsOf([point({ x: undefined })])).toEqual(['Point 1: its place on the diagram is missing']);
    expect(parse([point({ x: 0, y: 500 }), point({ x: 400, y: 0 })]).ok).toBe(true);
  });

  it('lists every problem of every point, in point order', () => {
    expect(errorsOf([point({ amount: 0 }), point(), point({ site: '', product: 'nope', amount: 1.234 })])).toEqual([
      'Point 1: the amount must be more than 0',
      'Point 3: name the injection site',
      'Point 3: choose one of the chart’s products (this one is not on the chart)',
      'Point 3: the amount can have at most 2 decimals',
    ]);
  });

  it('refuses what is not a list of points with one plain sentence', () => {
    const unreadable = 'The injection points could not be read. Reload the page and chart them again.';
    expect(parseInjectionPoints('[{"view":', KEYS)).toEqual({ ok: false, errors: [unreadable], draft: [] });
    expect(errorsOf({ points: [] })).toEqual([unreadable]);
    expect(errorsOf(['glabella'])).toEqual(['Point 1: it is not a point of the diagram']);
  });

  it(`holds at most ${MAX_POINTS} points`, () => {
    expect(parse(Array.from({ length: MAX_POINTS }, () => point())).ok).toBe(true);
    expect(errorsOf(Array.from({ length: MAX_POINTS + 1 }, () => point()))).toEqual([`A chart holds at most ${MAX_POINTS} injection points.`]);
  });

  it('gives back what can be shown again when it refuses', () => {
    const result = parse([point({ amount: null }), 'junk', point({ view: 'right', x: 900, product: 'nope', amount: 3 })]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.draft).toEqual([
      { ...point(), amount: null },
      { ...point(), view: 'right', x: 400, product: 'nope', amount: 3 },
    ]);
  });
});

describe('the schemas', () => {
  it('describe one point and a list of them', () => {
    expect(injectionPointSchema.safeParse(point()).success).toBe(true);
    expect(injectionPointsSchema.safeParse([point(), point({ view: 'right' })]).success).toBe(true);
    expect(injectionPointsSchema.safeParse([point({ product: '' })]).success).toBe(false);
    expect(injectionPointsSchema.safeParse([point({ product: 'p'.repeat(41) })]).success).toBe(false);
  });
});

describe('totalsByProduct', () => {
  it('adds each product’s amounts in the order the products first appear', () => {
    const points = [
      { product: 'voluma', amount: 0.5 },
      { product: 'botox', amount: 4 },
      { product: 'voluma', amount: 0.3 },
      { product: 'botox', amount: 20 },
      { product: 'voluma', amount: 0.3 },
    ];
    expect(totalsByProduct(points)).toEqual([
      { product: 'voluma', total: 1.1, points: 3 },
      { product: 'botox', total: 24, points: 2 },
    ]);
  });

  it('counts a point still missing its amount, without adding to the total', () => {
    expect(totalsByProduct([{ product: 'botox', amount: null }, { product: 'botox', amount: 2.5 }])).toEqual([{ product: 'botox', total: 2.5, points: 2 }]);
    expect(totalsByProduct([])).toEqual([]);
  });
});

describe('formatAmount', () => {
  it('writes units and millilitres as a provider reads them', () => {
    expect(formatAmount(24, 'units')).toBe('24 units');
    expect(formatAmount(1, 'units')).toBe('1 unit');
    expect(formatAmount(2.5, 'units')).toBe('2.5 units');
    expect(formatAmount(1.1, 'mL')).toBe('1.1 mL');
    expect(formatAmount(0.55, 'mL')).toBe('0.55 mL');
  });
});
