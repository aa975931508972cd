import { describe, expect, it } from 'vitest';
import { checkDefinition, missingSpanish, textsOf, validateAnswers } from '../definition.ts';
import { layoutForm } from '../layout.ts';
import { STARTERS, starterByKey } from './index.ts';

describe('the starter library', () => {
  it('holds the six forms of issue 7, each with its own key', () => {
    expect(STARTERS.map((s) => [s.key, s.kind, s.rule, s.renewalMonths])).toEqual([
      ['general-intake', 'intake', 'once_per_client', 12],
      ['neurotoxin-consent', 'consent', 'per_service', null],
      ['dermal-filler-consent', 'consent', 'per_service', null],
      ['laser-consent', 'consent', 'per_service', null],
      ['photo-release', 'photo_release', 'lifetime', null],
      ['guardian-authorization', 'guardian_authorization', 'once_per_client', 12],
    ]);
    expect(starterByKey('laser-consent')?.name).toBe('Laser and IPL consent');
    expect(starterByKey('nope')).toBeUndefined();
  });

  for (const starter of STARTERS) {
    describe(starter.name, () => {
      it('is a valid definition, complete in English and Spanish', () => {
        const checked = checkDefinition(starter.definition);
        expect(checked.ok ? [] : checked.issues).toEqual([]);
        expect(missingSpanish(starter.definition)).toEqual([]);
        for (const { text } of textsOf(starter.definition)) {
          expect(text.es, text.en).not.toBe(text.en.length > 12 ? text.en : undefined);
          expect(text.en.trim()).toBe(text.en);
          expect(text.es!.trim()).toBe(text.es);
        }
      });

      it('ends with the signature, after an acknowledgement the client must tick', () => {
        const items = starter.definition.items;
        expect(items.at(-1)?.type).toBe('signature');
        expect(items.some((i) => i.type === 'acknowledgement' && i.required)).toBe(true);
      });

      it('asks for answers in both languages: an empty form has a message for each required field', () => {
        const required = starter.definition.items.filter((i) => i.type !== 'section' && i.type !== 'signature' && i.required).map((i) => i.id);
        for (const lang of ['en', 'es'] as const) expect(Object.keys(validateAnswers(starter.definition, {}, lang)).sort()).toEqual([...required].sort());
        const es = layoutForm(starter.definition, { lang: 'es' });
        expect(es.blocks.every((b) => !('label' in b) || b.label.length > 0)).toBe(true);
      });
    });
  }

  it('has consents initialled paragraph by paragraph, covering risks and alternatives', () => {
    for (const key of ['neurotoxin-consent', 'dermal-filler-consent', 'laser-consent']) {
      const def = starterByKey(key)!.definition;
      const initials = def.items.filter((i) => i.type === 'initials');
      expect(initials.length, key).toBeGreaterThanOrEqual(4);
      expect(initials.some((i) => i.id === 'alternatives'), key).toBe(true);
      expect(def.items.some((i) => i.id === 'aftercare' && i.type === 'acknowledgement'), key).toBe(true);
    }
    const intake = starterByKey('general-intake')!.definition.items.map((i) => i.id);
    for (const id of ['emergency-name', 'medications', 'allergies', 'pregnancy', 'conditions']) expect(intake).toContain(id);
  });
});
