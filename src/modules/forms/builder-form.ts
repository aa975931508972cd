/**
 * The builder's form (issue 7): what the page posts — template settings, the form's texts and
 * its items in rows — read into a draft (exactly what was typed, to show again) and, from the
 * draft, a candidate definition checked by the schema. Problems come back keyed by the input
 * they belong to, so the page shows each beside its item. Also the edits the page offers
 * without saving (add, move, remove). Pure: no I/O.
 */
import { checkDefinition, isItemId, isItemType, LIMITS, slugFor, type FormDefinition, type FormItem, type ItemType, type Text } from './definition.ts';
import { ASSIGNMENT_RULES, FORM_KINDS, isAssignmentRule, isFormKind, RENEWAL_MONTHS, type AssignmentRule, type FormKind } from './rules.ts';

export interface DraftText {
  en: string;
  es: string;
}

export interface DraftOption {
  id: string;
  text: DraftText;
}

export interface DraftItem {
  type: ItemType;
  id: string;
  /** The question, the statement, the paragraph, or a section's title. */
  label: DraftText;
  help: DraftText;
  /** A section's text. */
  body: DraftText;
  required: boolean;
  options: DraftOption[];
  /** A yes/no question's follow-up. */
  follow: DraftText;
  min: string;
  max: string;
  unit: DraftText;
}

export interface BuilderDraft {
  name: string;
  kind: string;
  rule: string;
  renewalMonths: string;
  title: DraftText;
  intro: DraftText;
  items: DraftItem[];
}

export interface TemplateSettings {
  name: string;
  kind: FormKind;
  rule: AssignmentRule;
  renewalMonths: number | null;
}

export type BuilderResult = { ok: true; draft: BuilderDraft; settings: TemplateSettings; definition: FormDefinition } | { ok: false; draft: BuilderDraft; errors: Record<string, string> };

type Body = Readonly<Record<string, readonly string[]>>;

/** Input names, shared by the view and the reader so they cannot drift apart. */
export const itemField = (n: number, part: string) => `i${n}_${part}`;
export const optionField = (n: number, k: number, part: 'id' | 'en' | 'es') => `i${n}_o${k}_${part}`;

const EMPTY: DraftText = { en: '', es: '' };

const first = (body: Body, name: string) => (body[name]?.[0] ?? '').replace(/\r\n?/g, '\n');

function draftText(body: Body, base: string, multiline: boolean): DraftText {
  const clean = (s: string) => (multiline ? s.trim() : s.replace(/\s+/g, ' ').trim());
  return { en: clean(first(body, `${base}_en`)), es: clean(first(body, `${base}_es`)) };
}

export function blankItem(type: ItemType, id = ''): DraftItem {
  return {
    type,
    id,
    label: { ...EMPTY },
    help: { ...EMPTY },
    body: { ...EMPTY },
    required: type !== 'section' && type !== 'long_text',
    options: [],
    follow: { ...EMPTY },
    min: '',
    max: '',
    unit: { ...EMPTY },
  };
}

/** Multi-line texts: section bodies, the introduction, statements and paragraphs, help. */
const multilineLabel = (type: ItemType) => type === 'acknowledgement' || type === 'initials';

/** What the page posted, as typed (trimmed). Rows beyond the limits are kept so the messages can say so. */
export function draftOf(body: Body): BuilderDraft {
  const items: DraftItem[] = [];
  for (let n = 0; n <= LIMITS.items; n++) {
    const type = first(body, itemField(n, 'type'));
    if (!type) break;
    const item = blankItem(isItemType(type) ? type : 'short_text', first(body, itemField(n, 'id')).trim());
    item.label = draftText(body, itemField(n, 'label'), multilineLabel(item.type));
    item.help = draftText(body, itemField(n, 'help'), true);
    item.body = draftText(body, itemField(n, 'body'), true);
    item.required = item.type === 'signature' || Boolean(first(body, itemField(n, 'required')));
    item.follow = draftText(body, itemField(n, 'follow'), false);
    item.min = first(body, itemField(n, 'min')).trim();
    item.max = first(body, itemField(n, 'max')).trim();
    item.unit = draftText(body, itemField(n, 'unit'), false);
    for (let k = 0; k <= LIMITS.options + 2; k++) {
      const names = [optionField(n, k, 'id'), optionField(n, k, 'en'), optionField(n, k, 'es')];
      if (names.every((name) => body[name] === undefined)) break;
      const text = draftText(body, `i${n}_o${k}`, false);
      item.options.push({ id: first(body, optionField(n, k, 'id')).trim(), text });
    }
    items.push(item);
  }
  return {
    name: first(body, 'name').replace(/\s+/g, ' ').trim(),
    kind: first(body, 'kind'),
    rule: first(body, 'rule'),
    renewalMonths: first(body, 'renewal_months').trim(),
    title: draftText(body, 'title', false),
    intro: draftText(body, 'intro', true),
    items,
  };
}

/** The draft of a stored template, to show in the builder. */
export function draftFromDefinition(def: FormDefinition, settings: TemplateSettings): BuilderDraft {
  const text = (t?: Text): DraftText => ({ en: t?.en ?? '', es: t?.es ?? '' });
  return {
    name: settings.name,
    kind: settings.kind,
    rule: settings.rule,
    renewalMonths: settings.renewalMonths === null ? '' : String(settings.renewalMonths),
    title: text(def.title),
    intro: text(def.intro),
    items: def.items.map((item): DraftItem => {
      const d = blankItem(item.type, item.id);
      if (item.type === 'section') {
        d.label = text(item.title);
        d.body = text(item.body);
        d.required = false;
        return d;
      }
      d.label = text(item.label);
      d.help = text(item.help);
      d.required = item.required;
      if (item.type === 'single_choice' || item.type === 'multiple_choice') d.options = item.options.map((o) => ({ id: o.id, text: text(o.label) }));
      if (item.type === 'yes_no') d.follow = text(item.followUp?.label);
      if (item.type === 'number') {
        d.min = item.min === undefined ? '' : String(item.min);
        d.max = item.max === undefined ? '' : String(item.max);
        d.unit = text(item.unit);
      }
      return d;
    }),
  };
}

/** The posted fields of a draft, as the page would send them: the reverse of draftOf (for tests and tools). */
export function fieldsOf(draft: BuilderDraft): [string, string][] {
  const out: [string, string][] = [
    ['name', draft.name],
    ['kind', draft.kind],
    ['rule', draft.rule],
    ['renewal_months', draft.renewalMonths],
    ['title_en', draft.title.en],
    ['title_es', draft.title.es],
    ['intro_en', draft.intro.en],
    ['intro_es', draft.intro.es],
  ];
  draft.items.forEach((item, n) => {
    const pair = (part: string, t: DraftText) => out.push([itemField(n, `${part}_en`), t.en], [itemField(n, `${part}_es`), t.es]);
    out.push([itemField(n, 'type'), item.type], [itemField(n, 'id'), item.id]);
    pair('label', item.label);
    if (item.type === 'section') pair('body', item.body);
    else {
      pair('help', item.help);
      if (item.required && item.type !== 'signature') out.push([itemField(n, 'required'), 'on']);
    }
    if (item.type === 'single_choice' || item.type === 'multiple_choice') {
      item.options.forEach((o, k) => out.push([optionField(n, k, 'id'), o.id], [optionField(n, k, 'en'), o.text.en], [optionField(n, k, 'es'), o.text.es]));
    }
    if (item.type === 'yes_no') pair('follow', item.follow);
    if (item.type === 'number') {
      out.push([itemField(n, 'min'), item.min], [itemField(n, 'max'), item.max]);
      pair('unit', item.unit);
    }
  });
  return out;
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Reads the posted builder form: the draft as typed, and either the settings and a valid
 * definition, or one message per input that needs another look (nothing is saved then).
 */
export function readBuilderForm(body: Body): BuilderResult {
  const draft = draftOf(body);
  const errors: Record<string, string> = {};

  if (!draft.name) errors.name = 'Name the form as your team will find it in lists.';
  else if (draft.name.length > 120) errors.name = 'Keep the name under 120 characters.';
  if (!isFormKind(draft.kind)) errors.kind = `Choose what kind of form it is (${Object.values(FORM_KINDS).join(', ')}).`;
  if (!isAssignmentRule(draft.rule)) errors.rule = `Choose when it is asked (${Object.values(ASSIGNMENT_RULES).map((r) => r.short.toLowerCase()).join(', ')}).`;
  let renewalMonths: number | null = null;
  if (draft.rule === 'once_per_client') {
    const months = /^\d{1,3}$/.test(draft.renewalMonths) ? Number(draft.renewalMonths) : NaN;
    if (!(months >= RENEWAL_MONTHS.min && months <= RENEWAL_MONTHS.max)) errors.renewal_months = `Enter after how many months it is asked again: a whole number from ${RENEWAL_MONTHS.min} to ${RENEWAL_MONTHS.max}.`;
    else renewalMonths = months;
  }
  if (draft.items.length > LIMITS.items) errors.items = `A form holds at most ${LIMITS.items} items. Split it into two forms.`;

  // Ids: kept when well formed and unique; an item without one gets it from its English text, once
  // that is written (the same words give the same id, so a question asked again is the same question).
  const taken = new Set<string>();
  const ids = draft.items.map((item) => {
    const keep = isItemId(item.id) && !taken.has(item.id) ? item.id : '';
    if (keep) taken.add(keep);
    return keep;
  });
  draft.items.forEach((item, n) => {
    if (ids[n]) return;
    const id = slugFor(item.label.en, taken, item.type === 'section' ? 'section' : item.type === 'signature' ? 'signature' : 'question');
    taken.add(id);
    ids[n] = id;
    item.id = item.label.en ? id : '';
  });

  // Options keep their rows: the schema's option k is the draft's row optionRows[n][k].
  const optionRows: number[][] = [];
  const candidate = {
    title: text(draft.title),
    ...(has(draft.intro) ? { intro: text(draft.intro) } : {}),
    items: draft.items.slice(0, LIMITS.items + 1).map((item, n): unknown => {
      const id = ids[n]!;
      if (item.type === 'section') return { type: 'section', id, title: text(item.label), ...(has(item.body) ? { body: text(item.body) } : {}) };
      const base = { type: item.type, id, label: text(item.label), ...(has(item.help) ? { help: text(item.help) } : {}), required: item.type === 'signature' ? true : item.required };
      if (item.type === 'single_choice' || item.type === 'multiple_choice') {
        const rows: number[] = [];
        const optionIds = new Set<string>();
        const kept = item.options.flatMap((o, k) => {
          if (!o.text.en && !o.text.es) return [];
          rows.push(k);
          const oid = isItemId(o.id) && !optionIds.has(o.id) ? o.id : slugFor(o.text.en, new Set([...optionIds, ...item.options.map((x) => x.id)]), 'answer');
          optionIds.add(oid);
          if (o.text.en) o.id = oid;
          return [{ id: oid, label: text(o.text) }];
        });
        optionRows[n] = rows;
        return { ...base, options: kept };
      }
      if (item.type === 'yes_no') return { ...base, ...(has(item.follow) ? { followUp: { label: text(item.follow) } } : {}) };
      if (item.type === 'number') {
        const bound = (part: 'min' | 'max') => {
          const raw = item[part];
          if (!raw) return {};
          if (!NUMBER.test(raw)) {
            errors[itemField(n, part)] = 'Enter a number, such as 0 or 2.5, or leave it empty.';
            return {};
          }
          return { [part]: Number(raw) };
        };
        return { ...base, ...bound('min'), ...bound('max'), ...(has(item.unit) ? { unit: text(item.unit) } : {}) };
      }
      return base;
    }),
  };

  const checked = checkDefinition(candidate);
  if (!checked.ok) {
    for (const issue of checked.issues) {
      const key = fieldOfIssue(issue.path, optionRows, draft);
      errors[key] ??= issue.message;
      const item = /^i(\d+)_/.exec(key)?.[1];
      if (item !== undefined) errors[`i${item}`] ??= 'This item needs another look.';
    }
  }
  if (Object.keys(errors).length || !checked.ok) return { ok: false, draft, errors };
  return {
    ok: true,
    draft,
    settings: { name: draft.name, kind: draft.kind as FormKind, rule: draft.rule as AssignmentRule, renewalMonths },
    definition: checked.definition,
  };
}

const has = (t: DraftText) => Boolean(t.en || t.es);
/** A draft text as stored: Spanish only when written. */
function text(t: DraftText): Text {
  return t.es ? { en: t.en, es: t.es } : { en: t.en };
}

/** The input a schema problem belongs to. */
function fieldOfIssue(path: readonly (string | number)[], optionRows: number[][], draft: BuilderDraft): string {
  const [head, n, part, k, sub, lang] = path;
  if (head === 'title' || head === 'intro') return `${head}_${n === 'es' ? 'es' : 'en'}`;
  if (head !== 'items') return 'form';
  if (typeof n !== 'number') return 'items';
  const item = draft.items[n];
  const langOf = (x: unknown) => (x === 'es' ? 'es' : 'en');
  switch (part) {
    case 'title':
      return itemField(n, `label_${langOf(k)}`);
    case 'label':
    case 'help':
    case 'body':
    case 'unit':
      return itemField(n, `${part}_${langOf(k)}`);
    case 'followUp':
      return itemField(n, `follow_${langOf(lang ?? sub)}`);
    case 'min':
    case 'max':
      return itemField(n, part);
    case 'options':
      if (typeof k === 'number' && sub === 'label') return optionField(n, optionRows[n]?.[k] ?? k, langOf(lang));
      if (typeof k === 'number') return optionField(n, optionRows[n]?.[k] ?? k, 'en');
      return itemField(n, 'options');
    case 'type':
      return itemField(n, 'type');
    default:
      return item ? itemField(n, 'item') : 'items';
  }
}

/** An edit the page makes to the draft without saving it. */
export type DraftEdit = { op: 'add'; type: ItemType } | { op: 'up' | 'down' | 'remove' | 'option'; index: number };

export function parseEdit(op: string, addType: string): DraftEdit | null {
  if (op === 'add') return isItemType(addType) ? { op: 'add', type: addType } : null;
  const m = /^(up|down|remove|option):(\d{1,3})$/.exec(op);
  return m ? { op: m[1] as 'up' | 'down' | 'remove' | 'option', index: Number(m[2]) } : null;
}

/**
 * Applies an edit; returns the index of the item it concerns (to keep it open and in view).
 * A new item goes just before the signature when the signature ends the form.
 */
export function applyEdit(draft: BuilderDraft, edit: DraftEdit): number | null {
  const items = draft.items;
  switch (edit.op) {
    case 'add': {
      const item = blankItem(edit.type);
      if (edit.type === 'single_choice' || edit.type === 'multiple_choice') item.options = [{ id: '', text: { ...EMPTY } }, { id: '', text: { ...EMPTY } }];
      const at = items.length && items[items.length - 1]!.type === 'signature' && edit.type !== 'signature' ? items.length - 1 : items.length;
      items.splice(at, 0, item);
      return at;
    }
    case 'option': {
      const item = items[edit.index];
      if (!item || (item.type !== 'single_choice' && item.type !== 'multiple_choice') || item.options.length >= LIMITS.options) return null;
      item.options.push({ id: '', text: { ...EMPTY } });
      return edit.index;
    }
    case 'remove':
      if (edit.index >= items.length) return null;
      items.splice(edit.index, 1);
      return null;
    case 'up':
    case 'down': {
      const to = edit.op === 'up' ? edit.index - 1 : edit.index + 1;
      if (edit.index >= items.length || to < 0 || to >= items.length) return edit.index < items.length ? edit.index : null;
      [items[edit.index], items[to]] = [items[to]!, items[edit.index]!];
      return to;
    }
  }
}

/** A new, blank form: a title, one question and the signature. */
export function blankDefinition(): FormDefinition {
  return {
    title: { en: 'Untitled form' },
    items: [
      { type: 'short_text', id: 'question', label: { en: 'Your question' }, required: true },
      { type: 'signature', id: 'signature', label: { en: 'Client signature', es: 'Firma del cliente' }, required: true },
    ],
  };
}

/**
 * The draft as a form, for the live preview: drawn from whatever has been typed so far, valid or
 * not (unwritten texts show as a dash, unusable numbers are left out). Never saved.
 */
export function previewOf(draft: BuilderDraft): FormDefinition {
  const shown = (t: DraftText): Text => (t.en || t.es ? { en: t.en || t.es, ...(t.es ? { es: t.es } : {}) } : { en: '—' });
  const maybe = (t: DraftText) => (has(t) ? shown(t) : undefined);
  const used = new Set<string>();
  const idOf = (wanted: string, n: number) => {
    const id = isItemId(wanted) && !used.has(wanted) ? wanted : `item-${n}`;
    used.add(id);
    return id;
  };
  const num = (raw: string) => (NUMBER.test(raw) && Math.abs(Number(raw)) <= LIMITS.number ? Number(raw) : undefined);
  const items = draft.items.slice(0, LIMITS.items).map((item, n): FormItem => {
    const id = idOf(item.id, n);
    const help = maybe(item.help);
    switch (item.type) {
      case 'section': {
        const body = maybe(item.body);
        return { type: 'section', id, title: shown(item.label), ...(body ? { body } : {}) };
      }
      case 'single_choice':
      case 'multiple_choice': {
        const options = item.options.filter((o) => has(o.text)).map((o, k) => ({ id: isItemId(o.id) ? o.id : `answer-${k}`, label: shown(o.text) }));
        const unique = options.filter((o, k) => options.findIndex((x) => x.id === o.id) === k);
        return { type: item.type, id, label: shown(item.label), ...(help ? { help } : {}), required: item.required, options: unique };
      }
      case 'yes_no': {
        const follow = maybe(item.follow);
        return { type: 'yes_no', id, label: shown(item.label), ...(help ? { help } : {}), required: item.required, ...(follow ? { followUp: { label: follow } } : {}) };
      }
      case 'number': {
        const [min, max, unit] = [num(item.min), num(item.max), maybe(item.unit)];
        return { type: 'number', id, label: shown(item.label), ...(help ? { help } : {}), required: item.required, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(unit ? { unit } : {}) };
      }
      case 'signature':
        return { type: 'signature', id, label: shown(item.label), ...(help ? { help } : {}), required: true };
      default:
        return { type: item.type, id, label: shown(item.label), ...(help ? { help } : {}), required: item.required };
    }
  });
  const intro = maybe(draft.intro);
  return { title: shown(draft.title), ...(intro ? { intro } : {}), items };
}

export type { FormItem };
