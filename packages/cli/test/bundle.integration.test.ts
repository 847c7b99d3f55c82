import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliServer } from './run-cli.ts';

const run = promisify(execFile);
const CLI_PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = path.join(CLI_PACKAGE, 'dist', 'fusion-cell.js');

let dataDir: string;

// What `npm start` runs is the bundle, not the sources the other tests run: build it from the
// sources as they are now, then check that plain Node.js runs it and that every chunk loaded on
// demand (a command, the PDF writer, the mail library…) resolves.
beforeAll(async () => {
  await run(process.execPath, [path.join(CLI_PACKAGE, 'scripts', 'bundle.js')]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fusion-cell-bundle-'));
}, 60_000);

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the command line as npm start runs it', () => {
  it('holds no TypeScript and every chunk of it loads in plain Node.js', async () => {
    const files = fs.readdirSync(path.dirname(BUNDLE)).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(10);
    for (const name of files) expect(fs.readFileSync(path.join(path.dirname(BUNDLE), name), 'utf8'), name).not.toMatch(/from\s*["'][^"']+\.ts["']|import\(["'][^"']+\.ts["']\)/);
    // The entry runs the command line when imported, so only the chunks are imported here.
    const chunks = files.filter((name) => name !== 'fusion-cell.js').map((name) => path.join(path.dirname(BUNDLE), name));
    const script = `for (const file of ${JSON.stringify(chunks)}) await import(file); console.log('loaded', ${chunks.length});`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    expect(stdout.trim()).toBe(`loaded ${chunks.length}`);
  });

  it('prints the version of the package', async () => {
    const { stdout } = await run(process.execPath, [BUNDLE, '--version']);
    const { version } = JSON.parse(fs.readFileSync(path.join(CLI_PACKAGE, 'package.json'), 'utf8')) as { version: string };
    expect(stdout.trim()).toBe(version);
  });

  it('serves the demo cell, its API and the web app, and stops on SIGTERM', async () => {
    const server = await startCliServer(['--demo', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'], {}, BUNDLE);
    try {
      expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: 'ok', db: 'sqlite' });
      const page = await fetch(`${server.url}/`);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await page.text()).toMatch(/<div id="root">/);
      const logins = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')) as Array<{ username: string; password: string }>;
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ username: logins[0]?.username, password: logins[0]?.password }),
      });
      expect(login.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });
});
