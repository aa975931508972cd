import { Field } from './field.tsx';

/**
 * The six-digit authenticator code field: numeric keypad on phones, autofill from SMS/password
 * managers (autocomplete="one-time-code"), and a pattern so the browser catches typos early.
 */
export function OneTimeCodeField(props: { name?: string; label?: string; error?: string; autofocus?: boolean }) {
  return (
    <Field
      name={props.name ?? 'code'}
      label={props.label ?? 'Authentication code'}
      type="text"
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9]{6}"
      maxlength={6}
      required
      autofocus={props.autofocus ?? true}
      spellcheck={false}
      inputClass="input--code"
      hint="6 digits. Your app shows a new code every 30 seconds."
      error={props.error}
    />
  );
}
