import { raw } from 'hono/html';
import { Alert, Button, CsrfField, Field, OneTimeCodeField } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';

/** First sign-in: scan the QR code (or type the key), then confirm with a code. */
export function EnrolPage(props: { spaName: string; csrfToken: string; qrSvg: string; secret: string; error?: string }) {
  const grouped = props.secret.match(/.{1,4}/g)!.join(' ');
  return (
    <AuthLayout
      title="Set up two-step verification"
      brand={props.spaName}
      lede="Every Lumè account uses an authenticator app (Google Authenticator, 1Password, Microsoft Authenticator…). Scan the code, then enter the six digits it shows."
    >
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
    </AuthLayout>
  );
}

/** Shown once, right after enrolment: the ten recovery codes. */
export function RecoveryCodesPage(props: { spaName: string; codes: string[] }) {
  return (
    <AuthLayout title="Save your recovery codes" brand={props.spaName} lede="If you lose your phone, each of these codes signs you in once. Keep them somewhere safe — this is the only time they are shown.">
      <ol class="recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <Alert tone="warning">Lumè cannot show these again. If you lose your phone and these codes, your spa’s owner can reset your two-step verification (an owner asks Lumè support).</Alert>
      <div class="form__actions">
        <Button variant="primary" size="lg" block href="/">
          I’ve saved them — continue
        </Button>
      </div>
    </AuthLayout>
  );
}

/** Sign in with a recovery code instead of the app. */
export function RecoveryLoginPage(props: { spaName: string; csrfToken: string; error?: string }) {
  return (
    <AuthLayout title="Use a recovery code" brand={props.spaName} lede="Enter one of the recovery codes you saved when you set up two-step verification. Each works once.">
      <form class="form" method="post" action="/login/recovery">
        <CsrfField token={props.csrfToken} />
        <Field name="code" label="Recovery code" autocomplete="off" spellcheck={false} required autofocus maxlength={20} error={props.error} attrs={{ autocapitalize: 'none' }} />
        <div class="form__actions">
          <Button variant="primary" size="lg" block>
            Sign in
          </Button>
        </div>
      </form>
      <p class="auth__alt">
        <a href="/login/totp">Back to the authenticator code</a>
      </p>
    </AuthLayout>
  );
}
