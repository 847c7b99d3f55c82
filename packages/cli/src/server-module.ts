import type * as ServerModule from '@fusion-cell/server';

/**
 * The server package, loaded only by the commands that run on the server's machine. Client
 * commands (verify, cosign from cron…) then start in half the time, and never load database
 * drivers they do not use.
 */
export function loadServer(): Promise<typeof ServerModule> {
  return import('@fusion-cell/server');
}
