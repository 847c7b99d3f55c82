import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import type { LogStore } from './log-store.ts';
import type { AppendReceipt, PreparedEntry } from './prepared-entry.ts';

interface Waiting {
  entry: PreparedEntry;
  resolve(receipt: AppendReceipt): void;
  reject(error: unknown): void;
}

/** Most entries committed in one transaction. */
const MAX_BATCH = 512;

/**
 * Group commit: entries submitted while a transaction is being committed wait and go
 * together in the next one. One durable commit (one fsync) then serves many appends, and no
 * caller gets its receipt before the commit that holds its entry.
 */
export class AppendQueue {
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private readonly listeners: Array<(appended: Array<{ receipt: AppendReceipt; entry: PreparedEntry }>) => void> = [];

  constructor(
    private readonly store: LogStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  submit(entry: PreparedEntry): Promise<AppendReceipt> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      this.flushing ??= this.flush().finally(() => {
        this.flushing = undefined;
      });
    });
  }

  /** Called after every commit with the entries it appended (not duplicates), in log order. */
  onAppended(listener: (appended: Array<{ receipt: AppendReceipt; entry: PreparedEntry }>) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves when everything submitted so far is committed or refused. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      await this.commit(batch);
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      const receipts = await this.store.appendBatch(
        batch.map((waiting) => waiting.entry),
        this.clock.now(),
      );
      batch.forEach((waiting, position) => waiting.resolve(receipts[position] as AppendReceipt));
      const appended = receipts
        .map((receipt, position) => ({ receipt, entry: (batch[position] as Waiting).entry }))
        .filter(({ receipt }) => !receipt.duplicate);
      if (appended.length > 0) {
        for (const listener of this.listeners) {
          try {
            listener(appended);
          } catch (error) {
            this.logger.error({ err: error }, 'append listener failed');
          }
        }
      }
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One bad entry must not fail its neighbours: retry them one by one. A rule refusing
      // an entry that lost a race is expected; anything else deserves a warning.
      const level = error instanceof DomainError ? 'debug' : 'warn';
      this.logger[level]({ err: error, size: batch.length }, 'batch append failed; retrying entries one by one');
      for (const waiting of batch) await this.commit([waiting]);
    }
  }
}
