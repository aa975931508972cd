/**
 * A form as the client will see it, in English and Spanish side by side in one panel (a switch
 * shows one at a time, without script). Used by the builder's live preview, the starter library
 * and the version history. Outside any <form>: its inputs are never submitted.
 */
import { missingSpanish, type FormDefinition } from '../definition.ts';
import { layoutForm } from '../layout.ts';
import { FormBlocks } from './form-blocks.tsx';

/**
 * `form`: the id of a form the language switch belongs to, so that the language shown is posted
 * with it and kept when the preview is drawn again.
 */
export function FormPreview(props: { definition: FormDefinition; id?: string; title?: string; note?: string; lang?: 'en' | 'es'; form?: string }) {
  const base = props.id ?? 'form-preview';
  const missing = missingSpanish(props.definition).length;
  return (
    <section class="form-preview" id={base} aria-labelledby={`${base}-title`} aria-live="polite">
      <header class="form-preview__bar">
        <h2 class="form-preview__heading" id={`${base}-title`}>
          {props.title ?? 'Preview'}
        </h2>
        <div class="form-preview__langs" role="radiogroup" aria-label="Language of the preview">
          <label class="form-preview__lang">
            <input type="radio" name={`${base}-lang`} value="en" checked={props.lang !== 'es'} class="form-preview__lang-input" form={props.form} />
            <span>English</span>
          </label>
          <label class="form-preview__lang">
            <input type="radio" name={`${base}-lang`} value="es" checked={props.lang === 'es'} class="form-preview__lang-input" form={props.form} />
            <span>Español</span>
          </label>
        </div>
      </header>
      {props.note ? <p class="form-preview__note">{props.note}</p> : null}
      <div class="form-preview__page form-preview__page--en">
        <FormBlocks layout={layoutForm(props.definition, { lang: 'en' })} mode="fill" prefix={`${base}-en-`} headingLevel={2} />
      </div>
      <div class="form-preview__page form-preview__page--es">
        {missing ? (
          <p class="form-preview__missing">
            {missing === 1 ? 'One item has' : `${missing} items have`} no Spanish yet: clients reading in Spanish see the English text there.
          </p>
        ) : null}
        <FormBlocks layout={layoutForm(props.definition, { lang: 'es' })} mode="fill" prefix={`${base}-es-`} headingLevel={2} />
      </div>
    </section>
  );
}
