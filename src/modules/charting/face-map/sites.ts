/**
 * Common aesthetic injection sites, each with where it sits on the face diagram's views, so a
 * point can be added by choosing a site instead of pointing, and a tap on the drawing can be
 * named after the nearest site. Positions are in the diagram's space (see points.ts) and match
 * the drawings in face-map.tsx. Pure data, no imports at run time: the browser bundle uses it.
 */
/** The space every view is drawn in: x 0–400 to the right, y 0–500 downwards. */
export const FACE_DIAGRAM = { width: 400, height: 500 } as const;

/** The diagram's views: the face from the front and each profile. */
export const FACE_VIEWS = ['front', 'left', 'right'] as const;
export type FaceView = (typeof FACE_VIEWS)[number];

export type SitePosition = { x: number; y: number };

export type FaceSite = {
  id: string;
  label: string;
  /** Where the site sits on each view it can be seen on. */
  at: Partial<Record<FaceView, SitePosition>>;
};

type XY = readonly [number, number];

const mirror = ([x, y]: XY): SitePosition => ({ x: FACE_DIAGRAM.width - x, y });
const pos = ([x, y]: XY): SitePosition => ({ x, y });

/**
 * A site on the midline, seen from the front and on both profiles. `profile` is its place on
 * the right view (the nose points right); the left view is its mirror image.
 */
function midline(id: string, label: string, front: XY, profile: XY): FaceSite {
  return { id, label, at: { front: pos(front), left: mirror(profile), right: pos(profile) } };
}

/**
 * A site on both sides of the face, as two sites. `front` is the client's right side (the
 * viewer's left); `profile` its place on the right view. Each side is seen from the front and
 * on its own profile.
 */
function paired(id: string, label: string, front: XY, profile: XY): FaceSite[] {
  return [
    { id: `${id}-right`, label: `${label}, right`, at: { front: pos(front), right: pos(profile) } },
    { id: `${id}-left`, label: `${label}, left`, at: { front: mirror(front), left: mirror(profile) } },
  ];
}

export const FACE_SITES: readonly FaceSite[] = [
  midline('frontalis', 'Forehead (frontalis)', [200, 146], [264, 146]),
  midline('glabella', 'Glabella (procerus)', [200, 202], [282, 204]),
  ...paired('corrugator', 'Corrugator', [172, 184], [270, 184]),
  ...paired('brow-tail', 'Brow tail', [126, 182], [248, 188]),
  ...paired('temple', 'Temple', [98, 178], [236, 176]),
  ...paired('crows-feet', 'Crow’s feet', [106, 226], [238, 226]),
  ...paired('tear-trough', 'Tear trough', [160, 248], [270, 244]),
  midline('bunny-lines', 'Bunny lines (nasalis)', [200, 244], [300, 240]),
  ...paired('cheek', 'Cheek (malar)', [132, 270], [246, 266]),
  ...paired('nasolabial', 'Nasolabial fold', [160, 316], [280, 320]),
  midline('upper-lip', 'Upper lip', [200, 326], [302, 322]),
  midline('lower-lip', 'Lower lip', [200, 346], [298, 350]),
  ...paired('marionette', 'Marionette line', [168, 358], [286, 358]),
  ...paired('dao', 'Mouth corner (DAO)', [154, 378], [272, 372]),
  midline('mentalis', 'Chin (mentalis)', [200, 390], [292, 396]),
  ...paired('jawline', 'Jawline', [128, 362], [240, 404]),
  ...paired('masseter', 'Masseter', [116, 330], [210, 340]),
  ...paired('platysma', 'Neck (platysma)', [176, 442], [232, 450]),
];

/** The sites seen on a view, in catalogue order. */
export function sitesOn(view: FaceView): { site: FaceSite; at: SitePosition }[] {
  return FACE_SITES.flatMap((site) => {
    const at = site.at[view];
    return at ? [{ site, at }] : [];
  });
}

/** The catalogue site closest to a place on a view (there is always one: every view has sites). */
export function nearestSite(view: FaceView, x: number, y: number): FaceSite {
  let best: FaceSite | undefined;
  let bestDistance = Infinity;
  for (const { site, at } of sitesOn(view)) {
    const distance = (at.x - x) ** 2 + (at.y - y) ** 2;
    if (distance < bestDistance) {
      best = site;
      bestDistance = distance;
    }
  }
  return best!;
}

export function findSite(id: string): FaceSite | undefined {
  return FACE_SITES.find((site) => site.id === id);
}
