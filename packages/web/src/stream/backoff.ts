/** How long to wait before reconnecting: exponential, capped, with jitter. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/**
 * A duty officer must be back on the stream within seconds of the server returning, so the
 * cap is short; the jitter (half to all of the delay) keeps a room full of browsers from
 * reconnecting in the same millisecond after a restart.
 */
export const STREAM_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 5000 };

/** The delay before reconnection attempt `attempt` (0 for the first). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = STREAM_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
