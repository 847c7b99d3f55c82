// The hotline from the command line: raise an alert, see it in the other side's inbox,
// acknowledge it — as a desk without a browser, or a script, would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, output, testClient, type TestClient } from './client-fixtures.ts';
import { startCliServer } from './run-cli.ts';

let root: string;
let dataDir: string;
let server: Awaited<ReturnType<typeof startCliServer>>;
let sy: TestClient;
let il: TestClient;

async function login(client: TestClient): Promise<void> {
  const { password } = demoLogins(dataDir).find((entry) => entry.username === client.username)!;
  const result = await client.run(['login', '--server', server.url, '--username', client.username, '--password-stdin'], `${password}\n`);
  expect(result.code, output(result)).toBe(0);
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-watch-'));
  dataDir = path.join(root, 'data');
  server = await startCliServer(['--demo', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
  sy = testClient(root, 'sy.duty1');
  il = testClient(root, 'il.duty1');
  await login(sy);
  await login(il);
});

afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  fs.rmSync(root, { recursive: true, force: true });
});

describe('fusion-cell alert, inbox and ack', () => {
  it('raises an alert that the other side sees in its inbox and acknowledges once', async () => {
    const raised = await sy.run(['alert', '--compartment', 'plenary', '--title', 'Shots near crossing 3', '--severity', 'flash', '--json']);
    expect(raised.code, output(raised)).toBe(0);
    const alert = JSON.parse(raised.stdout);

    const inbox = await il.run(['inbox', '--json']);
    const owed = JSON.parse(inbox.stdout).entries.find((entry: { item: string }) => entry.item === alert.id);
    expect(owed).toMatchObject({ type: 'alert', required: 'received', urgent: true, party: 'il' });
    expect((await il.run(['inbox'])).stdout).toMatch(/URGENT +il +ack received +alert +plenary/);

    const acked = await il.run(['ack', '--item', alert.id, '--level', 'understood', '--read-back', 'Shots at crossing 3, we check.']);
    expect(acked.code, output(acked)).toBe(0);
    expect(acked.stdout).toMatch(/Acknowledged \(understood\)/);
    expect(JSON.parse((await il.run(['inbox', '--json'])).stdout).entries.some((entry: { item: string }) => entry.item === alert.id)).toBe(false);

    const again = await il.run(['ack', '--item', alert.id, '--level', 'received']);
    expect(again.code).toBe(1);
    expect(output(again)).toMatch(/already acknowledged/);
  });

  it('explains a contest without its reason, and an unknown level', async () => {
    const contest = await il.run(['ack', '--item', 'A'.repeat(43), '--level', 'contested']);
    expect(contest.code).toBe(1);
    expect(output(contest)).toMatch(/reason/);
    const unknown = await il.run(['ack', '--item', 'A'.repeat(43), '--level', 'seen']);
    expect(unknown.code).not.toBe(0);
    expect(output(unknown)).toMatch(/unknown level "seen"/);
  });

  it('keeps the overdue view for supervisors', async () => {
    const refused = await il.run(['inbox', '--overdue']);
    expect(refused.code).toBe(1);
    expect(output(refused)).toMatch(/supervisors/);
  });
});
