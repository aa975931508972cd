/** A week of opening (or working) hours: one row per weekday with up to two ranges, or "closed". Works without JavaScript. */
import { CheckboxField, Field } from '../../../ui/components.tsx';
import { WEEKDAYS } from '../hours.ts';

export interface HoursGridProps {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Field suffixes and their labels, in order: e.g. open/close/open2/close2. */
  columns: readonly { suffix: string; label: string }[];
  /** The "closed" checkbox's label; without it a blank day means closed. */
  closedLabel?: string;
  /** Field-name prefix before the day key, e.g. "" → "mon_open". */
  prefix?: string;
  /** Prefix of the controls' ids, when one page has several grids. */
  idPrefix?: string;
  legend: string;
  hint?: string;
}

export function HoursGrid(props: HoursGridProps) {
  const name = (day: string, suffix: string) => `${props.prefix ?? ''}${day}_${suffix}`;
  const id = (day: string, suffix: string) => `${props.idPrefix ?? ''}${name(day, suffix)}`;
  return (
    <fieldset class={`fieldset hours-grid${props.closedLabel ? ' hours-grid--with-closed' : ''}`}>
      <legend class="fieldset__legend">{props.legend}</legend>
      {props.hint ? <p class="field__hint">{props.hint}</p> : null}
      {WEEKDAYS.map((day) => (
        <fieldset class="hours-grid__day">
          {/* A legend cannot sit in a grid row: it names the group for screen readers, the span shows it. */}
          <legend class="visually-hidden">{day.name}</legend>
          <span class="hours-grid__name" aria-hidden="true">
            {day.name}
          </span>
          {props.closedLabel ? (
            <CheckboxField name={name(day.key, 'closed')} id={id(day.key, 'closed')} label={props.closedLabel} checked={Boolean(props.values[name(day.key, 'closed')])} class="hours-grid__closed" />
          ) : null}
          <div class="hours-grid__times">
            {props.columns.map((col) => (
              <Field
                name={name(day.key, col.suffix)}
                id={id(day.key, col.suffix)}
                type="time"
                label={col.label}
                value={props.values[name(day.key, col.suffix)]}
                error={props.errors[name(day.key, col.suffix)]}
                class="hours-grid__time"
              />
            ))}
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}
