import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Milliseconds on a clock that a child process can compare with its own. */
export const wallNow = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The text around the timing marks: a position report of ordinary length. */
export const FILLER = 'position report: all quiet along the line, no movement observed in sector four; next report at the hour';

export interface PacedRun {
  /** How late each send was against its schedule, in ms. */
  lags: number[];
  /** From the first scheduled send to the last actual one, in ms. */
  ms: number;
}

/**
 * Open-loop load: calls `send(n, due)` for n = 0..count-1 on a fixed schedule of `perSecond`,
 * `due` being the scheduled time on the {@link wallNow} clock. A late send does not push the
 * next ones back: when the process is busy, the overdue sends go out together as soon as it
 * can, as requests queued on a busy server would. `send` must not block.
 *
 * The time to stamp an item with is `due`, not the moment the call happens: when the process
 * is busy, the time an item waits before its send counts in its delay (no coordinated
 * omission). The timers' own lateness (≈ 1 ms, `lagP50`) counts too, on both harnesses alike.
 */
export async function paced(perSecond: number, count: number, send: (sequence: number, due: number) => void): Promise<PacedRun> {
  const interval = 1000 / perSecond;
  const started = performance.now();
  const lags: number[] = [];
  let n = 0;
  while (n < count) {
    const wait = started + n * interval - performance.now();
    if (wait > 0) {
      await sleep(wait);
      continue;
    }
    // Everything overdue goes out now; then the process's I/O gets its turn.
    for (let due = started + n * interval; n < count && due <= performance.now(); n++, due = started + n * interval) {
      lags.push(performance.now() - due);
      send(n, performance.timeOrigin + due);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { lags, ms: performance.now() - started };
}

export interface ProcessLoad {
  /** CPU time of this process, in ms. */
  cpuMs: number;
  /** CPU time of the whole machine, every process included, in ms (Linux only, else NaN). */
  machineMs: number;
  /** Event-loop delay (NaN when it could not be sampled), in ms. */
  loopDelayP99: number;
  loopDelayMax: number;
  /** Wall time, in ms. */
  ms: number;
}

/** CPU and event-loop delay of this process, and the machine's CPU use, over a stretch of time. */
export class ProcessMeter {
  private readonly cpu = process.cpuUsage();
  private readonly machine = machineBusy();
  private readonly started = performance.now();
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });

  constructor() {
    this.delay.enable();
  }

  stop(): ProcessLoad {
    this.delay.disable();
    const { user, system } = process.cpuUsage(this.cpu);
    const machine = machineBusy();
    const ms = performance.now() - this.started;
    const machineMs = ((machine.busy - this.machine.busy) / (machine.total - this.machine.total)) * os.availableParallelism() * ms;
    // A histogram without samples (its timer never got a turn) says nothing.
    const sampled = this.delay.count > 0;
    return { cpuMs: (user + system) / 1000, machineMs, loopDelayP99: sampled ? this.delay.percentile(99) / 1e6 : NaN, loopDelayMax: sampled ? this.delay.max / 1e6 : NaN, ms };
  }
}

/** Busy and total CPU ticks of the machine, from /proc/stat. */
function machineBusy(): { busy: number; total: number } {
  try {
    const fields = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

export const fixed = (value: number, digits = 2) => value.toFixed(digits);
