/**
 * The kiosk's own pages (ADR 012), on the client's light form stylesheet and script, never the
 * CRM's: the thanks once everything is signed, the page any CRM address shows while the tablet is
 * lent, and the staff unlock. None names the client or shows anything of the record.
 */
import { Alert, Button, CsrfField, Field, OneTimeCodeField, buttonClass } from '../../../ui/components.tsx';
import type { Lang } from '../../forms/definition.ts';
import { ClientPageLayout } from '../../forms/views/client-page-layout.tsx';

export const UNLOCK_PATH = '/f/kiosk/unlock';
export const END_PATH = '/f/kiosk/end';

/** Why the tablet shows nothing more: the session lent to it ended, and the kiosk with it. */
export const KIOSK_ENDED_REASON =
  'The session of the staff member who handed over this tablet has ended (after a while without staff activity, at its 12-hour limit, or by signing out), so the forms on it are closed. Sign in again to use Lumè.';

/** The discreet way out for staff, at the foot of every page the client sees on the kiosk. */
export function StaffLink() {
  return (
    <p class="auth__footer">
      <a href={UNLOCK_PATH}>Staff</a>
    </p>
  );
}

const THANKS = {
  en: 'Thank you — please hand the tablet back',
  es: 'Gracias — por favor, devuelva la tableta',
} as const;

/** Everything the kiosk covered is signed: this sentence and nothing else (not even the date). */
export function KioskThanksPage(props: { spaName: string; spaLogo?: string | null; lang: Lang }) {
  return (
    <ClientPageLayout script={false} footer={null} title={THANKS[props.lang]} brand={props.spaName} logo={props.spaLogo} lang={props.lang}>
      <StaffLink />
    </ClientPageLayout>
  );
}

/** What every CRM address answers while the tablet is lent to a client (the dash kept with "use" when the title wraps). */
export function KioskInUsePage(props: { spaName: string; spaLogo?: string | null }) {
  return (
    <ClientPageLayout script={false} footer={null} title={'Kiosk in use\u00a0— staff unlock'} brand={props.spaName} logo={props.spaLogo} lede="This tablet is being used to fill in forms.">
      <div class="stack">
        <a class={buttonClass('primary', 'lg', true)} href="/f">
          Back to the forms
        </a>
        <a class={buttonClass('secondary', 'lg', true)} href={UNLOCK_PATH}>
          Staff: unlock
        </a>
      </div>
    </ClientPageLayout>
  );
}

/** The staff unlock: the password and a current code of the operator who lent the tablet. */
export function KioskUnlockPage(props: { spaName: string; spaLogo?: string | null; operatorName: string; csrfToken: string; error?: string; codeError?: string; passwordError?: string }) {
  return (
    <ClientPageLayout script={false} footer={null} title="Staff unlock" brand={props.spaName} logo={props.spaLogo} lede={`Only ${props.operatorName}, who handed over this tablet, can unlock it.`}>
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      <form class="form" method="post" action={UNLOCK_PATH}>
        <CsrfField token={props.csrfToken} />
        <Field name="password" type="password" label="Password" autocomplete="current-password" required autofocus error={props.passwordError} />
        <OneTimeCodeField autofocus={false} error={props.codeError} />
        <div class="form__actions">
          <Button variant="primary" size="lg" block>
            Unlock
          </Button>
        </div>
      </form>
      <p class="auth__alt">
        <a href="/f">Back to the forms</a>
      </p>
    </ClientPageLayout>
  );
}

/** The operator's session ended while the tablet was lent (idle time, 12-hour limit, too many wrong attempts). */
export function KioskEndedPage(props: { spaName: string; spaLogo?: string | null; csrfToken: string; reason: string; canClose: boolean }) {
  return (
    <ClientPageLayout script={false} footer={null} title="The staff session has ended" brand={props.spaName} logo={props.spaLogo} lede={props.reason}>
      {props.canClose ? (
        <form class="form" method="post" action={END_PATH}>
          <CsrfField token={props.csrfToken} />
          <div class="form__actions">
            <Button variant="primary" size="lg" block>
              Close the kiosk and sign in
            </Button>
          </div>
        </form>
      ) : (
        <a class={buttonClass('primary', 'lg', true)} href="/login">
          Sign in
        </a>
      )}
    </ClientPageLayout>
  );
}
