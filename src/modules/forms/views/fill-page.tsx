/**
 * The client's pages behind a form link: the forms to fill (drawn by FormBlocks in fill mode, in
 * English or Spanish), the "signed on" page once everything is signed (never the content), and the
 * one page for a link that does not work. Only what the forms themselves ask is shown.
 */
import { buttonClass } from '../../../ui/components.tsx';
import { CSRF_FIELD } from '../../../infra/http/csrf.ts';
import type { Lang } from '../definition.ts';
import type { OpenLink } from '../form-links.ts';
import { layoutForm, type Block, type FormLayout } from '../layout.ts';
import type { PrefillOffer } from '../prefill.ts';
import { ClientPageLayout } from './client-page-layout.tsx';
import { FormBlocks } from './form-blocks.tsx';
import { StaffLink } from '../../kiosk/views/kiosk-pages.tsx';
import { PrefillPanel, type PrefillNotice } from './prefill-panel.tsx';

const WORDS = {
  en: {
    title: 'Your forms',
    lede: 'Answer the questions below. Your answers are saved as you go.',
    save: 'Save my answers',
    saved: 'Saved.',
    heldBack: 'You started this form earlier on another device. For your privacy those answers are not shown on this tablet. They stay saved until you save an answer here: then what you enter here replaces them.',
    fix: 'Saved. A few answers need a look before this form can be signed:',
    signedOn: (d: string) => `Signed on ${d}`,
    allSigned: 'Thank you: your forms are signed',
    allSignedLede: 'There is nothing more to do. You can close this page.',
    language: 'Language',
    sign: 'Sign this form',
    signature: 'Your signature',
    signatureHelp: 'Draw your signature in the box with your finger, a stylus or the mouse.',
    clear: 'Clear',
    typedName: 'Your full name',
    consent: 'I agree that my electronic signature is as valid as my handwritten signature, and I have read this form.',
    guardian: (names: string) => `I am the parent or guardian of this client named on the record${names ? ` (${names})` : ''}, signing for them.`,
    signButton: 'Sign',
    gone: 'This link no longer works',
    goneText: 'It has expired or the spa has withdrawn it. Ask the spa to send you a new one.',
  },
  es: {
    title: 'Sus formularios',
    lede: 'Responda las preguntas. Sus respuestas se guardan a medida que avanza.',
    save: 'Guardar mis respuestas',
    saved: 'Guardado.',
    heldBack: 'Empezó este formulario antes en otro dispositivo. Por su privacidad, esas respuestas no se muestran en esta tableta. Se conservan hasta que guarde una respuesta aquí: entonces lo que escriba aquí las sustituye.',
    fix: 'Guardado. Algunas respuestas necesitan revisión antes de poder firmar este formulario:',
    signedOn: (d: string) => `Firmado el ${d}`,
    allSigned: 'Gracias: sus formularios están firmados',
    allSignedLede: 'No hay nada más que hacer. Puede cerrar esta página.',
    language: 'Idioma',
    sign: 'Firmar este formulario',
    signature: 'Su firma',
    signatureHelp: 'Dibuje su firma en el recuadro con el dedo, un lápiz óptico o el ratón.',
    clear: 'Borrar',
    typedName: 'Su nombre completo',
    consent: 'Acepto que mi firma electrónica es tan válida como mi firma manuscrita, y he leído este formulario.',
    guardian: (names: string) => `Soy el padre, la madre o el tutor de este cliente que figura en el expediente${names ? ` (${names})` : ''}, y firmo en su nombre.`,
    signButton: 'Firmar',
    gone: 'Este enlace ya no funciona',
    goneText: 'Ha vencido o el spa lo ha retirado. Pida al spa que le envíe uno nuevo.',
  },
} as const;

/** A date as the spa's clients read it: in the spa's own time zone, in the page's language. */
const dateIn = (d: Date, lang: Lang, timeZone: string) => d.toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone });

type SignatureBlock = Extract<Block, { kind: 'signature' }>;

/** The form's own signature item is drawn where the pad is, as the pad: the blocks above it leave it out. */
function withoutSignature(layout: FormLayout): { layout: FormLayout; signature: SignatureBlock | undefined } {
  const signature = layout.blocks.find((b): b is SignatureBlock => b.kind === 'signature');
  return { layout: { ...layout, blocks: layout.blocks.filter((b) => b.kind !== 'signature') }, signature };
}

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
  /** The spa's logo version, when it has a logo (else its initials are shown). */
  spaLogo?: string | null;
  /** The spa's time zone, in which "signed on" dates are told. */
  timeZone: string;
  link: Extract<OpenLink, { state: 'open' }>;
  lang: Lang;
  csrfToken: string;
  /** `refused`: a signing was refused, so the page's script moves focus to the first message. */
  errors: { formId: string; errors: Record<string, string>; refused?: boolean } | null;
  offers?: ReadonlyMap<string, PrefillOffer>;
  prefillNotice?: PrefillNotice | null;
  /** Forms whose earlier answers a kiosk holds back (ADR 012): the client is told, so replacing them is their choice. */
  heldBack?: ReadonlySet<string>;
}) {
  const w = WORDS[props.lang];
  return (
    <ClientPageLayout title={w.title} brand={props.spaName} logo={props.spaLogo} lede={w.lede}>
      <div class="stack" lang={props.lang}>
        <LanguageSwitch lang={props.lang} />
        {props.link.forms.map((form, i) => {
          const mine = props.errors?.formId === form.id ? props.errors.errors : null;
          const laid = layoutForm(form.definition, { lang: props.lang, answers: form.progress, errors: mine ?? {} });
          if (form.status !== 'pending') {
            return (
              <section class="fill__form" aria-labelledby={`f${i}-done`}>
                <h2 id={`f${i}-done`}>{laid.title}</h2>
                <p>{form.signedAt ? w.signedOn(dateIn(form.signedAt, props.lang, props.timeZone)) : null}</p>
              </section>
            );
          }
          const { layout, signature } = withoutSignature(laid);
          return (
            <>
              <PrefillPanel
                index={i}
                formId={form.id}
                formTitle={layout.title}
                offer={props.offers?.get(form.id)}
                notice={props.prefillNotice ?? null}
                lang={props.lang}
                csrfToken={props.csrfToken}
              />
              <form
                class="fill__form stack"
                method="post"
                action={`/f/progress?lang=${props.lang}`}
                id={`form-${form.id}`}
                novalidate
                data-autosave
                data-refused={mine && props.errors?.refused ? '' : undefined}
              >
                <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
                <input type="hidden" name="form_id" value={form.id} />
                <input type="hidden" name="lang" value={props.lang} />
                {props.heldBack?.has(form.id) ? (
                  <p class="fill__status" data-held-back>
                    {w.heldBack}
                  </p>
                ) : null}
                {mine ? (
                  <p class="fill__status" role="status">
                    {Object.keys(mine).length ? w.fix : w.saved}
                  </p>
                ) : null}
                <FormBlocks layout={layout} mode="fill" prefix={`f${i}-`} headingLevel={2} />
                <p class="fill__autosave muted text-sm" role="status" data-autosave-status data-saved={w.saved}></p>
                <button type="submit" name="op" value="save" class={buttonClass('secondary', 'lg', true)}>
                  {w.save}
                </button>
                <SignPart index={i} lang={props.lang} errors={mine ?? {}} minor={props.link.minor} guardianNames={props.link.guardianNames} signature={signature} />
              </form>
            </>
          );
        })}
      </div>
      {props.link.kiosk ? <StaffLink /> : null}
    </ClientPageLayout>
  );
}

function Problem(props: { id: string; text: string | undefined }) {
  return props.text ? (
    <p class="fill__error" id={props.id}>
      {props.text}
    </p>
  ) : null;
}

/** The signature drawn (kept as a PNG in a hidden field by the page's script), the typed name, consent. */
function SignPart(props: { index: number; lang: Lang; errors: Record<string, string>; minor: boolean; guardianNames: string[]; signature: SignatureBlock | undefined }) {
  const w = WORDS[props.lang];
  const p = `f${props.index}-`;
  const e = props.errors;
  const sigError = e.signer_signature;
  return (
    <fieldset class="fill__sign">
      <legend>{w.sign}</legend>
      <div class="fill__pad" data-signature data-field>
        <p class="form-field__label" id={`${p}sig-label`}>
          {props.signature?.label ?? w.signature}
        </p>
        {props.signature?.help ? (
          <p class="form-help" id={`${p}sig-form-help`}>
            {props.signature.help}
          </p>
        ) : null}
        <p class="form-help" id={`${p}sig-help`}>
          {w.signatureHelp}
        </p>
        <canvas
          role="img"
          aria-labelledby={`${p}sig-label`}
          aria-describedby={[sigError ? `${p}sig-error` : '', props.signature?.help ? `${p}sig-form-help` : '', `${p}sig-help`].filter(Boolean).join(' ')}
        ></canvas>
        <input type="hidden" name="signature" value="" />
        <div class="fill__pad-actions">
          <Problem id={`${p}sig-error`} text={sigError} />
          <button type="button" class={buttonClass('link', 'sm')} data-signature-clear>
            {w.clear}
          </button>
        </div>
      </div>
      <div class="field" data-field>
        <label class="form-field__label" for={`${p}signer-name`}>
          {w.typedName}
        </label>
        <input class="input" id={`${p}signer-name`} name="signer_name" autocomplete="name" maxlength={200} aria-invalid={e.signer_name ? 'true' : undefined} aria-describedby={e.signer_name ? `${p}name-error` : undefined} />
        <Problem id={`${p}name-error`} text={e.signer_name} />
      </div>
      {props.minor ? (
        <div data-field>
          <label class="fill__check">
            <input type="checkbox" name="signer_guardian" value="yes" aria-invalid={e.signer_guardian ? 'true' : undefined} aria-describedby={e.signer_guardian ? `${p}guardian-error` : undefined} />
            <span>{w.guardian(props.guardianNames.join(', '))}</span>
          </label>
          <Problem id={`${p}guardian-error`} text={e.signer_guardian} />
        </div>
      ) : null}
      <div data-field>
        <label class="fill__check">
          <input type="checkbox" name="signer_consent" value="yes" aria-invalid={e.signer_consent ? 'true' : undefined} aria-describedby={e.signer_consent ? `${p}consent-error` : undefined} />
          <span>{w.consent}</span>
        </label>
        <Problem id={`${p}consent-error`} text={e.signer_consent} />
      </div>
      <button type="submit" name="op" value="sign" class={buttonClass('primary', 'lg', true)}>
        {w.signButton}
      </button>
    </fieldset>
  );
}

/** Everything the link covers is signed: the date only, never the content. */
export function FormsSignedPage(props: { spaName: string; spaLogo?: string | null; timeZone: string; signedAt: Date; lang: Lang }) {
  const w = WORDS[props.lang];
  return (
    <ClientPageLayout title={w.allSigned} brand={props.spaName} logo={props.spaLogo} lede={w.signedOn(dateIn(props.signedAt, props.lang, props.timeZone))}>
      <div class="stack" lang={props.lang}>
        <LanguageSwitch lang={props.lang} />
        <p>{w.allSignedLede}</p>
      </div>
    </ClientPageLayout>
  );
}

/** One page for an unknown, revoked or expired link, in both languages: it never says which. */
export function FormLinkGonePage(props: { spaName: string; spaLogo?: string | null }) {
  return (
    <ClientPageLayout title={WORDS.en.gone} brand={props.spaName} logo={props.spaLogo}>
      <div class="stack">
        <p>{WORDS.en.goneText}</p>
        <p lang="es">
          <strong>{WORDS.es.gone}.</strong> {WORDS.es.goneText}
        </p>
      </div>
    </ClientPageLayout>
  );
}
