/** One input per profile column, shared by the new-client form and the inline section editors. */
import { CheckboxField, Field, SelectField, TextareaField } from '../../../ui/components.tsx';
import { FIELD_LABELS, LANGUAGES, SEXES } from '../fields.ts';

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

type Input =
  | { kind: 'text'; type?: 'text' | 'email' | 'tel' | 'date'; autocomplete?: string; optional?: boolean; hint?: string; inputmode?: 'tel' | 'email' }
  | { kind: 'select'; options: { value: string; label: string }[] }
  | { kind: 'textarea'; hint?: string }
  | { kind: 'checkbox'; hint?: string };

const INPUTS: Record<string, Input> = {
  first_name: { kind: 'text', autocomplete: 'off', hint: 'As on their ID.' },
  last_name: { kind: 'text', autocomplete: 'off' },
  preferred_name: { kind: 'text', autocomplete: 'off', optional: true, hint: 'What they like to be called; shown first everywhere.' },
  pronouns: { kind: 'text', autocomplete: 'off', optional: true },
  date_of_birth: { kind: 'text', type: 'date', autocomplete: 'off' },
  sex: { kind: 'select', options: options(SEXES) },
  gender_identity: { kind: 'text', autocomplete: 'off', optional: true },
  preferred_language: { kind: 'select', options: options(LANGUAGES) },
  email: { kind: 'text', type: 'email', autocomplete: 'off', optional: true, inputmode: 'email' },
  mobile_phone: { kind: 'text', type: 'tel', autocomplete: 'off', optional: true, inputmode: 'tel', hint: 'For reminders and form links, if they agree to texts.' },
  other_phone: { kind: 'text', type: 'tel', autocomplete: 'off', optional: true, inputmode: 'tel' },
  address_line1: { kind: 'text', autocomplete: 'off', optional: true },
  address_line2: { kind: 'text', autocomplete: 'off', optional: true },
  city: { kind: 'text', autocomplete: 'off', optional: true },
  region: { kind: 'text', autocomplete: 'off', optional: true },
  postal_code: { kind: 'text', autocomplete: 'off', optional: true },
  emergency_name: { kind: 'text', autocomplete: 'off', optional: true },
  emergency_relationship: { kind: 'text', autocomplete: 'off', optional: true },
  emergency_phone: { kind: 'text', type: 'tel', autocomplete: 'off', optional: true, inputmode: 'tel' },
  tags: { kind: 'text', autocomplete: 'off', optional: true, hint: 'Separate with commas, e.g. vip, prefers mornings.' },
  referral_source: { kind: 'text', autocomplete: 'off', optional: true },
  front_desk_notes: { kind: 'textarea', hint: 'Non-clinical notes for the front desk. Clinical details belong in the chart.' },
  is_member: { kind: 'checkbox', hint: 'Has an active membership with the spa.' },
};

/** The input for one column, with what was typed and its error. */
export function ProfileInput(props: { column: string; value: string; error?: string; autofocus?: boolean }) {
  const input = INPUTS[props.column];
  const label = FIELD_LABELS[props.column] ?? props.column;
  if (!input) throw new Error(`no input for ${props.column}`);
  switch (input.kind) {
    case 'select':
      return <SelectField name={props.column} label={label} options={input.options} value={props.value} error={props.error} />;
    case 'textarea':
      return <TextareaField name={props.column} label={label} value={props.value} error={props.error} hint={input.hint} optional rows={3} />;
    case 'checkbox':
      return <CheckboxField name={props.column} label={label} checked={props.value === 'on' || props.value === 'true'} hint={input.hint} error={props.error} />;
    default:
      return (
        <Field
          name={props.column}
          label={label}
          type={input.type}
          value={props.value}
          error={props.error}
          optional={input.optional}
          required={!input.optional}
          hint={input.hint}
          inputmode={input.inputmode}
          autocomplete={input.autocomplete}
          autofocus={props.autofocus}
          spellcheck={false}
        />
      );
  }
}
