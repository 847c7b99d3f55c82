import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startCliServer } from './run-cli.ts';

const DEMO = fileURLToPathSafe('../../../scenarios/paris-2026.json');

function fileURLToPathSafe(relative: string): string {
  return new URL(relative, import.meta.url).pathname;
}

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-cli-'));
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('fusion-cell init', () => {
  it('refuses a scenario with a mistake, naming the path of the bad field, and changes nothing', async () => {
    const scenario = JSON.parse(fs.readFileSync(DEMO, 'utf8'));
    scenario.members[2].roles = ['general'];
    scenario.parties[0].kind = 'ally';
    const file = path.join(dataDir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(scenario));
    const result = await runCli(['init', file, '--data-dir', path.join(dataDir, 'db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/members\[2\]\.roles\[0\]/);
    expect(result.stderr).toMatch(/parties\[0\]\.kind/);
    expect(fs.existsSync(path.join(dataDir, 'db'))).toBe(false);
  });

  it('refuses a file that is not JSON', async () => {
    const file = path.join(dataDir, 'broken.json');
    fs.writeFileSync(file, '{ "format": ');
    const result = await runCli(['init', file, '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not valid JSON/);
  });

  it('initialises once, writes the logins readable by the owner only, and refuses a second time', async () => {
    const first = await runCli(['init', DEMO, '--data-dir', dataDir]);
    expect(first.code, first.stderr).toBe(0);
    const loginsFile = path.join(dataDir, 'logins.json');
    expect(fs.statSync(loginsFile).mode & 0o777).toBe(0o600);
    const logins = JSON.parse(fs.readFileSync(loginsFile, 'utf8'));
    expect(logins).toHaveLength(18);
    expect(logins[0]).toEqual({ party: 'sy', username: 'sy.head', password: expect.any(String), roles: ['head'] });
    expect(first.stdout).toContain(logins[0].password);
    const second = await runCli(['init', DEMO, '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already holds a cell/);
  });
});

describe('fusion-cell serve', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('initialises the demo, prints the URL and logins, and exits 0 on %s', async (signal) => {
    const server = await startCliServer(['--demo', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', db: 'sqlite' });
    expect(server.output()).toMatch(/sy\.duty1 +\S{16} +duty/);
    const logins = path.join(dataDir, 'demo-logins.json');
    expect(fs.statSync(logins).mode & 0o777).toBe(0o600);
    server.child.kill(signal);
    expect(await server.exited).toBe(0);
  });

  it('starts again on the same data without initialising twice, and says where the logins are instead of printing them', async () => {
    const first = await startCliServer(['--demo', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
    first.child.kill('SIGTERM');
    await first.exited;
    const before = fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8');
    const second = await startCliServer(['--demo', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
    expect(second.output()).toContain(`The demo logins are in ${path.join(dataDir, 'demo-logins.json')}`);
    for (const login of JSON.parse(before) as Array<{ password: string }>) expect(second.output()).not.toContain(login.password);
    expect(fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')).toBe(before);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

describe('fusion-cell rebuild', () => {
  // A server's start and stop, then four runs of the command line, each replaying the demo's logs.
  it('finds the stored state equal to the rebuilt one, reports a difference, and repairs it', { timeout: 90_000 }, async () => {
    const server = await startCliServer(['--demo', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn']);
    server.child.kill('SIGTERM');
    await server.exited;
    const clean = await runCli(['rebuild', '--check', '--data-dir', dataDir]);
    expect(clean.code, clean.stderr).toBe(0);
    // The demo's history: messages, an explanation request and the cell's finding on it, glossary terms and their signatures,
    // then zones and their signatures, notices, an incident and a position, with the cell's findings on each; then the
    // intelligence and commercial tracks' reports, requests, opportunities and their answers; then a round of talks, its
    // minutes agreed, a commitment and a draft joint statement.
    expect(clean.stdout).toMatch(/Replayed 64 log entries/);
    expect(clean.stdout).toMatch(/exactly what the logs give/);

    const database = new Database(path.join(dataDir, 'fusion-cell.sqlite'));
    database.prepare("update items set track = 'commercial' where compartment_id = 'plenary' and idx = 1").run();
    const reference = database.prepare('select item_id, referenced_id from item_references order by item_id limit 1').get() as { item_id: string; referenced_id: string };
    database.prepare('delete from item_references where item_id = ? and referenced_id = ?').run(reference.item_id, reference.referenced_id);
    database.close();
    const dirty = await runCli(['rebuild', '--check', '--json', '--data-dir', dataDir]);
    expect(dirty.code).toBe(1);
    const report = JSON.parse(dirty.stdout);
    expect(report.differences).toEqual([
      expect.objectContaining({ table: 'items', problem: 'different', stored: expect.objectContaining({ track: 'commercial' }), rebuilt: expect.objectContaining({ track: 'general' }) }),
      expect.objectContaining({ table: 'item_references', problem: 'missing', key: `${reference.item_id}/${reference.referenced_id}` }),
    ]);
    expect((await runCli(['rebuild', '--repair', '--data-dir', dataDir])).stdout).toMatch(/Repaired: 2 difference/);
    expect((await runCli(['rebuild', '--data-dir', dataDir])).code).toBe(0);
  });
});
