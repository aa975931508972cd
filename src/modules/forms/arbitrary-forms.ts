/**
 * Generators of valid form definitions and of answers that fit them (fast-check), for the unit
 * tests' properties. Texts are in the builder's canonical shape (single spaces; paragraphs apart
 * by a blank line), with HTML-special characters and Spanish letters among the words.
 */
import fc from 'fast-check';
import type { AnswerValue, Answers, FormDefinition, FormItem, Text } from './definition.ts';

const WORDS = ['dolor', 'skin', 'niño', '¿sí?', 'A&B', '<b>', '"quoted"', 'it’s', 'café', 'x', 'SPF', '30', 'lips', 'ño', 'zona', '½', 'über'];

const line = (maxWords: number) => fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: maxWords }).map((w) => w.join(' '));
const paragraphs = fc.array(line(12), { minLength: 1, maxLength: 3 }).map((p) => p.join('\n\n'));

const bilingual = (en: fc.Arbitrary<string>, es: fc.Arbitrary<string> = en): fc.Arbitrary<Text> =>
  fc.tuple(en, fc.option(es, { nil: undefined })).map(([e, s]) => (s === undefined ? { en: e } : { en: e, es: s }));

export const itemIdArb = fc.stringMatching(/^[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,8}){0,2}$/);

/** An item without its id, for each kind of item. */
type BareItem = FormItem extends infer I ? (I extends unknown ? Omit<I, 'id'> : never) : never;

const help = fc.option(bilingual(paragraphs), { nil: undefined });
const withHelp = <T extends object>(o: T, h: Text | undefined) => (h ? { ...o, help: h } : o);

/** One item of each kind but the signature, without its id (given later, unique in the form). */
const bareItem: fc.Arbitrary<BareItem> = fc.oneof<fc.Arbitrary<BareItem>[]>(
  fc.tuple(bilingual(line(6)), fc.option(bilingual(paragraphs), { nil: undefined })).map(([title, body]) => (body ? { type: 'section' as const, title, body } : { type: 'section' as const, title })),
  fc.tuple(fc.constantFrom('short_text' as const, 'long_text' as const, 'date' as const), bilingual(line(10)), help, fc.boolean()).map(([type, label, h, required]) => withHelp({ type, label, required }, h)),
  fc
    .tuple(
      fc.constantFrom('single_choice' as const, 'multiple_choice' as const),
      bilingual(line(10)),
      help,
      fc.boolean(),
      fc.uniqueArray(itemIdArb, { minLength: 2, maxLength: 6 }),
      fc.array(line(4), { minLength: 6, maxLength: 6 }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    )
    .map(([type, label, h, required, ids, words, spanish]) =>
      withHelp({ type, label, required, options: ids.map((id, k) => ({ id, label: spanish[k] ? { en: `${words[k]} ${k}`, es: `${words[k]} ${k} es` } : { en: `${words[k]} ${k}` } })) }, h),
    ),
  fc.tuple(bilingual(line(10)), help, fc.boolean(), fc.option(bilingual(line(8)), { nil: undefined })).map(([label, h, required, follow]) =>
    withHelp({ type: 'yes_no' as const, label, required, ...(follow ? { followUp: { label: follow } } : {}) }, h),
  ),
  fc
    .tuple(bilingual(line(8)), help, fc.boolean(), fc.option(fc.integer({ min: -1000, max: 100_000 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }), fc.option(bilingual(fc.constantFrom('kg', 'lb', 'cm', 'años')), { nil: undefined }))
    .map(([label, h, required, a, span, unit]) => {
      const min = a === undefined ? undefined : a / 4;
      const max = min === undefined ? (span === undefined ? undefined : span) : span === undefined ? undefined : min + span;
      return withHelp({ type: 'number' as const, label, required, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(unit ? { unit } : {}) }, h);
    }),
  fc.tuple(fc.constantFrom('acknowledgement' as const, 'initials' as const), bilingual(paragraphs), help, fc.boolean()).map(([type, label, h, required]) => withHelp({ type, label, required }, h)),
);

/** A valid definition: 1–10 items with at least one question, and one signature somewhere. */
export const definitionArb: fc.Arbitrary<FormDefinition> = fc
  .tuple(
    bilingual(line(6)),
    fc.option(bilingual(paragraphs), { nil: undefined }),
    fc.array(bareItem, { minLength: 1, maxLength: 10 }),
    bilingual(line(4)),
    fc.nat(),
    fc.uniqueArray(itemIdArb, { minLength: 12, maxLength: 12 }),
  )
  .filter(([, , items]) => items.some((i) => i.type !== 'section'))
  .map(([title, intro, items, signatureLabel, at, ids]) => {
    const list: BareItem[] = [...items];
    list.splice(at % (list.length + 1), 0, { type: 'signature', label: signatureLabel, required: true });
    return {
      title,
      ...(intro ? { intro } : {}),
      items: list.map((item, n) => ({ ...item, id: ids[n]! }) as FormItem),
    };
  });

/** Answers that satisfy the definition (required items answered, values within bounds). */
export function validAnswersArb(def: FormDefinition): fc.Arbitrary<Answers> {
  const parts = def.items.map((item): fc.Arbitrary<[string, AnswerValue | undefined]> => {
    const maybe = (a: fc.Arbitrary<AnswerValue>) => (item.type !== 'section' && item.type !== 'signature' && item.required ? a : fc.option(a, { nil: undefined }));
    const pair = (a: fc.Arbitrary<AnswerValue | undefined>) => a.map((v): [string, AnswerValue | undefined] => [item.id, v]);
    switch (item.type) {
      case 'section':
      case 'signature':
        return fc.constant([item.id, undefined]);
      case 'short_text':
      case 'long_text':
        return pair(maybe(line(8)));
      case 'single_choice':
        return pair(maybe(fc.constantFrom(...item.options.map((o) => o.id))));
      case 'multiple_choice':
        return pair(maybe(fc.subarray(item.options.map((o) => o.id), { minLength: 1 })));
      case 'yes_no':
        return pair(
          maybe(
            fc.oneof(
              fc.constant({ answer: 'no' as const }),
              item.followUp ? line(6).map((followUp) => ({ answer: 'yes' as const, followUp })) : fc.constant({ answer: 'yes' as const }),
            ),
          ),
        );
      case 'date':
        return pair(maybe(fc.date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))));
      case 'number': {
        const lo = item.min ?? -5000;
        const hi = item.max ?? Math.max(lo, 0) + 5000;
        return pair(maybe(fc.constantFrom(lo, hi, (lo + hi) / 2).map(String)));
      }
      case 'acknowledgement':
        return pair(item.required ? fc.constant(true) : fc.option(fc.constant(true), { nil: undefined }));
      case 'initials':
        return pair(maybe(fc.constantFrom('AB', 'J.R.', 'ÑM', 'x', 'M L')));
    }
  });
  return fc.tuple(...parts).map((entries) => Object.fromEntries(entries.filter((e): e is [string, AnswerValue] => e[1] !== undefined)));
}

/** Answers posted as the fill page posts them (`a_<id>`, `a_<id>_follow`). */
export function answersAsForm(answers: Answers): Record<string, string[]> {
  const body: Record<string, string[]> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (Array.isArray(value)) body[`a_${id}`] = value;
    else if (typeof value === 'boolean') body[`a_${id}`] = value ? ['on'] : [];
    else if (typeof value === 'object') {
      body[`a_${id}`] = [value.answer];
      if (value.followUp !== undefined) body[`a_${id}_follow`] = [value.followUp];
    } else body[`a_${id}`] = [value];
  }
  return body;
}
