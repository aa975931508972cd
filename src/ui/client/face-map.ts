/**
 * Editing the injection face diagram (src/modules/charting/face-map/face-map.tsx), on every
 * [data-face-map="edit"]. The points live in the hidden input as JSON; every change rewrites
 * it and redraws the markers, the totals and the table from that list.
 *
 * A tap or click on a drawing places a point named after the nearest catalogue site, with the
 * product chosen under "Add a point by site" and that product's last amount (or none, and the
 * amount field takes the focus). A marker, or a row's number, opens the point in the editor
 * panel; rows change product and amount in place. "Add a point by site" needs no pointer.
 * The component sits inside the chart's form: Enter in its fields never submits that form.
 */
import type { AmountUnit, DraftInjectionPoint, FaceView } from '../../modules/charting/face-map/points.ts';
import { FACE_DIAGRAM, findSite, nearestSite, type SitePosition } from '../../modules/charting/face-map/sites.ts';

type Product = { key: string; label: string; unit: AmountUnit; tone?: string };
type Field = HTMLInputElement | HTMLSelectElement;

const SVG = 'http://www.w3.org/2000/svg';
/** Roughly the middle of the face on each view's drawing. */
const FACE_MIDDLE: Record<FaceView, SitePosition> = { front: { x: 200, y: 260 }, right: { x: 250, y: 270 }, left: { x: 150, y: 270 } };
const enhanced = new WeakSet<HTMLElement>();

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function formatAmount(amount: number, unit: AmountUnit): string {
  const n = String(Math.round(amount * 100) / 100);
  return unit === 'mL' ? `${n} mL` : `${n} ${amount === 1 ? 'unit' : 'units'}`;
}

/** What was typed as a number ("0,5" too), or null when it is not one. */
function readAmount(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

function readPoints(json: string): DraftInjectionPoint[] {
  try {
    const value: unknown = JSON.parse(json || '[]');
    return Array.isArray(value) ? (value as DraftInjectionPoint[]) : [];
  } catch {
    return [];
  }
}

function enhance(root: HTMLElement): void {
  if (enhanced.has(root)) return;
  const hidden = root.querySelector<HTMLInputElement>('[data-face-map-input]');
  const rows = root.querySelector<HTMLElement>('[data-face-map-rows]');
  const empty = root.querySelector<HTMLElement>('[data-face-map-empty]');
  const template = root.querySelector<HTMLTemplateElement>('template[data-face-map-row]');
  const editor = root.querySelector<HTMLElement>('[data-face-map-editor]');
  const adder = root.querySelector<HTMLElement>('[data-face-map-add]');
  const status = root.querySelector<HTMLElement>('[data-face-map-status]');
  if (!hidden || !rows || !empty || !template || !editor || !adder || !status) return;
  enhanced.add(root);

  const products: Product[] = JSON.parse(root.dataset.products ?? '[]');
  const maxPoints = Number(root.dataset.maxPoints);
  const maxAmount = Number(root.dataset.maxAmount);
  const maxMl = Number(root.dataset.maxMl);
  const points = readPoints(hidden.value);
  let selected: number | null = null;

  const field = <T extends Field>(scope: ParentNode, name: string) => scope.querySelector<T>(`[data-field="${name}"]`)!;
  const editorSite = field<HTMLInputElement>(editor, 'site');
  const editorProduct = field<HTMLSelectElement>(editor, 'product');
  const editorAmount = field<HTMLInputElement>(editor, 'amount');
  const editorError = editor.querySelector<HTMLElement>('[data-editor-error]')!;
  const addSite = field<HTMLSelectElement>(adder, 'site');
  const addProduct = field<HTMLSelectElement>(adder, 'product');
  const addAmount = field<HTMLInputElement>(adder, 'amount');
  const addError = adder.querySelector<HTMLElement>('[data-add-error]')!;

  const productOf = (key: string): Product =>
    products.find((p) => p.key === key) ?? { key, label: key ? `Unknown product (${key})` : 'No product', unit: 'units' };
  const toneOf = (key: string) => `face-map-tone-${products.find((p) => p.key === key)?.tone ?? 'x'}`;
  const viewLabel = (view: FaceView) => root.querySelector(`.face-map__view[data-view="${view}"] .face-map__caption-title`)?.textContent ?? view;
  const rowOf = (index: number) => rows.querySelector<HTMLTableRowElement>(`tr[data-index="${index}"]`);

  /** Why an amount cannot be charted, or '' when it can. */
  function amountProblem(text: string, product: Product): string {
    if (text.trim() === '') return 'Enter the amount injected.';
    const n = readAmount(text);
    if (n === null) return 'Enter the amount as a number, like 4 or 0.5.';
    if (n <= 0) return 'The amount must be more than 0.';
    if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) return 'Use at most 2 decimals.';
    const max = product.unit === 'mL' ? maxMl : maxAmount;
    if (n > max) return `The amount must be at most ${formatAmount(max, product.unit)}.`;
    return '';
  }

  function announce(text: string): void {
    status!.textContent = '';
    window.setTimeout(() => (status!.textContent = text), 50);
  }

  function setValue(control: Field, value: string): void {
    if (control !== document.activeElement) control.value = value;
  }

  /** A product <select> that can also show a key the chart does not offer (a draft sent back). */
  function chooseProduct(select: HTMLSelectElement, key: string): void {
    select.querySelector('option[data-unknown]')?.remove();
    if (![...select.options].some((o) => o.value === key)) {
      const option = new Option(productOf(key).label, key);
      option.dataset.unknown = '';
      select.prepend(option);
    }
    setValue(select, key);
  }

  function save(): void {
    hidden!.value = JSON.stringify(points);
    hidden!.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function marker(point: DraftInjectionPoint, index: number): SVGGElement {
    const g = document.createElementNS(SVG, 'g');
    const classes = ['face-map__marker', toneOf(point.product)];
    if (point.amount === null) classes.push('is-incomplete');
    if (index === selected) classes.push('is-selected');
    g.setAttribute('class', classes.join(' '));
    g.setAttribute('data-index', String(index));
    g.setAttribute('transform', `translate(${point.x} ${point.y})`);
    const body = document.createElementNS(SVG, 'g');
    body.setAttribute('class', 'face-map__marker-body');
    for (const [name, r] of [['face-map__marker-hit', '20'], ['face-map__marker-dot', '12']] as const) {
      const circle = document.createElementNS(SVG, 'circle');
      circle.setAttribute('class', name);
      circle.setAttribute('r', r);
      body.append(circle);
    }
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('class', 'face-map__marker-number');
    text.setAttribute('text-anchor', 'middle');
    text.setAttribute('dy', '0.36em');
    text.textContent = String(index + 1);
    body.append(text);
    g.append(body);
    return g;
  }

  function drawMarkers(): void {
    for (const figure of root.querySelectorAll<HTMLElement>('.face-map__view[data-view]')) {
      const view = figure.dataset.view as FaceView;
      const shown = points.map((p, i) => [p, i] as const).filter(([p]) => p.view === view);
      figure.querySelector('.face-map__markers')?.replaceChildren(...shown.map(([p, i]) => marker(p, i)));
      const count = figure.querySelector('[data-view-count]');
      if (count) count.textContent = plural(shown.length, 'point');
    }
  }

  function drawTotals(): void {
    for (const item of root.querySelectorAll<HTMLElement>('.face-map__legend-item[data-product]')) {
      const product = productOf(item.dataset.product ?? '');
      const mine = points.filter((p) => p.product === product.key);
      const total = mine.reduce((sum, p) => Math.round(sum * 100 + (p.amount ?? 0) * 100) / 100, 0);
      item.querySelector('[data-total]')!.textContent = formatAmount(total, product.unit);
      item.querySelector('[data-count]')!.textContent = plural(mine.length, 'point');
    }
  }

  function fillRow(row: HTMLTableRowElement, index: number): void {
    const point = points[index]!;
    const product = productOf(point.product);
    const n = index + 1;
    row.dataset.index = String(index);
    row.classList.toggle('is-selected', index === selected);
    const number = row.querySelector<HTMLButtonElement>('[data-action="select"]')!;
    number.textContent = String(n);
    number.className = `face-map__number ${toneOf(point.product)}`;
    number.setAttribute('aria-label', `Edit point ${n}`);
    row.querySelector('[data-cell="view"]')!.textContent = viewLabel(point.view);
    row.querySelector('[data-cell="site"]')!.textContent = point.site;
    const select = field<HTMLSelectElement>(row, 'product');
    chooseProduct(select, point.product);
    select.setAttribute('aria-label', `Product of point ${n}`);
    const amount = field<HTMLInputElement>(row, 'amount');
    if (amount !== document.activeElement) amount.value = point.amount === null ? '' : String(point.amount);
    amount.setAttribute('aria-label', `Amount of point ${n} in ${product.unit}`);
    if (amountProblem(amount.value, product)) amount.setAttribute('aria-invalid', 'true');
    else amount.removeAttribute('aria-invalid');
    row.querySelector('[data-unit-label]')!.textContent = product.unit;
    row.querySelector('[data-action="remove"]')!.setAttribute('aria-label', `Remove point ${n}`);
  }

  function drawRows(): void {
    for (const row of rows!.querySelectorAll('tr[data-index]')) row.remove();
    points.forEach((_, index) => {
      const row = template!.content.firstElementChild!.cloneNode(true) as HTMLTableRowElement;
      fillRow(row, index);
      rows!.insertBefore(row, empty);
    });
    empty!.hidden = points.length > 0;
  }

  function fillEditor(): void {
    if (selected === null) return;
    const point = points[selected]!;
    editor!.querySelector('[data-editor-number]')!.textContent = String(selected + 1);
    editor!.querySelector('[data-editor-view]')!.textContent = viewLabel(point.view);
    editorSite.setAttribute('list', `${root.id}-sites-${point.view}`);
    setValue(editorSite, point.site);
    chooseProduct(editorProduct, point.product);
    setValue(editorAmount, point.amount === null ? '' : String(point.amount));
    editor!.querySelector('[data-unit-label]')!.textContent = productOf(point.product).unit;
  }

  function showError(box: HTMLElement, control: HTMLInputElement, message: string): void {
    box.textContent = message;
    box.hidden = message === '';
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }

  function drawAll(): void {
    drawMarkers();
    drawTotals();
    drawRows();
  }

  function open(index: number, focus: Field | null): void {
    selected = index;
    showError(editorError, editorAmount, '');
    fillEditor();
    editor!.hidden = false;
    drawMarkers();
    rows!.querySelectorAll('tr[data-index]').forEach((row) => row.classList.toggle('is-selected', row.getAttribute('data-index') === String(index)));
    if (focus) focus.focus();
    else editor!.scrollIntoView({ block: 'nearest' });
  }

  function close(returnFocus: boolean): void {
    const was = selected;
    selected = null;
    editor!.hidden = true;
    drawMarkers();
    rows!.querySelectorAll('tr.is-selected').forEach((row) => row.classList.remove('is-selected'));
    if (returnFocus && was !== null) rowOf(was)?.querySelector<HTMLElement>('[data-action="select"]')?.focus();
  }

  /** Changes one point and brings everything that shows it up to date (the field being typed in is left alone). */
  function change(index: number, changes: Partial<DraftInjectionPoint>): void {
    Object.assign(points[index]!, changes);
    save();
    drawMarkers();
    drawTotals();
    const row = rowOf(index);
    if (row) fillRow(row, index);
    if (selected === index) fillEditor();
  }

  function remove(index: number, keyboard: boolean): void {
    const [gone] = points.splice(index, 1);
    if (!gone) return;
    if (selected === index) {
      selected = null;
      editor!.hidden = true;
    } else if (selected !== null && selected > index) selected -= 1;
    save();
    drawAll();
    if (selected !== null) fillEditor();
    const after = points.length > index ? ` Points after it are numbered one lower.` : '';
    announce(`Point ${index + 1} removed (${gone.site}).${after} ${plural(points.length, 'point')} left.`);
    if (!keyboard) return;
    const next = (rowOf(index) ?? rowOf(index - 1))?.querySelector<HTMLElement>('[data-action="remove"]');
    (next ?? addSite).focus();
  }

  /** The product "Add a point by site" has chosen: the one a tap on the drawing uses too. */
  const currentProduct = () => addProduct.value || products[0]?.key || '';

  function lastAmount(product: string): number | null {
    for (let i = points.length - 1; i >= 0; i--) {
      const point = points[i]!;
      if (point.product === product && point.amount !== null && !amountProblem(String(point.amount), productOf(product))) return point.amount;
    }
    return null;
  }

  function full(): boolean {
    if (points.length < maxPoints) return false;
    announce(`This chart already holds ${maxPoints} points, the most it can.`);
    return true;
  }

  /** Where a click or tap fell, in the drawing's coordinates. */
  function diagramPoint(svg: SVGSVGElement, event: MouseEvent): SitePosition | null {
    const matrix = svg.getScreenCTM();
    if (!matrix) return null;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return {
      x: Math.round(Math.min(FACE_DIAGRAM.width, Math.max(0, at.x))),
      y: Math.round(Math.min(FACE_DIAGRAM.height, Math.max(0, at.y))),
    };
  }

  /** The marker meant by a tap on markers: their touch areas overlap, so the closest centre wins. */
  function closestPoint(view: FaceView, at: SitePosition): number {
    let best = -1;
    points.forEach((p, i) => {
      if (p.view === view && (best < 0 || Math.hypot(p.x - at.x, p.y - at.y) < Math.hypot(points[best]!.x - at.x, points[best]!.y - at.y))) best = i;
    });
    return best;
  }

  function place(view: FaceView, svg: SVGSVGElement, event: MouseEvent): void {
    if (full()) return;
    if (products.length === 0) return announce('Add the treatment’s products to the chart before marking points.');
    const at = diagramPoint(svg, event);
    if (!at) return;
    const { x, y } = at;
    const site = nearestSite(view, x, y);
    const product = currentProduct();
    const amount = lastAmount(product);
    points.push({ view, x, y, site: site.label, product, amount });
    save();
    drawAll();
    const index = points.length - 1;
    open(index, amount === null ? editorAmount : null);
    const what = amount === null ? 'enter the amount' : `${productOf(product).label} ${formatAmount(amount, productOf(product).unit)}`;
    announce(`Point ${index + 1} placed on the ${viewLabel(view).toLowerCase()} view at ${site.label}: ${what}.`);
  }

  /**
   * The site's own place or, when a point of this view already sits there, the nearest free
   * place around it, trying first the places towards the middle of the face (so a second
   * point at the jaw's edge does not land beside the face).
   */
  function freeSpot(view: FaceView, at: SitePosition): SitePosition {
    const taken = (x: number, y: number) => points.some((p) => p.view === view && Math.hypot(p.x - x, p.y - y) < 12);
    const middle = FACE_MIDDLE[view];
    for (const radius of [0, 26, 52]) {
      const around = Array.from({ length: radius === 0 ? 1 : 8 }, (_, step) => ({
        x: Math.round(Math.min(FACE_DIAGRAM.width, Math.max(0, at.x + radius * Math.cos((step * Math.PI) / 4)))),
        y: Math.round(Math.min(FACE_DIAGRAM.height, Math.max(0, at.y + radius * Math.sin((step * Math.PI) / 4)))),
      })).sort((a, b) => Math.hypot(a.x - middle.x, a.y - middle.y) - Math.hypot(b.x - middle.x, b.y - middle.y));
      const free = around.find((spot) => !taken(spot.x, spot.y));
      if (free) return free;
    }
    return at;
  }

  function addBySite(): void {
    const [view, id] = addSite.value.split(':') as [FaceView, string];
    const site = findSite(id);
    const at = site?.at[view];
    const product = productOf(addProduct.value);
    if (!site || !at) return;
    const problem = amountProblem(addAmount.value, product);
    showError(addError, addAmount, problem);
    if (problem) {
      addAmount.focus();
      return;
    }
    if (full()) return;
    const amount = readAmount(addAmount.value)!;
    points.push({ view, ...freeSpot(view, at), site: site.label, product: product.key, amount });
    save();
    drawAll();
    announce(`Point ${points.length} added: ${site.label}, ${viewLabel(view).toLowerCase()} view, ${product.label} ${formatAmount(amount, product.unit)}.`);
  }

  function finishEditing(keyboard: boolean): void {
    if (selected === null) return;
    const point = points[selected]!;
    const problem = point.site.trim() === '' ? 'Name the injection site.' : amountProblem(editorAmount.value, productOf(point.product));
    showError(editorError, editorAmount, problem);
    if (problem) {
      (point.site.trim() === '' ? editorSite : editorAmount).focus();
      return;
    }
    close(keyboard);
  }

  root.addEventListener('click', (event) => {
    const target = event.target as Element;
    const button = target.closest<HTMLElement>('[data-action]');
    const keyboard = (event as MouseEvent).detail === 0;
    if (button) {
      const row = button.closest<HTMLElement>('tr[data-index]');
      const index = Number(row?.dataset.index);
      switch (button.dataset.action) {
        case 'select':
          return open(index, editorSite);
        case 'remove':
          return remove(index, keyboard);
        case 'remove-selected':
          return selected === null ? undefined : remove(selected, keyboard);
        case 'done':
          return finishEditing(keyboard);
        case 'add':
          return addBySite();
      }
      return;
    }
    const svg = target.closest<SVGSVGElement>('svg.face-map__svg');
    if (!svg) return;
    const view = svg.dataset.view as FaceView;
    const at = target.closest('.face-map__marker') ? diagramPoint(svg, event as MouseEvent) : null;
    const index = at ? closestPoint(view, at) : -1;
    if (index >= 0) open(index, null);
    else place(view, svg, event as MouseEvent);
  });

  root.addEventListener('input', (event) => {
    const control = event.target as Field;
    const name = control.dataset?.field;
    if (!name) return;
    const row = control.closest<HTMLElement>('tr[data-index]');
    const index = row ? Number(row.dataset.index) : control.closest('[data-face-map-editor]') ? selected : null;
    if (index === null) {
      if (control === addProduct) adder!.querySelector('[data-unit-label]')!.textContent = productOf(addProduct.value).unit;
      if (control === addAmount && !addError.hidden) showError(addError, addAmount, amountProblem(addAmount.value, productOf(addProduct.value)));
      return;
    }
    if (name === 'amount') {
      change(index, { amount: readAmount(control.value) });
      if (!row && !editorError.hidden) showError(editorError, editorAmount, amountProblem(control.value, productOf(points[index]!.product)));
    } else if (name === 'product') {
      change(index, { product: control.value });
      // The next tap on the drawing uses the product last chosen.
      if (products.some((p) => p.key === control.value)) addProduct.value = control.value;
      adder!.querySelector('[data-unit-label]')!.textContent = productOf(addProduct.value).unit;
    } else if (name === 'site') change(index, { site: control.value });
  });

  root.addEventListener('keydown', (event) => {
    const control = event.target as HTMLElement;
    if (event.key === 'Escape' && selected !== null && editor!.contains(control)) {
      event.preventDefault();
      return close(true);
    }
    if (event.key !== 'Enter' || !(control instanceof HTMLInputElement)) return;
    // Enter in the diagram's fields acts here, never submits the chart's form.
    event.preventDefault();
    if (adder!.contains(control)) addBySite();
    else if (editor!.contains(control)) finishEditing(true);
  });

  drawAll();
}

export function startFaceMaps(): void {
  const scan = (scope: Element | Document) => {
    if (scope instanceof HTMLElement && scope.matches('[data-face-map="edit"]')) enhance(scope);
    scope.querySelectorAll<HTMLElement>('[data-face-map="edit"]').forEach(enhance);
  };
  scan(document);
  // A chart form swapped in by htmx brings its own diagram.
  document.addEventListener('htmx:load', (event) => scan(event.target as Element));
}
