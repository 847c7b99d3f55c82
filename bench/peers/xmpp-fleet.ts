import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LatencySummary } from '../stream/fleet-protocol.ts';
import type { XmppConnectParams, XmppFleetCall, XmppFleetReport, XmppFleetRequest, XmppFleetResponse } from './xmpp-fleet-protocol.ts';

const now = () => performance.timeOrigin + performance.now();

/**
 * The benchmark's side of the XMPP fleet (xmpp-fleet-child.ts), as stream/fleet.ts is for the
 * cell's: the fleet's clock is compared with this process's once, and its delays corrected by
 * the measured offset.
 */
export class XmppFleet {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  /** The fleet's clock minus this process's clock, in ms. */
  offset = 0;
  /** Half the round trip of the best clock sample: the offset's uncertainty, in ms. */
  offsetError = 0;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (response: XmppFleetResponse) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if (response.ok) waiting.resolve(response.result);
      else waiting.reject(new Error(`xmpp fleet: ${response.error}`));
    });
    child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the XMPP fleet exited (${code})`));
      this.pending.clear();
    });
  }

  static async start(): Promise<XmppFleet> {
    const child = fork(fileURLToPath(new URL('./xmpp-fleet-child.ts', import.meta.url)), [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const fleet = new XmppFleet(child);
    await fleet.calibrate();
    return fleet;
  }

  private call<T>(call: XmppFleetCall, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`xmpp fleet: ${call.method} took more than ${timeoutMs} ms`));
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
      this.child.send({ ...call, id } satisfies XmppFleetRequest);
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

  /** Logs every member in and into the room; 600 members joining one by one take a while. */
  connect(params: XmppConnectParams, timeoutMs: number): Promise<{ connected: number; ms: number }> {
    return this.call({ method: 'connect', params }, timeoutMs);
  }

  waitFor(count: number, timeoutMs: number): Promise<{ complete: boolean; lagging: number; ms: number }> {
    return this.call({ method: 'waitFor', params: { count, timeoutMs } }, timeoutMs + 10_000);
  }

  /**
   * The fleet's counts, with delays on this process's clock; messages that never arrived are
   * counted in `latencyWithMissing` as arriving at `censorAt` (this process's clock).
   */
  async report(count: number, dues: number[], censorAt: number): Promise<XmppFleetReport> {
    const report = await this.call<XmppFleetReport>({ method: 'report', params: { count, dues, censorAt: censorAt + this.offset } });
    return { ...report, latency: this.shift(report.latency), latencyWithMissing: this.shift(report.latencyWithMissing) };
  }

  /** From the fleet's clock to this process's; no delay at all (NaN, sent as null) stays NaN. */
  private shift(summary: LatencySummary): LatencySummary {
    const by = (value: number | null) => (value === null ? NaN : value - this.offset);
    return { count: summary.count, p50: by(summary.p50), p90: by(summary.p90), p99: by(summary.p99), p999: by(summary.p999), max: by(summary.max), mean: by(summary.mean) };
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call({ method: 'shutdown' }, 5000).catch(() => this.child.kill());
    await exited;
  }
}
