import { Field } from '../../../ui/components.tsx';
import { PASSWORD_HINT } from '../password-form.ts';

/** The account's email (for password managers; not editable), then the new password twice. */
export function NewPasswordFields(props: { email: string; errors: Record<string, string>; autofocus?: boolean }) {
  return (
    <>
      <Field name="username" type="email" label="Email" value={props.email} autocomplete="username" attrs={{ readonly: true }} hint="You sign in with this address." />
      <Field name="password" type="password" label="New password" autocomplete="new-password" required maxlength={1024} hint={PASSWORD_HINT} error={props.errors.password} autofocus={props.autofocus ?? true} />
      <Field name="password_confirm" type="password" label="Type it again" autocomplete="new-password" required maxlength={1024} error={props.errors.password_confirm} />
    </>
  );
}
