import type { Child } from 'hono/jsx';
import type { ExtraAttributes } from './button.tsx';
import { describedBy, FieldError, FieldHint, FieldLabel, fieldClass, fieldIds } from './field-parts.tsx';

export type TextareaFieldProps = {
  name: string;
  label: string;
  value?: string;
  rows?: number;
  hint?: Child;
  error?: string;
  required?: boolean;
  optional?: boolean;
  placeholder?: string;
  maxlength?: number;
  id?: string;
  class?: string;
  attrs?: ExtraAttributes;
};

/** A labelled multi-line text box with its hint and inline error. */
export function TextareaField(props: TextareaFieldProps) {
  const ids = fieldIds(props.name, props.id);
  return (
    <div class={fieldClass(props.error, props.class)}>
      <FieldLabel for={ids.control} optional={props.optional}>
        {props.label}
      </FieldLabel>
      <FieldHint id={ids.hint}>{props.hint}</FieldHint>
      <textarea
        class="textarea"
        id={ids.control}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        placeholder={props.placeholder}
        maxlength={props.maxlength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(ids, props.hint, props.error)}
        {...props.attrs}
      >
        {props.value ?? ''}
      </textarea>
      <FieldError id={ids.error} message={props.error} />
    </div>
  );
}
