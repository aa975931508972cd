import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './definition.ts';
import { carryOverAnswers } from './prefill-answers.ts';

const NOW: FormDefinition = {
  title: { en: 'Intake' },
  items: [
    { type: 'short_text', id: 'medications', label: { en: 'Medications' }, required: true },
    { type: 'single_choice', id: 'skin', label: { en: 'Skin type' }, required: false, options: [{ id: 'dry', label: { en: 'Dry' } }, { id: 'oily', label: { en: 'Oily' } }] },
    { type: 'number', id: 'age', label: { en: 'Age' }, required: false, min: 18, max: 120 },
    { type: 'yes_no', id: 'pregnant', label: { en: 'Pregnant?' }, required: true },
    { type: 'yes_no', id: 'allergies', label: { en: 'Allergies?' }, required: true, followUp: { label: { en: 'Which?' } } },
    { type: 'acknowledgement', id: 'truthful', label: { en: 'My answers are true.' }, required: true },
    { type: 'initials', id: 'policy', label: { en: 'I read the policy.' }, required: true },
    { type: 'signature', id: 'sign', label: { en: 'Signature' }, required: true },
  ],
};

describe('answers carried from last time (issue 7)', () => {
  it('keeps only questions the current version still asks, whose answers still fit it', () => {
    const last = {
      medications: 'Metformin',
      skin: 'combination', // an option this version no longer offers
      age: '17', // below this version's minimum
      pregnant: { answer: 'no', followUp: 'left over from an older version' },
      allergies: { answer: 'yes' }, // the follow-up this version asks is missing
      truthful: true, // agreed again today, never carried
      policy: 'JD',
      retired: 'a question since removed',
    };
    expect(carryOverAnswers(last, NOW)).toEqual({ medications: 'Metformin', pregnant: { answer: 'no' } });
  });

  it('carries a complete yes with its details, and ignores odd shapes', () => {
    expect(carryOverAnswers({ allergies: { answer: 'yes', followUp: 'Latex' }, skin: 'dry', age: '36' }, NOW)).toEqual({ allergies: { answer: 'yes', followUp: 'Latex' }, skin: 'dry', age: '36' });
    expect(carryOverAnswers({ medications: 42, skin: ['dry'], age: '' }, NOW)).toEqual({});
    expect(carryOverAnswers(null, NOW)).toEqual({});
    expect(carryOverAnswers(['medications'], NOW)).toEqual({});
  });
});
