import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definitionArb } from './arbitrary-forms.ts';
import { applyEdit, blankDefinition, draftFromDefinition, fieldsOf, parseEdit, previewOf, readBuilderForm, type BuilderDraft, type TemplateSettings } from './builder-form.ts';
import { checkDefinition } from './definition.ts';
import { NEUROTOXIN_CONSENT } from './starters/neurotoxin.ts';

const SETTINGS: TemplateSettings = { name: 'Neurotoxin consent', kind: 'consent', rule: 'per_service', renewalMonths: null };

/** As the browser posts it: every value under its name. */
function posted(draft: BuilderDraft, change: (pairs: [string, string][]) => [string, string][] = (p) => p): Record<string, string[]> {
  const body: Record<string, string[]> = {};
  for (const [k, v] of change(fieldsOf(draft))) (body[k] ??= []).push(v);
  return body;
}

const set = (name: string, value: string) => (pairs: [string, string][]) => pairs.map(([k, v]): [string, string] => [k, k === name ? value : v]);

describe('reading the builder form', () => {
  it('reads a starter back exactly, and every generated definition too (property)', () => {
    const draft = draftFromDefinition(NEUROTOXIN_CONSENT.definition, SETTINGS);
    const read = readBuilderForm(posted(draft));
    expect(read.ok && read.definition).toEqual(NEUROTOXIN_CONSENT.definition);
    expect(read.ok && read.settings).toEqual(SETTINGS);
    fc.assert(
      fc.property(definitionArb, (def) => {
        const again = readBuilderForm(posted(draftFromDefinition(def, { ...SETTINGS, rule: 'once_per_client', renewalMonths: 24 })));
        expect(again.ok ? again.definition : again.errors).toEqual(def);
      }),
      { numRuns: 200 },
    );
  });

  it('puts each problem beside its input, marks the item, and keeps what was typed', () => {
    const draft = draftFromDefinition(NEUROTOXIN_CONSENT.definition, SETTINGS);
    const read = readBuilderForm(posted(draft, (p) => set('i1_label_en', '')(set('name', '')(set('renewal_months', 'x')(set('title_es', ' ')(p))))));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toMatchObject({ name: 'Name the form as your team will find it in lists.', i1_label_en: 'Write the paragraph in English.', i1: 'This item needs another look.' });
    expect(read.draft.items[1]!.label).toEqual({ en: '', es: expect.stringContaining('toxina botulínica purificada') });
    // A blank Spanish title is simply not written; the rule does not need a renewal age.
    expect(read.errors.title_es).toBeUndefined();
    expect(read.errors.renewal_months).toBeUndefined();
  });

  it('asks for a renewal age only for once-per-client forms, and a valid kind and rule', () => {
    const draft = { ...draftFromDefinition(NEUROTOXIN_CONSENT.definition, SETTINGS), rule: 'once_per_client', renewalMonths: '0', kind: 'poster' };
    const read = readBuilderForm(posted(draft));
    expect(!read.ok && read.errors).toMatchObject({ renewal_months: 'Enter after how many months it is asked again: a whole number from 1 to 120.', kind: expect.stringContaining('Choose what kind of form it is') });
  });

  it('names option rows and number bounds as the page does', () => {
    const def = checkDefinition({
      title: { en: 'T' },
      items: [
        { type: 'single_choice', id: 'area', label: { en: 'Area' }, required: true, options: [{ id: 'face', label: { en: 'Face' } }, { id: 'neck', label: { en: 'Neck' } }] },
        { type: 'number', id: 'n', label: { en: 'N' }, required: false },
        { type: 'signature', id: 'signature', label: { en: 'Sign' }, required: true },
      ],
    });
    if (!def.ok) throw new Error('fixture');
    const draft = draftFromDefinition(def.definition, SETTINGS);
    // An empty row between the answers is skipped; a repeated answer is named where it was typed.
    draft.items[0]!.options.splice(1, 0, { id: '', text: { en: '', es: '' } });
    draft.items[0]!.options.push({ id: '', text: { en: 'face', es: '' } });
    draft.items[1]!.min = 'ten';
    const read = readBuilderForm(posted(draft));
    expect(!read.ok && read.errors).toMatchObject({ i0_o3_en: 'This answer is offered twice.', i1_min: 'Enter a number, such as 0 or 2.5, or leave it empty.' });
    draft.items[0]!.options.pop();
    draft.items[1]!.min = '';
    draft.items[0]!.options.push({ id: '', text: { en: 'Jaw line', es: 'Mandíbula' } });
    const ok = readBuilderForm(posted(draft));
    expect(ok.ok && ok.definition.items[0]).toMatchObject({ options: [{ id: 'face' }, { id: 'neck' }, { id: 'jaw-line', label: { en: 'Jaw line', es: 'Mandíbula' } }] });
  });

  it('gives a new item an id from its English text, unique in the form, and keeps it afterwards', () => {
    const draft = draftFromDefinition(blankDefinition(), SETTINGS);
    applyEdit(draft, { op: 'add', type: 'yes_no' });
    draft.items[1]!.label = { en: 'Your question', es: '¿Su pregunta?' };
    const read = readBuilderForm(posted(draft));
    expect(read.ok && read.definition.items.map((i) => i.id)).toEqual(['question', 'your-question', 'signature']);
    expect(read.draft.items[1]!.id).toBe('your-question');
    read.draft.items[1]!.label.en = 'Changed wording';
    const again = readBuilderForm(posted(read.draft));
    expect(again.ok && again.definition.items[1]!.id).toBe('your-question');
  });

  it('refuses a form without its signature, and a tampered item type', () => {
    const draft = draftFromDefinition(blankDefinition(), SETTINGS);
    applyEdit(draft, { op: 'remove', index: 1 });
    expect(readBuilderForm(posted(draft))).toMatchObject({ ok: false, errors: { items: 'Add a signature: every form is signed once, where the client agrees to it.' } });
    const tampered = readBuilderForm(posted(draftFromDefinition(blankDefinition(), SETTINGS), set('i0_type', 'script')));
    expect(tampered.ok).toBe(true); // an unknown type is read as a short answer, never stored as given
  });
});

describe('edits without saving', () => {
  it('adds before a closing signature, moves within bounds and removes', () => {
    const draft = draftFromDefinition(blankDefinition(), SETTINGS);
    expect(applyEdit(draft, { op: 'add', type: 'initials' })).toBe(1);
    expect(draft.items.map((i) => i.type)).toEqual(['short_text', 'initials', 'signature']);
    expect(applyEdit(draft, { op: 'up', index: 1 })).toBe(0);
    expect(draft.items.map((i) => i.type)).toEqual(['initials', 'short_text', 'signature']);
    expect(applyEdit(draft, { op: 'up', index: 0 })).toBe(0);
    expect(applyEdit(draft, { op: 'down', index: 2 })).toBe(2);
    expect(applyEdit(draft, { op: 'remove', index: 0 })).toBeNull();
    expect(draft.items.map((i) => i.type)).toEqual(['short_text', 'signature']);
    expect(applyEdit(draft, { op: 'add', type: 'multiple_choice' })).toBe(1);
    expect(draft.items[1]!.options).toHaveLength(2);
  });

  it('reads the edit a button asks for, refusing anything else', () => {
    expect(parseEdit('add', 'date')).toEqual({ op: 'add', type: 'date' });
    expect(parseEdit('down:12', '')).toEqual({ op: 'down', index: 12 });
    expect([parseEdit('add', 'video'), parseEdit('up:-1', ''), parseEdit('drop', ''), parseEdit('remove:1e3', '')]).toEqual([null, null, null, null]);
  });
});

describe('the live preview', () => {
  it('draws whatever has been typed, valid or not', () => {
    const draft = draftFromDefinition(blankDefinition(), SETTINGS);
    applyEdit(draft, { op: 'add', type: 'single_choice' });
    draft.items[1]!.options[0]!.text.en = 'Only one so far';
    draft.items[0]!.label.en = '';
    const preview = previewOf(draft);
    expect(preview.items.map((i) => i.id)).toEqual(['question', 'item-1', 'signature']);
    expect(preview.items[0]).toMatchObject({ label: { en: '—' } });
    expect(preview.items[1]).toMatchObject({ options: [{ label: { en: 'Only one so far' } }] });
  });
});
