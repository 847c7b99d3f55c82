import type { ErrorCode } from '@fusion-cell/protocol';

/**
 * The codes a request can fail with: the server's closed list, plus the two ways a request
 * fails before the server's answer can be read.
 */
export type ClientErrorCode = ErrorCode | 'network' | 'unexpected_response';

/** A failed API request, carrying the server's error body when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: { status: number; code: ClientErrorCode; message: string; field?: string | undefined; retryAfterSeconds?: number | undefined }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Whether the session is gone, so the app must return to the login page. */
  get endsSession(): boolean {
    return this.code === 'unauthenticated' || this.code === 'session_expired';
  }
}

/** Narrows an unknown failure to an ApiError, wrapping anything else as unexpected. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ status: 0, code: 'unexpected_response', message: error instanceof Error ? error.message : String(error) });
}
