import { ApiError } from '../api/api-error.ts';

/**
 * The server refused rather than could not be reached: that is evidence, not a hiccup. A lost
 * session or a rate limit is neither, and is retried on the next round.
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && !error.endsSession && error.code !== 'rate_limited';
}
