import type { Child } from 'hono/jsx';
import type { ExtraAttributes } from './button.tsx';
import { describedBy, FieldError, FieldHint, FieldLabel, fieldClass, fieldIds } from './field-parts.tsx';

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldProps = {
  name: string;
  label: string;
  options: readonly (SelectOption | string)[];
  /** The selected value (kept after a validation error). */
  value?: string;
  /** A first, empty choice such as "Choose one…". */
  placeholder?: string;
  hint?: Child;
  error?: string;
  required?: boolean;
  optional?: boolean;
  autocomplete?: string;
  id?: string;
  class?: string;
  attrs?: ExtraAttributes;
};

/** A labelled <select> with its hint and inline error. */
export function SelectField(props: SelectFieldProps) {
  const ids = fieldIds(props.name, props.id);
  const options = props.options.map((option) => (typeof option === 'string' ? { value: option, label: option } : option));
  const selected = props.value ?? '';
  return (
    <div class={fieldClass(props.error, props.class)}>
      <FieldLabel for={ids.control} optional={props.optional}>
        {props.label}
      </FieldLabel>
      <FieldHint id={ids.hint}>{props.hint}</FieldHint>
      <select
        class="select"
        id={ids.control}
        name={props.name}
        required={props.required}
        autocomplete={props.autocomplete}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(ids, props.hint, props.error)}
        {...props.attrs}
      >
        {props.placeholder !== undefined ? (
          <option value="" selected={selected === ''}>
            {props.placeholder}
          </option>
        ) : null}
        {options.map((option) => (
          <option value={option.value} selected={option.value === selected} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={ids.error} message={props.error} />
    </div>
  );
}
