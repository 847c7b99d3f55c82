import { MAX_STIX_BUNDLE_BYTES, StixExportQuery, StixImportSummaryView, StixValidateRequest } from '@fusion-cell/protocol';
import { z } from 'zod';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { exportStixBundle } from './stix-export.ts';
import { validateStixImport } from './stix-validate.ts';

/** Room around the bundle for the rest of the request's body. */
const REQUEST_OVERHEAD_BYTES = 64 * 1024;

export function stixRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/stix/export',
    {
      onRequest: requireActor,
      schema: {
        tags: ['intelligence'],
        summary: 'The reports the caller may see, with the opinions on them, as a STIX 2.1 bundle',
        description:
          'Reports of one compartment (`compartment`), or of every compartment the caller reads. Each `intel.report` is a `report` by the `identity` of its party, marked with the official TLP 2.0 `marking-definition`, its place a `location`, the Admiralty grades and the cell’s other fields in `x_fusion_cell_…` properties; each `intel.opinion` an `opinion`. Identifiers are UUID version 5 of the item ids, so the same reports export to the same objects. A RED report is exported only to readers of its compartment, as every read of it is.',
        querystring: StixExportQuery,
        response: { 200: z.unknown().describe('a STIX 2.1 bundle'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const bundle = await exportStixBundle(services, actorOf(request), request.query);
      const name = `fusion-cell-stix-${request.query.compartment ?? 'all'}.json`;
      return reply.header('content-disposition', `attachment; filename="${name}"`).type('application/stix+json;version=2.1').send(JSON.stringify(bundle));
    },
  );

  app.post(
    '/api/v1/stix/validate',
    {
      onRequest: requireActor,
      bodyLimit: MAX_STIX_BUNDLE_BYTES + REQUEST_OVERHEAD_BYTES,
      schema: {
        tags: ['intelligence'],
        summary: 'What importing a STIX 2.1 bundle into a compartment would do; nothing is entered',
        description:
          'Checks the bundle against STIX 2.1 (identifiers, required properties, timestamps, references to objects it holds; a 2.0 bundle, per-type arrays or an undefined type are refused with the reason) and maps it as an import would: the reports it would enter, and the objects it would keep with them and skip, by type. A refusal names the object and property (`field`: `bundle.objects[3].created`). The client then signs each report with its own device and enters it with `POST /api/v1/items`.',
        body: StixValidateRequest,
        response: { 200: StixImportSummaryView, ...errorResponses },
      },
    },
    async (request) => validateStixImport(services, actorOf(request), request.body),
  );
}
