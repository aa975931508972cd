/** How a stored profile value reads on screen and in the history (pure). */
import { formatDay } from '../../../ui/format.ts';
import { CONSENT_METHODS, LANGUAGES, SEXES } from '../fields.ts';
import { formatPhone } from '../phone.ts';

const PHONES = new Set(['mobile_phone', 'other_phone', 'emergency_phone']);
const LOOKUPS: Record<string, Record<string, string>> = {
  sex: SEXES,
  preferred_language: LANGUAGES,
  sms_consent_method: CONSENT_METHODS,
  email_consent_method: CONSENT_METHODS,
};

export function showValue(column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const text = String(value);
  if (PHONES.has(column)) return formatPhone(text);
  if (column === 'date_of_birth') return formatDay(text);
  return LOOKUPS[column]?.[text] ?? text;
}

/** A profile value as the edit form wants it back (what would be typed). */
export function formValue(column: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'on' : '';
  if (PHONES.has(column)) return formatPhone(String(value));
  return String(value);
}
