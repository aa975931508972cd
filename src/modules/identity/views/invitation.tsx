/** Accepting an invitation: choose a password, then sign in (two-step verification is set up at first sign-in). */
import { Alert, Button, CsrfField } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';
import { NewPasswordFields } from './new-password-fields.tsx';

export function JoinPage(props: { spaName: string; fullName: string; email: string; csrfToken: string; errors?: Record<string, string> }) {
  const errors = props.errors ?? {};
  const first = props.fullName.split(/\s+/)[0] ?? props.fullName;
  return (
    <AuthLayout title={`Join ${props.spaName}`} brand={props.spaName} lede={`Welcome, ${first}. Choose the password you will use to sign in to ${props.spaName} on Lumè.`}>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <form class="form" method="post" action="/invite">
        <CsrfField token={props.csrfToken} />
        <NewPasswordFields email={props.email} errors={errors} />
        <div class="form__actions">
          <Button variant="primary" size="lg" block>
            Join {props.spaName}
          </Button>
        </div>
      </form>
      <p class="auth__alt">Next you sign in and set up two-step verification with an authenticator app on your phone.</p>
    </AuthLayout>
  );
}

export function InvitationAcceptedPage(props: { spaName: string }) {
  return (
    <AuthLayout title="You’re all set" brand={props.spaName}>
      <div class="stack">
        <Alert tone="success">Your password is saved.</Alert>
        <p>Sign in with your email and new password. You will then set up two-step verification: keep your phone at hand.</p>
        <div class="notice-actions">
          <Button variant="primary" size="lg" block href="/login">
            Sign in
          </Button>
        </div>
      </div>
    </AuthLayout>
  );
}
