import { Command } from 'commander';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_MEDIA_TYPES, AttachmentReceipt, ErrorBody, MAX_ATTACHMENT_BYTES, type Evidence } from '@fusion-cell/protocol';
import { ApiError } from '../client/api-client.ts';
import { ClientError } from '../client/client-error.ts';
import { withHomeFlag } from '../client/client-home.ts';
import { openSession, type ClientSession } from '../client/session.ts';
import { oneOf } from './send.ts';

type MediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

const BY_EXTENSION: Readonly<Record<string, MediaType>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.mp4': 'video/mp4',
  '.geojson': 'application/geo+json',
};

/** Evidence names are at most 200 characters; cut by code points, so no surrogate pair is split. */
const MAX_NAME = 200;

interface AttachFlags {
  type?: MediaType;
  home?: string;
}

function guessMediaType(file: string): MediaType | undefined {
  return BY_EXTENSION[path.extname(file).toLowerCase()];
}

function readFile(file: string): Buffer {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    throw new ClientError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // Refused before reading, so a huge file is not loaded only to be refused.
  if (size > MAX_ATTACHMENT_BYTES) throw new ClientError(`${file} has ${size} bytes; evidence files have at most ${MAX_ATTACHMENT_BYTES} bytes`);
  if (size === 0) throw new ClientError(`${file} is empty`);
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ClientError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The upload is the file's bytes, not JSON, which is all the shared API client sends. */
async function upload(session: ClientSession, bytes: Buffer, mediaType: MediaType, sha256: string): Promise<AttachmentReceipt> {
  const { server } = session.api;
  const headers: Record<string, string> = { origin: new URL(server).origin, 'content-type': mediaType, accept: 'application/json' };
  if (session.api.sessionToken) headers['cookie'] = `fc_session=${session.api.sessionToken}`;
  let response: Response;
  try {
    response = await fetch(`${server}/api/v1/attachments?sha256=${sha256}`, { method: 'POST', headers, body: bytes, redirect: 'error' });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new ClientError(`cannot reach ${server}: ${cause}`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'unexpected_response', `the server answered ${response.status} ${response.statusText} with something that is not JSON`);
  }
  if (!response.ok) {
    const failure = ErrorBody.safeParse(json);
    if (!failure.success) throw new ApiError(response.status, 'unexpected_response', `the server answered ${response.status} ${response.statusText}`);
    const { code, message, field } = failure.data.error;
    const ended = code === 'unauthenticated' || code === 'session_expired';
    throw new ApiError(response.status, code, ended ? `${message}; run fusion-cell login again` : `${message} (${code}${field ? `, ${field}` : ''})`, field);
  }
  const receipt = AttachmentReceipt.safeParse(json);
  if (!receipt.success) throw new ApiError(response.status, 'unexpected_response', 'unexpected answer from the server: not an attachment receipt');
  return receipt.data;
}

/**
 * Uploads a file as evidence and prints the evidence, as JSON, to name it in a payload's
 * `evidence` list: the hash is computed here and announced, so a file altered on the way is
 * refused instead of stored under a hash the signature would not cover.
 */
export function attachCommand(): Command {
  const extensions = Object.keys(BY_EXTENSION).join(', ');
  return withHomeFlag(new Command('attach'))
    .description('upload a file as evidence and print the evidence JSON to put in an item’s payload')
    .argument('<file>', `the file to upload: a picture, PDF, text, video or GeoJSON, at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`)
    .option('--type <media-type>', `its media type, one of ${ATTACHMENT_MEDIA_TYPES.join(', ')} (default: from the extension: ${extensions})`, oneOf('media type', ATTACHMENT_MEDIA_TYPES))
    .action(async (file: string, flags: AttachFlags) => {
      const mediaType = flags.type ?? guessMediaType(file);
      if (!mediaType) throw new ClientError(`cannot tell the media type of ${file} from its extension; say it with --type (one of ${ATTACHMENT_MEDIA_TYPES.join(', ')})`);
      const session = openSession(flags.home);
      const bytes = readFile(file);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const receipt = await upload(session, bytes, mediaType, sha256);
      if (receipt.sha256 !== sha256 || receipt.size !== bytes.length) {
        throw new ClientError(`the server stored ${receipt.sha256} (${receipt.size} bytes) for ${sha256} (${bytes.length} bytes)`);
      }
      const name = Array.from(path.basename(file).trim()).slice(0, MAX_NAME).join('').trim() || sha256;
      // The same bytes uploaded earlier under another type keep that type, which is what evidence must name.
      if (receipt.mediaType !== mediaType) console.error(`note: these bytes are stored as ${receipt.mediaType}, not ${mediaType}; the evidence names ${receipt.mediaType}`);
      const evidence: Evidence = { sha256, name, mediaType: receipt.mediaType, size: receipt.size };
      console.log(JSON.stringify(evidence, null, 2));
    });
}
