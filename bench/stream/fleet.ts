import { ChildRpc, ClockedFleet } from '../child-rpc.ts';
import type { ConnectParams, FleetCall, FleetReport, LatencySummary } from './fleet-protocol.ts';

/**
 * The benchmark's side of a client fleet (fleet-child.ts) in a child process. Times sent in
 * items are read on this process's clock; the fleet's clock is compared with it once, so its
 * delays are corrected by the measured offset.
 */
export class Fleet extends ClockedFleet<FleetCall> {
  static async start(): Promise<Fleet> {
    const fleet = new Fleet(ChildRpc.fork<FleetCall>(new URL('./fleet-child.ts', import.meta.url), 'fleet'));
    await fleet.calibrate();
    return fleet;
  }

  calibrate(): Promise<void> {
    return this.calibrateWith({ method: 'clock' });
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

  /** The fleet's counts, with delays on this process's clock. */
  async report(size: number): Promise<FleetReport> {
    const report = await this.call<FleetReport>({ method: 'report', params: { size } });
    return { ...report, latency: this.shift(report.latency), timeline: report.timeline.map((step) => step && this.shift(step)) };
  }

  close(): Promise<void> {
    return this.rpc.close({ method: 'shutdown' });
  }

}
