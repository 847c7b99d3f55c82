import { CreateMemberRequest, CreateMemberResponse, Member, MemberList, MemberParams } from '@fusion-cell/protocol';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { createMember, listMembers, setMemberDisabled } from './member-service.ts';

export function memberRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/members',
    {
      onRequest: requireActor,
      schema: { tags: ['members'], summary: "The members of the caller's party", response: { 200: MemberList, ...errorResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      return { members: await listMembers(services, actor, actor.partyId) };
    },
  );

  app.post(
    '/api/v1/members',
    {
      onRequest: requireActor,
      schema: {
        tags: ['members'],
        summary: "Add a member to the caller's party (admin)",
        body: CreateMemberRequest,
        response: { 201: CreateMemberResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createMember(services, actorOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(
      `/api/v1/members/:memberId/${verb}`,
      {
        onRequest: requireActor,
        schema: {
          tags: ['members'],
          summary: `${verb === 'disable' ? 'Disable a member and end their sessions' : 'Enable a member again'} (admin)`,
          params: MemberParams,
          response: { 200: Member, ...errorResponses },
        },
      },
      async (request) => setMemberDisabled(services, actorOf(request), request.params.memberId, disabled),
    );
  }
}
