import type { Child } from 'hono/jsx';
import type { ExtraAttributes } from './button.tsx';
import { describedBy, FieldError, FieldHint, fieldIds } from './field-parts.tsx';

export type CheckboxFieldProps = {
  name: string;
  label: Child;
  checked?: boolean;
  /** Submitted value when checked; "on" by default, as in HTML. */
  value?: string;
  hint?: Child;
  error?: string;
  required?: boolean;
  id?: string;
  class?: string;
  attrs?: ExtraAttributes;
};

/** A checkbox with its label beside it, plus hint and inline error. */
export function CheckboxField(props: CheckboxFieldProps) {
  const ids = fieldIds(props.name, props.id);
  return (
    <div class={['checkbox', props.error ? 'field--invalid' : '', props.class ?? ''].filter(Boolean).join(' ')}>
      <input
        class="checkbox__input"
        type="checkbox"
        id={ids.control}
        name={props.name}
        value={props.value}
        checked={props.checked}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(ids, props.hint, props.error)}
        {...props.attrs}
      />
      <label class="checkbox__label" for={ids.control}>
        {props.label}
      </label>
      <FieldHint id={ids.hint} class="field__hint checkbox__hint">
        {props.hint}
      </FieldHint>
      <FieldError id={ids.error} message={props.error} class="checkbox__error" />
    </div>
  );
}
