import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import { DomainError } from '../errors.ts';
import type { LogStore } from './log-store.ts';
import type { AppendReceipt, PreparedEntry } from './prepared-entry.ts';

/** Entries submitted together: they commit in one transaction or not at all. */
interface Waiting {
  entries: PreparedEntry[];
  resolve(receipts: AppendReceipt[]): void;
  reject(error: unknown): void;
}

/** Most entries committed in one transaction. */
const MAX_BATCH = 512;
/** Most entries remembered as perhaps committed; past it, the oldest are forgotten. */
const MAX_UNCERTAIN = 10_000;

/**
 * Group commit: entries submitted while a transaction is being committed wait and go
 * together in the next one. One durable commit (one fsync) then serves many appends, and no
 * caller gets its receipt before the commit that holds its entry.
 */
export class AppendQueue {
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | undefined;
  private readonly listeners: Array<(appended: Array<{ receipt: AppendReceipt; entry: PreparedEntry }>) => void> = [];
  /**
   * Entries whose commit failed because the database went away: the commit may have landed
   * with only its answer lost. Nobody announced them, so when one comes back as a duplicate
   * it is announced then, and stream clients are not left without it.
   */
  private readonly uncertain = new Set<string>();

  constructor(
    private readonly store: LogStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async submit(entry: PreparedEntry): Promise<AppendReceipt> {
    const [receipt] = await this.submitTogether([entry]);
    return receipt as AppendReceipt;
  }

  /**
   * Entries that must enter the record together, in several logs perhaps (a release and the
   * cell's note of it in its original's compartment): one transaction holds them all, and a
   * batch retried entry by entry keeps them together.
   */
  submitTogether(entries: PreparedEntry[]): Promise<AppendReceipt[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entries, resolve, reject });
      this.flushing ??= this.flush().finally(() => {
        this.flushing = undefined;
      });
    });
  }

  /**
   * Called after every commit with the entries it appended, in log order: not duplicates,
   * except those never announced because their first commit's outcome was unknown.
   */
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
      const entries = batch.flatMap((waiting) => waiting.entries);
      const { receipts, followUps } = await this.store.appendBatch(entries, this.clock.now());
      let position = 0;
      for (const waiting of batch) {
        waiting.resolve(receipts.slice(position, position + waiting.entries.length));
        position += waiting.entries.length;
      }
      const appended = [
        ...receipts.map((receipt, at) => ({ receipt, entry: entries[at] as PreparedEntry })).filter(({ receipt }) => !receipt.duplicate || this.uncertain.has(receipt.id)),
        ...followUps,
      ].sort((a, b) => a.receipt.compartment.localeCompare(b.receipt.compartment) || a.receipt.index - b.receipt.index);
      for (const receipt of receipts) this.uncertain.delete(receipt.id);
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
      // Without a database every entry would fail the same way, each after its own wait for a
      // connection: all are refused at once instead. Nothing of the batch is known to be stored;
      // if its commit did land, a resent envelope is recognised and gets its receipt.
      const unavailable = isDatabaseUnavailable(error);
      if (unavailable) for (const entry of batch.flatMap((waiting) => waiting.entries)) this.rememberUncertain(entry.itemId);
      if (batch.length === 1 || unavailable) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      // One bad entry must not fail its neighbours: retry them one by one. A rule refusing
      // an entry that lost a race is expected; anything else deserves a warning.
      const level = error instanceof DomainError ? 'debug' : 'warn';
      this.logger[level]({ err: error, size: batch.length }, 'batch append failed; retrying entries one by one');
      for (const waiting of batch) await this.commit([waiting]);
    }
  }

  private rememberUncertain(itemId: string): void {
    this.uncertain.add(itemId);
    // A set iterates in insertion order: the first is the oldest.
    for (const oldest of this.uncertain) {
      if (this.uncertain.size <= MAX_UNCERTAIN) break;
      this.uncertain.delete(oldest);
    }
  }
}
