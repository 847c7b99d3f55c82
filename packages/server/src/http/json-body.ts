import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { DomainError } from '../errors.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** Byte order marks of UTF-16 and UTF-32, in either order. */
const OTHER_BOMS = [
  [0x00, 0x00, 0xfe, 0xff],
  [0xff, 0xfe, 0x00, 0x00],
  [0xfe, 0xff],
  [0xff, 0xfe],
];

function startsWith(body: Buffer, prefix: number[]): boolean {
  return prefix.every((byte, index) => body[index] === byte);
}

/**
 * Request bodies are JSON in UTF-8, as RFC 8259 requires between systems, and nothing else:
 * a body sent compressed or in another character set is refused (415) rather than read as
 * something it is not; a UTF-8 byte order mark is ignored, as RFC 8259 allows; bytes that
 * are not UTF-8 are refused rather than replaced, so what a signature covers is what is read.
 */
export function installJsonBody(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') {
      throw new DomainError('unsupported_media_type', `request bodies are not accepted with content-encoding "${encoding}"; send them uncompressed`, 'headers.content-encoding');
    }
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    try {
      done(null, parseJsonBody(request.headers['content-type'], body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

export function parseJsonBody(contentType: string | undefined, body: Buffer): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new DomainError('unsupported_media_type', `request bodies are JSON in UTF-8, not ${charset}`, 'headers.content-type');
  }
  if (OTHER_BOMS.some((bom) => startsWith(body, bom))) {
    throw new DomainError('unsupported_media_type', 'request bodies are JSON in UTF-8; this one starts with a UTF-16 or UTF-32 byte order mark', 'headers.content-type');
  }
  const bytes = startsWith(body, UTF8_BOM) ? body.subarray(UTF8_BOM.length) : body;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new DomainError('malformed_request', 'the body is not valid UTF-8');
  }
  if (text.trim() === '') throw new DomainError('malformed_request', 'the body is empty; send a JSON value');
  try {
    // Keys such as "__proto__" are refused: they are never fields of ours and only serve attacks.
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new DomainError('malformed_request', `the body is not valid JSON: ${(error as Error).message}`);
  }
}
