import type { BadgeTone } from '../../../ui/components.tsx';

/** How the audit screens put the trail's codes into plain words. Unknown codes fall back to their own words. */

const ACTIONS: Record<string, string> = {
  read: 'viewed',
  create: 'created',
  update: 'changed',
  delete: 'deleted',
  export: 'exported',
  print: 'printed',
  send: 'sent',
  login: 'signed in',
  login_failed: 'failed sign-in',
  logout: 'signed out',
  mfa_enrol: 'set up two-step sign-in',
  recovery_code_used: 'used a recovery code',
  mfa_reset: 'reset two-step sign-in',
  access: 'opened',
  invite: 'invited',
  invitation_accept: 'accepted an invitation',
  roles_change: 'changed roles',
  deactivate: 'deactivated',
  reactivate: 'reactivated',
  settings_change: 'changed settings',
  password_change: 'changed password',
  password_reset_request: 'asked for a password reset',
  session_end: 'ended a session',
  break_glass_open: 'opened break-glass access',
  break_glass_use: 'used a break-glass link',
  break_glass_end: 'ended break-glass access',
  kiosk_start: 'handed the tablet to a client',
  kiosk_unlock: 'unlocked the tablet',
  kiosk_unlock_failed: 'failed to unlock the tablet',
  kiosk_end: 'closed the tablet’s forms',
};

/** Actions the audit screens flag as high severity: Lumè staff reaching into the spa (SEC-9), and a reset second factor. */
const HIGH_SEVERITY = new Set(['break_glass_open', 'break_glass_use', 'mfa_reset']);

export function isHighSeverity(action: string): boolean {
  return HIGH_SEVERITY.has(action);
}

const RECORDS: Record<string, string> = {
  audit_log: 'Audit trail',
  client: 'Client record',
  client_list: 'Client list',
  client_search: 'Client search',
  session: 'Session',
  password: 'Password',
  second_factor: 'Sign-in code',
  operator: 'Staff account',
  route: 'Page',
  role: 'Role',
  credential: 'Licence',
  tenant: 'Spa settings',
  tenant_logo: 'Spa logo',
  break_glass: 'Break-glass access',
};

const SURFACES: Record<string, string> = {
  crm: 'Spa CRM',
  public: 'Client pages',
  api: 'API',
  console: 'Lumè console',
  job: 'Background job',
};

const OUTCOMES: Record<string, { label: string; tone: BadgeTone }> = {
  success: { label: 'Succeeded', tone: 'success' },
  denied: { label: 'Denied', tone: 'danger' },
  not_found: { label: 'Not found', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

const OTHER_ACTORS: Record<string, string> = {
  client: 'A client (through a link)',
  staff: 'Lumè staff',
  system: 'System',
  anonymous: 'Unknown — failed sign-in',
};

const spaced = (code: string) => code.replaceAll('_', ' ');

export function actionWords(action: string): string {
  return ACTIONS[action] ?? spaced(action);
}

export function recordWords(recordType: string): string {
  const known = RECORDS[recordType];
  if (known) return known;
  const words = spaced(recordType);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function surfaceWords(surface: string): string {
  return SURFACES[surface] ?? spaced(surface);
}

export function outcomeBadge(outcome: string): { label: string; tone: BadgeTone } {
  return OUTCOMES[outcome] ?? { label: spaced(outcome), tone: 'neutral' };
}

export function outcomeWords(outcome: string): string {
  return outcomeBadge(outcome).label;
}

/** The person filter's entries for actors who are not operators. */
export function otherActorWords(kind: string): string {
  return OTHER_ACTORS[kind] ?? spaced(kind);
}

/** "provider,manager" → "Provider, Manager", with the spa's own role names where it has them. */
export function roleWords(roles: string | null, names: Record<string, string>): string {
  if (!roles) return '';
  return roles
    .split(',')
    .filter(Boolean)
    .map((key) => names[key] ?? spaced(key).replace(/^./, (c) => c.toUpperCase()))
    .join(', ');
}

/** The first block of a uuid (enough to tell rows apart on screen); other ids up to 12 characters. */
export function shortId(id: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id)) return id.slice(0, 8);
  return id.length > 12 ? `${id.slice(0, 11)}…` : id;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
