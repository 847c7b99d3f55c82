import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from './database-unavailable.ts';

export interface BackoffLimits {
  /** The wait after the first failed round. */
  firstMs: number;
  /** The longest wait: how late, at worst, a worker notices the database is back. */
  maxMs: number;
}

/**
 * A few seconds at most: a round against a database that is away costs one refused
 * connection, and a worker should resume soon after it returns.
 */
export const DEFAULT_BACKOFF: BackoffLimits = { firstMs: 250, maxMs: 5_000 };

/** While the database stays away, the outage is logged again this often, not every round. */
const REMIND_EVERY_MS = 30_000;

/**
 * Paces a background worker through failures: each failed round waits twice as long as the
 * one before, up to a ceiling, so a database that is away is not hammered and the process
 * does not spin. An unreachable database is an operating condition, logged at warn when it
 * starts, now and then while it lasts, and at info when it ends; any other failure is a
 * defect, logged at error every time.
 *
 * The waits are real time, not the injected clock: they pace requests to another process,
 * and a frozen test clock must not keep a worker waiting forever.
 */
export class OutageBackoff {
  private failures = 0;
  private lastWarnedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly logger: Logger,
    /** What the worker does, for the log: "signing checkpoints". */
    private readonly what: string,
    private readonly limits: BackoffLimits = DEFAULT_BACKOFF,
  ) {}

  /** Whether the last round failed. */
  get failing(): boolean {
    return this.failures > 0;
  }

  /** The wait before the next round: the worker's own interval, or longer after failures. */
  nextDelay(intervalMs: number): number {
    if (this.failures === 0) return intervalMs;
    return Math.max(intervalMs, Math.min(this.limits.maxMs, this.limits.firstMs * 2 ** (this.failures - 1)));
  }

  failed(error: unknown): void {
    this.failures += 1;
    if (!isDatabaseUnavailable(error)) {
      this.logger.error({ err: error, failures: this.failures }, `${this.what} failed`);
      return;
    }
    const now = performance.now();
    if (this.failures === 1 || now - this.lastWarnedAt >= REMIND_EVERY_MS) {
      this.lastWarnedAt = now;
      this.logger.warn({ err: error, failures: this.failures }, `${this.what}: the database cannot be reached; retrying with backoff`);
    }
  }

  succeeded(): void {
    if (this.failures > 0) this.logger.info({ failures: this.failures }, `${this.what}: working again`);
    this.failures = 0;
    this.lastWarnedAt = Number.NEGATIVE_INFINITY;
  }
}
