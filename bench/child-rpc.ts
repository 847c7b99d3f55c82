import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LatencySummary } from './stream/fleet-protocol.ts';

/** What a child answers to a call, by the call's id. */
export type RpcResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * The benchmark's side of a helper process (a client fleet, a crowd of members), loaded from
 * TypeScript like the benchmark and driven over IPC: each call carries an id, is answered once,
 * and fails when it takes too long or the process exits first.
 */
export class ChildRpc<Call extends { method: string }> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(
    readonly child: ChildProcess,
    private readonly name: string,
  ) {
    child.on('message', (response: RpcResponse) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if (response.ok) waiting.resolve(response.result);
      else waiting.reject(new Error(`${name}: ${response.error}`));
    });
    child.on('exit', (code, signal) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the ${name} process exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  /**
   * Forks `module` (a URL, relative to the caller's). `advanced` serialization keeps NaN (a
   * percentile of nothing) a number across IPC instead of null.
   */
  static fork<Call extends { method: string }>(module: URL, name: string, serialization: 'json' | 'advanced' = 'json'): ChildRpc<Call> {
    const child = fork(fileURLToPath(module), [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization,
    });
    return new ChildRpc<Call>(child, name);
  }

  call<T>(call: Call, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${call.method} took more than ${timeoutMs} ms`));
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
      this.child.send({ ...call, id });
    });
  }

  /** Asks the process to stop with the call given, killing it if it does not answer in 5 s; resolves once it exited. */
  async close(shutdown: Call): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call(shutdown, 5000).catch(() => this.child.kill());
    await exited;
  }
}

/**
 * NTP-style: another process's clock minus this one's, from the sample with the shortest round
 * trip; `error` is half that round trip, the offset's uncertainty (ms).
 */
export async function clockOffset(theirClock: () => Promise<number>, samples = 40): Promise<{ offset: number; error: number }> {
  const now = () => performance.timeOrigin + performance.now();
  let best = Infinity;
  let offset = 0;
  for (let n = 0; n < samples; n++) {
    const sent = now();
    const theirs = await theirClock();
    const back = now();
    if (back - sent < best) {
      best = back - sent;
      offset = theirs - (sent + back) / 2;
    }
  }
  return { offset, error: best / 2 };
}

/**
 * The helper process's side: answers each call with what `handle` returns (or the error's
 * stack), and exits when the benchmark goes away, since nobody is left to read its answers.
 */
export function serveRpc<Request extends { id: number }>(handle: (request: Request) => Promise<unknown>): void {
  process.on('message', (request: Request) => {
    handle(request).then(
      (result) => process.send?.({ id: request.id, ok: true, result } satisfies RpcResponse),
      (error: unknown) => process.send?.({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RpcResponse),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

/**
 * A client fleet in a helper process whose clock is compared with this one's, so the delays
 * it measures can be read on this process's clock.
 */
export abstract class ClockedFleet<Call extends { method: string }> {
  /** The fleet's clock minus this process's clock, in ms. */
  offset = 0;
  /** Half the round trip of the best clock sample: the offset's uncertainty, in ms. */
  offsetError = 0;

  protected constructor(protected readonly rpc: ChildRpc<Call>) {}

  protected call<T>(call: Call, timeoutMs?: number): Promise<T> {
    return this.rpc.call<T>(call, timeoutMs);
  }

  /** Delays measured on the fleet's clock, on this process's; none at all (NaN, sent as null) stays NaN. */
  protected shift(summary: LatencySummary): LatencySummary {
    const by = (value: number | null) => (value === null ? NaN : value - this.offset);
    return { count: summary.count, p50: by(summary.p50), p90: by(summary.p90), p99: by(summary.p99), p999: by(summary.p999), max: by(summary.max), mean: by(summary.mean) };
  }

  /** Asks the fleet's clock (`clockCall`) and keeps the offset of the quickest answer. */
  protected async calibrateWith(clockCall: Call): Promise<void> {
    const { offset, error } = await clockOffset(() => this.call<number>(clockCall));
    this.offset = offset;
    this.offsetError = error;
  }
}
