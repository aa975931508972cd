/**
 * Reads the service form (CRM-3): details, price, credentials, resource requirements and
 * phases in rows that work without JavaScript (empty rows are ignored). Pure: no I/O; the
 * service checks that the chosen rooms and devices belong to the spa.
 */
import { CREDENTIAL_KINDS, isCredentialKind } from '../identity/credential-catalogue.ts';
import { isRecordId } from '../identity/form-list.ts';

export const MAX_PHASES = 20;
export const MAX_REQUIREMENTS = 10;
export const MAX_SERVICE_MINUTES = 720;

/** What the form shows: as typed, or as stored. */
export interface ServiceDraft {
  name: string;
  category: string;
  description: string;
  price: string;
  onlineBookable: boolean;
  credentials: string[];
  requirements: { label: string; resourceIds: string[] }[];
  phases: { label: string; minutes: string; usesProvider: boolean; usesClient: boolean; holds: string }[];
}

export interface PhaseInput {
  label: string;
  minutes: number;
  usesProvider: boolean;
  usesClient: boolean;
  requirementLabels: string[];
}

export interface ServiceInput {
  name: string;
  category: string;
  description: string;
  priceCents: number;
  onlineBookable: boolean;
  requiredCredentials: string[];
  requirements: { label: string; resourceIds: string[] }[];
  phases: PhaseInput[];
}

export type ServiceFormResult = { ok: true; input: ServiceInput; draft: ServiceDraft } | { ok: false; errors: Record<string, string>; draft: ServiceDraft };

type Body = Record<string, string[]>;
const one = (body: Body, name: string) => (body[name]?.[0] ?? '').trim();
const many = (body: Body, name: string) => [...new Set((body[name] ?? []).map((v) => v.trim()).filter(Boolean))];
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_NEWLINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Dollars as typed ("350", "$1,250.50") → cents; null when it is not an amount. */
export function dollarsToCents(text: string): number | null {
  const m = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const dollars = Number(m[1]!.replaceAll(',', ''));
  const cents = Number((m[2] ?? '').padEnd(2, '0') || '0');
  return dollars * 100 + cents;
}

export const centsToDollars = (cents: number): string => (cents % 100 ? (cents / 100).toFixed(2) : String(cents / 100));

export function hoursAndMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}

/** The draft of the posted form, whatever its validity: what the page shows again. */
export function draftOf(body: Body): ServiceDraft {
  const requirements: ServiceDraft['requirements'] = [];
  for (let i = 0; i < MAX_REQUIREMENTS; i++) requirements.push({ label: one(body, `req_${i}_label`), resourceIds: many(body, `req_${i}_resources`) });
  const phases: ServiceDraft['phases'] = [];
  for (let i = 0; i < MAX_PHASES; i++) {
    phases.push({
      label: one(body, `phase_${i}_label`),
      minutes: one(body, `phase_${i}_minutes`),
      usesProvider: Boolean(one(body, `phase_${i}_provider`)),
      usesClient: Boolean(one(body, `phase_${i}_client`)),
      holds: one(body, `phase_${i}_holds`),
    });
  }
  // Keep the rows someone used, so the page shows them again in the same places.
  const lastUsed = <T>(rows: T[], used: (r: T) => boolean) => rows.slice(0, rows.findLastIndex(used) + 1);
  return {
    name: one(body, 'name'),
    category: one(body, 'category'),
    description: (body.description?.[0] ?? '').trim(),
    price: one(body, 'price'),
    onlineBookable: Boolean(one(body, 'online_bookable')),
    credentials: many(body, 'credentials'),
    requirements: lastUsed(requirements, (r) => Boolean(r.label || r.resourceIds.length)),
    phases: lastUsed(phases, (p) => Boolean(p.label || p.minutes || p.holds)),
  };
}

function checkText(errors: Record<string, string>, field: string, value: string, max: number, what: string, required?: string): void {
  if (!value && required) errors[field] = required;
  else if (value.length > max) errors[field] = `Use at most ${max} characters for the ${what}.`;
  else if ((field === 'description' ? CONTROL_EXCEPT_NEWLINES : CONTROL).test(value)) errors[field] = 'Remove the invisible control characters.';
}

export function readServiceForm(body: Body): ServiceFormResult {
  const draft = draftOf(body);
  const errors: Record<string, string> = {};
  checkText(errors, 'name', draft.name, 120, 'name', 'Enter the service’s name, as clients see it.');
  checkText(errors, 'category', draft.category, 60, 'category');
  checkText(errors, 'description', draft.description, 1000, 'description');

  const priceCents = dollarsToCents(draft.price);
  if (!draft.price) errors.price = 'Enter the price in dollars, such as 350 or 89.50 (0 for a free consultation).';
  else if (priceCents === null) errors.price = 'Enter the price in dollars, such as 350 or 89.50.';
  else if (priceCents > 10_000_000) errors.price = 'A price can be at most $100,000.';

  const unknownKinds = draft.credentials.filter((k) => !isCredentialKind(k));
  if (unknownKinds.length) errors.credentials = `Choose licences from the list (${Object.keys(CREDENTIAL_KINDS).join(', ')}).`;

  const requirements: ServiceInput['requirements'] = [];
  draft.requirements.forEach((r, i) => {
    if (!r.label && !r.resourceIds.length) return;
    const before = Object.keys(errors).length;
    checkText(errors, `req_${i}_label`, r.label, 60, 'requirement', 'Name what is needed, such as “Room” or “Laser”.');
    if (!errors[`req_${i}_label`] && requirements.some((x) => x.label.toLowerCase() === r.label.toLowerCase())) errors[`req_${i}_label`] = `Two requirements are called “${r.label}”. Give each its own name.`;
    if (!errors[`req_${i}_label`] && r.label.includes(',')) errors[`req_${i}_label`] = 'A requirement’s name cannot contain a comma.';
    if (!r.resourceIds.length) errors[`req_${i}_resources`] = 'Tick the rooms or devices that will do.';
    else if (!r.resourceIds.every(isRecordId)) errors[`req_${i}_resources`] = 'Choose rooms and devices from the list.';
    if (Object.keys(errors).length === before) requirements.push({ label: r.label, resourceIds: r.resourceIds });
  });

  const labels = new Map(requirements.map((r) => [r.label.toLowerCase(), r.label]));
  const phases: PhaseInput[] = [];
  draft.phases.forEach((p, i) => {
    if (!p.label && !p.minutes && !p.holds) return;
    const before = Object.keys(errors).length;
    checkText(errors, `phase_${i}_label`, p.label, 60, 'phase', 'Name the phase, such as “Numbing” or “Treatment”.');
    const minutes = /^\d{1,3}$/.test(p.minutes) ? Number(p.minutes) : NaN;
    if (!p.minutes) errors[`phase_${i}_minutes`] = 'Enter how many minutes it lasts.';
    else if (!(minutes >= 1 && minutes <= MAX_SERVICE_MINUTES)) errors[`phase_${i}_minutes`] = 'Enter whole minutes between 1 and 720.';
    const holds = [...new Set(p.holds.split(',').map((h) => h.trim()).filter(Boolean))];
    const unknown = holds.filter((h) => !labels.has(h.toLowerCase()));
    if (unknown.length) {
      errors[`phase_${i}_holds`] = labels.size
        ? `“${unknown[0]}” is not one of this service’s requirements (${[...labels.values()].join(', ')}).`
        : `“${unknown[0]}” is not a requirement of this service. Add it under “Rooms and devices needed” first.`;
    }
    if (Object.keys(errors).length === before) {
      phases.push({ label: p.label, minutes, usesProvider: p.usesProvider, usesClient: p.usesClient, requirementLabels: holds.map((h) => labels.get(h.toLowerCase())!) });
    }
  });

  const phaseErrors = Object.keys(errors).some((k) => k.startsWith('phase_'));
  if (!phaseErrors) {
    const total = phases.reduce((sum, p) => sum + p.minutes, 0);
    if (!phases.length) errors.phases = 'Add at least one phase, such as “Treatment, 30 minutes, uses the provider”.';
    else if (!phases.some((p) => p.usesProvider)) errors.phases = 'At least one phase must use the provider: someone has to perform the treatment.';
    else if (total > MAX_SERVICE_MINUTES) errors.phases = `The phases add up to ${hoursAndMinutes(total)}. A service can last at most 12 hours.`;
  }
  if (!Object.keys(errors).some((k) => k.startsWith('req_'))) {
    requirements.forEach((r) => {
      const index = draft.requirements.findIndex((d) => d.label === r.label);
      if (!phases.some((p) => p.requirementLabels.includes(r.label)) && !errors.phases && !phaseErrors) {
        errors[`req_${index}_label`] = `No phase holds “${r.label}”. Name it in a phase’s “Holds” box, or clear this row.`;
      }
    });
  }

  if (Object.keys(errors).length) return { ok: false, errors, draft };
  return {
    ok: true,
    draft,
    input: {
      name: draft.name,
      category: draft.category,
      description: draft.description,
      priceCents: priceCents!,
      onlineBookable: draft.onlineBookable,
      requiredCredentials: draft.credentials,
      requirements,
      phases,
    },
  };
}
