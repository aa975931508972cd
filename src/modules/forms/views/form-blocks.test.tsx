import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersFromForm, validateAnswers } from '../definition.ts';
import { definitionArb, validAnswersArb } from '../arbitrary-forms.ts';
import { layoutForm } from '../layout.ts';
import { GENERAL_INTAKE } from '../starters/intake.ts';
import { FormBlocks } from './form-blocks.tsx';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : undefined;
};

/** What a browser would post from the drawn form, as it stands. */
function posted(html: string): Record<string, string[]> {
  const body: Record<string, string[]> = {};
  const add = (name: string, value: string) => (body[name] ??= []).push(value);
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    if (!name) continue;
    const type = attr(tag, 'type') ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\schecked(=|\s|>)/.test(tag)) continue;
    add(name, attr(tag, 'value') ?? 'on');
  }
  for (const m of html.matchAll(/<textarea\b([^>]*)>([^]*?)<\/textarea>/g)) add(attr(m[1]!, 'name')!, unescape(m[2]!));
  return body;
}

describe('FormBlocks', () => {
  it('draws what posts back as the same answers, for every generated form (property)', () => {
    fc.assert(
      fc.property(
        definitionArb.chain((def) => fc.tuple(fc.constant(def), validAnswersArb(def), fc.constantFrom('en' as const, 'es' as const))),
        ([def, answers, lang]) => {
          const html = String(<FormBlocks layout={layoutForm(def, { lang, answers })} mode="fill" />);
          expect(answersFromForm(def, posted(html))).toEqual(answers);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('labels every input, marks the required ones, and ties each message to its input', () => {
    const errors = validateAnswers(GENERAL_INTAKE.definition, { medications: { answer: 'yes' } }, 'es');
    const html = String(<FormBlocks layout={layoutForm(GENERAL_INTAKE.definition, { lang: 'es', answers: { medications: { answer: 'yes' } }, errors })} mode="fill" />);
    expect(html).toContain('lang="es"');
    // Text inputs have a <label for>; choices sit in a fieldset with a legend.
    for (const [tag] of html.matchAll(/<(input|textarea)\b[^>]*\sid="([^"]+)"[^>]*>/g)) {
      const id = attr(tag, 'id')!;
      const type = attr(tag, 'type');
      if (type === 'radio' || (type === 'checkbox' && !html.includes(`for="${id}"`))) continue;
      expect(html, id).toContain(`for="${id}"`);
    }
    expect(html.match(/<fieldset/g)!.length).toBe(html.match(/<legend/g)!.length);
    expect(html).toMatch(/id="f-emergency-name-error"[^]*Responda esta pregunta\./);
    expect(html).toMatch(/aria-describedby="f-emergency-name-error"/);
    expect(html).toMatch(/id="f-medications-follow-error"[^]*Por favor, indique los detalles\./);
    expect(html).toContain('name="a_accurate" value="yes" required=""');
    expect(html).toContain('Las preguntas marcadas con * son obligatorias.');
    expect(new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])).size).toBe([...html.matchAll(/\sid="([^"]+)"/g)].length);
  });

  it('shows answers as text in read mode, escaped, with nothing to type into', () => {
    const def = { title: { en: 'T' }, items: [{ type: 'short_text' as const, id: 'q', label: { en: 'Q' }, required: true }, { type: 'long_text' as const, id: 'l', label: { en: 'L' }, required: false }, { type: 'signature' as const, id: 's', label: { en: 'Sign' }, required: true as const }] };
    const html = String(<FormBlocks layout={layoutForm(def, { lang: 'en', answers: { q: '<script>x</script>' } })} mode="read" />);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toMatch(/<(input|textarea|select)/);
    expect(html).toContain('Not answered');
    expect(html).toContain('Not signed yet');
  });
});
