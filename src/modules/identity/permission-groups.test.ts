import { describe, expect, it } from 'vitest';
import { permissionGroups } from './permission-groups.ts';
import { PERMISSIONS } from './permissions.ts';

describe('permissionGroups', () => {
  it('shows every permission of the catalogue exactly once', () => {
    const shown = permissionGroups().flatMap((g) => g.permissions.map((p) => p.key));
    expect([...shown].sort()).toEqual(Object.keys(PERMISSIONS).sort());
    expect(new Set(shown).size).toBe(shown.length);
  });
});
