/** Forgotten password: ask for a link, then choose a new password from it. */
import { Alert, Button, CsrfField, Field } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';
import { NewPasswordFields } from './new-password-fields.tsx';

export function ForgotPasswordPage(props: { spaName: string; csrfToken: string; email?: string; error?: string; fieldError?: string }) {
  return (
    <AuthLayout title="Reset your password" brand={props.spaName} lede="Enter the email you sign in with. We will send you a link to choose a new password.">
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      <form class="form" method="post" action="/password/forgot">
        <CsrfField token={props.csrfToken} />
        <Field name="email" type="email" label="Email" value={props.email} error={props.fieldError} autocomplete="username" required maxlength={254} spellcheck={false} autofocus attrs={{ autocapitalize: 'none' }} />
        <div class="form__actions">
          <Button variant="primary" size="lg" block>
            Send reset link
          </Button>
        </div>
      </form>
      <p class="auth__alt">
        Remembered it? <a href="/login">Back to sign-in</a>
      </p>
    </AuthLayout>
  );
}

/** The same answer whether or not the email has an account (no enumeration). */
export function ForgotPasswordSentPage(props: { spaName: string }) {
  return (
    <AuthLayout title="Check your email" brand={props.spaName}>
      <div class="stack">
        <Alert tone="info">If an account exists for that email, we sent a link to reset its password.</Alert>
        <p>The link works once, for 30 minutes. Nothing after a few minutes? Check your spam folder, or ask your spa’s owner to check the email on your account.</p>
        <div class="notice-actions">
          <Button variant="secondary" size="lg" block href="/login">
            Back to sign-in
          </Button>
        </div>
      </div>
    </AuthLayout>
  );
}

export function ResetPasswordPage(props: { spaName: string; email: string; csrfToken: string; errors?: Record<string, string> }) {
  const errors = props.errors ?? {};
  return (
    <AuthLayout title="Choose a new password" brand={props.spaName} lede="Saving it signs you out on every device. You will still need your authenticator app to sign in.">
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <form class="form" method="post" action="/password/reset">
        <CsrfField token={props.csrfToken} />
        <NewPasswordFields email={props.email} errors={errors} />
        <div class="form__actions">
          <Button variant="primary" size="lg" block>
            Save new password
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}

export function PasswordResetDonePage(props: { spaName: string }) {
  return (
    <AuthLayout title="Password changed" brand={props.spaName}>
      <div class="stack">
        <Alert tone="success">Your new password is saved, and every device that was signed in has been signed out.</Alert>
        <p>Sign in with your new password and the code from your authenticator app.</p>
        <div class="notice-actions">
          <Button variant="primary" size="lg" block href="/login">
            Sign in
          </Button>
        </div>
      </div>
    </AuthLayout>
  );
}
