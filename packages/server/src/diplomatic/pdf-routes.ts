import { z } from 'zod';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { buildDocumentProof } from './pdf/document-proof.ts';
import { loadDocumentSource } from './pdf/document-source.ts';

const ItemIdText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an item id');
const DocumentParams = z.strictObject({ documentId: ItemIdText.describe("the document's id: the id of its version 1") });
const PdfQuery = z.strictObject({ version: ItemIdText.optional().describe('a version in force; by default the one in force now') });

/** Agreed minutes and signed texts as PDF, with their signatures and proof. */
export function documentPdfRoutes({ app, services, requireActor }: RouteContext): void {
  app.get(
    '/api/v1/documents/:documentId/pdf',
    {
      onRequest: requireActor,
      schema: {
        tags: ['documents'],
        summary: 'Agreed minutes or a signed joint text as PDF, with the proof `fusion-cell verify` checks offline',
        description:
          'The version in force (or the one given, which must be in force: 409 otherwise), in its own language, right to left for Arabic and Hebrew, with every initial and signature, the version’s id and a verification line. The signed entries, their inclusion proofs and a signed checkpoint are attached as fusion-cell-proof.json. The proof covers the signed entries, not the page: a reader compares the version id printed on it with the one `verify` reports. A document in a compartment the caller’s party is not in answers as one that does not exist.',
        params: DocumentParams,
        querystring: PdfQuery,
        response: { 200: z.unknown().describe('application/pdf'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const source = await loadDocumentSource(services, actorOf(request), request.params.documentId, request.query.version);
      // The PDF libraries and fonts are loaded with the first PDF, not with the server: they
      // are large, and most sessions print nothing.
      const { pdfFileName, renderDocumentPdf } = await import('./pdf/render-document.ts');
      const pdf = await renderDocumentPdf(source, await buildDocumentProof(services, source));
      return reply.header('content-disposition', `attachment; filename="${pdfFileName(source)}"`).type('application/pdf').send(pdf);
    },
  );
}
