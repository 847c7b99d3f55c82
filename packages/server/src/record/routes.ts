import {
  CheckpointQuery,
  CompartmentLogList,
  CompartmentParams,
  ConsistencyProof,
  ConsistencyQuery,
  CosignatureRequest,
  Directory,
  EntryRangeQuery,
  InclusionProof,
  InclusionQuery,
  LogEntryList,
} from '@fusion-cell/protocol';
import { z } from 'zod';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { exportBundle } from './export-bundle.ts';
import { cosignCheckpoint } from './cosignatures.ts';
import { readDirectory } from './directory.ts';
import { listCompartmentLogs, readEntries } from './log-reads.ts';
import { proveConsistency, proveInclusion, readCheckpoint } from './proofs.ts';

export function recordRoutes({ app, services, requireActor }: RouteContext): void {
  const base = '/api/v1/compartments/:compartmentId';

  app.get(
    '/api/v1/record',
    {
      onRequest: requireActor,
      schema: { tags: ['record'], summary: "The logs of the caller's compartments: sizes, latest checkpoints, cosigners", response: { 200: CompartmentLogList, ...errorResponses } },
    },
    async (request) => ({ logKey: services.record.logKey.verifierKey, compartments: await listCompartmentLogs(services, actorOf(request)) }),
  );

  app.get(
    `${base}/entries`,
    {
      onRequest: requireActor,
      schema: {
        tags: ['record'],
        summary: 'Entries of a log from an index, optionally of one track',
        params: CompartmentParams,
        querystring: EntryRangeQuery,
        response: { 200: LogEntryList, ...errorResponses },
      },
    },
    async (request) => readEntries(services, actorOf(request), request.params.compartmentId, request.query),
  );

  app.get(
    `${base}/checkpoint`,
    {
      onRequest: requireActor,
      schema: {
        tags: ['record'],
        summary: 'The latest signed checkpoint (or the one of a given size), with cosignature lines',
        params: CompartmentParams,
        querystring: CheckpointQuery,
        response: { 200: z.string().describe('text/plain signed note'), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.type('text/plain; charset=utf-8').send(await readCheckpoint(services, actorOf(request), request.params.compartmentId, request.query.size)),
  );

  app.get(
    `${base}/proof/inclusion`,
    {
      onRequest: requireActor,
      schema: { tags: ['record'], summary: 'RFC 9162 inclusion proof', params: CompartmentParams, querystring: InclusionQuery, response: { 200: InclusionProof, ...errorResponses } },
    },
    async (request) => ({
      index: request.query.index,
      size: request.query.size,
      hashes: await proveInclusion(services, actorOf(request), request.params.compartmentId, request.query.index, request.query.size),
    }),
  );

  app.get(
    `${base}/proof/consistency`,
    {
      onRequest: requireActor,
      schema: { tags: ['record'], summary: 'RFC 9162 consistency proof', params: CompartmentParams, querystring: ConsistencyQuery, response: { 200: ConsistencyProof, ...errorResponses } },
    },
    async (request) => ({
      from: request.query.from,
      to: request.query.to,
      hashes: await proveConsistency(services, actorOf(request), request.params.compartmentId, request.query.from, request.query.to),
    }),
  );

  app.post(
    `${base}/cosignatures`,
    {
      onRequest: requireActor,
      schema: {
        tags: ['record'],
        summary: 'Cosign a checkpoint the caller’s client verified (c2sp.org/tlog-cosignature)',
        params: CompartmentParams,
        body: CosignatureRequest,
        response: { 204: z.null().describe('stored'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await cosignCheckpoint(services, actorOf(request), request.params.compartmentId, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/directory',
    {
      onRequest: requireActor,
      schema: { tags: ['record'], summary: 'Authors the caller may meet, with device keys and their signed history', response: { 200: Directory, ...errorResponses } },
    },
    async (request) => readDirectory(services, actorOf(request)),
  );

  app.get(
    '/api/v1/export',
    {
      onRequest: requireActor,
      schema: {
        tags: ['record'],
        summary: "The party's whole record as a bundle that `fusion-cell verify` checks offline",
        response: { 200: z.unknown().describe('fusion-cell/bundle@1 JSON'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const bundle = await exportBundle(services, actorOf(request));
      const name = `fusion-cell-${bundle.cell}-${bundle.party}-${bundle.exportedAt.replace(/[:.]/g, '-')}.json`;
      return reply.header('content-disposition', `attachment; filename="${name}"`).type('application/json').send(JSON.stringify(bundle));
    },
  );
}
