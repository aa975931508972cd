import type { ServiceCtx } from '../../infra/db/tenant.ts';
import { listLocations } from '../tenancy/service.ts';

const knownZones = new Map<string, boolean>();

/** Whether Intl knows a zone. Remembered: finding out builds a formatter, about half a millisecond each time. */
export function isTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(zone, known);
  }
  return known;
}

/** The time zone the spa's pages speak in: its first location's, or UTC when it has none (or an unknown one). */
export async function spaTimeZone(ctx: ServiceCtx): Promise<string> {
  const zone = (await listLocations(ctx))[0]?.timezone ?? 'UTC';
  return isTimeZone(zone) ? zone : 'UTC';
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The wall-clock time (HH:MM, 24-hour) of an instant in a time zone: what a time input holds. */
export function clockIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
