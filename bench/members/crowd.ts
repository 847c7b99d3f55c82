import { ChildRpc } from '../child-rpc.ts';
import type { CrowdCall, CrowdSetup, DeliveryCheck, JoinResult, MemberLogin, WindowReport } from './crowd-protocol.ts';

/** The benchmark's side of the crowd of simulated members (crowd-child.ts), in a child process. */
export class Crowd {
  private constructor(private readonly rpc: ChildRpc<CrowdCall>) {}

  static async start(setup: CrowdSetup): Promise<Crowd> {
    const crowd = new Crowd(ChildRpc.fork<CrowdCall>(new URL('./crowd-child.ts', import.meta.url), 'crowd', 'advanced'));
    await crowd.call({ method: 'setup', params: setup });
    return crowd;
  }

  /** For /proc: the crowd's CPU shares the machine with the servers. */
  get pid(): number {
    return this.rpc.child.pid ?? NaN;
  }

  private call<T>(call: CrowdCall, timeoutMs?: number): Promise<T> {
    return this.rpc.call<T>(call, timeoutMs);
  }

  join(logins: Array<MemberLogin & { index: number }>, spreadMs: number, timeoutMs: number): Promise<JoinResult> {
    return this.call({ method: 'join', params: { logins, spreadMs } }, timeoutMs);
  }

  /** Starts a window: what the crowd counted so far is dropped. */
  mark(): Promise<void> {
    return this.call({ method: 'mark' });
  }

  /** What the crowd counted since the last mark or report. */
  report(): Promise<WindowReport> {
    return this.call({ method: 'report' });
  }

  checkDelivery(graceMs: number): Promise<DeliveryCheck> {
    return this.call({ method: 'checkDelivery', params: { graceMs } }, graceMs + 30_000);
  }

  close(): Promise<void> {
    return this.rpc.close({ method: 'shutdown' });
  }

}
