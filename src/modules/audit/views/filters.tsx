import { Button, Field, SelectField } from '../../../ui/components.tsx';
import { describedBy, FieldError, fieldClass, fieldIds, FieldLabel } from '../../../ui/components/field-parts.tsx';
import { OTHER_ACTORS, OUTCOMES, type AuditQuery, type FilterValues, type Person } from '../search.ts';
import { actionWords, otherActorWords, outcomeWords } from './words.tsx';

export interface FiltersProps {
  values: FilterValues;
  errors: AuditQuery['errors'];
  people: readonly Person[];
  actions: readonly string[];
  zone: string;
}

/** The person select: the spa's staff first, then the actors who are not staff. */
function PersonSelect(props: { value: string; error?: string; people: readonly Person[] }) {
  const ids = fieldIds('person');
  const value = props.value.toLowerCase();
  return (
    <div class={fieldClass(props.error)}>
      <FieldLabel for={ids.control}>Person</FieldLabel>
      <select class="select" id={ids.control} name="person" aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy(ids, undefined, props.error)}>
        <option value="" selected={value === ''}>
          Anyone
        </option>
        <optgroup label="Staff">
          {props.people.map((p) => (
            <option value={p.id} selected={p.id === value}>
              {p.active ? p.name : `${p.name} (no longer active)`}
            </option>
          ))}
        </optgroup>
        <optgroup label="Others">
          {OTHER_ACTORS.map((kind) => (
            <option value={kind} selected={kind === value}>
              {otherActorWords(kind)}
            </option>
          ))}
        </optgroup>
      </select>
      <FieldError id={ids.error} message={props.error} />
    </div>
  );
}

/** A GET form: the filters live in the address, so a filtered view can be bookmarked and paged. */
export function AuditFilters(props: FiltersProps) {
  const { values, errors } = props;
  const actionOptions = [...props.actions].sort((a, b) => actionWords(a).localeCompare(actionWords(b))).map((a) => ({ value: a, label: actionWords(a) }));
  // An unknown action typed into the address stays visible in the list, so the message makes sense.
  if (values.action && !props.actions.includes(values.action)) actionOptions.unshift({ value: values.action, label: values.action.slice(0, 40) });
  const anyFilter = Object.values(values).some((v) => v.trim() !== '');
  return (
    <form class="audit-filters" method="get" action="/audit" role="search" aria-label="Filter the audit trail">
      <div class="audit-filters__grid">
        <PersonSelect value={values.person} error={errors.person} people={props.people} />
        <Field name="client" label="Client id" value={values.client} error={errors.client} spellcheck={false} autocomplete="off" inputClass="audit-filters__id" maxlength={200} />
        <SelectField name="action" label="Action" options={actionOptions} value={values.action} placeholder="Any action" error={errors.action} />
        <SelectField name="outcome" label="Outcome" options={OUTCOMES.map((o) => ({ value: o, label: outcomeWords(o) }))} value={values.outcome} placeholder="Any outcome" error={errors.outcome} />
        <fieldset class="audit-filters__dates">
          <legend class="field__label">
            Dates <span class="audit-filters__zone">({props.zone})</span>
          </legend>
          <div class="audit-filters__date-pair">
            <Field name="from" label="From" type="date" value={values.from} error={errors.from} />
            <Field name="to" label="To" type="date" value={values.to} error={errors.to} />
          </div>
        </fieldset>
      </div>
      <div class="audit-filters__actions">
        <Button variant="primary">Apply filters</Button>
        {anyFilter ? (
          <Button href="/audit" variant="link">
            Clear filters
          </Button>
        ) : null}
      </div>
    </form>
  );
}
