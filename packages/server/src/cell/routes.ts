import { CellInfo, Health } from '@fusion-cell/protocol';
import { notFound } from '../errors.ts';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { authorize } from '../policy/policy.ts';
import { findCell } from './cell-repository.ts';

export function cellRoutes({ app, services, requireActor }: RouteContext, version: string): void {
  const startedAt = services.clock.now();

  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness and storage engine', response: { 200: Health } } },
    async () => {
      // A trivial query proves the database answers, not only the process.
      await services.db.selectFrom('cells').select('id').limit(1).execute();
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
