import fs from 'node:fs';
import { z } from 'zod';
import { ClientError } from './client-error.ts';
import { homePaths } from './client-home.ts';
import { writePrivateFile } from './private-file.ts';

const STATE_VERSION = 1;

/** What the client remembers between commands; the file is 0600 because it holds the session. */
export const ClientState = z.strictObject({
  version: z.literal(STATE_VERSION),
  server: z.string(),
  cell: z.string(),
  member: z.strictObject({ id: z.string(), username: z.string(), displayName: z.string() }),
  party: z.string(),
  /** Value of the `fc_session` cookie; null after logout. */
  session: z.string().nullable(),
  device: z.strictObject({ id: z.string(), keyFile: z.string(), status: z.string() }).nullable(),
  /**
   * The log verifier key pinned per cell on first use. A different key later means the
   * server now signs with a key nobody verified: that is an alarm, not an update.
   */
  logKeys: z.record(z.string(), z.string()),
});
export type ClientState = z.infer<typeof ClientState>;

/** The state file, or undefined before the first login. */
export function readState(home: string): ClientState | undefined {
  const file = homePaths.state(home);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ClientError(`${file} is not valid JSON; remove it and log in again`);
  }
  const parsed = ClientState.safeParse(json);
  if (!parsed.success) throw new ClientError(`${file} is not a state file of this version; remove it and log in again`);
  return parsed.data;
}

export function writeState(home: string, state: ClientState): void {
  writePrivateFile(homePaths.state(home), `${JSON.stringify(state, null, 2)}\n`);
}

/** The state of a logged-in client, or a message saying how to log in. */
export function requireLoggedIn(home: string): ClientState & { session: string } {
  const state = readState(home);
  if (!state?.session) throw new ClientError('not logged in: run fusion-cell login --server URL --username NAME --password-stdin');
  return state as ClientState & { session: string };
}

export { STATE_VERSION };
