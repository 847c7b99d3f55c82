import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { ClientError } from './client-error.ts';
import { ensurePrivateDirectory } from './private-file.ts';

/** Where the client home is: flag, then FUSION_CELL_HOME, then ~/.config/fusion-cell; nothing is created. */
export function homePath(flag: string | undefined): string {
  // An empty variable counts as unset, as shells and CI files often leave it.
  return path.resolve(flag || process.env['FUSION_CELL_HOME'] || path.join(os.homedir(), '.config', 'fusion-cell'));
}

/** The client home directory of a command, created private if it is not there. */
export function resolveHome(flag: string | undefined): string {
  const resolved = homePath(flag);
  ensurePrivateDirectory(resolved);
  return resolved;
}

/** Adds `--home` to a client command. */
export function withHomeFlag(command: Command): Command {
  return command.option('--home <dir>', 'client home: session, device key, verified checkpoints (env FUSION_CELL_HOME, default ~/.config/fusion-cell)');
}

/**
 * Identifiers come from the server, and the server is not trusted: only names of the record's
 * identifier syntax become path segments, so none can climb out of the home directory.
 */
function segment(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new ClientError(`the server sent an invalid identifier ${JSON.stringify(id)}`);
  return id;
}

/** Where the client keeps what it knows, under its home directory. */
export const homePaths = {
  state: (home: string) => path.join(home, 'state.json'),
  /** One device key per cell and member: logging in again on the same cell reuses it. */
  deviceKey: (home: string, cell: string, member: string) => path.join(home, 'keys', segment(cell), `${segment(member)}.pem`),
  checkpoints: (home: string, cell: string, compartment: string) => path.join(home, 'checkpoints', segment(cell), segment(compartment)),
  sentItems: (home: string, cell: string, compartment: string) => path.join(home, 'sent', segment(cell), `${segment(compartment)}.json`),
};
