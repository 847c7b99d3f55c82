import { ErrorBody, ItemReceipt, ItemState, LogEntry } from '@fusion-cell/protocol';
import { z } from 'zod';
import { toIso } from '../clock.ts';
import { actorOf } from '../http/authenticate.ts';
import { SubmittedItem } from '../http/openapi-item-types.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { readItem } from '../record/log-reads.ts';
import { proveItem } from '../record/proofs.ts';
import { readItemState } from './item-state.ts';
import { submitItem } from './submit-item.ts';

const ItemParams = z.strictObject({ itemId: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an item id') });

export function itemRoutes({ app, services, requireActor }: RouteContext): void {
  app.post(
    '/api/v1/items',
    {
      onRequest: requireActor,
      schema: {
        tags: ['items'],
        summary: 'Submit an item signed by its author’s device; answers once it is durably in its log',
        description:
          'Checks, in order: the device (registered, approved, not revoked, the author’s), the signature, the author’s right to write this type in this compartment, the payload, the references. A replayed envelope is not appended twice: the first receipt comes back with duplicate=true.',
        body: SubmittedItem,
        response: { 200: ItemReceipt, 201: ItemReceipt, ...errorResponses, 413: ErrorBody },
      },
    },
    async (request, reply) => {
      const { release, ...signed } = request.body;
      const receipt = await submitItem(services, actorOf(request), signed, release);
      return reply.code(receipt.duplicate ? 200 : 201).send({ ...receipt, leafHash: receipt.id, receivedAt: toIso(receipt.receivedAt) });
    },
  );

  app.get(
    '/api/v1/items/:itemId',
    {
      onRequest: requireActor,
      schema: { tags: ['items'], summary: 'One item: its signed bytes, compartment and index', params: ItemParams, response: { 200: LogEntry, ...errorResponses } },
    },
    async (request) => readItem(services, actorOf(request), request.params.itemId),
  );

  app.get(
    '/api/v1/items/:itemId/state',
    {
      onRequest: requireActor,
      schema: {
        tags: ['items'],
        summary: 'One item with the state derived around it',
        description:
          'The item (its signed bytes, compartment, index, receipt time), its payload read at its type’s current version, what it asks of each party and how far each has come (met, level reached, due, overdue, escalated), the acknowledgments and the items that refer to it, its escalations, where its lifecycle stands, and what its type adds under `details`. An item in a compartment the caller’s party is not in answers as one that does not exist.',
        params: ItemParams,
        response: { 200: ItemState, ...errorResponses },
      },
    },
    async (request) => readItemState(services, actorOf(request), request.params.itemId),
  );

  app.get(
    '/api/v1/items/:itemId/proof',
    {
      onRequest: requireActor,
      schema: {
        tags: ['items'],
        summary: 'The item with its inclusion proof and checkpoint, as a c2sp.org/tlog-proof@v1 file',
        params: ItemParams,
        response: { 200: z.string().describe('text/plain tlog-proof'), ...errorResponses },
      },
    },
    async (request, reply) => reply.type('text/plain; charset=utf-8').send(await proveItem(services, actorOf(request), request.params.itemId)),
  );
}
