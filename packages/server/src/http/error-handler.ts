import type { ErrorBody, ErrorCode } from '@fusion-cell/protocol';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
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
};

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, field?: string, retryAfterSeconds?: number) {
  const body: ErrorBody = { error: { code, message } };
  if (field !== undefined) body.error.field = field;
  if (retryAfterSeconds !== undefined) {
    body.error.retryAfterSeconds = retryAfterSeconds;
    void reply.header('retry-after', String(retryAfterSeconds));
  }
  return reply.code(STATUS[code]).type('application/json; charset=utf-8').send(body);
}

/** One place maps every failure to `{"error":{"code","message","field"?}}` and a status. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return sendError(reply, error.code, error.message, error.field, error.retryAfterSeconds);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const [issue] = error.validation;
      const where = error.validationContext ?? 'body';
      const path = issue ? issue.instancePath.split('/').filter(Boolean) : [];
      const unknownKeys = issue?.keyword === 'unrecognized_keys' ? (issue.params['keys'] as string[] | undefined) : undefined;
      if (unknownKeys?.[0]) path.push(unknownKeys[0]);
      const field = [where, ...path].join('.');
      const message = unknownKeys ? `unknown field "${unknownKeys.join('", "')}"` : (issue?.message ?? 'invalid request');
      return sendError(reply, 'validation_failed', `${field}: ${message}`, field);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendError(reply, mapped, error.message);
    if (error instanceof SyntaxError || error.statusCode === 400) return sendError(reply, 'malformed_request', error.message);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendError(reply, 'unavailable', 'the database cannot be reached; nothing was saved, try again shortly', undefined, 1);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 'internal', 'internal error');
  });
}
