import { randomUUID } from 'node:crypto';
import type { ServiceCtx } from '../../../infra/db/tenant.ts';
import { bookAppointment, SlotTakenError, type BookingRequest } from './book.ts';

/** One occurrence of a series: booked, or why not. */
export type Occurrence = { date: string; time: string } & ({ ok: true; appointmentId: string } | { ok: false; message: string });

const DAY_MS = 86_400_000;

/** The local dates of a series: the first date, then every `everyWeeks` weeks (pure). */
export function seriesDates(first: string, everyWeeks: number, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * everyWeeks * 7 * DAY_MS).toISOString().slice(0, 10));
}

/**
 * Books the same services at the same local time every few weeks. Each
 * occurrence is checked and written on its own (a savepoint), so one taken
 * date is reported and the others are still booked.
 */
export async function bookSeries(ctx: ServiceCtx, req: BookingRequest, dates: readonly string[], now: Date): Promise<{ seriesId: string; occurrences: Occurrence[] }> {
  const seriesId = req.seriesId ?? randomUUID();
  const occurrences: Occurrence[] = [];
  for (const date of dates) {
    await ctx.tx.$client.query('SAVEPOINT occurrence');
    try {
      const result = await bookAppointment(ctx, { ...req, date, seriesId }, now);
      await ctx.tx.$client.query(result.ok ? 'RELEASE SAVEPOINT occurrence' : 'ROLLBACK TO SAVEPOINT occurrence');
      occurrences.push(result.ok ? { date, time: req.time, ok: true, appointmentId: result.appointmentId } : { date, time: req.time, ok: false, message: result.message });
    } catch (error) {
      if (!(error instanceof SlotTakenError)) throw error;
      await ctx.tx.$client.query('ROLLBACK TO SAVEPOINT occurrence');
      occurrences.push({ date, time: req.time, ok: false, message: 'Someone booked that time a moment ago.' });
    }
  }
  return { seriesId, occurrences };
}
