import type * as OperatorModule from '@fusion-cell/server/operator';
import type * as ServerModule from '@fusion-cell/server';

/**
 * The server package, loaded only by the commands that run on the server's machine. Client
 * commands (verify, cosign from cron…) then start in half the time, and never load database
 * drivers they do not use.
 */
export function loadServer(): Promise<typeof ServerModule> {
  return import('@fusion-cell/server');
}

/** What the operator's commands need of the server: the database, without the HTTP server. */
export function loadOperator(): Promise<typeof OperatorModule> {
  return import('@fusion-cell/server/operator');
}
