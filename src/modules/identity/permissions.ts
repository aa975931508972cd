/**
 * Every permission Lumè knows, as `action:entity[:own|any]`, and the roles each
 * spa starts with. Roles are data (table `roles`); these are only the defaults.
 * A module that adds a capability adds its permission here and to the roles
 * that should have it.
 */
export const PERMISSIONS = {
  'read:client:any': 'See client contact details and appointments',
  'write:client:any': 'Add and edit client contact details',
  'merge:client:any': 'Merge duplicate client records',
  'authorize:minor:any': 'Record a guardian’s paper authorization for a minor, and change a minor’s date of birth',
  'read:allergy:any': 'See client allergies',
  'read:health:any': 'See medical history, medications and contraindications',
  'write:health:any': 'Record medical history, medications and allergies',
  'read:form-status:any': 'See which forms are signed or pending',
  'manage:form:any': 'Build and edit form templates',
  'read:chart:any': 'Read treatment records and provider notes',
  'read:chart:own': 'Read treatment records and notes of their own clients',
  'write:chart:own': 'Chart their own treatments',
  'sign:note:own': 'Sign their own provider notes',
  'cosign:chart:any': 'Co-sign charts as the supervising physician',
  'export:chart:any': 'Export lot recall lists (clients treated with a product lot)',
  'read:photo:any': 'See before/after photos',
  'read:photo:own': 'See before/after photos of the clients they treat',
  'write:photo:any': 'Take and upload before/after photos',
  'read:appointment:any': 'See the calendar',
  'write:appointment:any': 'Book, move and cancel appointments',
  'read:invoice:any': 'See invoices and payments',
  'write:invoice:any': 'Create invoices and take payments',
  'export:report:any': 'Run and export reports',
  'read:consent-to-message:any': 'See who agreed to receive messages',
  'read:audit:any': 'Search and export the audit trail',
  'manage:staff:any': 'Invite, edit and deactivate staff',
  'manage:role:any': 'Create roles and change their permissions',
  'manage:settings:any': 'Change the spa’s settings',
  'manage:schedule:any': 'Set up locations, rooms, services and staff schedules',
  'use:crm:any': 'Sign in to the spa’s CRM',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

const ALL = Object.keys(PERMISSIONS) as Permission[];

/**
 * A role's permissions as a request sees them: one on `any` record also opens the same action on
 * one's `own` (a manager who reads every chart reads those of the clients they treat).
 */
export function withImplied(permissions: readonly string[]): Set<string> {
  const held = new Set(permissions);
  for (const p of permissions) if (p.endsWith(':any')) held.add(`${p.slice(0, -':any'.length)}:own`);
  return held;
}

export interface DefaultRole {
  key: string;
  name: string;
  description: string;
  permissions: Permission[];
}

/** Least privilege by default (SEC-2): front desk never reads notes or photos; bookkeeping and marketing never read clinical data. */
export const DEFAULT_ROLES: DefaultRole[] = [
  { key: 'owner', name: 'Owner', description: 'Everything, including staff, roles and the audit trail.', permissions: ALL },
  {
    key: 'manager',
    name: 'Manager',
    description: 'Runs the spa day to day: staff, calendar, clients, charts and reports.',
    // Co-signing as the supervising physician is the owner's (or a role the spa makes for its medical director).
    permissions: ALL.filter((p) => p !== 'manage:role:any' && p !== 'read:chart:own' && p !== 'write:chart:own' && p !== 'sign:note:own' && p !== 'cosign:chart:any' && p !== 'read:photo:own'),
  },
  {
    key: 'provider',
    name: 'Provider',
    description: 'Injectors and clinicians: charts, notes and photos of the clients they treat.',
    permissions: ['use:crm:any', 'read:client:any', 'write:client:any', 'read:allergy:any', 'read:health:any', 'write:health:any', 'read:form-status:any', 'read:chart:own', 'write:chart:own', 'sign:note:own', 'read:photo:own', 'write:photo:any', 'read:appointment:any', 'write:appointment:any'],
  },
  {
    key: 'front_desk',
    name: 'Front desk',
    description: 'Check-in, booking and payments; sees allergies and form status, never notes or photos.',
    permissions: ['use:crm:any', 'read:client:any', 'write:client:any', 'read:allergy:any', 'read:form-status:any', 'read:appointment:any', 'write:appointment:any', 'read:invoice:any', 'write:invoice:any'],
  },
  {
    key: 'bookkeeper',
    name: 'Bookkeeper',
    description: 'Invoices, payments and reports; no clinical data.',
    permissions: ['use:crm:any', 'read:client:any', 'read:invoice:any', 'write:invoice:any', 'export:report:any'],
  },
  {
    key: 'marketing',
    name: 'Marketing',
    description: 'Client contact details and who agreed to messages; no clinical data.',
    permissions: ['use:crm:any', 'read:client:any', 'read:consent-to-message:any'],
  },
];
