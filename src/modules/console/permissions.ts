/**
 * What Lumè staff may do in the console, as `action:entity:any` strings, and what each console
 * role gives. A staff member's role is read from the database on every request (SEC-2); these
 * are the meanings of the roles, kept in code because the roles are fixed, not per-spa data.
 *
 * No permission here opens a spa's data: the console has no PHI access (SPEC §1). The one way in
 * is break-glass (SEC-9): `use:break-glass:any` lets a staff member open a short, read-only,
 * audited window into one spa, which happens in the spa's CRM, never in the console.
 */
export const CONSOLE_PERMISSIONS = {
  'use:console:any': 'Sign in to the Lumè console',
  'read:spa:any': 'See spas: status, contract and number of operators',
  'manage:spa:any': 'Create, suspend and reactivate spas',
  'read:demo:any': 'See demo requests',
  'manage:demo:any': 'Change a demo request’s status and add notes',
  'manage:rights:any': 'Handle prospects’ requests to see, correct, delete or export their data',
  'manage:staff:any': 'Add Lumè staff, change their roles, reset and deactivate them',
  'manage:policy:any': 'Publish new versions of Lumè’s policies',
  'use:break-glass:any': 'Open time-limited, audited, read-only emergency access to a spa’s data',
} as const;

export type ConsolePermission = keyof typeof CONSOLE_PERMISSIONS;

export function isConsolePermission(value: string): value is ConsolePermission {
  return Object.hasOwn(CONSOLE_PERMISSIONS, value);
}

export const CONSOLE_ROLE_KEYS = ['support', 'compliance', 'admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLE_KEYS)[number];

export function isConsoleRole(value: string): value is ConsoleRole {
  return (CONSOLE_ROLE_KEYS as readonly string[]).includes(value);
}

const BASE: ConsolePermission[] = ['use:console:any', 'read:spa:any', 'read:demo:any', 'manage:demo:any'];
// Break-glass belongs to the people who fix things (support, admin), not to compliance, who review
// its trail: the database function that opens a window checks the same two roles.
const SUPPORT: ConsolePermission[] = [...BASE, 'use:break-glass:any'];
const COMPLIANCE: ConsolePermission[] = [...BASE, 'manage:rights:any', 'manage:policy:any'];
const ADMIN: ConsolePermission[] = [...COMPLIANCE, 'use:break-glass:any', 'manage:spa:any', 'manage:staff:any'];

export const CONSOLE_ROLES: Record<ConsoleRole, { name: string; description: string; permissions: readonly ConsolePermission[] }> = {
  support: { name: 'Support', description: 'Sees spas, works the demo requests, and may open break-glass access to a spa.', permissions: SUPPORT },
  compliance: { name: 'Compliance', description: 'Sees spas and demo requests; handles prospects’ rights requests and policy changes. No break-glass.', permissions: COMPLIANCE },
  admin: { name: 'Admin', description: 'Everything: creates, suspends and reactivates spas; manages Lumè staff; break-glass.', permissions: ADMIN },
};

/** The permissions a role gives; an unknown role (a row edited by hand) gives none. */
export function permissionsOf(role: string): ReadonlySet<ConsolePermission> {
  return new Set(isConsoleRole(role) ? CONSOLE_ROLES[role].permissions : []);
}

export function roleName(role: string): string {
  return isConsoleRole(role) ? CONSOLE_ROLES[role].name : role;
}
