/** The starter library: six forms written by the Lumè team, in English and Spanish, that spas copy and edit. */
import { FILLER_CONSENT } from './filler.ts';
import { GUARDIAN_AUTHORIZATION } from './guardian.ts';
import { GENERAL_INTAKE } from './intake.ts';
import { LASER_CONSENT } from './laser.ts';
import { NEUROTOXIN_CONSENT } from './neurotoxin.ts';
import { PHOTO_RELEASE } from './photo-release.ts';
import type { Starter } from './starter.ts';

export type { Starter } from './starter.ts';

export const STARTERS: readonly Starter[] = [GENERAL_INTAKE, NEUROTOXIN_CONSENT, FILLER_CONSENT, LASER_CONSENT, PHOTO_RELEASE, GUARDIAN_AUTHORIZATION];

export function starterByKey(key: string): Starter | undefined {
  return STARTERS.find((s) => s.key === key);
}
