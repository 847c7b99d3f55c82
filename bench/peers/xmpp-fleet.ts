import { ChildRpc, ClockedFleet } from '../child-rpc.ts';
import type { XmppConnectParams, XmppFleetCall, XmppFleetReport } from './xmpp-fleet-protocol.ts';

/**
 * The benchmark's side of the XMPP fleet (xmpp-fleet-child.ts), as stream/fleet.ts is for the
 * cell's: the fleet's clock is compared with this process's once, and its delays corrected by
 * the measured offset.
 */
export class XmppFleet extends ClockedFleet<XmppFleetCall> {
  static async start(): Promise<XmppFleet> {
    const fleet = new XmppFleet(ChildRpc.fork<XmppFleetCall>(new URL('./xmpp-fleet-child.ts', import.meta.url), 'xmpp fleet'));
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

  close(): Promise<void> {
    return this.rpc.close({ method: 'shutdown' });
  }

}
