/**
 * Which of last time's signed answers may be carried into a new copy of the form (issue 7): only
 * questions whose ids the current version still has and whose answers are still valid against
 * it. Acknowledgements and initialled paragraphs are never carried: the client agrees to those
 * again, today. Pure.
 */
import { answersSchema, followUpKey, isAnswerable, validateAnswers, type Answers, type FormDefinition } from './definition.ts';

const CARRIED = new Set(['short_text', 'long_text', 'single_choice', 'multiple_choice', 'yes_no', 'date', 'number']);

export function carryOverAnswers(previous: unknown, def: FormDefinition): Answers {
  const given = previous !== null && typeof previous === 'object' && !Array.isArray(previous) ? (previous as Record<string, unknown>) : {};
  const candidate: Answers = {};
  for (const item of def.items) {
    if (!isAnswerable(item) || !CARRIED.has(item.type) || !Object.hasOwn(given, item.id)) continue;
    const one = answersSchema.safeParse({ [item.id]: given[item.id] });
    if (!one.success) continue;
    let value = one.data[item.id]!;
    if (value === '' || (Array.isArray(value) && value.length === 0)) continue;
    // A follow-up the current version no longer asks is not kept.
    if (item.type === 'yes_no' && typeof value === 'object' && !Array.isArray(value) && !item.followUp) value = { answer: value.answer };
    candidate[item.id] = value;
  }
  const problems = validateAnswers(def, candidate, 'en');
  return Object.fromEntries(Object.entries(candidate).filter(([id]) => !problems[id] && !problems[followUpKey(id)]));
}
