/**
 * The client's pages behind a form link: the forms to fill (drawn by FormBlocks in fill mode, in
 * English or Spanish), the "signed on" page once everything is signed (never the content), and the
 * one page for a link that does not work. Only what the forms themselves ask is shown.
 */
import { buttonClass } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';
import { CSRF_FIELD } from '../../../infra/http/csrf.ts';
import type { Lang } from '../definition.ts';
import type { OpenLink } from '../form-links.ts';
import { layoutForm } from '../layout.ts';
import { FormBlocks } from './form-blocks.tsx';

const WORDS = {
  en: {
    title: 'Your forms',
    lede: 'Answer the questions below. Your answers are saved each time you press Save.',
    save: 'Save my answers',
    saved: 'Saved.',
    fix: 'Saved. A few answers need a look before this form can be signed:',
    signedOn: (d: string) => `Signed on ${d}`,
    allSigned: 'Thank you: your forms are signed',
    allSignedLede: 'There is nothing more to do. You can close this page.',
    language: 'Language',
    gone: 'This link no longer works',
    goneText: 'Form links work for a limited time. Ask the spa to send you a new one.',
  },
  es: {
    title: 'Sus formularios',
    lede: 'Responda las preguntas. Sus respuestas se guardan cada vez que pulsa Guardar.',
    save: 'Guardar mis respuestas',
    saved: 'Guardado.',
    fix: 'Guardado. Algunas respuestas necesitan revisión antes de poder firmar este formulario:',
    signedOn: (d: string) => `Firmado el ${d}`,
    allSigned: 'Gracias: sus formularios están firmados',
    allSignedLede: 'No hay nada más que hacer. Puede cerrar esta página.',
    language: 'Idioma',
    gone: 'Este enlace ya no funciona',
    goneText: 'Los enlaces de formularios funcionan por un tiempo limitado. Pida al spa que le envíe uno nuevo.',
  },
} as const;

const dateIn = (d: Date, lang: Lang) => d.toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' });

function LanguageSwitch(props: { lang: Lang }) {
  return (
    <nav class="fill__langs" aria-label={`${WORDS.en.language} / ${WORDS.es.language}`}>
      <a href="/f?lang=en" lang="en" aria-current={props.lang === 'en' ? 'page' : undefined}>
        English
      </a>
      {' · '}
      <a href="/f?lang=es" lang="es" aria-current={props.lang === 'es' ? 'page' : undefined}>
        Español
      </a>
    </nav>
  );
}

export function FillPage(props: {
  spaName: string;
  link: Extract<OpenLink, { state: 'open' }>;
  lang: Lang;
  csrfToken: string;
  errors: { formId: string; errors: Record<string, string> } | null;
}) {
  const w = WORDS[props.lang];
  return (
    <AuthLayout title={w.title} brand={props.spaName} lede={w.lede}>
      <div class="stack" lang={props.lang}>
        <LanguageSwitch lang={props.lang} />
        {props.link.forms.map((form, i) => {
          const mine = props.errors?.formId === form.id ? props.errors.errors : null;
          const layout = layoutForm(form.definition, { lang: props.lang, answers: form.progress, errors: mine ?? {} });
          if (form.status !== 'pending') {
            return (
              <section class="fill__form" aria-labelledby={`f${i}-done`}>
                <h2 id={`f${i}-done`}>{layout.title}</h2>
                <p>{form.signedAt ? w.signedOn(dateIn(form.signedAt, props.lang)) : null}</p>
              </section>
            );
          }
          return (
            <form class="fill__form stack" method="post" action={`/f/progress?lang=${props.lang}`} id={`form-${form.id}`}>
              <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
              <input type="hidden" name="form_id" value={form.id} />
              <input type="hidden" name="lang" value={props.lang} />
              {mine ? (
                <p class="fill__status" role="status">
                  {Object.keys(mine).length ? w.fix : w.saved}
                </p>
              ) : null}
              <FormBlocks layout={layout} mode="fill" prefix={`f${i}-`} headingLevel={2} />
              <button type="submit" class={buttonClass('primary', 'lg', true)}>
                {w.save}
              </button>
            </form>
          );
        })}
      </div>
    </AuthLayout>
  );
}

/** Everything the link covers is signed: the date only, never the content. */
export function FormsSignedPage(props: { spaName: string; signedAt: Date; lang: Lang }) {
  const w = WORDS[props.lang];
  return (
    <AuthLayout title={w.allSigned} brand={props.spaName} lede={w.signedOn(dateIn(props.signedAt, props.lang))}>
      <div class="stack" lang={props.lang}>
        <LanguageSwitch lang={props.lang} />
        <p>{w.allSignedLede}</p>
      </div>
    </AuthLayout>
  );
}

/** One page for an unknown, revoked or expired link, in both languages: it never says which. */
export function FormLinkGonePage(props: { spaName: string }) {
  return (
    <AuthLayout title={WORDS.en.gone} brand={props.spaName}>
      <div class="stack">
        <p>{WORDS.en.goneText}</p>
        <p lang="es">
          <strong>{WORDS.es.gone}.</strong> {WORDS.es.goneText}
        </p>
      </div>
    </AuthLayout>
  );
}
