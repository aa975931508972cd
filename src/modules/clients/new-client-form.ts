import type { z } from 'zod';
import { ALLERGY_ROWS, allergySchema, consentSchema, guardianSchema, newClientSchema, type AllergyInput } from './fields.ts';
import type { NewClient } from './records.ts';

type Parsed = { ok: true; data: NewClient } | { ok: false; errors: Record<string, string> };

function collect<S extends z.ZodType>(schema: S, raw: Record<string, string>, errors: Record<string, string>, rename: (field: string) => string = (f) => f): z.infer<S> | null {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) errors[rename(String(issue.path[0] ?? 'form'))] ??= issue.message;
  return null;
}

/**
 * Reads the new-client form (pure): the profile, consent, up to three allergy
 * rows (a row counts when its substance is filled) and a guardian (counted when
 * any of its fields is filled). Every problem is reported at once, by field.
 */
export function parseNewClientForm(raw: Record<string, string>, canRecordHealth: boolean): Parsed {
  const errors: Record<string, string> = {};
  const profile = collect(newClientSchema, raw, errors);
  const consent = collect(consentSchema, raw, errors);
  const allergies: AllergyInput[] = [];
  if (canRecordHealth) {
    for (let i = 0; i < ALLERGY_ROWS; i++) {
      const row = { substance: raw[`allergy_${i}_substance`] ?? '', reaction: raw[`allergy_${i}_reaction`] ?? '', severity: raw[`allergy_${i}_severity`] ?? '' };
      if (!row.substance.trim() && !row.reaction.trim() && !row.severity) continue;
      const allergy = collect(allergySchema, row, errors, (field) => `allergy_${i}_${field}`);
      if (allergy) allergies.push(allergy);
    }
  }
  const guardianGiven = ['guardian_name', 'guardian_relationship', 'guardian_phone', 'guardian_email'].some((k) => (raw[k] ?? '').trim());
  const guardian = guardianGiven ? collect(guardianSchema, raw, errors) : null;
  if (Object.keys(errors).length || !profile || !consent) return { ok: false, errors };
  return { ok: true, data: { profile, consent, guardian, allergies } };
}
