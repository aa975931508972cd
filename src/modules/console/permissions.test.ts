import { describe, expect, it } from 'vitest';
import { CONSOLE_PERMISSIONS, CONSOLE_ROLES, isConsolePermission, permissionsOf } from './permissions.ts';

describe('console roles', () => {
  it('nest: compliance has all of support but break-glass, admin all of both', () => {
    const support = permissionsOf('support');
    const compliance = permissionsOf('compliance');
    const admin = permissionsOf('admin');
    for (const p of support) if (p !== 'use:break-glass:any') expect(compliance.has(p)).toBe(true);
    for (const p of support) expect(admin.has(p)).toBe(true);
    for (const p of compliance) expect(admin.has(p)).toBe(true);
    expect(compliance.has('manage:rights:any')).toBe(true);
    expect(support.has('manage:rights:any')).toBe(false);
    expect([...admin].sort()).toEqual(Object.keys(CONSOLE_PERMISSIONS).sort());
  });

  it('keep spas and staff for admins only', () => {
    for (const role of ['support', 'compliance'] as const) {
      expect(CONSOLE_ROLES[role].permissions).not.toContain('manage:spa:any');
      expect(CONSOLE_ROLES[role].permissions).not.toContain('manage:staff:any');
    }
  });

  it('give break-glass to support and admin, never to compliance (the database function checks the same roles)', () => {
    expect(permissionsOf('support').has('use:break-glass:any')).toBe(true);
    expect(permissionsOf('admin').has('use:break-glass:any')).toBe(true);
    expect(permissionsOf('compliance').has('use:break-glass:any')).toBe(false);
  });

  it('give nothing to a role the catalogue does not know', () => {
    expect(permissionsOf('owner').size).toBe(0);
    expect(permissionsOf('').size).toBe(0);
    expect(isConsolePermission('read:client:any')).toBe(false);
    expect(isConsolePermission('toString')).toBe(false);
  });
});
