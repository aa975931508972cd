import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { getSpaProfile, type SpaProfile } from '../tenancy/service.ts';

export interface SpaSettings {
  idleTimeoutMinutes: number;
  ageOfMajority: number;
  chartCosignRequired: boolean;
}

export const IDLE_MINUTES = { min: 5, max: 30 };
export const MAJORITY_AGE = { min: 16, max: 21 };

export async function getSpaSettings(ctx: ServiceCtx): Promise<SpaProfile> {
  return getSpaProfile(ctx);
}

/**
 * Saves the spa's security and client settings. Idle logoff applies to every
 * open session from its next request (sessions read it each time).
 */
export async function updateSpaSettings(ctx: ServiceCtx, input: SpaSettings): Promise<{ changed: boolean; profile: SpaProfile }> {
  const before = await getSpaProfile(ctx);
  if (before.idleTimeoutMinutes === input.idleTimeoutMinutes && before.ageOfMajority === input.ageOfMajority && before.chartCosignRequired === input.chartCosignRequired) {
    return { changed: false, profile: before };
  }
  await ctx.tx.$client.query('UPDATE tenants SET idle_timeout_minutes = $1, age_of_majority = $2, chart_cosign_required = $3 WHERE id = current_tenant_id()', [
    input.idleTimeoutMinutes,
    input.ageOfMajority,
    input.chartCosignRequired,
  ]);
  ctx.audit({ action: 'settings_change', recordType: 'tenant', recordId: ctx.tenantId });
  return { changed: true, profile: { ...before, ...input } };
}
