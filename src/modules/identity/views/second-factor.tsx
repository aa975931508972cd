import { Alert, Button, EnrolAuthenticatorForm, RecoveryCodeForm, RecoveryCodeList } from '../../../ui/components.tsx';
import { AuthLayout } from '../../../ui/layouts.tsx';

/** First sign-in: scan the QR code (or type the key), then confirm with a code. */
export function EnrolPage(props: { spaName: string; csrfToken: string; qrSvg: string; secret: string; error?: string }) {
  return (
    <AuthLayout
      title="Set up two-step verification"
      brand={props.spaName}
      lede="Every Lumè account uses an authenticator app (Google Authenticator, 1Password, Microsoft Authenticator…). Scan the code, then enter the six digits it shows."
    >
      <EnrolAuthenticatorForm csrfToken={props.csrfToken} qrSvg={props.qrSvg} secret={props.secret} error={props.error} />
    </AuthLayout>
  );
}

/** Shown once, right after enrolment: the ten recovery codes. */
export function RecoveryCodesPage(props: { spaName: string; codes: string[] }) {
  return (
    <AuthLayout title="Save your recovery codes" brand={props.spaName} lede="If you lose your phone, each of these codes signs you in once. Keep them somewhere safe — this is the only time they are shown.">
      <RecoveryCodeList codes={props.codes} />
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
      <RecoveryCodeForm csrfToken={props.csrfToken} error={props.error} />
      <p class="auth__alt">
        <a href="/login/totp">Back to the authenticator code</a>
      </p>
    </AuthLayout>
  );
}
