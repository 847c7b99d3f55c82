// `fusion-cell serve` in a process of its own, on a database prepared beforehand, so that its
// CPU and memory can be read from /proc apart from the members and the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerCommand } from '../../packages/server/test/support/child-server.ts';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const BANNER = /Fusion Cell is running at (\S+)/;
/** Output kept to explain a server that would not start or died on its own. */
const KEPT_OUTPUT_CHARS = 8_000;
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

export interface ServerProcessOptions {
  /** How the server runs: as `npm start` runs it, for figures about the server users run. */
  command: ServerCommand;
  dataDir: string;
  databaseUrl?: string | undefined;
  /**
   * Node's own flags for the server alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles` to
   * see where its time goes (the profile is written when it stops).
   */
  nodeArgs?: string[] | undefined;
}

/** One kind of warning or error the server logged: how often, and its first line in full. */
export interface LoggedProblem {
  what: string;
  count: number;
  example: string;
}

export class ServerProcess {
  /** What it printed that is not a JSON log line (its banner, a crash), the end of it. */
  private output = '';
  private readonly problems = new Map<string, LoggedProblem>();
  private address = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  /** Starts a server on a free port and resolves once it listens. */
  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const args = [...options.command.nodeArgs, ...(options.nodeArgs ?? []), options.command.script, 'serve', '--data-dir', options.dataDir, '--port', '0', '--log-level', 'warn'];
    if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
    const env = { ...process.env };
    // The flags choose these; the benchmark's own NODE_OPTIONS (tsx) are not the server's.
    for (const name of ['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'LOG_LEVEL', 'NODE_OPTIONS']) delete env[name];
    const child = spawn(process.execPath, args, { cwd: REPOSITORY, env: { ...env, ...options.command.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const server = new ServerProcess(child, exited);
    child.stderr?.on('data', (chunk: Buffer) => server.keep(chunk.toString('utf8')));
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    try {
      server.address = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the server did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
        lines.on('line', (line) => {
          server.read(line);
          const banner = BANNER.exec(line)?.[1];
          if (!banner) return;
          clearTimeout(timer);
          resolve(banner);
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`the server exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`));
        });
      });
      return server;
    } catch (error) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${(error as Error).message}; its output:\n${server.output}`);
    }
  }

  get url(): string {
    return this.address;
  }

  get pid(): number {
    return this.child.pid ?? NaN;
  }

  /** A line of its standard output: a JSON log line (warnings and errors only, at this level) or other text. */
  private read(line: string): void {
    let entry: { msg?: unknown; err?: { message?: unknown } } | undefined;
    try {
      entry = line.startsWith('{') ? (JSON.parse(line) as typeof entry) : undefined;
    } catch {
      entry = undefined;
    }
    if (!entry) return this.keep(`${line}\n`);
    const what = [entry.msg, entry.err?.message].filter((part) => typeof part === 'string' && part !== '').join(': ') || line.slice(0, 120);
    const known = this.problems.get(what);
    if (known) known.count += 1;
    else this.problems.set(what, { what, count: 1, example: line });
  }

  private keep(text: string): void {
    this.output = (this.output + text).slice(-KEPT_OUTPUT_CHARS);
  }

  /** The end of what it printed that was not a log line. */
  get recentOutput(): string {
    return this.output;
  }

  /** Every kind of warning or error it logged, the most frequent first. */
  get loggedProblems(): LoggedProblem[] {
    return [...this.problems.values()].sort((a, b) => b.count - a.count);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM (the server drains and writes a CPU profile if asked to), SIGKILL if it hangs. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
