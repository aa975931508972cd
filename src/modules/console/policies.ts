/**
 * Policy changes from the console (SPEC LIFE-6; issue 8, "Policies"): Lumè publishes a new
 * version of its privacy policy, BAA or terms with the date it takes effect. A material change is
 * emailed to every active spa's admin contact, whose address the console reads only through
 * `console_spa_admin_contacts()` (lume_console reads no spa table).
 */
import { z } from 'zod';
import { POLICY_KINDS, policyKindName, type PolicyKind } from '../identity/policy-notices.ts';
import type { ConsoleCtx } from './context.ts';
import { MULTILINE_CONTROL } from './validation.ts';

export { POLICY_KINDS, policyKindName };

export interface Policy {
  id: string;
  kind: PolicyKind;
  version: string;
  /** YYYY-MM-DD */
  effectiveOn: string;
  material: boolean;
  summary: string;
  publishedAt: Date;
  publishedBy: string | null;
}

export interface SpaContact {
  slug: string;
  email: string;
  spaName: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The publish form: one plain message per field. Pure: no I/O. */
export const publishPolicySchema = z.object({
  kind: z.string('Choose which policy changes.').refine((v) => Object.hasOwn(POLICY_KINDS, v), 'Choose which policy changes.'),
  version: z
    .string('Enter the new version, like 2026-12.')
    .trim()
    .min(1, 'Enter the new version, like 2026-12.')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, 'Use up to 20 letters, digits, dots, hyphens or underscores, like 2026-12.'),
  effective_on: z
    .string('Enter the date the new version takes effect.')
    .trim()
    .min(1, 'Enter the date the new version takes effect.')
    .refine(isRealDate, 'Enter the date as YYYY-MM-DD, like 2026-12-31.'),
  material: z.enum(['yes', 'no'], 'Say whether the change is material: a material change is emailed to every spa.'),
  summary: z
    .string('Summarise what changes, in a sentence or two.')
    .trim()
    .min(1, 'Summarise what changes, in a sentence or two.')
    .max(1000, 'Keep the summary to 1,000 characters or fewer.')
    .refine((v) => !MULTILINE_CONTROL.test(v), 'Please use plain text.'),
});

export type PublishPolicyForm = z.output<typeof publishPolicySchema>;

const COLUMNS = `p.id, p.kind, p.version, to_char(p.effective_on, 'YYYY-MM-DD') AS "effectiveOn", p.material, p.summary,
  p.published_at AS "publishedAt", s.full_name AS "publishedBy"`;

/** Every version published, newest first. */
export async function listPolicies(ctx: ConsoleCtx): Promise<Policy[]> {
  const { rows } = await ctx.client.query<Policy>(
    `SELECT ${COLUMNS} FROM policies p LEFT JOIN console_staff s ON s.id = p.published_by ORDER BY p.published_at DESC, p.id`,
  );
  return rows;
}

export type PublishResult = { ok: true; policy: Policy; contacts: SpaContact[] } | { ok: false; field: 'version'; message: string };

/**
 * Publishes a version. For a material change, returns the admin contact of every active spa, to be
 * emailed once the transaction has committed; none otherwise.
 */
export async function publishPolicy(ctx: ConsoleCtx, staffId: string, input: PublishPolicyForm, now: Date): Promise<PublishResult> {
  await ctx.client.query('SAVEPOINT publish_policy');
  let id: string;
  try {
    const { rows } = await ctx.client.query<{ id: string }>(
      `INSERT INTO policies (kind, version, effective_on, material, summary, published_at, published_by)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7) RETURNING id`,
      [input.kind, input.version, input.effective_on, input.material === 'yes', input.summary, now, staffId],
    );
    id = rows[0]!.id;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await ctx.client.query('ROLLBACK TO SAVEPOINT publish_policy');
    return { ok: false, field: 'version', message: `Version ${input.version} of the ${policyKindName(input.kind).toLowerCase()} is already published. Give the new one its own version.` };
  }
  const contacts =
    input.material === 'yes'
      ? (await ctx.client.query<SpaContact>(`SELECT slug, admin_contact_email AS email, display_name AS "spaName" FROM console_spa_admin_contacts()`)).rows
      : [];
  const material = input.material === 'yes' ? `material; ${contacts.length} spas emailed` : 'not material';
  ctx.audit({ action: 'publish', targetKind: 'policy', targetId: id, detail: `${input.kind} ${input.version}, effective ${input.effective_on}; ${material}` });
  const { rows } = await ctx.client.query<Policy>(`SELECT ${COLUMNS} FROM policies p LEFT JOIN console_staff s ON s.id = p.published_by WHERE p.id = $1`, [id]);
  return { ok: true, policy: rows[0]!, contacts };
}

/** The email to a spa's admin contact about a material change. No patient, no operator: the policy and a link. */
export function policyChangeEmail(policy: Policy, contact: SpaContact, link: string): { subject: string; text: string } {
  const name = policyKindName(policy.kind);
  return {
    subject: `Lumè is updating its ${name.toLowerCase()} (effective ${policy.effectiveOn})`,
    text: [
      'Hello,',
      '',
      `You are receiving this as the admin contact of ${contact.spaName} on Lumè.`,
      '',
      `Version ${policy.version} of our ${name.toLowerCase()} takes effect on ${policy.effectiveOn}. What changes:`,
      '',
      policy.summary,
      '',
      `Read it in full: ${link}`,
      '',
      'Everyone on your team will also see a notice in Lumè until they confirm they have read it.',
    ].join('\n'),
  };
}
