/** Lumè staff sign-in on the console host (admin.<apex>). */
import { Alert, Button, CsrfField, Field, OneTimeCodeField } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';

export type ConsoleLoginPageProps = {
  csrfToken: string;
  /** The email typed before a failed attempt. */
  email?: string;
  /** A general message shown above the form. */
  error?: string;
};

export function ConsoleLoginPage(props: ConsoleLoginPageProps) {
  const hasEmail = Boolean(props.email);
  return (
    <AuthLayout
      title="Staff sign in"
      brand="Lumè Console"
      variant="console"
      lede="Use your Lumè staff account. A code from your authenticator app comes next."
    >
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      <form class="form" method="post" action="/login">
        <CsrfField token={props.csrfToken} />
        <Field
          name="email"
          type="email"
          label="Work email"
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

export type ConsoleTotpPageProps = { csrfToken: string; error?: string };

/** The console's mandatory second step; posts the code to /login/totp. */
export function ConsoleTotpPage(props: ConsoleTotpPageProps) {
  return (
    <AuthLayout
      title="Two-step verification"
      brand="Lumè Console"
      variant="console"
      lede="Enter the code your authenticator app shows for Lumè Console."
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
        <a href="/login/recovery">Lost your phone? Use a recovery code</a>
      </p>
    </AuthLayout>
  );
}
