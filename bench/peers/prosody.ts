// Prosody, the XMPP server the cell is compared with, started for one measurement and removed
// afterwards: a configuration generated in a temporary directory, loopback only, accounts
// written before it starts. Nothing is installed here; README.md says how to install it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { prosodyConfiguration, type PeerStorage } from './prosody-config.ts';

const PROSODY = '/usr/bin/prosody';
/** The Debian package the benchmark expects; its README says how to install it. */
const PROSODY_MISSING = `Prosody is not installed (${PROSODY} not found): apt-get install prosody (see bench/peers/README.md)`;
export const XMPP_DOMAIN = 'localhost';
export const MUC_DOMAIN = `rooms.${XMPP_DOMAIN}`;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const KEPT_OUTPUT_CHARS = 8_000;

export interface ProsodyOptions {
  /** Accounts member0 … member<n-1>, all with {@link Prosody.password}. */
  accounts: number;
  /** Where the room's archive is kept (see prosody-config.ts). */
  storage: PeerStorage;
}

/** Why Prosody cannot be measured on this machine, or undefined when it can. */
export function prosodyMissing(): string | undefined {
  return fs.existsSync(PROSODY) ? undefined : PROSODY_MISSING;
}

/** A running Prosody with its own directory, data, log and pid file. */
export class Prosody {
  readonly password = 'bench-password';
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly directory: string,
    readonly port: number,
    /** The server process, from its pid file: what CPU and memory are read from. */
    readonly pid: number,
    readonly storage: PeerStorage,
    private readonly exited: Promise<void>,
  ) {}

  /** xmpp://127.0.0.1:<port>, the address clients connect to. */
  get service(): string {
    return `xmpp://127.0.0.1:${this.port}`;
  }

  /** The bare JID of a room on the MUC component. */
  roomJid(name: string): string {
    return `${name}@${MUC_DOMAIN}`;
  }

  username(member: number): string {
    return `member${member}`;
  }

  static async start(options: ProsodyOptions): Promise<Prosody> {
    const missing = prosodyMissing();
    if (missing) throw new Error(missing);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-prosody-'));
    let child: ChildProcess | undefined;
    try {
      const port = await freePort();
      const dataPath = path.join(directory, 'data');
      const files = {
        config: path.join(directory, 'prosody.cfg.lua'),
        pid: path.join(directory, 'prosody.pid'),
        log: path.join(directory, 'prosody.log'),
        archive: path.join(dataPath, 'rooms.sqlite'),
        certificates: path.join(directory, 'certs'),
      };
      fs.mkdirSync(dataPath, { recursive: true });
      // Empty: no TLS; it exists so that Prosody finds the directory it indexes at start-up.
      fs.mkdirSync(files.certificates);
      fs.writeFileSync(files.config, prosodyConfiguration({ port, dataPath, pidFile: files.pid, certificates: files.certificates, logFile: files.log, archiveFile: files.archive, storage: options.storage, domain: XMPP_DOMAIN, mucDomain: MUC_DOMAIN }));
      writeAccounts(dataPath, options.accounts, 'bench-password');
      // -F: in the foreground, so the process we started is the server and dies with the benchmark.
      child = spawn(PROSODY, ['-F', '--config', files.config], { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
      const started = child;
      const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
      let output = '';
      const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS));
      started.stdout?.on('data', keep);
      started.stderr?.on('data', keep);
      const failure = () => `${output}${readTail(files.log)}`.trim() || 'no output';
      let gone = false;
      void exited.then(() => (gone = true));
      await waitUntilListening(port, () => (gone ? `Prosody exited during start-up (code ${started.exitCode}): ${failure()}` : undefined));
      // Its client port may open a moment before its pid file is written.
      const pid = await readPidFile(files.pid, () => (gone ? `Prosody exited during start-up (code ${started.exitCode}): ${failure()}` : undefined));
      const server = new Prosody(started, directory, port, pid, options.storage, exited);
      server.output = output;
      started.stdout?.on('data', (chunk: Buffer) => server.keep(chunk));
      started.stderr?.on('data', (chunk: Buffer) => server.keep(chunk));
      return server;
    } catch (error) {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(directory, { recursive: true, force: true });
      throw error;
    }
  }

  private keep(chunk: Buffer): void {
    this.output = (this.output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the server said (its output and the end of its log), for a failure message. */
  recentOutput(): string {
    return `${this.output}${readTail(path.join(this.directory, 'prosody.log'))}`;
  }

  /** SIGTERM (Prosody closes its sessions and storage), SIGKILL if it lingers; then the directory goes. */
  async stop(): Promise<void> {
    if (this.alive) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await this.exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.directory, { recursive: true, force: true });
  }
}

/**
 * The accounts as the internal storage keeps them (`<data>/<host>/accounts/<user>.dat`, a Lua
 * table with the password, as `internal_plain` authentication reads it). Written directly,
 * 600 accounts take milliseconds, where a `prosodyctl register` each would take minutes.
 */
function writeAccounts(dataPath: string, count: number, password: string): void {
  // The storage escapes every non-alphanumeric character of a host name as %xx.
  const accounts = path.join(dataPath, encodeStoreName(XMPP_DOMAIN), 'accounts');
  fs.mkdirSync(accounts, { recursive: true });
  const record = `return {\n\t["password"] = ${JSON.stringify(password)};\n};\n`;
  for (let n = 0; n < count; n++) fs.writeFileSync(path.join(accounts, `member${n}.dat`), record);
}

function encodeStoreName(name: string): string {
  return name.replace(/\W/g, (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A port free on loopback now (the server binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Tries to connect until the port answers; `failed()` names a reason to stop trying. */
async function waitUntilListening(port: number, failed: () => string | undefined): Promise<void> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    const reason = failed();
    if (reason) throw new Error(reason);
    if (await answers(port)) return;
    if (performance.now() > deadline) throw new Error(`Prosody did not listen on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readPidFile(file: string, failed: () => string | undefined): Promise<number> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    const reason = failed();
    if (reason) throw new Error(reason);
    const pid = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : NaN;
    if (pid > 0) return pid;
    if (performance.now() > deadline) throw new Error(`Prosody wrote no pid file within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function readTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-KEPT_OUTPUT_CHARS / 2);
  } catch {
    return '';
  }
}
