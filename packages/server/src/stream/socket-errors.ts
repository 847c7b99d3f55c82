import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

/** How long a client that broke the protocol has to complete the closing handshake. */
const CLOSE_GRACE_MS = 2000;
/** The network going away under a connection: ordinary for clients on the move. */
const NETWORK_FAILURES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

function codeOf(error: Error): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * What to do when a stream socket fails. ws reports the client's own faults (a frame over the
 * size limit, invalid UTF-8, an unmasked frame…) with a `WS_ERR_` code and has already begun
 * the closing handshake with the fitting close code (1009 for a frame too large): those are
 * a client's doing, logged as warnings, and the client gets to read the close frame before
 * the socket is dropped. Anything else may be the server's own failure and is logged as one.
 */
export function onStreamSocketError(error: Error, socket: WebSocket, request: FastifyRequest): void {
  const code = codeOf(error);
  if (code?.startsWith('WS_ERR_')) {
    request.log.warn({ err: error, code }, 'stream client broke the WebSocket protocol; closing its stream');
    setTimeout(() => {
      if (socket.readyState !== socket.CLOSED) socket.terminate();
    }, CLOSE_GRACE_MS).unref();
    return;
  }
  if (code !== undefined && NETWORK_FAILURES.has(code)) request.log.debug({ err: error, code }, 'stream connection lost');
  else request.log.error({ err: error }, 'stream socket failed');
  socket.terminate();
}
