import { Inbox, InboxQuery, NotificationSettings, PartyParams, Presence } from '@fusion-cell/protocol';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { readPartySettings, writePartySettings } from '../notifications/party-settings.ts';
import { readInbox } from './inbox.ts';
import { readPresence } from './presence.ts';

export function coordinationRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/inbox',
    {
      onRequest: requireActor,
      schema: {
        tags: ['coordination'],
        summary: "What the caller's party must answer, most urgent first, with deadlines and counts per track",
        description: 'view=overdue (supervisors): every overdue answer in their compartments, whoever owes it.',
        querystring: InboxQuery,
        response: { 200: Inbox, ...errorResponses },
      },
    },
    async (request) => readInbox(services, actorOf(request), request.query.view),
  );

  app.get(
    '/api/v1/presence',
    { onRequest: requireActor, schema: { tags: ['coordination'], summary: 'Who is on watch now in each party', response: { 200: Presence, ...errorResponses } } },
    async (request) => readPresence(services, actorOf(request)),
  );

  app.get(
    '/api/v1/parties/:partyId/notifications',
    {
      onRequest: requireActor,
      schema: { tags: ['coordination'], summary: "Where the party's escalations go outside the app", params: PartyParams, response: { 200: NotificationSettings, ...errorResponses } },
    },
    async (request) => readPartySettings(services, actorOf(request), request.params.partyId),
  );

  app.put(
    '/api/v1/parties/:partyId/notifications',
    {
      onRequest: requireActor,
      schema: {
        tags: ['coordination'],
        summary: "Set where the party's escalations are emailed and posted (admin)",
        description: 'Webhook bodies are signed with the cell’s log key: header fusion-cell-signature: t=<unix>,ed25519=<base64url> over "<t>.<body>".',
        params: PartyParams,
        body: NotificationSettings,
        response: { 200: NotificationSettings, ...errorResponses },
      },
    },
    async (request) => writePartySettings(services, actorOf(request), request.params.partyId, request.body),
  );
}
