import { ChildRpc, clockOffset } from '../child-rpc.ts';
import type { LatencySummary } from '../stream/fleet-protocol.ts';
import type { XmppConnectParams, XmppFleetCall, XmppFleetReport } from './xmpp-fleet-protocol.ts';

/**
 * The benchmark's side of the XMPP fleet (xmpp-fleet-child.ts), as stream/fleet.ts is for the
 * cell's: the fleet's clock is compared with this process's once, and its delays corrected by
 * the measured offset.
 */
export class XmppFleet {
  /** The fleet's clock minus this process's clock, in ms. */
  offset = 0;
  /** Half the round trip of the best clock sample: the offset's uncertainty, in ms. */
  offsetError = 0;

  private constructor(private readonly rpc: ChildRpc<XmppFleetCall>) {}

  static async start(): Promise<XmppFleet> {
    const fleet = new XmppFleet(ChildRpc.fork<XmppFleetCall>(new URL('./xmpp-fleet-child.ts', import.meta.url), 'xmpp fleet'));
    await fleet.calibrate();
    return fleet;
  }

  private call<T>(call: XmppFleetCall, timeoutMs?: number): Promise<T> {
    return this.rpc.call<T>(call, timeoutMs);
  }

  async calibrate(): Promise<void> {
    const { offset, error } = await clockOffset(() => this.call<number>({ method: 'clock' }));
    this.offset = offset;
    this.offsetError = error;
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

  close(): Promise<void> {
    return this.rpc.close({ method: 'shutdown' });
  }

}
