/** The shape of a starter form: what the library page shows and what a copy starts from. */
import type { FormDefinition, Text } from '../definition.ts';
import type { AssignmentRule, FormKind } from '../rules.ts';

export interface Starter {
  /** Stable key, kept on the spa's copy as where it came from. */
  key: string;
  /** The name the copy gets in the spa's list (staff only). */
  name: string;
  kind: FormKind;
  rule: AssignmentRule;
  renewalMonths: number | null;
  /** One or two sentences for the library page. */
  summary: string;
  definition: FormDefinition;
}

/** A text in both languages. */
export const t = (en: string, es: string): Required<Text> => ({ en, es });
