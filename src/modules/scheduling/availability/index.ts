export { computeAvailability } from './engine.ts';
export { AvailabilityInputError } from './prepare.ts';
export { localToInstant } from './local-time.ts';
export type { LocalToInstantResult } from './local-time.ts';
export type * from './types.ts';
