import { raw } from 'hono/html';
import { Button } from './button.tsx';
import { CsrfField } from './csrf-field.tsx';
import { Field } from './field.tsx';
import { OneTimeCodeField } from './one-time-code-field.tsx';

/** The authenticator set-up: the QR code (drawn server-side), the key as text, and the first code. */
export function EnrolAuthenticatorForm(props: { csrfToken: string; qrSvg: string; secret: string; error?: string }) {
  const grouped = props.secret.match(/.{1,4}/g)!.join(' ');
  return (
    <>
      <div class="enrol">
        <div class="enrol__qr">{raw(props.qrSvg)}</div>
        <p class="enrol__key">
          Can’t scan? Enter this key instead:
          <code class="enrol__secret">{grouped}</code>
        </p>
      </div>
      <form class="form" method="post" action="/login/enrol">
        <CsrfField token={props.csrfToken} />
        <OneTimeCodeField error={props.error} />
        <div class="form__actions">
          <Button variant="primary" size="lg" block>
            Turn on two-step verification
          </Button>
        </div>
      </form>
    </>
  );
}

/** The ten recovery codes, shown once. */
export function RecoveryCodeList(props: { codes: string[] }) {
  return (
    <ol class="recovery-codes">
      {props.codes.map((code) => (
        <li>
          <code>{code}</code>
        </li>
      ))}
    </ol>
  );
}

/** Signing in with a recovery code instead of the app. */
export function RecoveryCodeForm(props: { csrfToken: string; error?: string }) {
  return (
    <form class="form" method="post" action="/login/recovery">
      <CsrfField token={props.csrfToken} />
      <Field name="code" label="Recovery code" autocomplete="off" spellcheck={false} required autofocus maxlength={20} error={props.error} attrs={{ autocapitalize: 'none' }} />
      <div class="form__actions">
        <Button variant="primary" size="lg" block>
          Sign in
        </Button>
      </div>
    </form>
  );
}
