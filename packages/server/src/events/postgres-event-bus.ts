import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { keepSocketErrorsFromCrashing, postgresConnectionSettings } from '../db/open-database.ts';
import { OutageBackoff } from '../db/outage-backoff.ts';
import { LocalHandlers, type CellEvent, type EventBus, type EventHandler } from './event-bus.ts';
import { UnsentEvents } from './unsent-events.ts';

const CHANNEL = 'fusion_cell_events';

/**
 * LISTEN/NOTIFY between instances sharing one PostgreSQL database. Local handlers hear an
 * event at once; other instances hear it through the database, and ignore their own echo.
 * Neither direction gives up while the database is away: a lost listening connection is
 * reopened (with backoff) and handlers are told to re-sync (a `presence` event and every
 * compartment's `appended` are cheap to recompute), and events the database would not take
 * are kept and sent once it does.
 */
export class PostgresEventBus implements EventBus {
  private readonly handlers = new LocalHandlers();
  private readonly instance = randomUUID();
  private listener: pg.Client | undefined;
  private closed = false;
  private readonly unsent = new UnsentEvents();
  private resending: Promise<void> | undefined;
  private readonly listenBackoff: OutageBackoff;
  private readonly sendBackoff: OutageBackoff;

  private constructor(
    private readonly url: string,
    private readonly connectTimeoutMs: number | undefined,
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    private readonly onReconnect: () => void,
  ) {
    this.listenBackoff = new OutageBackoff(logger, 'listening for events of other instances');
    this.sendBackoff = new OutageBackoff(logger, 'sending events to other instances');
  }

  static async open(url: string, logger: Logger, connectTimeoutMs: number | undefined, onReconnect: () => void): Promise<PostgresEventBus> {
    const pool = new pg.Pool({ connectionString: url, max: 2, ...postgresConnectionSettings(connectTimeoutMs) });
    pool.on('error', (error) => logger.warn({ err: error }, 'idle event connection failed'));
    keepSocketErrorsFromCrashing(pool);
    const bus = new PostgresEventBus(url, connectTimeoutMs, pool, logger, onReconnect);
    await bus.listen();
    return bus;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, ...postgresConnectionSettings(this.connectTimeoutMs) });
    client.on('notification', (message) => {
      if (!message.payload) return;
      try {
        const { from, event } = JSON.parse(message.payload) as { from: string; event: CellEvent };
        if (from !== this.instance) this.handlers.deliver(event, (error) => this.logger.error({ err: error }, 'event handler failed'));
      } catch (error) {
        this.logger.warn({ err: error }, 'unreadable event notification');
      }
    });
    // A connection can end with an error or without one; either way it hears nothing more.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the listening connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    this.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
    void this.reconnect(client);
  }

  private async reconnect(failed: pg.Client): Promise<void> {
    await failed.end().catch(() => undefined);
    while (!this.closed) {
      await pause(this.listenBackoff.nextDelay(0));
      if (this.closed) return;
      try {
        await this.listen();
        this.listenBackoff.succeeded();
        // Whatever was said while this instance was deaf is recomputed from the database.
        this.onReconnect();
        return;
      } catch (error) {
        this.listenBackoff.failed(error);
      }
    }
  }

  /** Delivers locally at once; the other instances hear it now, or once the database is back. */
  async publish(event: CellEvent): Promise<void> {
    this.handlers.deliver(event, (error) => this.logger.error({ err: error }, 'event handler failed'));
    if (this.unsent.size > 0) {
      // While events wait for the database, new ones join them rather than try it on their own.
      this.unsent.keep(event);
      return;
    }
    try {
      await this.notify(event);
    } catch (error) {
      this.sendBackoff.failed(error);
      this.unsent.keep(event);
      this.resendSoon();
    }
  }

  private notify(event: CellEvent): Promise<unknown> {
    return this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ from: this.instance, event })]);
  }

  /** Sends the kept events, one round after another with backoff, until none is left. */
  private resendSoon(): void {
    this.resending ??= (async () => {
      while (!this.closed && this.unsent.size > 0) {
        await pause(this.sendBackoff.nextDelay(0));
        if (this.closed) return;
        const events = this.unsent.takeAll();
        for (const [position, event] of events.entries()) {
          try {
            await this.notify(event);
          } catch (error) {
            this.sendBackoff.failed(error);
            for (const unsent of events.slice(position)) this.unsent.keep(unsent);
            break;
          }
        }
        if (this.unsent.size === 0) this.sendBackoff.succeeded();
      }
    })().finally(() => {
      this.resending = undefined;
    });
  }

  subscribe(handler: EventHandler): () => void {
    return this.handlers.add(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

/** Waits without keeping the process alive: a closing server does not wait for a retry. */
function pause(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
