import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));
const COMMAND = path.join(REPOSITORY, 'packages/cli/bin/fusion-cell.js');
const BANNER = /Fusion Cell is running at (\S+)/;
/** Output kept to explain a server that would not start or died on its own. */
const KEPT_OUTPUT_CHARS = 8_000;

export interface ChildServerOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** How long a start may take before it counts as failed (a busy machine is slow). */
  startTimeoutMs?: number;
  /**
   * What runs: by default the sources through `bin/fusion-cell.js`; a benchmark gives the
   * command line as `npm start` runs it (the built script, Node's flags, the environment).
   */
  command?: ServerCommand;
}

/** A way to run `fusion-cell`: the script, Node's flags before it, settings of the environment. */
export interface ServerCommand {
  script: string;
  nodeArgs: string[];
  env: Record<string, string>;
}

export interface DemoLoginFile {
  party: string;
  username: string;
  password: string;
  roles: string[];
}

/** Every child still running, so that a failing test or an interrupted run leaves none behind. */
const running = new Set<ChildProcess>();
/** Set once everything was killed: a run abandoned by a timed-out test must not start another. */
let shutDown = false;

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * The real server, `fusion-cell serve --demo`, in a process of its own that can be killed
 * without warning: what a power cut or the kernel's OOM killer does to a production server.
 */
export class ChildServer {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly exited: Promise<void>,
  ) {}

  /** Starts the server on a free port and resolves once it listens. */
  static async start(options: ChildServerOptions): Promise<ChildServer> {
    if (shutDown) throw new Error('child servers were all killed; no new one starts');
    const command = options.command ?? { script: COMMAND, nodeArgs: [], env: {} };
    const args = [...command.nodeArgs, command.script, 'serve', '--demo', '--data-dir', options.dataDir, '--port', '0', '--log-level', 'warn'];
    if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
    const child = spawn(process.execPath, args, { cwd: REPOSITORY, env: { ...serverEnvironment(), ...command.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    void exited.then(() => running.delete(child));
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the server did not start within ${options.startTimeoutMs ?? 60_000} ms`)), options.startTimeoutMs ?? 60_000);
        const look = () => {
          const found = BANNER.exec(output);
          if (!found?.[1]) return;
          clearTimeout(timer);
          resolve(found[1]);
        };
        child.stdout?.on('data', look);
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`the server exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`));
        });
      });
      const server = new ChildServer(child, url, exited);
      server.output = output;
      child.stdout?.on('data', (chunk: Buffer) => server.keep(chunk));
      child.stderr?.on('data', (chunk: Buffer) => server.keep(chunk));
      return server;
    } catch (error) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${(error as Error).message}; its output:\n${output}`);
    }
  }

  private keep(chunk: Buffer): void {
    this.output = (this.output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
  }

  /** The end of what the server printed, for a failure message. */
  get recentOutput(): string {
    return this.output;
  }

  /** The server's process id, to read its CPU and memory from /proc. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: no handler runs, nothing is drained or flushed. Resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Kills every child server still running: for afterAll, whatever the tests did. */
export async function killAllChildServers(): Promise<void> {
  shutDown = true;
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)));
}

/** The logins `serve --demo` wrote when it initialised the cell. */
export function readDemoLogins(dataDir: string): DemoLoginFile[] {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')) as DemoLoginFile[];
}

/** The caller's environment without the settings the flags choose, so neither overrides the other. */
function serverEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'LOG_LEVEL']) delete env[name];
  return env;
}
