import type { Permission } from './permissions.ts';

/**
 * The permissions that give power over other people: whoever holds them can
 * change who may do what. Nobody may hand out, take away or edit these unless
 * they hold them too, so a manager cannot make themselves an owner and a
 * role editor cannot mint a role stronger than their own.
 */
export const ELEVATED_PERMISSIONS: readonly Permission[] = ['manage:staff:any', 'manage:role:any', 'manage:settings:any', 'read:audit:any'];

/** The elevated permissions among `wanted` that the actor does not hold (empty when the actor may proceed). */
export function authorityGap(actor: ReadonlySet<string>, wanted: Iterable<string>): Permission[] {
  const missing = new Set<Permission>();
  for (const permission of wanted) {
    const elevated = ELEVATED_PERMISSIONS.find((p) => p === permission);
    if (elevated && !actor.has(elevated)) missing.add(elevated);
  }
  return [...missing];
}
