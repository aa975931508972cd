/** The console's sign-in steps after the password: a new password, the authenticator, recovery codes. */
import { Alert, Button, CsrfField, EnrolAuthenticatorForm, Field, RecoveryCodeForm, RecoveryCodeList } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';

const BRAND = 'Lumè Console';

/** A password someone else handed out (CLI, an admin's reset) is replaced before anything else. */
export function ConsolePasswordPage(props: { csrfToken: string; email: string; errors?: Record<string, string> }) {
  const errors = props.errors ?? {};
  return (
    <AuthLayout
      title="Choose your password"
      brand={BRAND}
      variant="console"
      lede="The password you signed in with was given to you once. Choose your own now: at least 12 characters, ideally four or more unrelated words."
    >
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <form class="form" method="post" action="/login/password">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="username" value={props.email} autocomplete="username" />
        <Field name="password" type="password" label="New password" autocomplete="new-password" required autofocus minlength={12} maxlength={128} error={errors.password} />
        <Field name="password_confirm" type="password" label="New password again" autocomplete="new-password" required maxlength={128} error={errors.password_confirm} />
        <div class="form__actions">
          <Button variant="primary" size="lg" block>
            Save and continue
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}

/** First sign-in: scan the QR code (or type the key), then confirm with a code. */
export function ConsoleEnrolPage(props: { csrfToken: string; qrSvg: string; secret: string; error?: string }) {
  return (
    <AuthLayout
      title="Set up two-step verification"
      brand={BRAND}
      variant="console"
      lede="Every Lumè staff account uses an authenticator app. Scan the code, then enter the six digits it shows."
    >
      <EnrolAuthenticatorForm csrfToken={props.csrfToken} qrSvg={props.qrSvg} secret={props.secret} error={props.error} />
    </AuthLayout>
  );
}

/** Shown once, right after enrolment. */
export function ConsoleRecoveryCodesPage(props: { codes: string[] }) {
  return (
    <AuthLayout
      title="Save your recovery codes"
      brand={BRAND}
      variant="console"
      lede="If you lose your phone, each code signs you in once. Keep them in your password manager — this is the only time they are shown."
    >
      <RecoveryCodeList codes={props.codes} />
      <Alert tone="warning">Lumè cannot show these again. Without your phone and these codes, a console admin has to reset your sign-in.</Alert>
      <div class="form__actions">
        <Button variant="primary" size="lg" block href="/">
          I’ve saved them — continue
        </Button>
      </div>
    </AuthLayout>
  );
}

/** Sign in with a recovery code instead of the app. */
export function ConsoleRecoveryLoginPage(props: { csrfToken: string; error?: string }) {
  return (
    <AuthLayout title="Use a recovery code" brand={BRAND} variant="console" lede="Enter one of the recovery codes you saved when you set up two-step verification. Each works once.">
      <RecoveryCodeForm csrfToken={props.csrfToken} error={props.error} />
      <p class="auth__alt">
        <a href="/login/totp">Back to the authenticator code</a>
      </p>
    </AuthLayout>
  );
}
