/** The "new spa" form: its fields and rules, one plain message per field. Pure: no I/O. */
import { z } from 'zod';
import { isValidSlug, RESERVED_SLUGS } from '../../infra/http/hosts.ts';

/** Where a spa may operate: the states, DC and the territories. */
export const US_STATES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware',
  DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa',
  KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota',
  MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
  NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
  PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico',
  GU: 'Guam', VI: 'U.S. Virgin Islands', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};

/** The BAA version offered by default: the one the demo spa and current contracts carry. */
export const CURRENT_BAA_VERSION = '2026-11';

const SINGLE_LINE_CONTROL = /[\u0000-\u001f\u007f]/;

function line(max: number, empty: string, tooLong: string) {
  return z
    .string(empty)
    .trim()
    .min(1, empty)
    .max(max, tooLong)
    .refine((v) => !SINGLE_LINE_CONTROL.test(v), 'Please use plain text on one line.');
}

/** Why a slug cannot be a spa's address, in words; null when it can. */
export function slugProblem(slug: string): string | null {
  if (slug.length < 1) return 'Choose the spa’s address, like glow for glow.lume.com.';
  if (slug.length > 40) return 'Keep the address to 40 characters or fewer.';
  if (RESERVED_SLUGS.has(slug)) return `${slug} is reserved for Lumè. Choose another address.`;
  if (!/^[a-z0-9-]+$/.test(slug)) return 'Use only lower-case letters, digits and hyphens.';
  if (slug.startsWith('-') || slug.endsWith('-')) return 'The address cannot start or end with a hyphen.';
  return isValidSlug(slug) ? null : 'Use only lower-case letters, digits and hyphens.';
}

const email = (empty: string) =>
  z
    .string(empty)
    .trim()
    .min(1, empty)
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter a full email address, like maya@glowspa.com.'))
    .transform((v) => v.toLowerCase());

export const newSpaSchema = z.object({
  slug: z
    .string('Choose the spa’s address.')
    .trim()
    .transform((v) => v.toLowerCase())
    .superRefine((v, ctx) => {
      const problem = slugProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  display_name: line(120, 'Enter the name the spa goes by.', 'Keep the name to 120 characters or fewer.'),
  legal_name: line(200, 'Enter the spa’s legal name, as on the contract.', 'Keep the legal name to 200 characters or fewer.'),
  state_code: z.string('Choose the state the spa operates in.').refine((v) => Object.hasOwn(US_STATES, v), 'Choose the state the spa operates in.'),
  admin_name: line(120, 'Enter the name of the spa’s owner.', 'Keep the name to 120 characters or fewer.'),
  admin_email: email('Enter the owner’s email: the invitation goes there.'),
  baa_version: z
    .string('Enter the BAA version the spa signed.')
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, 'Enter the BAA version as printed on the signed agreement, like 2026-11.'),
  baa_signed: z.literal('yes', 'Confirm that the spa signed this version of the BAA: Lumè may not hold a spa’s data without it.'),
});

export type NewSpaForm = z.output<typeof newSpaSchema>;
