// The server as `npm start` runs it: the command line built into plain JavaScript, with the
// Node.js flags and environment of the `start` script. Benchmarks that weigh the server's CPU
// and memory measure this, not the sources run through the TypeScript loader of the tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerCommand } from '../packages/server/test/support/child-server.ts';

const REPOSITORY = fileURLToPath(new URL('../', import.meta.url));

/**
 * Builds the command line from the sources as they are now (a few hundred milliseconds) and
 * returns how `npm start` runs it, read from its `start` script, so that the two cannot drift:
 * `… && NAME=value … node --flag … packages/cli/dist/fusion-cell.js serve --demo`.
 */
export function productionServer(): ServerCommand {
  execFileSync(process.execPath, [path.join(REPOSITORY, 'packages/cli/scripts/bundle.js')], { stdio: 'ignore' });
  const { scripts } = JSON.parse(fs.readFileSync(path.join(REPOSITORY, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const run = (scripts['start'] ?? '').split('&&').at(-1)?.trim().split(/\s+/) ?? [];
  const env: Record<string, string> = { NODE_OPTIONS: '' };
  while (run[0] && /^[A-Z_]+=/.test(run[0])) {
    const [name, value] = (run.shift() as string).split('=') as [string, string];
    env[name] = value;
  }
  const node = run.shift();
  const scriptAt = run.findIndex((word) => word.endsWith('.js'));
  if (node !== 'node' || scriptAt < 0) throw new Error(`the start script does not read as "[NAME=value …] node [flags] script.js …": ${scripts['start']}`);
  return { script: path.join(REPOSITORY, run[scriptAt] as string), nodeArgs: run.slice(0, scriptAt), env };
}
