// Shared formatting for the benchmark tables: numbers, CPU shares, goals, aligned rows.
import { availableParallelism } from 'node:os';
import type { CpuReport } from './proc.ts';

export type Row = [label: string, value: string];

/** Above this many cores of "other" work, a run's figures are not comparable with a quiet run's. */
export const BUSY_OTHER_CORES = 0.2;

export const num = (x: number, digits = 0): string =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "app 0.98, postgres 0.61, other 0.05; machine 1.70 of 2" */
export function cores(c: CpuReport): string {
  return (
    [...Object.entries(c.groups).sort(([a], [b]) => a.localeCompare(b)), ['other', c.other] as const]
      .map(([name, v]) => `${name} ${v.toFixed(2)}`)
      .join(', ') + `; machine ${c.machine.toFixed(2)} of ${availableParallelism()}`
  );
}

export function goal(label: string, value: string, ok: boolean): Row {
  return [label, `${value.padEnd(10)}${ok ? 'met' : 'NOT met'}`];
}

/** Prints label/value rows with the values in one column. */
export function printRows(rows: Row[]): void {
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}${v}`);
}

export function warnIfBusy(reports: CpuReport[]): void {
  if (Math.max(...reports.map((c) => c.other)) > BUSY_OTHER_CORES) {
    console.log('\n  Other work kept the machine busy during the run ("other" above): expect lower, noisier figures.');
  }
}

export function log(message: string): void {
  console.log(`[bench] ${message}`);
}
