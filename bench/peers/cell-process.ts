// The cell as the peer runs: `fusion-cell serve --demo` in a process of its own (SQLite in a
// temporary directory), as `npm start` runs it (../production-server.ts), so that the CPU and
// memory read from /proc are the server's alone, and those of the server users run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from '../../packages/server/test/support/api-client.ts';
import { ChildServer, readDemoLogins, type DemoLoginFile } from '../../packages/server/test/support/child-server.ts';
import { SigningClient } from '../../packages/server/test/support/signing-client.ts';
import type { ClientSpec } from '../stream/fleet-protocol.ts';
import { productionServer } from '../production-server.ts';

/** The member who sends: a side's duty officer, who may write messages in plenary. */
const SENDER = 'sy.duty1';

export class CellProcess {
  private constructor(
    private readonly server: ChildServer,
    private readonly dataDir: string,
    readonly pid: number,
    private readonly logins: DemoLoginFile[],
  ) {}

  static async start(): Promise<CellProcess> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-peer-cell-'));
    let server: ChildServer | undefined;
    try {
      server = await ChildServer.start({ dataDir, startTimeoutMs: 120_000, command: productionServer() });
      const pid = server.pid;
      if (pid === undefined) throw new Error('the server process has no pid');
      return new CellProcess(server, dataDir, pid, readDemoLogins(dataDir));
    } catch (error) {
      await server?.kill();
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  get url(): string {
    return this.server.url;
  }

  get streamUrl(): string {
    return `${this.url.replace(/^http/, 'ws')}/api/v1/stream`;
  }

  get alive(): boolean {
    return this.server.alive;
  }

  recentOutput(): string {
    return this.server.recentOutput;
  }

  /** Every demo member logged in once: `count` stream clients share their sessions evenly. */
  async streamClients(count: number): Promise<ClientSpec[]> {
    const cookies: string[] = [];
    for (const login of this.logins) {
      const member = new ApiClient(this.url);
      await member.login(login.username, login.password);
      if (!member.sessionCookie) throw new Error(`login ${login.username}: no session cookie`);
      cookies.push(member.sessionCookie);
    }
    return Array.from({ length: count }, (_, n) => ({ headers: { cookie: cookies[n % cookies.length] as string, origin: this.url } }));
  }

  /** The sending member, logged in with a device registered (and approved: the demo approves them). */
  async sender(): Promise<SigningClient> {
    const login = this.logins.find((candidate) => candidate.username === SENDER);
    if (!login) throw new Error(`the demo has no ${SENDER}`);
    return SigningClient.open(this.url, login.username, login.password);
  }

  /** The size of a compartment's log, as its member sees it. */
  async logSize(member: ApiClient, compartment: string): Promise<number> {
    const answer = await member.get('/api/v1/record');
    const log = (answer.body as { compartments?: Array<{ id: string; size: number }> }).compartments?.find((candidate) => candidate.id === compartment);
    if (answer.status !== 200 || !log) throw new Error(`GET /api/v1/record: ${answer.status}`);
    return log.size;
  }

  /** Kills the server (nothing it holds is kept) and removes its directory. */
  async stop(): Promise<void> {
    await this.server.kill();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
