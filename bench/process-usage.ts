// CPU and memory of processes, read from /proc: a server's own (not the benchmark's or its
// clients'), the simulated members', PostgreSQL's, which all share the machine's cores.
import fs from 'node:fs';
import os from 'node:os';

/** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** utime + stime of a process, in seconds; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return NaN;
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The fields of /proc/<pid>/stat after the command name (state is [0]), or undefined. */
function statFields(pid: number): string[] | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export interface ProcessSample {
  /** utime + stime, in seconds. */
  cpuSeconds: number;
  /** Resident memory now (VmRSS) and at its peak so far (VmHWM), in MiB. */
  rssMiB: number;
  peakMiB: number;
}

/** The process's CPU and memory now; throws when it is gone (a server that died mid-run). */
export function sampleProcess(pid: number): ProcessSample {
  const cpu = cpuSeconds(pid);
  const { rss, peak } = memoryMiB(pid);
  if (Number.isNaN(cpu) || Number.isNaN(rss)) throw new Error(`process ${pid} is gone`);
  return { cpuSeconds: cpu, rssMiB: rss, peakMiB: peak };
}

/** Resident memory now and at its peak, in MiB (NaN once the process is gone). */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

/**
 * CPU seconds of every PostgreSQL process on the machine. Backends that ended are counted in
 * their parent's cutime + cstime (the postmaster waits for them), so the sum only grows.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  let found = false;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let command: string;
    try {
      command = fs.readFileSync(`/proc/${name}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (command !== 'postgres' && !command.startsWith('postgres:')) continue;
    const fields = statFields(Number(name));
    if (!fields) continue;
    found = true;
    total += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return found ? total / TICKS_PER_SECOND : NaN;
}

/** CPU use over a stretch of wall time, as a percentage of all the machine's cores. */
export function shareOfMachine(cpuSeconds: number, wallSeconds: number): number {
  return (cpuSeconds / (wallSeconds * os.availableParallelism())) * 100;
}

/** CPU seconds the whole machine spent busy (every process, every core), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const fields = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return (fields.reduce((sum, value) => sum + value, 0) - idle) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
