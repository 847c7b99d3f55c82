import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConnectParams, FleetCall, FleetReport, FleetRequest, FleetResponse, LatencySummary } from './fleet-protocol.ts';

const now = () => performance.timeOrigin + performance.now();

/**
 * The benchmark's side of a client fleet (fleet-child.ts) in a child process. Times sent in
 * items are read on this process's clock; the fleet's clock is compared with it once, so its
 * delays are corrected by the measured offset.
 */
export class Fleet {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  /** The fleet's clock minus this process's clock, in ms. */
  offset = 0;
  /** Half the round trip of the best clock sample: the offset's uncertainty, in ms. */
  offsetError = 0;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (response: FleetResponse) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if (response.ok) waiting.resolve(response.result);
      else waiting.reject(new Error(`fleet: ${response.error}`));
    });
    child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the client fleet exited (${code})`));
      this.pending.clear();
    });
  }

  static async start(): Promise<Fleet> {
    const child = fork(fileURLToPath(new URL('./fleet-child.ts', import.meta.url)), [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const fleet = new Fleet(child);
    await fleet.calibrate();
    return fleet;
  }

  private call<T>(call: FleetCall, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`fleet: ${call.method} took more than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ ...call, id } satisfies FleetRequest);
    });
  }

  /** NTP-style: the sample with the shortest round trip gives the offset. */
  async calibrate(samples = 40): Promise<void> {
    let best = Infinity;
    for (let n = 0; n < samples; n++) {
      const sent = now();
      const theirs = await this.call<number>({ method: 'clock' });
      const back = now();
      if (back - sent < best) {
        best = back - sent;
        this.offset = theirs - (sent + back) / 2;
        this.offsetError = best / 2;
      }
    }
  }

  /** CPU time the fleet has used so far, in ms. */
  cpuMs(): Promise<number> {
    return this.call({ method: 'cpu' });
  }

  connect(params: ConnectParams): Promise<{ connected: number; ms: number }> {
    return this.call({ method: 'connect', params });
  }

  waitFor(size: number, timeoutMs: number): Promise<{ complete: boolean; lagging: number; ms: number }> {
    return this.call({ method: 'waitFor', params: { size, timeoutMs } }, timeoutMs + 10_000);
  }

  chaos(kills: number, perSecond: number): Promise<{ kills: number; ms: number }> {
    return this.call({ method: 'chaos', params: { kills, perSecond } });
  }

  /** The delays of the items whose sequence numbers are in the ranges [first, end), on this process's clock. */
  async window(ranges: Array<[first: number, end: number]>): Promise<LatencySummary> {
    return this.shift(await this.call<LatencySummary>({ method: 'window', params: { ranges } }));
  }

  private shift(summary: LatencySummary): LatencySummary {
    const by = (value: number) => value - this.offset;
    return { ...summary, p50: by(summary.p50), p90: by(summary.p90), p99: by(summary.p99), p999: by(summary.p999), max: by(summary.max), mean: by(summary.mean) };
  }

  /** The fleet's counts, with delays on this process's clock. */
  async report(size: number): Promise<FleetReport> {
    const report = await this.call<FleetReport>({ method: 'report', params: { size } });
    return { ...report, latency: this.shift(report.latency), timeline: report.timeline.map((step) => step && this.shift(step)) };
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call({ method: 'shutdown' }, 5000).catch(() => this.child.kill());
    await exited;
  }
}
