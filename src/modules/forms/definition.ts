/**
 * A form's definition as data (issue 7, PUB-2): a title, an optional introduction and an ordered
 * list of items, each with a stable id. Every text is `{ en, es? }`: English always, Spanish where
 * the spa wrote it (the starter library has both). The schema below is the only judge of what may
 * be stored in `form_versions.definition`; the builder, the fill page, the signed view and the PDF
 * all read the same shape. Also here: the answers a client gives, read from a posted form and
 * checked with one clear message per field in the client's language. Pure: no I/O.
 */
import { z } from 'zod';

export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];
export const isLang = (value: unknown): value is Lang => value === 'en' || value === 'es';

/** Size limits: enough for a long intake, small enough that a form stays a form. */
export const LIMITS = {
  items: 100,
  options: 30,
  id: 40,
  title: 200,
  intro: 5000,
  label: 500,
  /** An acknowledgement's statement or an initialled paragraph. */
  statement: 3000,
  help: 1000,
  sectionBody: 5000,
  option: 200,
  unit: 20,
  number: 1_000_000_000,
  /** Answers. */
  shortAnswer: 300,
  longAnswer: 5000,
  /** All of one form's written answers together: keeps a signed form's PDF a few pages, not hundreds. */
  allAnswers: 30_000,
  initials: 4,
} as const;

export const ITEM_TYPES = {
  section: 'Section',
  short_text: 'Short answer',
  long_text: 'Long answer',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  yes_no: 'Yes / no',
  date: 'Date',
  number: 'Number',
  acknowledgement: 'Acknowledgement',
  initials: 'Initialled paragraph',
  signature: 'Signature',
} as const;
export type ItemType = keyof typeof ITEM_TYPES;
export const isItemType = (value: unknown): value is ItemType => typeof value === 'string' && Object.hasOwn(ITEM_TYPES, value);

/** Short slugs: lower-case letters and digits, words joined by single hyphens. */
export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const isItemId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value) && !value.includes('--');

/** Control characters have no place in a form's text (newlines and tabs aside). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

const text = (max: number, what: string) =>
  z
    .string({ error: `Write the ${what}.` })
    .max(max, { error: `Keep the ${what} under ${max.toLocaleString('en-US')} characters.` })
    .refine((s) => !CONTROL.test(s), { error: `Remove the invisible control characters from the ${what}.` });

/** A text in English (required) and Spanish (optional; when given, not empty). */
const bilingual = (max: number, what: string) =>
  z.strictObject({
    en: text(max, what).refine((s) => s.trim().length > 0, { error: `Write the ${what} in English.` }),
    es: text(max, `Spanish ${what}`)
      .refine((s) => s.trim().length > 0, { error: `Write the Spanish ${what}, or leave it out.` })
      .optional(),
  });

export type Text = { en: string; es?: string };

const itemId = z.string({ error: 'Every item needs an id.' }).refine(isItemId, { error: 'An item’s id is a short slug such as “medications”.' });

const fieldBase = {
  id: itemId,
  label: bilingual(LIMITS.label, 'question'),
  help: bilingual(LIMITS.help, 'help text').optional(),
  required: z.boolean(),
};

const option = z.strictObject({
  id: itemId,
  label: bilingual(LIMITS.option, 'answer'),
});

const options = z
  .array(option)
  .min(2, { error: 'Give at least two answers to choose from.' })
  .max(LIMITS.options, { error: `Keep it to ${LIMITS.options} answers or fewer.` });

const boundary = z
  .number({ error: 'Enter a number.' })
  .refine((n) => Number.isFinite(n) && Math.abs(n) <= LIMITS.number, { error: 'Use a number under a billion.' });

const sectionItem = z.strictObject({
  type: z.literal('section'),
  id: itemId,
  title: bilingual(LIMITS.title, 'section title'),
  body: bilingual(LIMITS.sectionBody, 'section text').optional(),
});

const itemSchema = z.discriminatedUnion(
  'type',
  [
    sectionItem,
    z.strictObject({ type: z.literal('short_text'), ...fieldBase }),
    z.strictObject({ type: z.literal('long_text'), ...fieldBase }),
    z.strictObject({ type: z.literal('single_choice'), ...fieldBase, options }),
    z.strictObject({ type: z.literal('multiple_choice'), ...fieldBase, options }),
    z.strictObject({ type: z.literal('yes_no'), ...fieldBase, followUp: z.strictObject({ label: bilingual(LIMITS.label, 'follow-up question') }).optional() }),
    z.strictObject({ type: z.literal('date'), ...fieldBase }),
    z.strictObject({ type: z.literal('number'), ...fieldBase, min: boundary.optional(), max: boundary.optional(), unit: bilingual(LIMITS.unit, 'unit').optional() }),
    z.strictObject({ type: z.literal('acknowledgement'), ...fieldBase, label: bilingual(LIMITS.statement, 'statement') }),
    z.strictObject({ type: z.literal('initials'), ...fieldBase, label: bilingual(LIMITS.statement, 'paragraph') }),
    z.strictObject({ type: z.literal('signature'), ...fieldBase, required: z.literal(true, { error: 'A signature is always required.' }) }),
  ],
  { error: 'Choose what kind of item this is.' },
);

export const definitionSchema = z
  .strictObject({
    title: bilingual(LIMITS.title, 'form title'),
    intro: bilingual(LIMITS.intro, 'introduction').optional(),
    items: z.array(itemSchema).max(LIMITS.items, { error: `A form holds at most ${LIMITS.items} items. Split it into two forms.` }),
  })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.items.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `Two items share the id “${item.id}”: each needs its own.` });
      seen.add(item.id);
      if (item.type === 'single_choice' || item.type === 'multiple_choice') {
        const ids = new Set<string>();
        item.options.forEach((o, k) => {
          if (ids.has(o.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'options', k, 'id'], message: 'Two answers share an id: each needs its own.' });
          ids.add(o.id);
        });
        const labels = item.options.map((o) => o.label.en.trim().toLowerCase());
        const twice = labels.findIndex((l, k) => labels.indexOf(l) !== k);
        if (twice >= 0) ctx.addIssue({ code: 'custom', path: ['items', i, 'options', twice, 'label', 'en'], message: 'This answer is offered twice.' });
      }
      if (item.type === 'number' && item.min !== undefined && item.max !== undefined && item.min > item.max) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'max'], message: 'The largest allowed number must not be below the smallest.' });
      }
    });
    const signatures = def.items.filter((item) => item.type === 'signature').length;
    if (signatures !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: signatures === 0 ? 'Add a signature: every form is signed once, where the client agrees to it.' : 'A form is signed once: keep exactly one signature.',
      });
    }
    if (!def.items.some((item) => item.type !== 'section' && item.type !== 'signature')) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'Add at least one question, acknowledgement or initialled paragraph.' });
    }
  });

export type FormDefinition = z.infer<typeof definitionSchema>;
export type FormItem = FormDefinition['items'][number];
export type FieldItem = Exclude<FormItem, { type: 'section' }>;
export type ChoiceItem = Extract<FormItem, { type: 'single_choice' | 'multiple_choice' }>;

export type DefinitionCheck = { ok: true; definition: FormDefinition } | { ok: false; issues: { path: (string | number)[]; message: string }[] };

/** Checks a candidate definition (parsed JSON, or what the builder assembled). */
export function checkDefinition(candidate: unknown): DefinitionCheck {
  const parsed = definitionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })) };
}

/** A stored definition, trusted to be valid: read through the schema anyway, so a bad row fails loudly. */
export function readDefinition(json: unknown): FormDefinition {
  return definitionSchema.parse(json);
}

/** The text in the chosen language, English where Spanish was not written. */
export function inLang(t: Text, lang: Lang): string {
  return (lang === 'es' ? t.es : undefined) ?? t.en;
}

/** Every text of a definition, with where it is: for "what is not in Spanish yet". */
export function textsOf(def: FormDefinition): { where: string; text: Text }[] {
  const out: { where: string; text: Text }[] = [{ where: 'title', text: def.title }];
  if (def.intro) out.push({ where: 'intro', text: def.intro });
  for (const item of def.items) {
    if (item.type === 'section') {
      out.push({ where: item.id, text: item.title });
      if (item.body) out.push({ where: item.id, text: item.body });
      continue;
    }
    out.push({ where: item.id, text: item.label });
    if (item.help) out.push({ where: item.id, text: item.help });
    if (item.type === 'single_choice' || item.type === 'multiple_choice') for (const o of item.options) out.push({ where: item.id, text: o.label });
    if (item.type === 'yes_no' && item.followUp) out.push({ where: item.id, text: item.followUp.label });
    if (item.type === 'number' && item.unit) out.push({ where: item.id, text: item.unit });
  }
  return out;
}

/** Where the Spanish text is missing (clients reading in Spanish see English there). */
export function missingSpanish(def: FormDefinition): string[] {
  return [...new Set(textsOf(def).filter((t) => !t.text.es).map((t) => t.where))];
}

/** The items a client answers (everything but sections and the signature). */
export const isAnswerable = (item: FormItem): item is Exclude<FieldItem, { type: 'signature' }> => item.type !== 'section' && item.type !== 'signature';

/** A slug for an id, from a label: "Do you smoke?" → "do-you-smoke". Unique among `taken` (a number is added). */
export function slugFor(label: string, taken: ReadonlySet<string>, fallback = 'item'): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32)
      .replace(/-+$/g, '') || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// ——— Answers ———

export type YesNoAnswer = { answer: 'yes' | 'no'; followUp?: string };
/** What a client gave for one item: text (also dates, numbers and initials, as typed), chosen option ids, a ticked box, or yes/no. */
export type AnswerValue = string | string[] | boolean | YesNoAnswer;
export type Answers = Record<string, AnswerValue>;

/** Stored answers (saved progress): ids and shapes only; whether they fit the form is validateAnswers' job. */
export const answersSchema = z.record(
  z.string().refine(isItemId),
  z.union([
    z.string().max(LIMITS.longAnswer),
    z.array(z.string().max(LIMITS.id)).max(LIMITS.options),
    z.boolean(),
    z.strictObject({ answer: z.enum(['yes', 'no']), followUp: z.string().max(LIMITS.longAnswer).optional() }),
  ]),
);

/** The input names the fill page uses: `a_<id>` for an answer, `a_<id>_follow` for a yes/no follow-up. */
export const answerName = (id: string) => `a_${id}`;
export const followUpName = (id: string) => `a_${id}_follow`;
/** The error key of a yes/no follow-up (ids never contain a dot). */
export const followUpKey = (id: string) => `${id}.follow`;

/** Reads a posted fill form into answers: only the form's items, only known options; blanks left out. */
export function answersFromForm(def: FormDefinition, body: Readonly<Record<string, readonly string[]>>): Answers {
  const answers: Answers = {};
  const first = (name: string) => (body[name]?.[0] ?? '').replace(/\r\n/g, '\n');
  for (const item of def.items) {
    if (!isAnswerable(item)) continue;
    const name = answerName(item.id);
    switch (item.type) {
      case 'multiple_choice': {
        const known = new Set(item.options.map((o) => o.id));
        const chosen = [...new Set((body[name] ?? []).filter((v) => known.has(v)))];
        if (chosen.length) answers[item.id] = chosen;
        break;
      }
      case 'acknowledgement':
        if (body[name]?.length) answers[item.id] = true;
        break;
      case 'yes_no': {
        const answer = first(name);
        if (answer === 'yes' || answer === 'no') {
          const followUp = first(followUpName(item.id)).trim();
          answers[item.id] = answer === 'yes' && item.followUp && followUp ? { answer, followUp } : { answer };
        }
        break;
      }
      default: {
        const value = item.type === 'long_text' ? first(name).trim() : first(name).replace(/\s+/g, ' ').trim();
        if (value) answers[item.id] = value;
      }
    }
  }
  return answers;
}

const MESSAGES = {
  en: {
    answer: 'Answer this question.',
    tooLong: (max: number) => `Keep this answer under ${max.toLocaleString('en-US')} characters.`,
    allTooLong: (max: number) => `Your answers together run past ${max.toLocaleString('en-US')} characters: shorten this one, the longest.`,
    chooseOne: 'Choose one answer.',
    chooseAny: 'Choose at least one answer.',
    chooseListed: 'Choose from the answers listed.',
    yesNo: 'Answer yes or no.',
    followUp: 'Please give the details.',
    date: 'Enter a date.',
    realDate: 'Enter a real date, such as 1990-05-31.',
    number: 'Enter a number.',
    realNumber: 'Enter a number, such as 42 or 1.5.',
    atLeast: (n: string) => `Enter a number of at least ${n}.`,
    atMost: (n: string) => `Enter a number no larger than ${n}.`,
    tick: 'Tick the box to confirm you have read and agree with this.',
    initials: 'Write your initials to confirm you have read this paragraph.',
    realInitials: 'Write your initials: 1 to 4 letters.',
  },
  es: {
    answer: 'Responda esta pregunta.',
    tooLong: (max: number) => `La respuesta debe tener menos de ${max.toLocaleString('es-US')} caracteres.`,
    allTooLong: (max: number) => `Sus respuestas juntas pasan de ${max.toLocaleString('es-US')} caracteres: acorte esta, la más larga.`,
    chooseOne: 'Elija una respuesta.',
    chooseAny: 'Elija al menos una respuesta.',
    chooseListed: 'Elija entre las respuestas de la lista.',
    yesNo: 'Responda sí o no.',
    followUp: 'Por favor, indique los detalles.',
    date: 'Indique una fecha.',
    realDate: 'Indique una fecha válida, por ejemplo 1990-05-31.',
    number: 'Indique un número.',
    realNumber: 'Indique un número, por ejemplo 42 o 1.5.',
    atLeast: (n: string) => `Indique un número igual o mayor que ${n}.`,
    atMost: (n: string) => `Indique un número igual o menor que ${n}.`,
    tick: 'Marque la casilla para confirmar que lo ha leído y está de acuerdo.',
    initials: 'Escriba sus iniciales para confirmar que ha leído este párrafo.',
    realInitials: 'Escriba sus iniciales: de 1 a 4 letras.',
  },
} as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;

/** A real calendar date as YYYY-MM-DD, between 1900 and 2100. */
export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100) return false;
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

/** A typed number ("1,5" is read as 1.5, as Spanish speakers write it); null when it is not one. */
export function numberOf(value: string): number | null {
  const typed = value.trim().replace(',', '.');
  if (!NUMBER.test(typed)) return null;
  const n = Number(typed);
  return Number.isFinite(n) ? n : null;
}

/** Initials as written: letters, with optional dots and spaces between ("J.R.", "ML"). */
export function initialsOk(value: string): boolean {
  const letters = value.replace(/[.\s]/g, '');
  return /^\p{L}+$/u.test(letters) && [...letters].length <= LIMITS.initials && value.length <= LIMITS.initials * 3;
}

const formatNumber = (n: number, lang: Lang) => n.toLocaleString(lang === 'es' ? 'es-US' : 'en-US', { maximumFractionDigits: 6 });

/**
 * One message per field that is not answered well, in the client's language: keyed by item id
 * (a yes/no follow-up by `followUpKey(id)`). Unknown items in `answers` are ignored; the
 * signature is checked by signing itself. Never throws, whatever `answers` holds.
 */
export function validateAnswers(def: FormDefinition, answers: unknown, lang: Lang): Record<string, string> {
  const m = MESSAGES[lang === 'es' ? 'es' : 'en'];
  const given: Record<string, unknown> = answers !== null && typeof answers === 'object' && !Array.isArray(answers) ? (answers as Record<string, unknown>) : {};
  const errors: Record<string, string> = {};
  for (const item of def.items) {
    if (!isAnswerable(item)) continue;
    const value = Object.hasOwn(given, item.id) ? given[item.id] : undefined;
    const blank = value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
    if (blank) {
      if (!item.required) continue;
      errors[item.id] =
        item.type === 'single_choice'
          ? m.chooseOne
          : item.type === 'multiple_choice'
            ? m.chooseAny
            : item.type === 'yes_no'
              ? m.yesNo
              : item.type === 'date'
                ? m.date
                : item.type === 'number'
                  ? m.number
                  : item.type === 'acknowledgement'
                    ? m.tick
                    : item.type === 'initials'
                      ? m.initials
                      : m.answer;
      continue;
    }
    const problem = answerProblem(item, value, m, lang);
    if (problem) errors[problem.key ?? item.id] = problem.message;
  }
  const longest = longestOverTotal(def, given);
  if (longest && !errors[longest]) errors[longest] = m.allTooLong(LIMITS.allAnswers);
  return errors;
}

/** When the written answers together exceed LIMITS.allAnswers, the key of the longest one (where the message goes). */
function longestOverTotal(def: FormDefinition, given: Record<string, unknown>): string | null {
  const texts: [key: string, text: string][] = [];
  for (const item of def.items) {
    if (!isAnswerable(item) || !Object.hasOwn(given, item.id)) continue;
    const value = given[item.id];
    const [key, text] = item.type === 'yes_no' && value !== null && typeof value === 'object' ? [followUpKey(item.id), (value as { followUp?: unknown }).followUp] : [item.id, value];
    if (typeof text === 'string') texts.push([key, text]);
  }
  const total = texts.reduce((sum, [, text]) => sum + text.length, 0);
  if (total <= LIMITS.allAnswers) return null;
  return texts.reduce((a, b) => (b[1].length > a[1].length ? b : a))[0];
}

type Messages = (typeof MESSAGES)[Lang];

function answerProblem(item: Exclude<FieldItem, { type: 'signature' }>, value: unknown, m: Messages, lang: Lang): { key?: string; message: string } | null {
  switch (item.type) {
    case 'short_text':
    case 'long_text': {
      if (typeof value !== 'string') return { message: m.answer };
      const max = item.type === 'short_text' ? LIMITS.shortAnswer : LIMITS.longAnswer;
      return value.length > max ? { message: m.tooLong(max) } : null;
    }
    case 'single_choice':
      if (typeof value !== 'string') return { message: m.chooseOne };
      return item.options.some((o) => o.id === value) ? null : { message: m.chooseListed };
    case 'multiple_choice':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return { message: m.chooseAny };
      return value.every((v) => item.options.some((o) => o.id === v)) ? null : { message: m.chooseListed };
    case 'yes_no': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return { message: m.yesNo };
      const { answer, followUp } = value as { answer?: unknown; followUp?: unknown };
      if (answer !== 'yes' && answer !== 'no') return { message: m.yesNo };
      if (answer !== 'yes' || !item.followUp) return null;
      if (typeof followUp !== 'string' || !followUp.trim()) return { key: followUpKey(item.id), message: m.followUp };
      return followUp.length > LIMITS.longAnswer ? { key: followUpKey(item.id), message: m.tooLong(LIMITS.longAnswer) } : null;
    }
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? null : { message: m.realDate };
    case 'number': {
      const n = typeof value === 'string' ? numberOf(value) : null;
      if (n === null || Math.abs(n) > LIMITS.number) return { message: m.realNumber };
      if (item.min !== undefined && n < item.min) return { message: m.atLeast(formatNumber(item.min, lang)) };
      if (item.max !== undefined && n > item.max) return { message: m.atMost(formatNumber(item.max, lang)) };
      return null;
    }
    case 'acknowledgement':
      return value === true ? null : { message: m.tick };
    case 'initials':
      return typeof value === 'string' && initialsOk(value) ? null : { message: m.realInitials };
  }
}
