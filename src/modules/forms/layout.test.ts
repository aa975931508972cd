import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definitionArb } from './arbitrary-forms.ts';
import { validateAnswers, type FormDefinition } from './definition.ts';
import { layoutForm, paragraphsOf, rangeHint, type Block } from './layout.ts';

const def: FormDefinition = {
  title: { en: 'Filler consent', es: 'Consentimiento para relleno' },
  intro: { en: 'Read each paragraph.', es: 'Lea cada párrafo.' },
  items: [
    { type: 'section', id: 'risks', title: { en: 'Risks', es: 'Riesgos' }, body: { en: 'Rare but serious.' } },
    { type: 'initials', id: 'vessel', label: { en: 'A vessel can be blocked.', es: 'Un vaso puede bloquearse.' }, required: true },
    { type: 'yes_no', id: 'before', label: { en: 'Had filler before?', es: '¿Relleno antes?' }, required: true, followUp: { label: { en: 'When?', es: '¿Cuándo?' } } },
    { type: 'multiple_choice', id: 'areas', label: { en: 'Areas' }, required: false, options: [{ id: 'lips', label: { en: 'Lips', es: 'Labios' } }, { id: 'chin', label: { en: 'Chin', es: 'Mentón' } }] },
    { type: 'number', id: 'ml', label: { en: 'Syringes' }, required: false, min: 0, max: 4, unit: { en: 'mL' } },
    { type: 'acknowledgement', id: 'aftercare', label: { en: 'I will ice it.' }, help: { en: 'Ten minutes at a time.' }, required: true },
    { type: 'signature', id: 'signature', label: { en: 'Client signature', es: 'Firma del cliente' }, required: true },
  ],
};

const byId = (blocks: Block[], id: string) => blocks.find((b) => b.id === id)!;

describe('layoutForm', () => {
  it('turns a definition into headings, paragraphs, numbered fields and the signature slot', () => {
    const layout = layoutForm(def, { lang: 'en' });
    expect(layout.blocks.map((b) => `${b.kind}:${b.id}`)).toEqual([
      'heading:title',
      'paragraph:intro',
      'heading:risks',
      'paragraph:risks-body',
      'initials:vessel',
      'field:before',
      'field:areas',
      'field:ml',
      'acknowledgement:aftercare',
      'signature:signature',
    ]);
    expect(layout.blocks.filter((b) => 'number' in b).map((b) => (b as { number: number }).number)).toEqual([1, 2, 3, 4, 5]);
    expect(byId(layout.blocks, 'ml')).toMatchObject({ input: 'number', unit: 'mL', min: 0, max: 4, display: 'Not answered', answered: false });
    expect(byId(layout.blocks, 'aftercare')).toMatchObject({ help: 'Ten minutes at a time.', checked: false, display: 'Not agreed' });
  });

  it('shows answers as values and as words, in the chosen language (English where Spanish is missing)', () => {
    const answers = { vessel: 'ML', before: { answer: 'yes', followUp: 'Marzo 2025' }, areas: ['chin', 'lips'], ml: '1,5', aftercare: true };
    const layout = layoutForm(def, { lang: 'es', answers });
    expect(layout.title).toBe('Consentimiento para relleno');
    expect(byId(layout.blocks, 'risks-body')).toMatchObject({ text: 'Rare but serious.' });
    expect(byId(layout.blocks, 'vessel')).toMatchObject({ value: 'ML', display: 'Con iniciales: ML' });
    expect(byId(layout.blocks, 'before')).toMatchObject({ value: 'yes', display: 'Sí — Marzo 2025', followUp: { label: '¿Cuándo?', value: 'Marzo 2025', shown: true } });
    expect(byId(layout.blocks, 'areas')).toMatchObject({ value: ['chin', 'lips'], display: 'Labios; Mentón', options: [{ id: 'lips', selected: true }, { id: 'chin', selected: true }] });
    expect(byId(layout.blocks, 'ml')).toMatchObject({ display: '1.5 mL' });
    expect(byId(layout.blocks, 'aftercare')).toMatchObject({ checked: true, display: 'Aceptado' });
    expect(layout.words.signHere).toBe('Firme aquí');
  });

  it('puts each message beside its field, the follow-up’s beside the follow-up', () => {
    const answers = { before: { answer: 'yes' } };
    const errors = validateAnswers(def, answers, 'en');
    const layout = layoutForm(def, { lang: 'en', answers, errors });
    expect(byId(layout.blocks, 'vessel')).toMatchObject({ error: 'Write your initials to confirm you have read this paragraph.' });
    const before = byId(layout.blocks, 'before') as Extract<Block, { kind: 'field' }>;
    expect(before.error).toBeUndefined();
    expect(before.followUp).toMatchObject({ shown: true, error: 'Please give the details.' });
  });

  it('shows answers of the wrong shape as not answered', () => {
    const layout = layoutForm(def, { lang: 'en', answers: { vessel: 42, before: 'yes', areas: 'lips', aftercare: 'true' } as Record<string, unknown> });
    expect(byId(layout.blocks, 'vessel')).toMatchObject({ value: '', display: 'Not initialled' });
    expect(byId(layout.blocks, 'before')).toMatchObject({ value: '', display: 'Not answered' });
    expect(byId(layout.blocks, 'areas')).toMatchObject({ value: [], display: 'Not answered' });
    expect(byId(layout.blocks, 'aftercare')).toMatchObject({ checked: false });
  });

  it('lays out every generated form with one block per item (property)', () => {
    fc.assert(
      fc.property(definitionArb, fc.anything(), fc.constantFrom('en' as const, 'es' as const), (d, junk, lang) => {
        const layout = layoutForm(d, { lang, answers: junk as Record<string, unknown> });
        for (const item of d.items) expect(layout.blocks.filter((b) => b.id === item.id)).toHaveLength(1);
        expect(layout.blocks.filter((b) => b.kind === 'signature')).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('small helpers', () => {
  it('words a number field’s range and splits paragraphs', () => {
    expect(rangeHint({ min: 0, max: 4, unit: 'mL' }, 'en')).toBe('Between 0 mL and 4 mL.');
    expect(rangeHint({ min: 1000 }, 'es')).toBe('Como mínimo 1,000.');
    expect(rangeHint({}, 'en')).toBeUndefined();
    expect(paragraphsOf('One\nline\n\n  Two  \n\n\n')).toEqual(['One\nline', 'Two']);
  });
});
