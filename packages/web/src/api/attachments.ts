import { ATTACHMENT_MEDIA_TYPES, AttachmentMediaType, AttachmentReceipt, ErrorBody, MAX_ATTACHMENT_BYTES, type Evidence } from '@fusion-cell/protocol';
import { ApiError } from './api-error.ts';
import { reportSessionEnded } from './client.ts';

/** What browsers leave without a type (GeoJSON, mostly), by the file name's extension. */
const BY_EXTENSION: Readonly<Record<string, (typeof ATTACHMENT_MEDIA_TYPES)[number]>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  mp4: 'video/mp4',
  geojson: 'application/geo+json',
};

/** Evidence names are at most 200 characters; cut by code points, so no surrogate pair is split. */
const MAX_NAME = 200;

/** Where a stored file is served, for links and previews: a download, with the session's cookie. */
export function attachmentUrl(sha256: string): string {
  return `/api/v1/attachments/${encodeURIComponent(sha256)}`;
}

function mediaTypeOf(file: File): string {
  if (file.type) return file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
  return (extension && BY_EXTENSION[extension]) || '';
}

function evidenceName(file: File, sha256: string): string {
  const name = Array.from(file.name.trim()).slice(0, MAX_NAME).join('').trim();
  return name || sha256;
}

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function failureOf(response: Response): Promise<ApiError> {
  let error: ApiError;
  try {
    const body = ErrorBody.parse(await response.json());
    error = new ApiError({ status: response.status, ...body.error });
  } catch {
    error = new ApiError({ status: response.status, code: response.status >= 500 ? 'internal' : 'unexpected_response', message: response.statusText });
  }
  if (error.endsSession) reportSessionEnded();
  return error;
}

/**
 * Uploads a file for an item to name as evidence, and returns the evidence to put in its
 * payload. The hash is computed here and sent along, so a file damaged on the way is refused
 * rather than stored under a hash the signature would not cover. A file the cell would refuse
 * (its type, its size) is refused before anything is sent.
 */
export async function uploadEvidence(file: File): Promise<Evidence> {
  const mediaType = mediaTypeOf(file);
  const allowed = AttachmentMediaType.safeParse(mediaType);
  if (!allowed.success) {
    throw new Error(`${file.name}: files of type ${mediaType || 'unknown'} cannot be evidence; attach one of ${ATTACHMENT_MEDIA_TYPES.join(', ')}`);
  }
  if (file.size === 0) throw new Error(`${file.name} is empty`);
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new Error(`${file.name} has ${file.size} bytes; evidence files have at most ${MAX_ATTACHMENT_BYTES} bytes (${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB)`);
  }
  const bytes = await file.arrayBuffer();
  const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));

  let response: Response;
  try {
    response = await fetch(`/api/v1/attachments?sha256=${sha256}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': allowed.data },
      body: bytes,
    });
  } catch (error) {
    throw new ApiError({ status: 0, code: 'network', message: error instanceof Error ? error.message : String(error) });
  }
  if (!response.ok) throw await failureOf(response);
  let receipt: AttachmentReceipt;
  try {
    receipt = AttachmentReceipt.parse(await response.json());
  } catch (error) {
    throw new ApiError({ status: response.status, code: 'unexpected_response', message: error instanceof Error ? error.message : String(error) });
  }
  if (receipt.sha256 !== sha256 || receipt.size !== file.size) {
    throw new ApiError({ status: response.status, code: 'unexpected_response', message: `the cell stored ${receipt.sha256} (${receipt.size} bytes) for ${sha256} (${file.size} bytes)` });
  }
  // The same bytes uploaded earlier under another type keep that type, which is what evidence must name.
  return { sha256, name: evidenceName(file, sha256), mediaType: receipt.mediaType, size: receipt.size };
}
