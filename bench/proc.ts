// Reads CPU time and memory from Linux's /proc, to show where the machine's cores went during a run.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** A process's resident set size in kB, from `VmRSS` (or `VmHWM`, the peak since it started). */
export function rssKb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const match = read(`/proc/${pid}/status`)?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) : 0;
}

/** A process's command line (PostgreSQL puts each backend's role, database and client there). */
export function commandLine(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ');
}

/** Name and CPU ticks (user + system, all threads) of one process. */
function processTicks(pid: number): { comm: string; ticks: number } | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' '); // fields[0] is field 3 (state); utime is 14, stime 15
  return { comm: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** Busy ticks summed over all cores, from the first line of /proc/stat. */
function machineTicks(): { busy: number } {
  const [, ...values] = read('/proc/stat')!.split('\n')[0]!.trim().split(/\s+/);
  const n = values.slice(0, 8).map(Number); // user nice system idle iowait irq softirq steal
  return { busy: n.reduce((a, b) => a + b, 0) - n[3]! - n[4]! };
}

export type Classify = (pid: number, comm: string) => string | undefined;

export interface CpuReport {
  seconds: number;
  /** Cores kept busy on average, machine-wide and per group (1.0 = one core all the time). */
  machine: number;
  groups: Record<string, number>;
  /** Busy cores not in any group: other work on the machine, which the figures compete with. */
  other: number;
}

/**
 * Starts counting CPU time per group of processes (named by `classify`) and
 * machine-wide. Processes are sampled twice a second, so one that starts
 * during the window counts from its birth and one that ends loses at most the
 * last half second.
 */
export function startCpuMeter(classify: Classify): { stop(): CpuReport } {
  const first = new Map<number, number>();
  const last = new Map<number, { group: string; ticks: number }>();
  const scan = (initial: boolean) => {
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      const p = processTicks(pid);
      const group = p && classify(pid, p.comm);
      if (!p || !group) continue;
      if (!first.has(pid)) first.set(pid, initial ? p.ticks : 0);
      last.set(pid, { group, ticks: p.ticks });
    }
  };
  const started = performance.now();
  const machineStart = machineTicks();
  scan(true);
  const timer = setInterval(() => scan(false), 500);
  return {
    stop() {
      clearInterval(timer);
      scan(false);
      const seconds = (performance.now() - started) / 1000;
      const machineEnd = machineTicks();
      const groups: Record<string, number> = {};
      for (const [pid, { group, ticks }] of last) {
        groups[group] = (groups[group] ?? 0) + (ticks - first.get(pid)!) / TICKS_PER_SECOND / seconds;
      }
      const machine = (machineEnd.busy - machineStart.busy) / TICKS_PER_SECOND / seconds;
      const other = Math.max(0, machine - Object.values(groups).reduce((a, b) => a + b, 0));
      return { seconds, machine, groups, other };
    },
  };
}

/** Samples a process's RSS four times a second; `stop` returns the peak in kB. */
export function startRssSampler(pid: number): { stop(): number } {
  let peak = rssKb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 250);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssKb(pid));
    },
  };
}

/**
 * Names the processes whose CPU time is worth showing: the app, the load
 * generator (this process, or pgbench), and PostgreSQL — its backends on the
 * bench database and its shared background processes (WAL writer,
 * checkpointer, ...). Backends of other databases fall under "other".
 */
export function benchGroups(database: string, appPid: number | undefined, loadName: string): Classify {
  return (pid, comm) => {
    if (pid === appPid) return 'app';
    if (pid === process.pid || comm === 'pgbench') return loadName;
    if (comm !== 'postgres') return undefined;
    const title = commandLine(pid);
    return title.includes(` ${database} `) || !/\(\d+\)|\[local\]/.test(title) ? 'postgres' : undefined;
  };
}

/** Several measurements as one: each share weighted by its length. */
export function mergeCpu(reports: readonly CpuReport[]): CpuReport {
  const seconds = reports.reduce((sum, r) => sum + r.seconds, 0);
  const weigh = (pick: (r: CpuReport) => number) => reports.reduce((sum, r) => sum + pick(r) * r.seconds, 0) / seconds;
  const names = new Set(reports.flatMap((r) => Object.keys(r.groups)));
  const groups = Object.fromEntries([...names].map((name) => [name, weigh((r) => r.groups[name] ?? 0)]));
  return { seconds, machine: weigh((r) => r.machine), groups, other: weigh((r) => r.other) };
}
