import { PipelineQuery, PipelineView } from '@fusion-cell/protocol';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { pipelineView, readPipeline } from './pipeline.ts';

export function commercialRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/commercial/pipeline',
    {
      onRequest: requireActor,
      schema: {
        tags: ['commercial'],
        summary: 'The commercial pipeline: every opportunity with its status, its moves and the interests in it',
        description:
          'Opportunities of the compartments the caller reads, newest first, each with where its lifecycle stands (proposed, interest, discussion, agreed, closed, withdrawn), the moves that brought it there and the interests expressed; the count at each status and, per currency and status, the sums of the value ranges’ ends. Filters: `sector`, `party` (the proposing party), `status`, `q` (words found in the title, description or what is sought).',
        querystring: PipelineQuery,
        response: { 200: PipelineView, ...errorResponses },
      },
    },
    async (request) => pipelineView(await readPipeline(services, actorOf(request), request.query)),
  );
}
