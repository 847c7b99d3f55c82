import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
