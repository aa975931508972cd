/**
 * The one renderer's model (ADR 011): a definition, the answers so far, the language and the
 * messages become a flat list of blocks. Every way a form is drawn — the builder's preview, the
 * read-only answers, the client's fill page, the signed PDF — draws these blocks and nothing
 * else, so they can never disagree about what a form says. Pure: no I/O.
 */
import { followUpKey, inLang, isAnswerable, numberOf, type AnswerValue, type Answers, type FormDefinition, type Lang, type YesNoAnswer } from './definition.ts';

export type FieldInput = 'short_text' | 'long_text' | 'single_choice' | 'multiple_choice' | 'yes_no' | 'date' | 'number';

export interface ChoiceOption {
  id: string;
  label: string;
  selected: boolean;
}

export interface FollowUpBlock {
  /** The error key and the base of the input name. */
  key: string;
  label: string;
  value: string;
  /** True when the answer is "yes": the question must be answered. */
  shown: boolean;
  error?: string;
}

export type Block =
  | { kind: 'heading'; id: string; level: 1 | 2; text: string }
  | { kind: 'paragraph'; id: string; text: string }
  | {
      kind: 'field';
      id: string;
      number: number;
      input: FieldInput;
      label: string;
      help?: string;
      required: boolean;
      /** What the inputs hold: text as typed, or the chosen option ids. */
      value: string | string[];
      /** The answer as words, for read-only views and the PDF. */
      display: string;
      answered: boolean;
      options?: ChoiceOption[];
      unit?: string;
      min?: number;
      max?: number;
      followUp?: FollowUpBlock;
      error?: string;
    }
  | { kind: 'acknowledgement'; id: string; number: number; text: string; help?: string; required: boolean; checked: boolean; display: string; error?: string }
  | { kind: 'initials'; id: string; number: number; text: string; help?: string; required: boolean; value: string; display: string; error?: string }
  | { kind: 'signature'; id: string; label: string; help?: string; error?: string };

export type FieldBlock = Extract<Block, { kind: 'field' }>;

/** The few words a renderer adds around the form's own text, in the form's language. */
export const WORDS = {
  en: {
    yes: 'Yes',
    no: 'No',
    required: 'Required',
    optional: 'optional',
    notAnswered: 'Not answered',
    initials: 'Initials',
    initialled: 'Initialled',
    notInitialled: 'Not initialled',
    agreed: 'Agreed',
    notAgreed: 'Not agreed',
    signature: 'Signature',
    signHere: 'Sign here',
    signedLater: 'You sign at the end, after checking your answers.',
    notSigned: 'Not signed yet',
    ifYes: 'If yes',
    chooseAny: 'Choose all that apply.',
    between: (min: string, max: string) => `Between ${min} and ${max}.`,
    atLeast: (min: string) => `At least ${min}.`,
    atMost: (max: string) => `At most ${max}.`,
    requiredNote: 'Questions marked * must be answered.',
  },
  es: {
    yes: 'Sí',
    no: 'No',
    required: 'Obligatorio',
    optional: 'opcional',
    notAnswered: 'Sin respuesta',
    initials: 'Iniciales',
    initialled: 'Con iniciales',
    notInitialled: 'Sin iniciales',
    agreed: 'Aceptado',
    notAgreed: 'No aceptado',
    signature: 'Firma',
    signHere: 'Firme aquí',
    signedLater: 'Firmará al final, después de revisar sus respuestas.',
    notSigned: 'Aún sin firmar',
    ifYes: 'Si la respuesta es sí',
    chooseAny: 'Elija todas las que correspondan.',
    between: (min: string, max: string) => `Entre ${min} y ${max}.`,
    atLeast: (min: string) => `Como mínimo ${min}.`,
    atMost: (max: string) => `Como máximo ${max}.`,
    requiredNote: 'Las preguntas marcadas con * son obligatorias.',
  },
} as const;
export type Words = (typeof WORDS)[Lang];

export interface FormLayout {
  lang: Lang;
  title: string;
  words: Words;
  blocks: Block[];
}

export interface LayoutInput {
  answers?: Answers | Record<string, unknown>;
  lang: Lang;
  /** From validateAnswers: keyed by item id, or followUpKey(id). */
  errors?: Readonly<Record<string, string>>;
}

const asString = (v: unknown): string => (typeof v === 'string' ? v : '');
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const asYesNo = (v: unknown): Partial<YesNoAnswer> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? { answer: (v as YesNoAnswer).answer, followUp: asString((v as YesNoAnswer).followUp) } : {};

export function formatNumberIn(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'es' ? 'es-US' : 'en-US', { maximumFractionDigits: 6 });
}

/** Lays a form out as blocks. Never throws on odd answers: what does not fit is shown as not answered. */
export function layoutForm(def: FormDefinition, input: LayoutInput): FormLayout {
  const lang = input.lang;
  const words = WORDS[lang];
  const answers: Record<string, unknown> = (input.answers ?? {}) as Record<string, unknown>;
  const errors = input.errors ?? {};
  const t = (x: { en: string; es?: string }) => inLang(x, lang);
  const blocks: Block[] = [{ kind: 'heading', id: 'title', level: 1, text: t(def.title) }];
  if (def.intro) blocks.push({ kind: 'paragraph', id: 'intro', text: t(def.intro) });
  let number = 0;
  for (const item of def.items) {
    const raw: AnswerValue | unknown = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
    const error = errors[item.id];
    const help = 'help' in item && item.help ? t(item.help) : undefined;
    if (item.type === 'section') {
      blocks.push({ kind: 'heading', id: item.id, level: 2, text: t(item.title) });
      if (item.body) blocks.push({ kind: 'paragraph', id: `${item.id}-body`, text: t(item.body) });
      continue;
    }
    if (item.type === 'signature') {
      blocks.push({ kind: 'signature', id: item.id, label: t(item.label), ...(help ? { help } : {}), ...(error ? { error } : {}) });
      continue;
    }
    if (!isAnswerable(item)) continue;
    number += 1;
    const base = { id: item.id, number, required: item.required, ...(help ? { help } : {}), ...(error ? { error } : {}) };
    switch (item.type) {
      case 'acknowledgement': {
        const checked = raw === true;
        blocks.push({ kind: 'acknowledgement', ...base, text: t(item.label), checked, display: checked ? words.agreed : words.notAgreed });
        break;
      }
      case 'initials': {
        const value = asString(raw);
        blocks.push({ kind: 'initials', ...base, text: t(item.label), value, display: value ? `${words.initialled}: ${value}` : words.notInitialled });
        break;
      }
      case 'single_choice':
      case 'multiple_choice': {
        const chosen = item.type === 'single_choice' ? [asString(raw)].filter(Boolean) : asStrings(raw);
        const options = item.options.map((o) => ({ id: o.id, label: t(o.label), selected: chosen.includes(o.id) }));
        const shown = options.filter((o) => o.selected).map((o) => o.label);
        blocks.push({
          kind: 'field',
          ...base,
          input: item.type,
          label: t(item.label),
          value: item.type === 'single_choice' ? (chosen[0] ?? '') : chosen,
          display: shown.length ? shown.join('; ') : words.notAnswered,
          answered: shown.length > 0,
          options,
        });
        break;
      }
      case 'yes_no': {
        const yn = asYesNo(raw);
        const answer = yn.answer === 'yes' || yn.answer === 'no' ? yn.answer : '';
        const follow = item.followUp
          ? {
              key: followUpKey(item.id),
              label: t(item.followUp.label),
              value: yn.followUp ?? '',
              shown: answer === 'yes',
              ...(errors[followUpKey(item.id)] ? { error: errors[followUpKey(item.id)] } : {}),
            }
          : undefined;
        const said = answer === 'yes' ? words.yes : answer === 'no' ? words.no : '';
        blocks.push({
          kind: 'field',
          ...base,
          input: 'yes_no',
          label: t(item.label),
          value: answer,
          display: !said ? words.notAnswered : answer === 'yes' && follow?.value ? `${said} — ${follow.value}` : said,
          answered: Boolean(said),
          options: [
            { id: 'yes', label: words.yes, selected: answer === 'yes' },
            { id: 'no', label: words.no, selected: answer === 'no' },
          ],
          ...(follow ? { followUp: follow } : {}),
        });
        break;
      }
      case 'number': {
        const value = asString(raw);
        const unit = item.unit ? t(item.unit) : undefined;
        const n = value ? numberOf(value) : null;
        blocks.push({
          kind: 'field',
          ...base,
          input: 'number',
          label: t(item.label),
          value,
          display: !value ? words.notAnswered : n === null ? value : `${formatNumberIn(n, lang)}${unit ? ` ${unit}` : ''}`,
          answered: Boolean(value),
          ...(unit ? { unit } : {}),
          ...(item.min !== undefined ? { min: item.min } : {}),
          ...(item.max !== undefined ? { max: item.max } : {}),
        });
        break;
      }
      default: {
        const value = asString(raw);
        blocks.push({ kind: 'field', ...base, input: item.type, label: t(item.label), value, display: value || words.notAnswered, answered: Boolean(value) });
      }
    }
  }
  return { lang, title: t(def.title), words, blocks };
}

/** The range hint of a number field, in the form's language ("Between 0 and 10 cigarettes."). */
export function rangeHint(block: Pick<FieldBlock, 'min' | 'max' | 'unit'>, lang: Lang): string | undefined {
  const w = WORDS[lang];
  const f = (n: number) => `${formatNumberIn(n, lang)}${block.unit ? ` ${block.unit}` : ''}`;
  if (block.min !== undefined && block.max !== undefined) return w.between(f(block.min), f(block.max));
  if (block.min !== undefined) return w.atLeast(f(block.min));
  if (block.max !== undefined) return w.atMost(f(block.max));
  return undefined;
}

/** Splits a text into paragraphs at blank lines; single newlines stay inside a paragraph. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
