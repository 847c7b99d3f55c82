import { CellInfo, ErrorBody, Health } from '@fusion-cell/protocol';
import { answerWithin } from '../db/database-unavailable.ts';
import { notFound } from '../errors.ts';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { authorize } from '../policy/policy.ts';
import { findCell } from './cell-repository.ts';

/** How long the health check waits for the database: well within what health checkers wait for an answer. */
const HEALTH_CHECK_DATABASE_MS = 2_000;

export function cellRoutes({ app, services, requireActor }: RouteContext, version: string): void {
  const startedAt = services.clock.now();

  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness and storage engine; 503 while the database cannot be reached', response: { 200: Health, 503: ErrorBody } } },
    async () => {
      // A trivial query proves the database answers, not only the process. Unreachable, or too
      // slow to answer a health check, it makes the answer 503 `unavailable`.
      await answerWithin(services.db.selectFrom('cells').select('id').limit(1).execute(), HEALTH_CHECK_DATABASE_MS);
      return { status: 'ok' as const, db: services.engine, version, uptimeSeconds: Math.round((services.clock.now() - startedAt) / 1000) };
    },
  );

  app.get(
    '/api/v1/cell',
    { onRequest: requireActor, schema: { tags: ['cell'], summary: 'The cell: name, languages, tracks, parties', response: { 200: CellInfo, ...errorResponses } } },
    async (request) => {
      authorize(actorOf(request), { type: 'cell.read' });
      const cell = await findCell(services.db);
      if (!cell) throw notFound('cell');
      return { id: cell.id, name: cell.name, languages: cell.languages, tracks: cell.tracks, parties: cell.parties, agreements: cell.agreements, rules: cell.rules };
    },
  );
}
