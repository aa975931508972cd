import { describe, expect, it } from 'vitest';
import { FACE_VIEWS, injectionPointSchema, MAX_SITE_LENGTH } from './points.ts';
import { FACE_DIAGRAM, FACE_SITES, findSite, nearestSite, sitesOn } from './sites.ts';

describe('the site catalogue', () => {
  it('has unique ids and labels short enough to be a point’s site', () => {
    expect(new Set(FACE_SITES.map((s) => s.id)).size).toBe(FACE_SITES.length);
    expect(new Set(FACE_SITES.map((s) => s.label)).size).toBe(FACE_SITES.length);
    for (const site of FACE_SITES) expect(site.label.length).toBeLessThanOrEqual(MAX_SITE_LENGTH);
  });

  it('places every site on the front view, inside the diagram, as a valid point', () => {
    for (const site of FACE_SITES) {
      expect(site.at.front, site.id).toBeDefined();
      for (const view of FACE_VIEWS) {
        const at = site.at[view];
        if (!at) continue;
        expect(injectionPointSchema.safeParse({ view, ...at, site: site.label, product: 'p', amount: 1 }).success, `${site.id} on ${view}`).toBe(true);
      }
    }
  });

  it('shows a side’s site on the front (on the viewer’s opposite side) and on that side’s profile only', () => {
    const right = findSite('crows-feet-right')!;
    const left = findSite('crows-feet-left')!;
    expect(right.label).toBe('Crow’s feet, right');
    expect(right.at.front!.x).toBeLessThan(FACE_DIAGRAM.width / 2);
    expect(left.at.front!.x).toBeGreaterThan(FACE_DIAGRAM.width / 2);
    expect(Object.keys(right.at).sort()).toEqual(['front', 'right']);
    expect(Object.keys(left.at).sort()).toEqual(['front', 'left']);
    // The two profiles mirror each other.
    expect(left.at.left).toEqual({ x: FACE_DIAGRAM.width - right.at.right!.x, y: right.at.right!.y });
  });

  it('has the sites charting asks for most', () => {
    const labels = FACE_SITES.map((s) => s.label);
    for (const wanted of ['Glabella (procerus)', 'Corrugator, left', 'Forehead (frontalis)', 'Crow’s feet, right', 'Bunny lines (nasalis)', 'Nasolabial fold, left', 'Marionette line, right', 'Upper lip', 'Lower lip', 'Chin (mentalis)', 'Jawline, left', 'Masseter, right', 'Cheek (malar), left', 'Tear trough, right', 'Temple, left', 'Neck (platysma), right']) {
      expect(labels).toContain(wanted);
    }
  });

  it('keeps the sites of a view apart, so the nearest one is a clear answer', () => {
    for (const view of FACE_VIEWS) {
      const sites = sitesOn(view);
      expect(sites.length).toBeGreaterThan(10);
      for (const [i, a] of sites.entries()) {
        for (const b of sites.slice(i + 1)) expect(Math.hypot(a.at.x - b.at.x, a.at.y - b.at.y), `${a.site.id} / ${b.site.id} on ${view}`).toBeGreaterThanOrEqual(12);
      }
    }
  });
});

describe('nearestSite', () => {
  it('names a tap after the closest site of that view', () => {
    expect(nearestSite('front', 201, 199).id).toBe('glabella');
    expect(nearestSite('front', 300, 230).id).toBe('crows-feet-left');
    expect(nearestSite('front', 100, 230).id).toBe('crows-feet-right');
    expect(nearestSite('right', 240, 228).id).toBe('crows-feet-right');
    expect(nearestSite('left', 160, 228).id).toBe('crows-feet-left');
    expect(nearestSite('front', 200, 480).id).toMatch(/^platysma-/);
  });

  it('answers with a site even far from every site', () => {
    for (const view of FACE_VIEWS) expect(nearestSite(view, 0, 0)).toBeDefined();
  });

  it('finds each site at its own position', () => {
    for (const view of FACE_VIEWS) for (const { site, at } of sitesOn(view)) expect(nearestSite(view, at.x, at.y).id).toBe(site.id);
  });
});
