import { ATTACHMENT_MEDIA_TYPES, AttachmentReceipt, ErrorBody, MAX_ATTACHMENT_BYTES, Sha256Hex } from '@fusion-cell/protocol';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { actorOf } from '../http/authenticate.ts';
import { errorResponses, type RouteContext } from '../http/route-context.ts';
import { authorize } from '../policy/policy.ts';
import { readAttachment, storeAttachment } from './attachment-store.ts';

/**
 * An upload's bytes behind a private field: the text-safety check walks every enumerable field
 * of a body, and would otherwise walk a file of millions of bytes one by one.
 */
class UploadedFile {
  readonly #bytes: Buffer;
  readonly #mediaType: string;

  constructor(bytes: Buffer, mediaType: string) {
    this.#bytes = bytes;
    this.#mediaType = mediaType;
  }

  get bytes(): Buffer {
    return this.#bytes;
  }

  get mediaType(): string {
    return this.#mediaType;
  }
}

const UploadBody = z
  .custom<UploadedFile>((value) => value instanceof UploadedFile, 'send the file as the body, with its media type as Content-Type')
  .meta({ type: 'string', format: 'binary', description: 'The file’s bytes, as they are; Content-Type is its media type' });

const UploadQuery = z.strictObject({
  sha256: Sha256Hex.optional().describe('The SHA-256 the client computed: a file that arrives with another hash is refused and not stored'),
});

const AttachmentParams = z.strictObject({ sha256: Sha256Hex });

const FileBytes = z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ type: 'string', format: 'binary' });

/** A file's address is the hash of its bytes: what is served under it never changes. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

const ALLOWED = ATTACHMENT_MEDIA_TYPES.join(', ');

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Evidence files, stored by the SHA-256 of their bytes. The upload takes the raw file, not
 * JSON: its routes live in a scope of their own, whose body parsers read only the media types
 * evidence may have and refuse the rest in the API's error shape. A Content-Encoding is
 * refused here as everywhere, by the application's own hook.
 */
export async function attachmentRoutes({ app, services, requireActor }: RouteContext): Promise<void> {
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...ATTACHMENT_MEDIA_TYPES], { parseAs: 'buffer' }, (request, body, done) => {
      done(null, new UploadedFile(body as Buffer, mediaTypeOf(request.headers['content-type'])));
    });
    // Refused before a byte of the body is read.
    scope.addContentTypeParser('*', (request, _payload, done) => {
      const type = mediaTypeOf(request.headers['content-type']);
      const message = type ? `files of type "${type}" are not accepted as evidence; send one of ${ALLOWED}` : `say the file's media type in Content-Type: one of ${ALLOWED}`;
      done(new DomainError('unsupported_media_type', message, 'headers.content-type'), undefined);
    });

    scope.post(
      '/api/v1/attachments',
      {
        // The policy is asked before the body is read, so a refused upload costs no transfer.
        onRequest: [requireActor, async (request) => authorize(actorOf(request), { type: 'attachment.upload' })],
        bodyLimit: MAX_ATTACHMENT_BYTES,
        schema: {
          tags: ['attachments'],
          summary: 'Upload a file that items will name as evidence, by the SHA-256 of its bytes',
          description: `The body is the file itself, its Content-Type one of ${ALLOWED}; at most ${MAX_ATTACHMENT_BYTES} bytes. With \`sha256\`, a file that arrives with another hash is refused and nothing is stored. Uploading a file again stores nothing new: 201 the first time the caller’s party uploads it, 200 after. The party that uploaded a file may read it; so may whoever sees an item naming it.`,
          consumes: [...ATTACHMENT_MEDIA_TYPES],
          querystring: UploadQuery,
          body: UploadBody,
          response: { 200: AttachmentReceipt, 201: AttachmentReceipt, ...errorResponses, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const { receipt, created } = await storeAttachment(services, actorOf(request), request.body.bytes, request.body.mediaType, request.query.sha256);
        return reply.code(created ? 201 : 200).send(receipt);
      },
    );

    scope.get(
      '/api/v1/attachments/:sha256',
      {
        onRequest: requireActor,
        schema: {
          tags: ['attachments'],
          summary: 'A stored file, by the SHA-256 of its bytes',
          description:
            'For a member whose party uploaded it or who sees an item naming it; to anyone else, exactly the answer for a hash no file has. Served as a download, never rendered in the page, and cacheable for good: what a hash names cannot change.',
          params: AttachmentParams,
          response: {
            200: { description: 'The file’s bytes, with the media type it was uploaded as', content: Object.fromEntries(ATTACHMENT_MEDIA_TYPES.map((type) => [type, { schema: FileBytes }])) },
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { sha256 } = request.params;
        const file = await readAttachment(services, actorOf(request), sha256);
        return reply
          .type(file.mediaType)
          .header('content-disposition', `attachment; filename="${sha256}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', IMMUTABLE)
          .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
      },
    );
  });
}
