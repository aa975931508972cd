/**
 * Who may put a client's forms in front of them — send a link, hand over the tablet, revoke a link,
 * void a pending form: those who edit clients or manage forms, never under break-glass access.
 */
import type { Principal } from '../identity/sessions.ts';

export const MANAGE_FORMS = 'manage:form:any';

export function mayHandleLinks(principal: Pick<Principal, 'permissions' | 'breakGlass'>): boolean {
  return !principal.breakGlass && (principal.permissions.has(MANAGE_FORMS) || principal.permissions.has('write:client:any'));
}
