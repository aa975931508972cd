import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { getSpaProfile, type SpaProfile } from '../tenancy/service.ts';

export interface SpaSettings {
  idleTimeoutMinutes: number;
  ageOfMajority: number;
  chartCosignRequired: boolean;
  /** Days a form link stays usable; left as it is when not given. */
  formLinkDays?: number;
}

export const IDLE_MINUTES = { min: 5, max: 30 };
export const MAJORITY_AGE = { min: 16, max: 21 };
export const FORM_LINK_DAYS = { min: 1, max: 30 };

export async function getSpaSettings(ctx: ServiceCtx): Promise<SpaProfile> {
  return getSpaProfile(ctx);
}

/**
 * Saves the spa's security and client settings. Idle logoff applies to every
 * open session from its next request (sessions read it each time).
 */
export async function updateSpaSettings(ctx: ServiceCtx, input: SpaSettings): Promise<{ changed: boolean; profile: SpaProfile }> {
  const before = await getSpaProfile(ctx);
  const after = { ...input, formLinkDays: input.formLinkDays ?? before.formLinkDays };
  if (
    before.idleTimeoutMinutes === after.idleTimeoutMinutes &&
    before.ageOfMajority === after.ageOfMajority &&
    before.chartCosignRequired === after.chartCosignRequired &&
    before.formLinkDays === after.formLinkDays
  ) {
    return { changed: false, profile: before };
  }
  await ctx.tx.$client.query('UPDATE tenants SET idle_timeout_minutes = $1, age_of_majority = $2, chart_cosign_required = $3, form_link_days = $4 WHERE id = current_tenant_id()', [
    after.idleTimeoutMinutes,
    after.ageOfMajority,
    after.chartCosignRequired,
    after.formLinkDays,
  ]);
  ctx.audit({ action: 'settings_change', recordType: 'tenant', recordId: ctx.tenantId });
  return { changed: true, profile: { ...before, ...after } };
}
