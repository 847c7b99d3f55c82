import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';
import { actorOf, SESSION_COOKIE } from '../http/authenticate.ts';
import type { RouteContext } from '../http/route-context.ts';
import { authorize } from '../policy/policy.ts';
import type { StreamHub } from './stream-hub.ts';

/** Largest frame a client may send; subscriptions are small. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * A browser always sends Origin on a WebSocket upgrade, and the session cookie goes with it
 * whatever page opened the socket: only pages of this server may open one.
 */
function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  let host: string | undefined;
  try {
    host = origin ? new URL(origin).host : undefined;
  } catch {
    host = undefined;
  }
  if (!host || host !== request.headers.host) throw new DomainError('origin_rejected', 'the stream is only open to pages of this server');
}

export async function streamRoutes({ app, requireActor }: RouteContext, hub: StreamHub): Promise<void> {
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
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
