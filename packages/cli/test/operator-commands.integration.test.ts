import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../../../test-support/environment.ts';
import { runCli } from './run-cli.ts';

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

const engines = [{ engine: 'sqlite' }, ...((await postgresAvailable()) ? [{ engine: 'postgres' }] : [])];

describe.each(engines)('fusion-cell member and device on $engine', ({ engine }) => {
  let databaseArgs: string[];
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    dropDatabase = undefined;
    databaseArgs = ['--data-dir', dataDir];
    if (engine === 'postgres') {
      const database = await createTestDatabase('fc_cli');
      databaseArgs = ['--database-url', database.url];
      dropDatabase = database.drop;
    }
    expect((await runCli(['init', DEMO, ...databaseArgs, '--logins', path.join(dataDir, 'logins.json')])).code).toBe(0);
  });

  afterEach(async () => {
    await dropDatabase?.();
  });

  it('adds, lists, disables and enables members', async () => {
    const added = await runCli(['member', 'add', ...databaseArgs, '--party', 'il', '--username', 'il.duty3', '--display-name', 'Night watch', '--roles', 'duty,translator', '--password-stdin'], {
      input: 'a long enough password\n',
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).not.toMatch(/Password/);
    const listed = JSON.parse((await runCli(['member', 'list', ...databaseArgs, '--party', 'il', '--json'])).stdout);
    expect(listed.find((row: { username: string }) => row.username === 'il.duty3')).toEqual({ party: 'il', username: 'il.duty3', name: 'Night watch', roles: 'duty,translator', status: 'active' });
    expect((await runCli(['member', 'disable', ...databaseArgs, 'il.duty3'])).stdout).toMatch(/disabled/);
    expect((await runCli(['member', 'enable', ...databaseArgs, 'il.duty3'])).stdout).toMatch(/active/);
  });

  it('explains bad arguments', async () => {
    const badRole = await runCli(['member', 'add', ...databaseArgs, '--party', 'il', '--username', 'il.x', '--display-name', 'X', '--roles', 'spy']);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/unknown role "spy"/);
    const unknown = await runCli(['member', 'disable', ...databaseArgs, 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/member "nobody" not found/);
    const badDevice = await runCli(['device', 'approve', ...databaseArgs, 'd_missing']);
    expect(badDevice.code).toBe(1);
  });

  it('lists devices (none yet)', async () => {
    const listed = await runCli(['device', 'list', ...databaseArgs, '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });
});

describe('operator commands where there is no database', () => {
  it('refuse to create one, naming where they looked, for every command but init and serve', async () => {
    const expected = path.join(dataDir, 'data', 'fusion-cell.sqlite');
    for (const command of [['member', 'list'], ['device', 'list'], ['rebuild', '--check']]) {
      // Run from an empty folder without --data-dir: the default ./data is not the server's.
      const refused = await runCli(command, { cwd: dataDir });
      expect(refused.code, command.join(' ')).toBe(1);
      expect(refused.stdout).not.toMatch(/\(none\)/);
      expect(refused.stderr).toContain(`no database at ${expected}`);
      expect(refused.stderr).toMatch(/--data-dir/);
    }
    const elsewhere = path.join(dataDir, 'nowhere');
    const named = await runCli(['member', 'list', '--data-dir', elsewhere]);
    expect(named.code).toBe(1);
    expect(named.stderr).toContain(`no database at ${path.join(elsewhere, 'fusion-cell.sqlite')}`);
    expect(fs.existsSync(path.join(dataDir, 'data'))).toBe(false);
    expect(fs.existsSync(elsewhere)).toBe(false);

    // init still creates it, and then the operator's commands find it.
    expect((await runCli(['init', DEMO, '--data-dir', elsewhere])).code).toBe(0);
    const listed = await runCli(['member', 'list', '--data-dir', elsewhere, '--party', 'sy']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/sy\.duty1/);
    // Six command-line processes one after another, one of them initialising a cell.
  }, 90_000);

  it.runIf(engines.some((candidate) => candidate.engine === 'postgres'))('refuse a PostgreSQL database the server never set up, and leave it so', async () => {
    const database = await createTestDatabase('fc_cli_empty');
    try {
      const refused = await runCli(['member', 'list', '--database-url', database.url]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/no database at postgres:\/\/.*fc_cli_empty/);
      // Nothing was migrated into it: asked again, it is still not the server's.
      expect((await runCli(['device', 'list', '--database-url', database.url])).stderr).toMatch(/no database at postgres:/);
    } finally {
      await database.drop();
    }
  });
});
