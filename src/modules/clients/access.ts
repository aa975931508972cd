/**
 * What of a client record a set of permissions shows (SEC-2). Front desk sees
 * the profile, allergies and form status; bookkeeping and marketing see the
 * profile only; health history needs its own permission. Pure.
 */
export interface ClientAccess {
  profile: boolean;
  editProfile: boolean;
  allergies: boolean;
  health: boolean;
  editHealth: boolean;
  consent: boolean;
  merge: boolean;
  auditReport: boolean;
  appointments: boolean;
  authorizeMinor: boolean;
  photos: boolean;
  charts: boolean;
  forms: boolean;
}

export function clientAccess(permissions: ReadonlySet<string>): ClientAccess {
  const has = (p: string) => permissions.has(p);
  return {
    profile: has('read:client:any'),
    editProfile: has('write:client:any'),
    allergies: has('read:allergy:any') || has('read:health:any'),
    health: has('read:health:any'),
    editHealth: has('write:health:any'),
    consent: has('read:client:any') || has('read:consent-to-message:any'),
    merge: has('merge:client:any') && has('write:client:any'),
    auditReport: has('read:audit:any'),
    appointments: has('read:appointment:any'),
    authorizeMinor: has('authorize:minor:any'),
    photos: has('read:photo:own'),
    charts: has('read:chart:own'),
    forms: has('read:form-status:any'),
  };
}
