import { z } from 'zod';

/**
 * The closed list of error codes the API answers with. Clients branch on the code, never
 * on the message, which is for people.
 */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_request',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'invalid_credentials',
  'session_expired',
  'rate_limited',
  'forbidden',
  'not_found',
  'conflict',
  'username_taken',
  'device_unknown',
  'device_not_approved',
  'device_revoked',
  'signature_invalid',
  'reference_not_found',
  'origin_rejected',
  'unavailable',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: ErrorCode,
      message: z.string(),
      field: z.string().optional().describe('Path of the offending field: where it was sent (body, query, params), then the path inside, such as "body.roles[0]" or "body.envelope.payload.text"'),
      retryAfterSeconds: z.number().int().nonnegative().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;
