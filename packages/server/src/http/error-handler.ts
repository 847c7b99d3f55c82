import { formatFieldPath, type ErrorBody, type ErrorCode } from '@fusion-cell/protocol';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Socket } from 'node:net';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import { DomainError } from '../errors.ts';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_request: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  rate_limited: 429,
  forbidden: 403,
  origin_rejected: 403,
  not_found: 404,
  conflict: 409,
  username_taken: 409,
  device_unknown: 403,
  device_not_approved: 403,
  device_revoked: 403,
  signature_invalid: 400,
  reference_not_found: 400,
  unavailable: 503,
  internal: 500,
};

/** Fastify's own request errors, by code, mapped onto ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_request',
  FST_ERR_BAD_URL: 'malformed_request',
};

/** Other request errors from Fastify or Node, by status, when they carry no known code. */
const CLIENT_STATUSES: Record<number, ErrorCode> = {
  400: 'malformed_request',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  431: 'malformed_request',
};

/** Fastify names where a schema failed; requests name it as they were sent. */
const LOCATIONS: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

export function errorBody(code: ErrorCode, message: string, field?: string, retryAfterSeconds?: number): ErrorBody {
  const body: ErrorBody = { error: { code, message } };
  if (field !== undefined) body.error.field = field;
  if (retryAfterSeconds !== undefined) body.error.retryAfterSeconds = retryAfterSeconds;
  return body;
}

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, field?: string, retryAfterSeconds?: number) {
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(STATUS[code]).type('application/json; charset=utf-8').send(errorBody(code, message, field, retryAfterSeconds));
}

/**
 * A domain error names its field by its path in the request body (`envelope.payload.text`),
 * unless it says where else it was sent (`query.`, `params.`, `headers.`); over HTTP every
 * field is written from where it was sent: `body.envelope.payload.text`.
 */
export function requestField(field: string): string {
  return /^(body|query|params|headers)[.[]/.test(field) ? field : `body.${field}`;
}

function schemaFailure(error: FastifyError & { validationContext?: string }): { field: string; message: string } {
  const validation = hasZodFastifySchemaValidationErrors(error) ? error.validation : [];
  const [issue] = validation;
  const where = LOCATIONS[error.validationContext ?? 'body'] ?? 'body';
  const path: PropertyKey[] = issue ? issue.instancePath.split('/').filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [];
  const unknownKeys = issue?.keyword === 'unrecognized_keys' ? (issue.params['keys'] as string[] | undefined) : undefined;
  if (unknownKeys?.[0]) path.push(unknownKeys[0]);
  const field = formatFieldPath([where, ...path]);
  const message = unknownKeys ? `unknown field "${unknownKeys.join('", "')}"` : (issue?.message ?? 'invalid request');
  return { field, message: `${field}: ${message}` };
}

/** One place maps every failure to `{"error":{"code","message","field"?}}` and a status. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return sendError(reply, error.code, error.message, error.field === undefined ? undefined : requestField(error.field), error.retryAfterSeconds);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const { field, message } = schemaFailure(error);
      return sendError(reply, 'validation_failed', message, field);
    }
    const mapped = (error.code ? FASTIFY_CODES[error.code] : undefined) ?? (error.statusCode !== undefined ? CLIENT_STATUSES[error.statusCode] : undefined);
    if (mapped) return sendError(reply, mapped, error.message);
    if (error instanceof SyntaxError) return sendError(reply, 'malformed_request', error.message);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendError(reply, 'unavailable', 'the database cannot be reached; nothing was saved, try again shortly', undefined, 1);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 'internal', 'internal error');
  });
}

/**
 * Errors Fastify answers before a route is found (a path that is not valid percent-encoding),
 * answered in our shape rather than Fastify's.
 */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  const code = (error.code ? FASTIFY_CODES[error.code] : undefined) ?? 'malformed_request';
  void sendError(reply, code, code === 'malformed_request' ? `the request could not be read: ${error.message}` : error.message);
}

/**
 * A request Node's HTTP parser cannot read (a body longer than its Content-Length leaves bytes
 * that are not a request): answered in our shape, then the connection is closed, since what
 * follows on it cannot be trusted to start a request.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(errorBody('malformed_request', tooLarge ? 'the request headers are too large' : 'the request could not be read as HTTP'));
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
