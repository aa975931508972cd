/**
 * The injection face diagram of a treatment chart (CRM-5): three drawings of a face (front and
 * both profiles) with the injection points as numbered markers coloured by product, totals per
 * product, and a table of every point, which is also what a screen reader reads.
 *
 * Editable, it sits inside the chart's form and posts one hidden input, `name`, holding the
 * points as JSON (see points.ts; parse it with parseInjectionPoints). src/ui/client/face-map.ts
 * does the editing: a tap on a drawing places a point named after the nearest catalogue site,
 * a marker or a row's number opens it for editing, and "Add a point" does it all by keyboard.
 * Its own controls carry no `name`, so nothing but the hidden input reaches the form.
 */
import type { Child } from 'hono/jsx';
import { Alert } from '../../../ui/components.tsx';
import {
  FACE_DIAGRAM,
  FACE_VIEW_LABELS,
  FACE_VIEWS,
  formatAmount,
  MAX_AMOUNT,
  MAX_ML_PER_POINT,
  MAX_POINTS,
  MAX_SITE_LENGTH,
  totalsByProduct,
  type AmountUnit,
  type DraftInjectionPoint,
  type FaceView,
} from './points.ts';
import { sitesOn } from './sites.ts';

export type FaceMapProduct = { key: string; label: string; unit: AmountUnit };

export type FaceMapProps = {
  /** Name of the hidden input that carries the points as JSON. */
  name: string;
  points: readonly DraftInjectionPoint[];
  /** The chart's products, in the order their colours are given. */
  products: readonly FaceMapProduct[];
  /** A signed chart: the same drawing and table, no controls. */
  readOnly?: boolean;
  /** Unique on the page; `face-map-<name>` by default. */
  id?: string;
  /** What a screen reader calls the whole; "Injection sites" by default. */
  label?: string;
  /** Problems from parseInjectionPoints, shown above the drawings. */
  errors?: readonly string[];
};

/** Distinct marker colours; the seventh product takes the first colour again. */
const PRODUCT_TONES = 6;
const UNKNOWN_TONE = 'x';

type Tones = Map<string, string>;

function tonesOf(products: readonly FaceMapProduct[]): Tones {
  return new Map(products.map((p, i) => [p.key, String(i % PRODUCT_TONES)]));
}

const toneClass = (tones: Tones, product: string) => `face-map-tone-${tones.get(product) ?? UNKNOWN_TONE}`;

// ————— The drawings —————
// Drawn on the 400 × 500 grid. The front is drawn as its right half and mirrored; the profile is
// drawn facing right (the client's right side) and mirrored for the left view.

const W = FACE_DIAGRAM.width;
const NUMBER_PAIR = /(-?\d+(?:\.\d+)?)[ ,]+(-?\d+(?:\.\d+)?)/g;

/** The same path reflected across the vertical midline (absolute M, C and L commands only). */
const mirrored = (d: string) => d.replace(NUMBER_PAIR, (_, x: string, y: string) => `${W - Number(x)} ${y}`);

/** A path of one M and cubic C segments, run from its end back to its start. */
function reversed(d: string): string {
  const n = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const pts: string[] = [];
  for (let i = 0; i < n.length; i += 2) pts.unshift(`${n[i]} ${n[i + 1]}`);
  let out = `M${pts[0]}`;
  for (let i = 1; i < pts.length; i += 3) out += ` C${pts[i]} ${pts[i + 1]} ${pts[i + 2]}`;
  return out;
}

/** A half outline from the midline and back to it, closed with its mirror image. */
const closedWithMirror = (half: string) => `${half} ${reversed(mirrored(half)).replace(/^M\S+ \S+/, '')} Z`;
const withMirror = (d: string) => `${d} ${mirrored(d)}`;

const FRONT = {
  face: 'M200 44 C268 44 316 90 320 160 C323 205 321 240 315 266 C309 300 300 326 286 346 C266 374 232 402 200 403',
  hair: 'M200 28 C286 28 338 84 339 164 C340 190 335 206 326 216 C323 176 314 138 288 114 C266 102 230 99 200 100',
  lines: [
    'M318 208 C333 198 345 212 343 236 C341 262 332 288 313 296', // ear
    'M224 223 C236 231 260 231 274 221', // closed eye
    'M216 283 C229 285 231 299 220 301', // nostril wing
    'M213 302 C209 298 205 299 203 303 C201 305 199 305 197 303', // nose tip
    'M200 324 C206 319 216 320 226 326 C230 329 234 331 239 333', // upper lip
    'M200 335 C214 336 228 336 239 333', // mouth
    'M200 352 C220 352 232 344 239 334', // lower lip
    'M254 380 C252 410 254 440 264 466 C284 480 330 490 392 500', // neck and shoulder
  ],
  faint: [
    'M323 222 C333 220 336 236 332 252 C329 264 324 272 318 276', // inner ear
    'M227 214 C240 206 258 206 271 213', // eyelid crease
    'M232 228 L230 233 M242 231 L241 236 M252 231 L253 236 M262 229 L264 234', // lashes
    'M211 216 C212 240 214 258 218 276', // side of the nose
    'M205 308 C205 313 206 318 207 322', // philtrum
    'M228 294 C242 306 248 320 247 338', // nasolabial fold
    'M250 262 C268 254 290 254 304 260', // cheekbone
    'M212 373 C208 375 204 376 200 376', // chin
    'M256 398 C250 430 234 458 212 478', // sternocleidomastoid
    'M218 486 C244 481 282 483 330 490', // collarbone
  ],
  strands: 'M212 40 C264 46 306 82 324 140 M206 64 C250 70 290 98 308 140',
  brow: 'M218 190 C232 182 258 178 282 186 C285 188 285 191 282 191 C260 186 238 189 219 195 C216 196 215 192 218 190 Z',
};

const PROFILE = {
  skin:
    'M268 98 C250 52 204 30 156 32 C96 36 60 100 62 176 C64 236 86 286 118 322 C126 380 126 430 112 462 C96 482 60 494 10 500 ' +
    'L255 500 C251 482 249 462 251 442 C254 426 266 419 282 416 C292 414 300 408 302 398 C304 390 298 378 292 368 ' +
    'C294 364 300 360 304 354 C308 348 306 340 300 336 C306 334 311 330 310 326 C308 320 304 312 302 302 ' +
    'C306 301 312 301 318 300 C328 298 332 288 328 280 C318 262 296 230 288 208 C292 200 293 190 292 178 C290 150 282 122 268 98 Z',
  hair:
    'M268 98 C250 52 204 30 156 32 C96 36 60 100 62 176 C64 236 86 286 118 322 C128 300 140 282 150 268 ' +
    'C148 240 150 214 166 204 C184 198 204 200 214 214 C216 190 224 160 238 140 C248 124 258 110 268 98 Z',
  lines: [
    // forehead, nose, lips, chin, throat
    'M268 98 C282 122 290 150 292 178 C293 190 292 200 288 208 C296 230 318 262 328 280 C332 288 328 298 318 300 ' +
      'C312 301 306 301 302 302 C304 312 308 320 310 326 C311 330 306 334 300 336 C306 340 308 348 304 354 ' +
      'C300 360 294 364 292 368 C298 378 304 390 302 398 C300 408 292 414 282 416 C266 419 254 426 251 442 C249 462 251 482 255 500',
    'M118 322 C126 380 126 430 112 462 C96 482 60 494 10 500', // nape and shoulder
    'M282 416 C250 410 216 396 198 374', // jaw
    'M166 206 C186 198 200 218 198 244 C196 268 188 290 174 296 C166 300 160 296 158 288', // ear
    'M197 254 C203 260 203 270 196 274', // tragus
    'M252 222 C258 230 268 232 277 225', // closed eye
    'M301 282 C289 280 285 294 295 300', // nostril wing
    'M300 336 C295 336 291 337 287 340', // corner of the mouth
  ],
  faint: [
    'M172 220 C184 220 188 238 184 256 C182 266 178 274 172 278', // inner ear
    'M254 213 C262 208 271 210 277 215', // eyelid crease
    'M257 228 L255 233 M265 230 L264 235 M272 229 L273 234', // lashes
    'M288 300 C277 313 275 330 283 346', // nasolabial fold
    'M222 262 C238 252 258 252 272 258', // cheekbone
    'M168 318 C190 384 220 444 240 494', // sternocleidomastoid
    'M198 374 C190 362 186 336 186 306', // back of the jaw, up to the ear
  ],
  strands: 'M150 48 C110 60 82 110 80 170 M190 50 C140 62 108 112 104 176',
  brow: 'M246 198 C260 188 278 186 290 192 C292 194 290 196 288 196 C276 192 262 194 248 201 C245 202 244 199 246 198 Z',
};

const FRONT_ART = {
  skin: closedWithMirror(FRONT.face),
  outline: withMirror(FRONT.face),
  hair: closedWithMirror(FRONT.hair),
  hairline: withMirror(FRONT.hair),
  strands: withMirror(FRONT.strands),
  brows: withMirror(FRONT.brow),
  lines: FRONT.lines.map(withMirror).join(' '),
  faint: FRONT.faint.map(withMirror).join(' '),
};

const PROFILE_ART = {
  skin: PROFILE.skin,
  outline: '',
  hair: PROFILE.hair,
  hairline: PROFILE.hair,
  strands: PROFILE.strands,
  brows: PROFILE.brow,
  lines: PROFILE.lines.join(' '),
  faint: PROFILE.faint.join(' '),
};

function Drawing(props: { view: FaceView }) {
  const art = props.view === 'front' ? FRONT_ART : PROFILE_ART;
  return (
    <g class="face-map__art" transform={props.view === 'left' ? `translate(${W} 0) scale(-1 1)` : undefined}>
      <path class="face-map__skin" d={art.skin} />
      {art.outline ? <path class="face-map__line" d={art.outline} /> : null}
      <path class="face-map__hair" d={art.hair} />
      <path class="face-map__strand" d={art.strands} />
      <path class="face-map__hairline" d={art.hairline} />
      <path class="face-map__faint" d={art.faint} />
      <path class="face-map__brow" d={art.brows} />
      <path class="face-map__line" d={art.lines} />
    </g>
  );
}

// ————— Markers, legend, table —————

const round = (v: number) => Math.round(v * 10) / 10;

function Marker(props: { point: DraftInjectionPoint; index: number; tones: Tones }) {
  const { point, index } = props;
  const classes = ['face-map__marker', toneClass(props.tones, point.product), point.amount === null ? 'is-incomplete' : ''];
  return (
    <g class={classes.filter(Boolean).join(' ')} data-index={index} transform={`translate(${round(point.x)} ${round(point.y)})`}>
      <g class="face-map__marker-body">
        <circle class="face-map__marker-hit" r="20" />
        <circle class="face-map__marker-dot" r="12" />
        <text class="face-map__marker-number" text-anchor="middle" dy="0.36em">
          {index + 1}
        </text>
      </g>
    </g>
  );
}

const pointsWord = (n: number) => `${n} ${n === 1 ? 'point' : 'points'}`;

function ViewFigure(props: { id: string; view: FaceView; points: readonly DraftInjectionPoint[]; tones: Tones }) {
  const shown = props.points.map((point, index) => ({ point, index })).filter(({ point }) => point.view === props.view);
  const captionId = `${props.id}-${props.view}-caption`;
  const orientation = props.view === 'front' ? 'the client’s right is on the left' : `the client’s ${props.view} cheek`;
  return (
    <figure class="face-map__view" data-view={props.view}>
      <svg
        class="face-map__svg"
        viewBox={`0 0 ${FACE_DIAGRAM.width} ${FACE_DIAGRAM.height}`}
        role="img"
        aria-labelledby={captionId}
        aria-describedby={`${props.id}-table-caption`}
        data-view={props.view}
      >
        <Drawing view={props.view} />
        {props.view === 'front' ? (
          <g class="face-map__sides">
            <text x="18" y="34">
              R
            </text>
            <text x={W - 18} y="34" text-anchor="end">
              L
            </text>
          </g>
        ) : null}
        <g class="face-map__markers">
          {shown.map(({ point, index }) => (
            <Marker point={point} index={index} tones={props.tones} />
          ))}
        </g>
      </svg>
      <figcaption class="face-map__caption" id={captionId}>
        <span class="face-map__caption-title">{FACE_VIEW_LABELS[props.view]}</span>
        <span class="visually-hidden">, {orientation}: </span>
        <span class="face-map__caption-count" data-view-count>
          {pointsWord(shown.length)}
        </span>
      </figcaption>
    </figure>
  );
}

function Legend(props: { points: readonly DraftInjectionPoint[]; products: readonly FaceMapProduct[]; tones: Tones }) {
  const totals = new Map(totalsByProduct(props.points).map((t) => [t.product, t]));
  return (
    <ul class="face-map__legend" aria-label="Totals by product">
      {props.products.map((product) => {
        const total = totals.get(product.key);
        return (
          <li class={`face-map__legend-item ${toneClass(props.tones, product.key)}`} data-product={product.key}>
            <span class="face-map__swatch" aria-hidden="true"></span>
            <span class="face-map__legend-name">{product.label}</span>{' '}
            <span class="face-map__legend-total" data-total>
              {formatAmount(total?.total ?? 0, product.unit)}
            </span>
            <span class="face-map__legend-count" data-count>
              {pointsWord(total?.points ?? 0)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function productOf(products: readonly FaceMapProduct[], key: string): FaceMapProduct {
  return products.find((p) => p.key === key) ?? { key, label: key === '' ? 'No product' : `Unknown product (${key})`, unit: 'units' };
}

function ProductOptions(props: { products: readonly FaceMapProduct[]; selected?: string }) {
  const known = props.products.some((p) => p.key === props.selected);
  return (
    <>
      {props.selected !== undefined && !known ? (
        <option value={props.selected} selected>
          {productOf(props.products, props.selected).label}
        </option>
      ) : null}
      {props.products.map((p) => (
        <option value={p.key} data-unit={p.unit} selected={p.key === props.selected}>
          {p.label}
        </option>
      ))}
    </>
  );
}

/** One row of the editable table; the client clones an empty one from a <template>. */
function EditRow(props: { point?: DraftInjectionPoint; index?: number; products: readonly FaceMapProduct[]; tones: Tones }) {
  const { point, index } = props;
  const n = index === undefined ? '' : String(index + 1);
  const product = point ? productOf(props.products, point.product) : undefined;
  return (
    <tr data-index={index}>
      <th scope="row" class="face-map__cell-number">
        <button
          type="button"
          class={`face-map__number ${point ? toneClass(props.tones, point.product) : ''}`}
          data-action="select"
          aria-label={`Edit point ${n}`}
        >
          {n}
        </button>
      </th>
      <td class="face-map__site-cell">
        <span class="face-map__site-name" data-cell="site">
          {point?.site ?? ''}
        </span>
        <span class="visually-hidden">, </span>
        <span class="face-map__site-view" data-cell="view">
          {point ? FACE_VIEW_LABELS[point.view] : ''}
        </span>
      </td>
      <td class="face-map__cell-product">
        <select class="select face-map__row-select" data-field="product" aria-label={`Product of point ${n}`}>
          <ProductOptions products={props.products} selected={point?.product} />
        </select>
      </td>
      <td class="face-map__cell-amount">
        <span class="face-map__amount">
          <input
            class="input face-map__row-amount"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            data-field="amount"
            value={point?.amount === null || point === undefined ? '' : String(point.amount)}
            aria-label={`Amount of point ${n}${product ? ` in ${product.unit}` : ''}`}
            aria-invalid={point && point.amount === null ? 'true' : undefined}
          />
          <span class="face-map__unit" data-unit-label>
            {product?.unit ?? ''}
          </span>
        </span>
      </td>
      <td class="face-map__row-actions">
        <button type="button" class="btn btn--sm btn--secondary" data-action="remove" aria-label={`Remove point ${n}`}>
          Remove
        </button>
      </td>
    </tr>
  );
}

function PointsTable(props: { id: string; points: readonly DraftInjectionPoint[]; products: readonly FaceMapProduct[]; tones: Tones; editable: boolean }) {
  const columns = 5;
  return (
    <div
      class="table-wrap face-map__table-wrap"
      tabindex={props.editable ? undefined : 0}
      role={props.editable ? undefined : 'region'}
      aria-labelledby={props.editable ? undefined : `${props.id}-table-caption`}
    >
      <table class={`table face-map__table${props.editable ? ' face-map__table--edit' : ''}`}>
        <caption id={`${props.id}-table-caption`}>Injection points</caption>
        <thead>
          <tr>
            <th scope="col">
              <span aria-hidden="true">#</span>
              <span class="visually-hidden">Point</span>
            </th>
            {props.editable ? (
              <th scope="col">Site and view</th>
            ) : (
              <>
                <th scope="col">View</th>
                <th scope="col">Site</th>
              </>
            )}
            <th scope="col">Product</th>
            <th scope="col">Amount</th>
            {props.editable ? (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody data-face-map-rows>
          {props.points.map((point, index) =>
            props.editable ? (
              <EditRow point={point} index={index} products={props.products} tones={props.tones} />
            ) : (
              <tr>
                <th scope="row" class="face-map__cell-number">
                  <span class={`face-map__number ${toneClass(props.tones, point.product)}`}>{index + 1}</span>
                </th>
                <td class="face-map__cell-view">{FACE_VIEW_LABELS[point.view]}</td>
                <td class="face-map__site-cell">{point.site}</td>
                <td class="face-map__cell-product">{productOf(props.products, point.product).label}</td>
                <td class="face-map__cell-amount">{point.amount === null ? 'Not recorded' : formatAmount(point.amount, productOf(props.products, point.product).unit)}</td>
              </tr>
            ),
          )}
          <tr class="face-map__empty" data-face-map-empty hidden={props.points.length > 0}>
            <td colspan={columns}>
              {props.editable ? 'No points yet. Tap the drawing where you injected, or add a point by site below.' : 'No injection points were charted.'}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

// ————— Editing controls —————

function Control(props: { id: string; label: string; children: Child }) {
  return (
    <div class="field face-map__field">
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      {props.children}
    </div>
  );
}

function AmountInput(props: { id: string; unit: string; errorId: string }) {
  return (
    <span class="face-map__amount">
      <input class="input" id={props.id} type="text" inputmode="decimal" autocomplete="off" data-field="amount" aria-describedby={props.errorId} />
      <span class="face-map__unit" data-unit-label>
        {props.unit}
      </span>
    </span>
  );
}

function Editor(props: { id: string; products: readonly FaceMapProduct[] }) {
  const p = `${props.id}-editor`;
  return (
    <div class="face-map__panel face-map__editor" data-face-map-editor role="group" aria-labelledby={`${p}-title`} hidden>
      <p class="face-map__panel-title" id={`${p}-title`}>
        Point <span data-editor-number></span> · <span data-editor-view></span>
      </p>
      <div class="face-map__fields">
        <Control id={`${p}-site`} label="Site">
          <input class="input" id={`${p}-site`} type="text" autocomplete="off" maxlength={MAX_SITE_LENGTH} data-field="site" list={`${props.id}-sites-front`} />
        </Control>
        {FACE_VIEWS.map((view) => (
          <datalist id={`${props.id}-sites-${view}`}>
            {sitesOn(view).map(({ site }) => (
              <option value={site.label}></option>
            ))}
          </datalist>
        ))}
        <Control id={`${p}-product`} label="Product">
          <select class="select" id={`${p}-product`} data-field="product">
            <ProductOptions products={props.products} />
          </select>
        </Control>
        <Control id={`${p}-amount`} label="Amount">
          <AmountInput id={`${p}-amount`} unit={props.products[0]?.unit ?? ''} errorId={`${p}-error`} />
        </Control>
      </div>
      <p class="field__error face-map__error" id={`${p}-error`} data-editor-error hidden></p>
      <div class="btn-row">
        <button type="button" class="btn btn--primary btn--sm" data-action="done">
          Done
        </button>
        <button type="button" class="btn btn--secondary btn--sm face-map__remove" data-action="remove-selected">
          Remove point
        </button>
      </div>
    </div>
  );
}

function AddPoint(props: { id: string; products: readonly FaceMapProduct[] }) {
  const p = `${props.id}-add`;
  return (
    <div class="face-map__panel face-map__add" role="group" aria-labelledby={`${p}-title`} data-face-map-add>
      <p class="face-map__panel-title" id={`${p}-title`}>
        Add a point by site
      </p>
      <div class="face-map__fields">
        <Control id={`${p}-site`} label="Site">
          <select class="select" id={`${p}-site`} data-field="site">
            {FACE_VIEWS.map((view) => (
              <optgroup label={FACE_VIEW_LABELS[view]}>
                {sitesOn(view).map(({ site }) => (
                  <option value={`${view}:${site.id}`}>{site.label}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </Control>
        <Control id={`${p}-product`} label="Product">
          <select class="select" id={`${p}-product`} data-field="product">
            <ProductOptions products={props.products} />
          </select>
        </Control>
        <Control id={`${p}-amount`} label="Amount">
          <AmountInput id={`${p}-amount`} unit={props.products[0]?.unit ?? ''} errorId={`${p}-error`} />
        </Control>
        <button type="button" class="btn btn--secondary face-map__add-button" data-action="add" disabled={props.products.length === 0}>
          Add point
        </button>
      </div>
      <p class="field__error face-map__error" id={`${p}-error`} data-add-error hidden></p>
    </div>
  );
}

/** The face diagram, editable (inside a form) or read-only (a signed chart). */
export function FaceMap(props: FaceMapProps) {
  const id = props.id ?? `face-map-${props.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const label = props.label ?? 'Injection sites';
  const editable = !props.readOnly;
  const tones = tonesOf(props.products);
  const points = props.points;
  const products = props.products.map((p) => ({ ...p, tone: tones.get(p.key) }));
  return (
    <div
      class={`face-map${editable ? ' face-map--edit' : ''}`}
      id={id}
      role="group"
      aria-label={label}
      data-face-map={editable ? 'edit' : 'read'}
      data-products={editable ? JSON.stringify(products) : undefined}
      data-max-points={editable ? MAX_POINTS : undefined}
      data-max-amount={editable ? MAX_AMOUNT : undefined}
      data-max-ml={editable ? MAX_ML_PER_POINT : undefined}
    >
      {props.errors && props.errors.length > 0 ? (
        <Alert tone="error" title={props.errors.length === 1 ? 'One injection point needs a change' : 'Some injection points need a change'}>
          <ul class="face-map__errors">
            {props.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Legend points={points} products={props.products} tones={tones} />
      {editable ? (
        <p class="face-map__how muted text-sm" id={`${id}-how`}>
          Tap or click a drawing where you injected to place a point; tap a marker to change or remove it.
        </p>
      ) : null}
      {/* Focusable, because on a phone the strip scrolls sideways and the keyboard must reach it too. */}
      <div class="face-map__views" tabindex={0} role="region" aria-label={`${label}: the drawings`}>
        {FACE_VIEWS.map((view) => (
          <ViewFigure id={id} view={view} points={points} tones={tones} />
        ))}
      </div>
      {editable ? (
        <>
          <noscript>
            <p class="face-map__noscript">Placing and changing points needs JavaScript, which is turned off in this browser.</p>
          </noscript>
          <Editor id={id} products={props.products} />
          <AddPoint id={id} products={props.products} />
          {props.products.length === 0 ? <p class="muted text-sm">Add the treatment’s products to the chart to mark injection points.</p> : null}
        </>
      ) : null}
      <PointsTable id={id} points={points} products={props.products} tones={tones} editable={editable} />
      {editable ? (
        <>
          <p class="visually-hidden" role="status" data-face-map-status></p>
          <input type="hidden" name={props.name} value={JSON.stringify(points)} data-face-map-input />
          <template data-face-map-row>
            <EditRow products={props.products} tones={tones} />
          </template>
        </>
      ) : null}
    </div>
  );
}
