// Measured autocannon phases against a running app: warm-up, then load while sampling CPU and memory.
import autocannon, { type Options, type Result } from 'autocannon';
import type { RunningApp } from './app.ts';
import { benchGroups, rssKb, startCpuMeter, startRssSampler, type CpuReport } from './proc.ts';
import { log } from './report.ts';

export interface LoadPhase {
  /** Shown in the progress lines. */
  name: string;
  /** autocannon options (url, connections, headers, requests ...); `duration` is set here. */
  options: Omit<Options, 'duration'>;
  warmupSeconds: number;
  /**
   * Pause after the warm-up. autocannon drops its connections when it stops,
   * but the app finishes what they asked (slow requests, e.g. password hashes
   * queued behind a limiter): let that drain so it does not crowd the measured run.
   */
  settleSeconds?: number;
  seconds: number;
  /** The bench database, to tell its PostgreSQL backends from other databases'. */
  database: string;
  /** Called for every response of the measured run (not the warm-up), with its latency in ms. */
  onResponse?: (status: number, ms: number) => void;
}

export interface LoadResult {
  raw: Result;
  rps: number;
  p50: number;
  p99: number;
  avg: number;
  non2xx: number;
  errors: number;
  /** Peak `VmRSS` of the app during the measured run, and `VmHWM` (peak since it started) at its end. */
  peakRssMb: number;
  hwmRssMb: number;
  cpu: CpuReport;
}

export async function runLoad(app: RunningApp, phase: LoadPhase): Promise<LoadResult> {
  await warmUp(app, phase);
  if (phase.settleSeconds) await new Promise((resolve) => setTimeout(resolve, phase.settleSeconds! * 1000));
  return measure(app, phase);
}

export async function warmUp(app: RunningApp, phase: LoadPhase): Promise<void> {
  log(`${phase.name}: pid ${app.pid}, warming up ${phase.warmupSeconds} s`);
  await autocannon({ ...phase.options, duration: phase.warmupSeconds });
}

/** The measured run alone (no warm-up). */
export async function measure(app: RunningApp, phase: LoadPhase): Promise<LoadResult> {
  log(`${phase.name}: autocannon, ${phase.options.connections ?? 10} connections, ${phase.seconds} s`);
  const cpu = startCpuMeter(benchGroups(phase.database, app.pid, 'load generator'));
  const rss = startRssSampler(app.pid);
  const run = autocannon({ ...phase.options, duration: phase.seconds });
  const { onResponse } = phase;
  if (onResponse) run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => onResponse(status, ms));
  const r = await run;
  const peakRssKb = rss.stop();
  return {
    raw: r,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    avg: r.latency.average,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    peakRssMb: peakRssKb / 1024,
    hwmRssMb: rssKb(app.pid, 'VmHWM') / 1024,
    cpu: cpu.stop(),
  };
}

/** Nearest-rank percentile of ascending values, in whole milliseconds (as autocannon reports). */
export function percentile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
}
