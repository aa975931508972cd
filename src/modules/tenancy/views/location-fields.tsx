/** The fields of a location's details and opening hours, shared by "Add a location" and the edit page. */
import { Field, SelectField } from '../../../ui/components.tsx';
import { TIME_ZONES } from '../location-forms.ts';
import { HoursGrid } from './hours-grid.tsx';

export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

const HOURS_COLUMNS = [
  { suffix: 'open', label: 'Opens' },
  { suffix: 'close', label: 'Closes' },
  { suffix: 'open2', label: 'Opens again' },
  { suffix: 'close2', label: 'Closes again' },
];

export function LocationFields(props: FormState) {
  const v = props.values;
  const e = props.errors;
  const zones = TIME_ZONES.some((z) => z.value === v.timezone) || !v.timezone ? TIME_ZONES : [...TIME_ZONES, { value: v.timezone, label: v.timezone }];
  return (
    <div class="stack-lg">
      <div class="field-row">
        <Field name="name" label="Name" value={v.name} error={e.name} required maxlength={120} hint="What staff call it, such as “Santa Monica”." />
        <SelectField name="timezone" label="Time zone" options={zones} placeholder="Choose…" value={v.timezone} error={e.timezone} required hint="The calendar and opening hours use this zone." />
      </div>
      <div class="field-row">
        <Field name="address_line1" label="Street address" value={v.address_line1} error={e.address_line1} optional maxlength={200} autocomplete="address-line1" />
        <Field name="address_line2" label="Suite or floor" value={v.address_line2} error={e.address_line2} optional maxlength={200} autocomplete="address-line2" />
      </div>
      <div class="field-row">
        <Field name="city" label="City" value={v.city} error={e.city} optional maxlength={100} autocomplete="address-level2" />
        <Field name="region" label="State" value={v.region} error={e.region} optional maxlength={60} autocomplete="address-level1" />
        <Field name="postal_code" label="ZIP code" value={v.postal_code} error={e.postal_code} optional maxlength={20} autocomplete="postal-code" />
        <Field name="phone" type="tel" label="Phone" value={v.phone} error={e.phone} optional maxlength={30} autocomplete="tel" />
      </div>
      <HoursGrid
        legend="Opening hours"
        hint="One or two ranges a day, for a lunch closure. Times are in the location’s time zone."
        values={v}
        errors={e}
        columns={HOURS_COLUMNS}
        closedLabel="Closed"
      />
    </div>
  );
}
