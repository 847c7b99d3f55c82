// Helpers for the client tests: homes per member, logins from the demo file, and the
// operator's view of the SQLite file for tests that play a dishonest server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  appendLeaf,
  base64Encode,
  EMPTY_FRONTIER,
  leafHash,
  rootFromFrontier,
  utf8Encode,
  type PerfectNode,
} from '@fusion-cell/record';
import { runCli, startCliServer, type CliResult } from './run-cli.ts';

export interface DemoLogin {
  party: string;
  username: string;
  password: string;
  roles: string[];
}

export function demoLogins(dataDir: string): DemoLogin[] {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')) as DemoLogin[];
}

/** A client of one member: its own home directory, and the command line run in it. */
export interface TestClient {
  username: string;
  home: string;
  run(args: string[], input?: string): Promise<CliResult>;
  state(): { server: string; cell: string; party: string; session: string | null; device: { id: string; keyFile: string; status: string }; logKeys: Record<string, string> };
}

export function testClient(root: string, username: string): TestClient {
  const home = path.join(root, `home-${username}`);
  return {
    username,
    home,
    // The environment variable is cleared so that only --home decides where state goes.
    run: (args, input) => runCli([...args, '--home', home], { env: { FUSION_CELL_HOME: '' }, ...(input !== undefined ? { input } : {}) }),
    state: () => JSON.parse(fs.readFileSync(path.join(home, 'state.json'), 'utf8')),
  };
}

/** A demo cell that `fusion-cell serve` runs, with members logged in from homes of their own. */
export interface LoggedInCell {
  url: string;
  clients: TestClient[];
  close(): Promise<void>;
}

export async function startLoggedInCell(prefix: string, usernames: string[]): Promise<LoggedInCell> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(root, 'data');
  const server = await startCliServer(['--demo', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
  const clients = usernames.map((username) => testClient(root, username));
  for (const client of clients) {
    const { password } = demoLogins(dataDir).find((entry) => entry.username === client.username)!;
    const result = await client.run(['login', '--server', server.url, '--username', client.username, '--password-stdin'], `${password}\n`);
    if (result.code !== 0) throw new Error(`logging in ${client.username}: ${output(result)}`);
  }
  return {
    url: server.url,
    clients,
    close: async () => {
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Output of a command for assertion messages. */
export function output(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** GET with a client's session, as the test's own eyes on the server. */
export async function getWithSession(client: TestClient, pathname: string): Promise<any> {
  const { server, session } = client.state();
  const response = await fetch(`${server}${pathname}`, { headers: { cookie: `fc_session=${session}` } });
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * What a dishonest operator with the database in hand does to give one compartment another
 * history that holds together: replace one entry's leaf, recompute every Merkle node and the
 * head from the leaves, move the derived item row to the new id, and drop the checkpoints and
 * cosignatures of the old history so the server signs the new one afresh when it restarts.
 */
export function rewriteLogEntry(dataDir: string, compartment: string, index: number, newLeaf: string): { oldId: string; newId: string } {
  const db = new Database(path.join(dataDir, 'fusion-cell.sqlite'));
  try {
    return db.transaction(() => {
      const old = db.prepare('select item_id from log_entries where compartment_id = ? and idx = ?').get(compartment, index) as { item_id: string };
      const hash = leafHash(utf8Encode(newLeaf));
      const newId = Buffer.from(hash).toString('base64url');
      db.prepare('update log_entries set leaf = ?, item_id = ? where compartment_id = ? and idx = ?').run(newLeaf, newId, compartment, index);
      db.prepare('update items set id = ? where id = ?').run(newId, old.item_id);

      const leaves = db.prepare('select leaf from log_entries where compartment_id = ? order by idx').all(compartment) as Array<{ leaf: string }>;
      let frontier = EMPTY_FRONTIER;
      const nodes: PerfectNode[] = [];
      for (const { leaf } of leaves) {
        const appended = appendLeaf(frontier, leafHash(utf8Encode(leaf)));
        frontier = appended.frontier;
        nodes.push(...appended.nodes);
      }
      db.prepare('delete from log_nodes where compartment_id = ?').run(compartment);
      const insert = db.prepare('insert into log_nodes (compartment_id, level, idx, hash) values (?, ?, ?, ?)');
      for (const node of nodes) insert.run(compartment, node.level, node.index, Buffer.from(node.hash));
      db.prepare('update log_heads set size = ?, root_hash = ? where compartment_id = ?').run(frontier.size, base64Encode(rootFromFrontier(frontier)), compartment);
      db.prepare('delete from cosignatures where compartment_id = ?').run(compartment);
      db.prepare('delete from checkpoints where compartment_id = ?').run(compartment);
      return { oldId: old.item_id, newId };
    })();
  } finally {
    db.close();
  }
}
