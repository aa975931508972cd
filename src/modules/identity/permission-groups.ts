import { PERMISSIONS, type Permission } from './permissions.ts';

export interface PermissionGroup {
  title: string;
  permissions: { key: Permission; label: string }[];
}

/** How the role editor shows the catalogue: by what the work is about. Permissions added later land in "Other" until placed here. */
const GROUPS: { title: string; keys: string[] }[] = [
  { title: 'Clients', keys: ['read:client:any', 'write:client:any', 'merge:client:any', 'authorize:minor:any', 'read:form-status:any', 'manage:form:any', 'read:consent-to-message:any'] },
  {
    title: 'Health, charts and photos',
    keys: ['read:allergy:any', 'read:health:any', 'write:health:any', 'read:chart:any', 'read:chart:own', 'write:chart:own', 'sign:note:own', 'cosign:chart:any', 'export:chart:any', 'read:photo:any', 'read:photo:own', 'write:photo:any'],
  },
  { title: 'Calendar', keys: ['read:appointment:any', 'write:appointment:any'] },
  { title: 'Money and reports', keys: ['read:invoice:any', 'write:invoice:any', 'export:report:any'] },
  { title: 'Running the spa', keys: ['use:crm:any', 'manage:staff:any', 'manage:role:any', 'manage:settings:any', 'manage:schedule:any', 'read:audit:any'] },
];

export function permissionGroups(): PermissionGroup[] {
  const all = Object.keys(PERMISSIONS) as Permission[];
  const placed = new Set<string>();
  const groups: PermissionGroup[] = GROUPS.map((g) => ({
    title: g.title,
    permissions: all.filter((p) => g.keys.includes(p)).map((key) => (placed.add(key), { key, label: PERMISSIONS[key] })),
  })).filter((g) => g.permissions.length > 0);
  const rest = all.filter((p) => !placed.has(p));
  if (rest.length) groups.push({ title: 'Other', permissions: rest.map((key) => ({ key, label: PERMISSIONS[key] })) });
  return groups;
}

/** The human label of a permission string (the string itself when it is not in the catalogue). */
export function permissionLabel(permission: string): string {
  return Object.hasOwn(PERMISSIONS, permission) ? PERMISSIONS[permission as Permission] : permission;
}
