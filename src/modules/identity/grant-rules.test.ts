import { describe, expect, it } from 'vitest';
import { authorityGap } from './grant-rules.ts';
import { DEFAULT_ROLES } from './permissions.ts';

const permissionsOf = (key: string) => new Set(DEFAULT_ROLES.find((r) => r.key === key)!.permissions);

describe('authorityGap', () => {
  it('lets an owner grant anything', () => {
    for (const role of DEFAULT_ROLES) expect(authorityGap(permissionsOf('owner'), role.permissions)).toEqual([]);
  });

  it('stops a manager from granting the owner role, but not clinical or desk roles', () => {
    const manager = permissionsOf('manager');
    expect(authorityGap(manager, permissionsOf('owner'))).toEqual(['manage:role:any']);
    expect(authorityGap(manager, permissionsOf('provider'))).toEqual([]);
    expect(authorityGap(manager, permissionsOf('manager'))).toEqual([]);
  });

  it('ignores permissions that carry no power over people', () => {
    expect(authorityGap(new Set(['use:crm:any']), ['read:chart:any', 'write:invoice:any'])).toEqual([]);
    expect(authorityGap(new Set(), ['read:audit:any', 'read:audit:any'])).toEqual(['read:audit:any']);
  });
});
