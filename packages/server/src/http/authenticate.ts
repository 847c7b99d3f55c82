import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { touchSession } from '../auth/sessions.ts';
import { DomainError } from '../errors.ts';
import { loadActor, type Actor } from '../policy/actor.ts';
import type { Services } from '../services.ts';

export const SESSION_COOKIE = 'fc_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated member; set by `requireActor`. */
    actor?: Actor;
    sessionExpiresAt?: number;
  }
}

/** Resolves the session cookie to an actor, or answers 401. Used as a route `onRequest` hook, so nothing is parsed or validated for strangers. */
export function actorResolver(services: Services) {
  return async function requireActor(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new DomainError('unauthenticated', 'log in first');
    const session = await touchSession(services.db, token, services.clock.now(), services.sessionPolicy);
    if (session.status === 'expired') throw new DomainError('session_expired', 'the session has expired; log in again');
    if (session.status === 'unknown') throw new DomainError('unauthenticated', 'log in first');
    const actor = await loadActor(services.db, session.memberId);
    if (!actor) throw new DomainError('unauthenticated', 'log in first');
    request.actor = actor;
    request.sessionExpiresAt = session.expiresAt;
  };
}

/** The actor of a route guarded by `requireActor`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('unauthenticated', 'log in first');
  return request.actor;
}

/**
 * The origin pages of this server have: scheme, host and port as the client reached them
 * (behind a trusted proxy, as the proxy says).
 */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Whether an Origin header names exactly this server: same scheme, host and port. */
export function isOwnOrigin(request: FastifyRequest, origin: string | undefined): boolean {
  if (origin === undefined) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.origin === new URL(ownOrigin(request)).origin;
}

/**
 * Refuses state-changing requests that do not show they come from this server's own pages:
 * an `Origin` naming exactly this server, or, from a browser that sends none,
 * `Sec-Fetch-Site: same-origin`. The SameSite=Strict cookie already stops cross-site requests
 * in current browsers; this covers older ones, proxies, and a plain-HTTP page posing as
 * the HTTPS one. Scripts and the command line send `Origin` with the server's URL.
 */
export function installOriginCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    if (origin === undefined && request.headers['sec-fetch-site'] === 'same-origin') return;
    if (!isOwnOrigin(request, origin)) {
      throw new DomainError(
        'origin_rejected',
        origin === undefined ? 'state changes must say where they come from: send an Origin header with this server\'s URL' : 'requests from another origin are refused',
        'headers.origin',
      );
    }
  });
}
