import { base64Decode, compartmentOrigin, signCheckpoint } from '@fusion-cell/record';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { OutageBackoff } from '../db/outage-backoff.ts';
import type { Database } from '../db/schema.ts';
import type { LogKey } from './log-key.ts';

/**
 * Signs a checkpoint of every log that grew: at most once per interval per log, and at once
 * after a quiet spell so a lone message is verifiable without waiting. Several instances may
 * sign the same size; the first stored wins. While the database is away, rounds back off and
 * resume by themselves once it returns.
 */
export class Checkpointer {
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private running: Promise<void> | undefined;
  private lastSignedAt = 0;
  private readonly listeners: Array<(compartmentId: string, size: number, note: string) => void> = [];
  private readonly backoff: OutageBackoff;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly cellId: string,
    private readonly logKey: LogKey,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {
    this.backoff = new OutageBackoff(logger, 'signing checkpoints');
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.scheduleRound(this.intervalMs);
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Each round is scheduled when the last one ends, so a failing round waits longer, never overlaps. */
  private scheduleRound(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.signPending().then(() => {
        if (this.started) this.scheduleRound(this.backoff.nextDelay(this.intervalMs));
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Called after appends: signs now unless a checkpoint was signed less than an interval ago. */
  nudge(): void {
    if (this.clock.now() - this.lastSignedAt >= this.intervalMs) void this.signPending();
  }

  /** Called with each new checkpoint once it is stored. */
  onCheckpoint(listener: (compartmentId: string, size: number, note: string) => void): void {
    this.listeners.push(listener);
  }

  /** Tells the listeners a stored checkpoint changed: a party cosigned it. */
  announce(compartmentId: string, size: number): void {
    for (const listener of this.listeners) listener(compartmentId, size, '');
  }

  /** Signs a checkpoint for every log whose head is ahead of its latest checkpoint. */
  signPending(): Promise<void> {
    this.running ??= this.signOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async signOnce(): Promise<void> {
    try {
      const heads = await this.db
        .selectFrom('log_heads')
        .leftJoin(
          (eb) => eb.selectFrom('checkpoints').select(['compartment_id', (inner) => inner.fn.max('size').as('signed')]).groupBy('compartment_id').as('latest'),
          (join) => join.onRef('latest.compartment_id', '=', 'log_heads.compartment_id'),
        )
        .select(['log_heads.compartment_id', 'log_heads.size', 'log_heads.root_hash', 'latest.signed'])
        .execute();
      const now = this.clock.now();
      for (const head of heads) {
        if (head.signed !== null && Number(head.signed) >= head.size) continue;
        const checkpoint = { origin: compartmentOrigin(this.cellId, head.compartment_id), size: head.size, rootHash: base64Decode(head.root_hash) };
        const note = await signCheckpoint(checkpoint, this.logKey.signer, Math.floor(now / 1000));
        const inserted = await this.db
          .insertInto('checkpoints')
          .values({ compartment_id: head.compartment_id, size: head.size, root_hash: head.root_hash, note, signed_at: now })
          .onConflict((conflict) => conflict.columns(['compartment_id', 'size']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
          for (const listener of this.listeners) listener(head.compartment_id, head.size, note);
        }
      }
      this.lastSignedAt = now;
      this.backoff.succeeded();
    } catch (error) {
      this.backoff.failed(error);
    }
  }
}
