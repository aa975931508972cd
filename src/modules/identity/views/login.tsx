/** Spa operator sign-in: email and password, then the TOTP second step. */
import { Alert, Button, CsrfField, Field, OneTimeCodeField } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';

export type LoginPageProps = {
  spaName: string;
  csrfToken: string;
  /** The email typed before a failed attempt, so it need not be typed again. */
  email?: string;
  /** A general message, e.g. "That email and password do not match." */
  error?: string;
};

export function LoginPage(props: LoginPageProps) {
  const hasEmail = Boolean(props.email);
  return (
    <AuthLayout title="Sign in" brand={props.spaName} lede={`Welcome back. Sign in to ${props.spaName} on Lumè.`}>
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      <form class="form" method="post" action="/login">
        <CsrfField token={props.csrfToken} />
        <Field
          name="email"
          type="email"
          label="Email"
          value={props.email}
          autocomplete="username"
          required
          spellcheck={false}
          autofocus={!hasEmail}
          attrs={{ autocapitalize: 'none' }}
        />
        <Field
          name="password"
          type="password"
          label="Password"
          autocomplete="current-password"
          required
          autofocus={hasEmail}
          aside={<a href="/password/forgot">Forgot password?</a>}
        />
        <div class="form__actions">
          <Button variant="primary" size="lg" block>
            Sign in
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}

export type TotpPageProps = {
  spaName: string;
  csrfToken: string;
  /** Shown inline on the code field, e.g. "That code did not match. Try the newest one." */
  error?: string;
};

export function TotpPage(props: TotpPageProps) {
  return (
    <AuthLayout
      title="Two-step verification"
      brand={props.spaName}
      lede="Open your authenticator app and enter the code it shows for Lumè."
    >
      <form class="form" method="post" action="/login/totp">
        <CsrfField token={props.csrfToken} />
        <OneTimeCodeField error={props.error} />
        <div class="form__actions">
          <Button variant="primary" size="lg" block>
            Verify
          </Button>
        </div>
      </form>
      <p class="auth__alt">
        No access to your app? <a href="/login/recovery">Use a recovery code</a>
      </p>
    </AuthLayout>
  );
}
