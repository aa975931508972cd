import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersAsForm, definitionArb, validAnswersArb } from './arbitrary-forms.ts';
import { answersFromForm, checkDefinition, definitionSchema, followUpKey, initialsOk, isRealDate, LIMITS, missingSpanish, numberOf, slugFor, validateAnswers, type FormDefinition } from './definition.ts';

const consent: FormDefinition = {
  title: { en: 'Consent', es: 'Consentimiento' },
  items: [
    { type: 'section', id: 'risks', title: { en: 'Risks', es: 'Riesgos' } },
    { type: 'initials', id: 'bruising', label: { en: 'Bruising is common.', es: 'Los moretones son frecuentes.' }, required: true },
    { type: 'yes_no', id: 'allergies', label: { en: 'Any allergies?', es: '¿Alergias?' }, required: true, followUp: { label: { en: 'Which?', es: '¿Cuáles?' } } },
    { type: 'single_choice', id: 'area', label: { en: 'Area', es: 'Zona' }, required: true, options: [{ id: 'face', label: { en: 'Face' } }, { id: 'neck', label: { en: 'Neck' } }] },
    { type: 'multiple_choice', id: 'conditions', label: { en: 'Conditions' }, required: false, options: [{ id: 'a', label: { en: 'A' } }, { id: 'b', label: { en: 'B' } }] },
    { type: 'number', id: 'weight', label: { en: 'Weight' }, required: false, min: 50, max: 500, unit: { en: 'lb', es: 'lb' } },
    { type: 'date', id: 'last-visit', label: { en: 'Last visit' }, required: false },
    { type: 'short_text', id: 'doctor', label: { en: 'Doctor' }, required: true },
    { type: 'acknowledgement', id: 'aftercare', label: { en: 'I will follow the aftercare.' }, required: true },
    { type: 'signature', id: 'signature', label: { en: 'Signature' }, required: true },
  ],
};

const problems = (candidate: unknown) => {
  const r = checkDefinition(candidate);
  return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the definition schema', () => {
  it('accepts a well-formed consent', () => {
    expect(problems(consent)).toEqual([]);
  });

  it('refuses a form without a signature, with two, or with nothing to answer', () => {
    expect(problems({ ...consent, items: consent.items.filter((i) => i.type !== 'signature') })).toEqual(['items: Add a signature: every form is signed once, where the client agrees to it.']);
    expect(problems({ ...consent, items: [...consent.items, { type: 'signature', id: 'again', label: { en: 'Again' }, required: true }] })).toEqual(['items: A form is signed once: keep exactly one signature.']);
    expect(problems({ title: { en: 'Empty' }, items: [{ type: 'signature', id: 's', label: { en: 'Sign' }, required: true }] })).toEqual(['items: Add at least one question, acknowledgement or initialled paragraph.']);
  });

  it('refuses repeated ids, repeated answers, too few answers, malformed ids and a range upside down', () => {
    const items = [...consent.items];
    items[7] = { type: 'short_text', id: 'area', label: { en: 'Doctor' }, required: true };
    expect(problems({ ...consent, items })).toContain('items.7.id: Two items share the id “area”: each needs its own.');
    expect(problems({ ...consent, items: [{ type: 'single_choice', id: 'q', label: { en: 'Q' }, required: true, options: [{ id: 'a', label: { en: 'Same' } }, { id: 'b', label: { en: ' same' } }] }, consent.items[9]] })).toContain(
      'items.0.options.1.label.en: This answer is offered twice.',
    );
    expect(problems({ ...consent, items: [{ type: 'single_choice', id: 'q', label: { en: 'Q' }, required: true, options: [{ id: 'a', label: { en: 'Only' } }] }, consent.items[9]] })).toContain(
      'items.0.options: Give at least two answers to choose from.',
    );
    expect(problems({ ...consent, items: [{ type: 'short_text', id: 'Bad Id', label: { en: 'Q' }, required: true }, consent.items[9]] })).toContain('items.0.id: An item’s id is a short slug such as “medications”.');
    expect(problems({ ...consent, items: [{ type: 'number', id: 'n', label: { en: 'N' }, required: true, min: 10, max: 1 }, consent.items[9]] })).toContain('items.0.max: The largest allowed number must not be below the smallest.');
  });

  it('requires English, accepts Spanish only when written, and limits every size', () => {
    expect(problems({ ...consent, title: { en: '  ', es: 'Título' } })).toEqual(['title.en: Write the form title in English.']);
    expect(problems({ ...consent, title: { en: 'Title', es: '' } })).toEqual(['title.es: Write the Spanish form title, or leave it out.']);
    expect(problems({ ...consent, title: { en: 'x'.repeat(LIMITS.title + 1) } })).toEqual(['title.en: Keep the form title under 200 characters.']);
    expect(problems({ ...consent, title: { en: 'Bell\u0007' } })).toEqual(['title.en: Remove the invisible control characters from the form title.']);
    const many = Array.from({ length: LIMITS.items }, (_, n) => ({ type: 'short_text', id: `q${n}`, label: { en: `Q${n}` }, required: false }));
    expect(problems({ ...consent, items: [...many, consent.items[9]] })).toEqual(['items: A form holds at most 100 items. Split it into two forms.']);
    const options = Array.from({ length: LIMITS.options + 1 }, (_, k) => ({ id: `o${k}`, label: { en: `O${k}` } }));
    expect(problems({ ...consent, items: [{ type: 'multiple_choice', id: 'q', label: { en: 'Q' }, required: true, options }, consent.items[9]] })).toEqual(['items.0.options: Keep it to 30 answers or fewer.']);
  });

  it('refuses unknown item types and unknown keys (a stored definition holds nothing it does not know)', () => {
    expect(problems({ ...consent, items: [{ type: 'video', id: 'v', label: { en: 'V' }, required: false }, consent.items[9]] })).toEqual(['items.0.type: Choose what kind of item this is.']);
    expect(problems({ ...consent, theme: 'dark' }).length).toBe(1);
    expect(problems({ ...consent, items: [{ ...consent.items[9], required: false }] })).toContain('items.0.required: A signature is always required.');
  });

  it('lists the items whose Spanish is missing', () => {
    expect(missingSpanish(consent)).toEqual(['area', 'conditions', 'weight', 'last-visit', 'doctor', 'aftercare', 'signature']);
  });

  it('round-trips every generated valid definition through JSON and the schema (property)', () => {
    fc.assert(
      fc.property(definitionArb, (def) => {
        const parsed = definitionSchema.safeParse(JSON.parse(JSON.stringify(def)));
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(def);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validating answers', () => {
  it('gives one clear message per field, in English or Spanish', () => {
    const answers = { allergies: { answer: 'yes' }, area: 'elbow', weight: '12', 'last-visit': '2026-02-30', conditions: ['a', 'zzz'] };
    expect(validateAnswers(consent, answers, 'en')).toEqual({
      bruising: 'Write your initials to confirm you have read this paragraph.',
      [followUpKey('allergies')]: 'Please give the details.',
      area: 'Choose from the answers listed.',
      conditions: 'Choose from the answers listed.',
      weight: 'Enter a number of at least 50.',
      'last-visit': 'Enter a real date, such as 1990-05-31.',
      doctor: 'Answer this question.',
      aftercare: 'Tick the box to confirm you have read and agree with this.',
    });
    expect(validateAnswers(consent, {}, 'es')).toEqual({
      bruising: 'Escriba sus iniciales para confirmar que ha leído este párrafo.',
      allergies: 'Responda sí o no.',
      area: 'Elija una respuesta.',
      doctor: 'Responda esta pregunta.',
      aftercare: 'Marque la casilla para confirmar que lo ha leído y está de acuerdo.',
    });
    expect(validateAnswers(consent, { weight: '501' }, 'es').weight).toBe('Indique un número igual o menor que 500.');
  });

  it('accepts complete answers, a "no" without details, and numbers written with a comma', () => {
    const answers = { bruising: 'M.L.', allergies: { answer: 'no' }, area: 'face', doctor: 'Dr Ruiz', aftercare: true, weight: '150,5' };
    expect(validateAnswers(consent, answers, 'en')).toEqual({});
  });

  it('caps the written answers of one form in all, naming the longest (a signed form stays a few pages)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const long: FormDefinition = {
      title: { en: 'History' },
      items: [
        ...ids.map((id) => ({ type: 'long_text' as const, id, label: { en: `Question ${id}` }, required: false })),
        { type: 'signature' as const, id: 'sign', label: { en: 'Signature' }, required: true },
      ],
    };
    const answers: Record<string, string> = Object.fromEntries(ids.map((id) => [id, 'x'.repeat(3700)]));
    expect(validateAnswers(long, answers, 'en')).toEqual({}); // 29,600 characters
    answers.c = 'x'.repeat(4200);
    expect(validateAnswers(long, answers, 'en')).toEqual({ c: 'Your answers together run past 30,000 characters: shorten this one, the longest.' });
    expect(Object.values(validateAnswers(long, answers, 'es'))).toEqual(['Sus respuestas juntas pasan de 30,000 caracteres: acorte esta, la más larga.']);
  });

  it('reads answers as the fill page posts them, keeping only what the form asks', () => {
    const body = {
      a_bruising: ['ML'],
      a_allergies: ['yes'],
      a_allergies_follow: ['  Latex  '],
      a_area: ['face'],
      a_conditions: ['a', 'b', 'nope', 'a'],
      a_aftercare: ['on'],
      a_doctor: ['  Dr   Ruiz '],
      a_unknown: ['x'],
      a_signature: ['data'],
    };
    expect(answersFromForm(consent, body)).toEqual({ bruising: 'ML', allergies: { answer: 'yes', followUp: 'Latex' }, area: 'face', conditions: ['a', 'b'], aftercare: true, doctor: 'Dr Ruiz' });
    expect(answersFromForm(consent, { a_allergies: ['no'], a_allergies_follow: ['ignored'] })).toEqual({ allergies: { answer: 'no' } });
  });

  it('never throws, whatever the answers hold, and names only the form’s fields (property)', () => {
    fc.assert(
      fc.property(definitionArb, fc.anything(), fc.dictionary(fc.string(), fc.anything()), fc.constantFrom('en' as const, 'es' as const), (def, junk, extra, lang) => {
        const ids = def.items.map((i) => i.id);
        const allowed = new Set([...ids, ...ids.map(followUpKey)]);
        for (const answers of [junk, extra, Object.fromEntries(ids.map((id, n) => [id, Object.values(extra)[n] ?? junk]))]) {
          const errors = validateAnswers(def, answers, lang);
          for (const [key, message] of Object.entries(errors)) {
            expect(allowed.has(key)).toBe(true);
            expect(message.length).toBeGreaterThan(5);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds nothing wrong with answers that fit, and reads them back from the posted form (property)', () => {
    fc.assert(
      fc.property(
        definitionArb.chain((def) => fc.tuple(fc.constant(def), validAnswersArb(def))),
        ([def, answers]) => {
          expect(validateAnswers(def, answers, 'en')).toEqual({});
          expect(validateAnswers(def, answers, 'es')).toEqual({});
          expect(answersFromForm(def, answersAsForm(answers))).toEqual(answers);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('small readers', () => {
  it('knows real dates, numbers and initials', () => {
    expect([isRealDate('2024-02-29'), isRealDate('2023-02-29'), isRealDate('1899-12-31'), isRealDate('2024-1-01')]).toEqual([true, false, false, false]);
    expect([numberOf('1,5'), numberOf('-3'), numberOf('.5'), numberOf('1e3'), numberOf('12abc'), numberOf('')]).toEqual([1.5, -3, 0.5, null, null, null]);
    expect([initialsOk('ML'), initialsOk('J.R.'), initialsOk('ÑÁ'), initialsOk('ABCDE'), initialsOk('12'), initialsOk('<b>')]).toEqual([true, true, true, false, false, false]);
  });

  it('makes slugs from labels, unique in the form', () => {
    expect(slugFor('¿Está embarazada?', new Set())).toBe('esta-embarazada');
    expect(slugFor('Do you smoke?', new Set(['do-you-smoke']))).toBe('do-you-smoke-2');
    expect(slugFor('¿?', new Set(), 'question')).toBe('question');
  });
});
