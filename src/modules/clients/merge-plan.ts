import type { FieldChange } from './events.ts';
import type { ClientProfile } from './profile.ts';

/**
 * What merging two client records does to the surviving profile. Pure: the
 * preview page shows this plan and the merge applies the same one.
 *
 * The survivor keeps every value it has. An empty field is filled from the
 * absorbed record; the address and the emergency contact move as a whole (half
 * of one address beside half of another helps nobody). Tags are the union,
 * membership is kept if either record had it. Consent to be contacted follows
 * the client's latest decision on either record: a consent the survivor lacks
 * is taken with its when and how, unless the survivor's history shows it was
 * withdrawn after that; a withdrawal on the absorbed record that is newer than
 * the survivor's consent wins (MSG-4: an opt-out is never undone by a merge).
 * A value that differs and is not taken stays in the merge's snapshot.
 */

/** Profile columns filled one by one when the survivor's is empty. */
const SINGLE_FIELDS = [
  'preferred_name',
  'pronouns',
  'sex',
  'gender_identity',
  'email',
  'mobile_phone',
  'other_phone',
  'referral_source',
  'front_desk_notes',
] as const satisfies readonly (keyof ClientProfile)[];

/** Columns that belong together: taken as a group, only when the survivor's group is wholly empty. */
const GROUPS = {
  address: ['address_line1', 'address_line2', 'city', 'region', 'postal_code'],
  emergency: ['emergency_name', 'emergency_relationship', 'emergency_phone'],
} as const satisfies Record<string, readonly (keyof ClientProfile)[]>;

/** Columns the survivor always keeps: who the client is. */
const IDENTITY_FIELDS = ['first_name', 'last_name', 'date_of_birth', 'preferred_language'] as const satisfies readonly (keyof ClientProfile)[];

export const MAX_TAGS = 20;

/** When each record's history last shows a consent being taken back (from client_events). */
export interface ConsentWithdrawals {
  sms: Date | null;
  email: Date | null;
}

export type Channel = 'sms' | 'email';

/** What happens to one field, as the preview shows it. */
export type FieldOutcome =
  /** Both records say the same, or the absorbed one is empty. */
  | 'same'
  /** The survivor's value stays; the absorbed record's different value is kept in the merge history only. */
  | 'kept'
  /** The survivor had nothing; the absorbed record's value is taken. */
  | 'filled'
  /** Combined from both (tags, membership, consent). */
  | 'combined';

export interface MergePlan {
  /** Column → from/to on the survivor, exactly what the merge writes (and records as an 'updated' event). */
  changes: Record<string, FieldChange>;
  /** Every compared field's outcome, for the side-by-side view. */
  outcomes: Record<string, FieldOutcome>;
}

export function isEmptyValue(column: string, value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (column === 'sex') return value === 'unknown';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function planMerge(survivor: ClientProfile, absorbed: ClientProfile, withdrawals: { survivor: ConsentWithdrawals; absorbed: ConsentWithdrawals }): MergePlan {
  const changes: Record<string, FieldChange> = {};
  const outcomes: Record<string, FieldOutcome> = {};
  const take = (column: keyof ClientProfile) => {
    changes[column] = { from: survivor[column], to: absorbed[column] };
    outcomes[column] = 'filled';
  };
  const compare = (column: keyof ClientProfile) => {
    outcomes[column] = isEmptyValue(column, absorbed[column]) || same(survivor[column], absorbed[column]) ? 'same' : 'kept';
  };

  for (const column of IDENTITY_FIELDS) compare(column);

  for (const column of SINGLE_FIELDS) {
    if (isEmptyValue(column, survivor[column]) && !isEmptyValue(column, absorbed[column])) take(column);
    else compare(column);
  }

  for (const columns of Object.values(GROUPS)) {
    const survivorEmpty = columns.every((c) => isEmptyValue(c, survivor[c]));
    const absorbedEmpty = columns.every((c) => isEmptyValue(c, absorbed[c]));
    for (const column of columns) {
      if (survivorEmpty && !absorbedEmpty && !same(survivor[column], absorbed[column])) take(column);
      else compare(column);
    }
  }

  const tags = [...new Set([...survivor.tags, ...absorbed.tags])].slice(0, MAX_TAGS);
  if (tags.length !== survivor.tags.length) {
    changes.tags = { from: survivor.tags, to: tags };
    outcomes.tags = 'combined';
  } else compare('tags');

  if (absorbed.is_member && !survivor.is_member) {
    changes.is_member = { from: false, to: true };
    outcomes.is_member = 'combined';
  } else outcomes.is_member = 'same';

  for (const channel of ['sms', 'email'] as const) planConsent(channel, survivor, absorbed, withdrawals, changes, outcomes);
  return { changes, outcomes };
}

function planConsent(
  channel: Channel,
  survivor: ClientProfile,
  absorbed: ClientProfile,
  withdrawals: { survivor: ConsentWithdrawals; absorbed: ConsentWithdrawals },
  changes: Record<string, FieldChange>,
  outcomes: Record<string, FieldOutcome>,
): void {
  const given = `${channel}_consent` as const;
  const at = `${channel}_consent_at` as const;
  const method = `${channel}_consent_method` as const;
  const set = (to: { given: boolean; at: Date | null; method: string | null }) => {
    changes[given] = { from: survivor[given], to: to.given };
    changes[at] = { from: survivor[at], to: to.at };
    changes[method] = { from: survivor[method], to: to.method };
    outcomes[given] = 'combined';
  };
  outcomes[given] = survivor[given] === absorbed[given] ? 'same' : 'kept';
  if (!survivor[given] && absorbed[given]) {
    const withdrawnAt = withdrawals.survivor[channel];
    if (!withdrawnAt || absorbed[at]!.getTime() > withdrawnAt.getTime()) set({ given: true, at: absorbed[at], method: absorbed[method] });
  } else if (survivor[given] && !absorbed[given]) {
    const withdrawnAt = withdrawals.absorbed[channel];
    if (withdrawnAt && withdrawnAt.getTime() > survivor[at]!.getTime()) set({ given: false, at: null, method: null });
  }
}

/** The columns the plan compares, in the order the side-by-side view lists them. */
export const COMPARED_FIELDS: readonly (keyof ClientProfile)[] = [
  ...IDENTITY_FIELDS.slice(0, 3),
  'preferred_name',
  'pronouns',
  'sex',
  'gender_identity',
  'preferred_language',
  'email',
  'mobile_phone',
  'other_phone',
  ...GROUPS.address,
  ...GROUPS.emergency,
  'sms_consent',
  'email_consent',
  'tags',
  'referral_source',
  'front_desk_notes',
  'is_member',
];
