import { TimerWorker } from './coordination/timer-worker.ts';
import { OutageBackoff } from './db/outage-backoff.ts';
import { InProcessEventBus, type EventBus } from './events/event-bus.ts';
import { PostgresEventBus } from './events/postgres-event-bus.ts';
import { DeliveryWorker } from './notifications/delivery-worker.ts';
import type { CellServices } from './cell-services.ts';
import { EntryFeed } from './stream/entry-feed.ts';
import { StreamHub } from './stream/stream-hub.ts';

export interface LiveOptions {
  databaseUrl?: string | undefined;
  /** How long the event bus waits to open a PostgreSQL connection; the pool's default when unset. */
  databaseConnectTimeoutMs?: number | undefined;
  heartbeatMs: number;
  streamReplayBytesPerSecond: number;
  timerIntervalMs: number;
  smtpUrl?: string | undefined;
  smtpFrom: string;
}

/** The moving parts of a running cell: fan-out, the stream, timers and deliveries. */
export interface LiveRuntime {
  bus: EventBus;
  feed: EntryFeed;
  hub: StreamHub;
  timers: TimerWorker;
  delivery: DeliveryWorker;
  close(): Promise<void>;
}

/**
 * Wires what happens after a commit: new entries go to the shared feed and, as events, to
 * every instance's streams; new checkpoints likewise. Timers start firing.
 */
export async function openLiveRuntime(services: CellServices, options: LiveOptions): Promise<LiveRuntime> {
  const onError = (error: unknown) => services.logger.error({ err: error }, 'event handler failed');
  const feed = new EntryFeed(services.db);
  let closed = false;
  const bus: EventBus = options.databaseUrl
    ? await PostgresEventBus.open(options.databaseUrl, services.logger, options.databaseConnectTimeoutMs, () => resyncUntilDone(services, bus, () => closed))
    : new InProcessEventBus(onError);
  services.record.queue.onAppended((appended) => {
    feed.push(appended.map(({ receipt, entry }) => ({ compartment: receipt.compartment, index: receipt.index, id: receipt.id, receivedAt: new Date(receipt.receivedAt).toISOString(), leaf: entry.leaf })));
    const sizes = new Map<string, number>();
    for (const { receipt } of appended) sizes.set(receipt.compartment, Math.max(sizes.get(receipt.compartment) ?? 0, receipt.index + 1));
    for (const [compartment, size] of sizes) void bus.publish({ type: 'appended', compartment, size }).catch(onError);
  });
  services.record.checkpointer.onCheckpoint((compartment, size) => void bus.publish({ type: 'checkpoint', compartment, size }).catch(onError));
  const hub = new StreamHub(services, bus, feed, options.heartbeatMs, options.streamReplayBytesPerSecond);
  const delivery = new DeliveryWorker(services, { smtpUrl: options.smtpUrl, smtpFrom: options.smtpFrom }, services.logger);
  const timers = new TimerWorker(services, bus, delivery, options.timerIntervalMs);
  await timers.start();
  return {
    bus,
    feed,
    hub,
    timers,
    delivery,
    close: async () => {
      closed = true;
      await hub.close();
      await timers.stop();
      delivery.close();
      await bus.close();
    },
  };
}

/** Re-syncs, trying again with backoff while the database fails, until done or closed. */
function resyncUntilDone(services: CellServices, bus: EventBus, isClosed: () => boolean): void {
  const backoff = new OutageBackoff(services.logger, 're-syncing streams after a lost event connection');
  const attempt = async (): Promise<void> => {
    if (isClosed()) return;
    try {
      await resyncAll(services, bus);
      backoff.succeeded();
    } catch (error) {
      backoff.failed(error);
      setTimeout(() => void attempt(), backoff.nextDelay(0)).unref();
    }
  };
  void attempt();
}

/**
 * After a lost LISTEN connection, this instance may have missed anything: logs that grew,
 * checkpoints signed, members who came and went. Announcing every head, every latest
 * checkpoint and a presence change brings its streams up to date; other instances' clients
 * take the repeats as old news.
 */
async function resyncAll(services: CellServices, bus: EventBus): Promise<void> {
  const heads = await services.db.selectFrom('log_heads').select(['compartment_id', 'size']).execute();
  const checkpoints = await services.db.selectFrom('checkpoints').select(['compartment_id', (eb) => eb.fn.max('size').as('size')]).groupBy('compartment_id').execute();
  for (const head of heads) await bus.publish({ type: 'appended', compartment: head.compartment_id, size: head.size });
  for (const checkpoint of checkpoints) await bus.publish({ type: 'checkpoint', compartment: checkpoint.compartment_id, size: Number(checkpoint.size) });
  await bus.publish({ type: 'presence' });
}
