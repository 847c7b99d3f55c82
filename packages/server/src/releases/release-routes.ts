import { ReleaseLinkList } from '@fusion-cell/protocol';
import { z } from 'zod';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { readReleaseLinks } from './release-store.ts';

const ItemParams = z.strictObject({ itemId: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an item id') });

export function releaseRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/items/:itemId/releases',
    {
      onRequest: requireActor,
      schema: {
        tags: ['intelligence'],
        summary: 'How an item is tied to the releases made of it, or to the original it was released from',
        description:
          'For readers of the original’s compartment only: each release of which the item is the release or the original, with the nonce that opens the release’s commitment and the cell’s note that records it (record SPEC R44). Anyone else who reads the item gets an empty list, as for an item never released; an item the caller cannot read answers as one that does not exist.',
        params: ItemParams,
        response: { 200: ReleaseLinkList, ...errorResponses },
      },
    },
    async (request) => ({ releases: await readReleaseLinks(services.db, actorOf(request), request.params.itemId) }),
  );
}
