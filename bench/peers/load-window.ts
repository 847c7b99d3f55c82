// One stretch of open-loop load against a server process, with what it cost: the server's CPU
// and memory from /proc, the fleet's and this process's CPU, and everything else the machine
// did meanwhile (other people's work on a shared machine shows there).
import { paced, sleep } from '../stream/load.ts';
import { percentile } from '../results.ts';
import { machineBusySeconds, sampleProcess } from '../process-usage.ts';

export interface LoadPlan {
  /** The server process. */
  pid: number;
  perSecond: number;
  count: number;
  /** How long deliveries are awaited after the last send. */
  drainMs: number;
  /** Starts sending message `sequence`, stamped `due`; must not block. */
  send(sequence: number, due: number): void;
  /** Resolves once every send was answered (the cell's receipts), if the sender waits for any. */
  sendsAnswered(): Promise<void>;
  /** Waits until every client has every message, or `timeoutMs`. */
  waitFor(timeoutMs: number): Promise<{ complete: boolean; lagging: number }>;
  fleetCpuMs(): Promise<number>;
}

export interface LoadWindow {
  /** From the first scheduled send until everything was delivered or the wait ended, in ms. */
  wallMs: number;
  /** When that was, on a clock a child process can compare with its own (ms since the epoch). */
  endedAt: number;
  complete: boolean;
  lagging: number;
  /** Sends answered in time (false: the drain ended with receipts missing). */
  answered: boolean;
  serverCpuSeconds: number;
  fleetCpuSeconds: number;
  benchCpuSeconds: number;
  /** The machine's busy time not spent by the server, the fleet or this process, in seconds. */
  otherCpuSeconds: number;
  /** The server's resident memory once the load was delivered, and its peak so far, in MiB. */
  rssMiB: number;
  peakMiB: number;
  /** How late the sends went out against their schedule, p99, in ms. */
  sendLagP99: number;
}

export async function runLoad(plan: LoadPlan): Promise<LoadWindow> {
  const server = sampleProcess(plan.pid);
  const machine = machineBusySeconds();
  const fleet = await plan.fleetCpuMs();
  const bench = process.cpuUsage();
  const started = performance.now();
  const load = await paced(plan.perSecond, plan.count, plan.send);
  const lastSend = performance.now();
  const answered = await Promise.race([plan.sendsAnswered().then(() => true), sleep(plan.drainMs).then(() => false)]);
  const drained = await plan.waitFor(Math.max(0, plan.drainMs - (performance.now() - lastSend)));
  const ended = performance.now();
  const wallMs = ended - started;
  const after = sampleProcess(plan.pid);
  const fleetCpuSeconds = ((await plan.fleetCpuMs()) - fleet) / 1000;
  const ownUsage = process.cpuUsage(bench);
  const benchCpuSeconds = (ownUsage.user + ownUsage.system) / 1e6;
  const serverCpuSeconds = after.cpuSeconds - server.cpuSeconds;
  return {
    wallMs,
    endedAt: performance.timeOrigin + ended,
    complete: drained.complete,
    lagging: drained.lagging,
    answered,
    serverCpuSeconds,
    fleetCpuSeconds,
    benchCpuSeconds,
    otherCpuSeconds: Math.max(0, machineBusySeconds() - machine - serverCpuSeconds - fleetCpuSeconds - benchCpuSeconds),
    rssMiB: after.rssMiB,
    peakMiB: after.peakMiB,
    sendLagP99: percentile(load.lags, 99),
  };
}
