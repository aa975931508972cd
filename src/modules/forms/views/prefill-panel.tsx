/**
 * "Use my answers from last time" on the fill page (issue 7): the offer, then the code entry once
 * a code is sent (only the masked destination is shown), then a note once the answers are filled
 * in. It never holds an old answer: those arrive in the form's fields only after the code matches.
 */
import { buttonClass } from '../../../ui/components.tsx';
import { Alert } from '../../../ui/components/alert.tsx';
import { CSRF_FIELD } from '../../../infra/http/csrf.ts';
import type { Lang } from '../definition.ts';
import type { PrefillOffer } from '../prefill.ts';

const WORDS = {
  en: {
    title: 'Your answers from last time',
    offer: (form: string) => `You have signed “${form}” with us before. We can fill in your answers from then for you to check. First we send a code to the phone or email we have on file.`,
    ask: 'Use my answers from last time',
    sent: (channel: 'sms' | 'email', hint: string) => (channel === 'sms' ? `We sent a 6-digit code by text to the number ending ${hint}.` : `We sent a 6-digit code by email to ${hint}.`),
    code: 'Code',
    codeHelp: 'It works for 10 minutes.',
    confirm: 'Fill in my answers',
    resend: 'Send a new code',
    filled: 'Your answers from last time are filled in. Check each one, change what is different, then sign.',
    filledNone: 'None of your earlier answers fit this version of the form. Please answer the questions.',
  },
  es: {
    title: 'Sus respuestas de la última vez',
    offer: (form: string) => `Ya firmó «${form}» con nosotros. Podemos rellenar sus respuestas de entonces para que las revise. Primero le enviamos un código al teléfono o al correo electrónico que tenemos registrado.`,
    ask: 'Usar mis respuestas de la última vez',
    sent: (channel: 'sms' | 'email', hint: string) =>
      channel === 'sms' ? `Le enviamos un código de 6 dígitos por mensaje de texto al número que termina en ${hint}.` : `Le enviamos un código de 6 dígitos por correo electrónico a ${hint}.`,
    code: 'Código',
    codeHelp: 'Es válido durante 10 minutos.',
    confirm: 'Rellenar mis respuestas',
    resend: 'Enviar un código nuevo',
    filled: 'Sus respuestas de la última vez están rellenadas. Revise cada una, cambie lo que sea distinto y firme.',
    filledNone: 'Ninguna de sus respuestas anteriores encaja con esta versión del formulario. Responda las preguntas.',
  },
} as const;

/** What the last prefill request on this page came to, for the form it concerned. */
export type PrefillNotice = { formId: string; kind: 'sent' } | { formId: string; kind: 'filled'; count: number } | { formId: string; kind: 'problem'; message: string };

function Hidden(props: { formId: string; lang: Lang; csrfToken: string }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
      <input type="hidden" name="form_id" value={props.formId} />
      <input type="hidden" name="lang" value={props.lang} />
    </>
  );
}

export function PrefillPanel(props: { index: number; formId: string; formTitle: string; offer: PrefillOffer | undefined; notice: PrefillNotice | null; lang: Lang; csrfToken: string }) {
  const w = WORDS[props.lang];
  const notice = props.notice?.formId === props.formId ? props.notice : null;
  if (notice?.kind === 'filled') {
    return (
      <Alert tone="success" class="fill__prefill-done">
        {notice.count > 0 ? w.filled : w.filledNone}
      </Alert>
    );
  }
  const problem = notice?.kind === 'problem' ? notice.message : undefined;
  if (!props.offer) return problem ? <Alert tone="error">{problem}</Alert> : null;
  const p = `f${props.index}-prefill`;
  const waiting = props.offer.waiting;
  return (
    <section class="fill__prefill" aria-labelledby={`${p}-title`} data-prefill>
      <h2 class="fill__prefill-title" id={`${p}-title`}>
        {w.title}
      </h2>
      {waiting ? (
        <form method="post" action={`/f/prefill/confirm?lang=${props.lang}`} class="fill__prefill-code" novalidate>
          <Hidden formId={props.formId} lang={props.lang} csrfToken={props.csrfToken} />
          <p id={`${p}-sent`}>{w.sent(waiting.channel, waiting.hint)}</p>
          <div class="field" data-field>
            <label class="form-field__label" for={`${p}-code`}>
              {w.code}
            </label>
            <p class="form-help" id={`${p}-help`}>
              {w.codeHelp}
            </p>
            {problem ? (
              <p class="fill__error" id={`${p}-error`}>
                {problem}
              </p>
            ) : null}
            <input
              class="input fill__code-input"
              id={`${p}-code`}
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength={9}
              autofocus={notice ? true : undefined}
              aria-invalid={problem ? 'true' : undefined}
              aria-describedby={[problem ? `${p}-error` : '', `${p}-sent`, `${p}-help`].filter(Boolean).join(' ')}
            />
          </div>
          <button type="submit" class={buttonClass('primary', 'md', true)}>
            {w.confirm}
          </button>
        </form>
      ) : (
        <>
          <p>{w.offer(props.formTitle)}</p>
          {problem ? (
            <p class="fill__error" role="alert">
              {problem}
            </p>
          ) : null}
        </>
      )}
      <form method="post" action={`/f/prefill/send?lang=${props.lang}`}>
        <Hidden formId={props.formId} lang={props.lang} csrfToken={props.csrfToken} />
        <button type="submit" class={buttonClass(waiting ? 'link' : 'secondary', waiting ? 'sm' : 'md', !waiting)}>
          {waiting ? w.resend : w.ask}
        </button>
      </form>
    </section>
  );
}
