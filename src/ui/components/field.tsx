import type { Child } from 'hono/jsx';
import type { ExtraAttributes } from './button.tsx';
import { describedBy, FieldError, FieldHint, FieldLabel, fieldClass, fieldIds } from './field-parts.tsx';

export type FieldType = 'text' | 'email' | 'password' | 'tel' | 'url' | 'number' | 'date' | 'time' | 'search';

export type FieldProps = {
  name: string;
  label: string;
  type?: FieldType;
  /** The value to show again, e.g. what the person typed before a validation error. Never rendered for passwords. */
  value?: string;
  hint?: Child;
  /** Inline error message; marks the control invalid and links it with aria-describedby. */
  error?: string;
  required?: boolean;
  /** Shows "(optional)" after the label. */
  optional?: boolean;
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'search' | 'none';
  pattern?: string;
  placeholder?: string;
  minlength?: number;
  maxlength?: number;
  autofocus?: boolean;
  spellcheck?: boolean;
  id?: string;
  /** Content at the end of the label row, e.g. a "Forgot password?" link. */
  aside?: Child;
  class?: string;
  inputClass?: string;
  attrs?: ExtraAttributes;
};

/** A labelled text-like input with its hint and inline error. */
export function Field(props: FieldProps) {
  const ids = fieldIds(props.name, props.id);
  const type = props.type ?? 'text';
  const value = type === 'password' ? undefined : props.value;
  return (
    <div class={fieldClass(props.error, props.class)}>
      <FieldLabel for={ids.control} optional={props.optional} aside={props.aside}>
        {props.label}
      </FieldLabel>
      <FieldHint id={ids.hint}>{props.hint}</FieldHint>
      <input
        class={['input', props.inputClass].filter(Boolean).join(' ')}
        id={ids.control}
        name={props.name}
        type={type}
        value={value}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        pattern={props.pattern}
        placeholder={props.placeholder}
        minlength={props.minlength}
        maxlength={props.maxlength}
        autofocus={props.autofocus}
        spellcheck={props.spellcheck}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(ids, props.hint, props.error)}
        {...props.attrs}
      />
      <FieldError id={ids.error} message={props.error} />
    </div>
  );
}
