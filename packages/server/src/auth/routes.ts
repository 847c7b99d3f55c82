import type { FastifyRequest } from 'fastify';
import { ErrorBody, LoginRequest, SessionInfo } from '@fusion-cell/protocol';
import { toIso } from '../clock.ts';
import { findParty, listCompartmentsOf } from '../cell/cell-repository.ts';
import { notFound } from '../errors.ts';
import { actorOf, SESSION_COOKIE } from '../http/authenticate.ts';
import type { RouteContext } from '../http/route-context.ts';
import { loadActor, type Actor } from '../policy/actor.ts';
import type { Services } from '../services.ts';
import { KNOWN_BROWSER_COOKIE, KNOWN_BROWSER_MAX_AGE_MS } from './known-browsers.ts';
import { login } from './login.ts';
import { deleteSession } from './sessions.ts';

export function authRoutes({ app, services, requireActor }: RouteContext): void {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with a username and password; sets the session cookie',
        body: LoginRequest,
        response: { 200: SessionInfo, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const known = request.cookies[KNOWN_BROWSER_COOKIE];
      const result = await login(services, request.body, {
        clientAddress: request.ip,
        // A cookie is hostile input like any other: only a value this server could have made counts.
        knownBrowserToken: known && /^[A-Za-z0-9_-]{16,64}$/.test(known) ? known : undefined,
      });
      void reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions(request), expires: new Date(result.expiresAt) });
      void reply.setCookie(KNOWN_BROWSER_COOKIE, result.knownBrowserToken, {
        ...cookieOptions(request),
        path: '/api/v1/auth/login',
        maxAge: KNOWN_BROWSER_MAX_AGE_MS / 1000,
      });
      const actor = await loadActor(services.db, result.memberId);
      if (!actor) throw notFound('member');
      return sessionInfo(services, actor, result.expiresAt);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the session (answers 204)' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(services.db, token);
      // Cleared with the attributes it was set with, so no browser keeps or treats it otherwise.
      void reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      onRequest: requireActor,
      schema: { tags: ['auth'], summary: 'The logged-in member, party, roles and compartments', response: { 200: SessionInfo, 401: ErrorBody } },
    },
    async (request) => sessionInfo(services, actorOf(request), request.sessionExpiresAt ?? services.clock.now()),
  );
}

/** The session cookie's attributes: never readable by scripts, never sent by another site. */
function cookieOptions(request: FastifyRequest) {
  return { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/' } as const;
}

async function sessionInfo(services: Services, actor: Actor, expiresAt: number): Promise<SessionInfo> {
  const party = await findParty(services.db, actor.partyId);
  if (!party) throw notFound('party');
  return {
    member: { id: actor.memberId, username: actor.username, displayName: actor.displayName, roles: [...actor.roles] },
    party,
    compartments: await listCompartmentsOf(services.db, actor.partyId),
    session: { expiresAt: toIso(expiresAt) },
  };
}
