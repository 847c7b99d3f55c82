import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';
import { actorOf, isOwnOrigin, SESSION_COOKIE } from '../http/authenticate.ts';
import type { RouteContext } from '../http/route-context.ts';
import { authorize } from '../policy/policy.ts';
import { onStreamSocketError } from './socket-errors.ts';
import type { StreamHub } from './stream-hub.ts';

/** Largest frame a client may send; subscriptions are small. A larger one closes the stream with 1009. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * A browser always sends Origin on a WebSocket upgrade, and the session cookie goes with it
 * whatever page opened the socket: only pages of this server (same scheme, host and port)
 * may open one.
 */
function checkOrigin(request: FastifyRequest): void {
  if (!isOwnOrigin(request, request.headers.origin)) throw new DomainError('origin_rejected', 'the stream is only open to pages of this server', 'headers.origin');
}

export async function streamRoutes({ app, requireActor }: RouteContext, hub: StreamHub): Promise<void> {
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES }, errorHandler: (error, socket, request) => onStreamSocketError(error, socket, request) });
  app.get(
    '/api/v1/stream',
    {
      websocket: true,
      onRequest: async (request, reply) => {
        checkOrigin(request);
        await requireActor(request, reply);
        authorize(actorOf(request), { type: 'stream.connect' });
      },
      schema: { tags: ['stream'], summary: 'The live stream (WebSocket); frames are defined in the protocol package', hide: true },
    },
    (socket, request) => {
      // The upgraded request's socket is the TCP connection the WebSocket writes to.
      void hub.attach(socket, actorOf(request), request.cookies[SESSION_COOKIE] ?? '', request.raw.socket);
    },
  );
}
