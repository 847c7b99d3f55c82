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
 * Refuses state-changing requests sent from another site's page. The SameSite=Strict cookie
 * already stops them in current browsers; this covers older ones and proxies.
 */
export function installOriginCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const host = request.headers.host;
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (!host || originHost !== host) throw new DomainError('origin_rejected', 'requests from another origin are refused');
  });
}
