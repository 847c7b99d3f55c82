import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { LocalHandlers, type CellEvent, type EventBus, type EventHandler } from './event-bus.ts';

const CHANNEL = 'fusion_cell_events';

/**
 * LISTEN/NOTIFY between instances sharing one PostgreSQL database. Local handlers hear an
 * event at once; other instances hear it through the database, and ignore their own echo.
 * A dropped listening connection is reopened, and handlers are told to re-sync (a
 * `presence` event and every compartment's `appended` are cheap to recompute).
 */
export class PostgresEventBus implements EventBus {
  private readonly handlers = new LocalHandlers();
  private readonly instance = randomUUID();
  private listener: pg.Client | undefined;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    private readonly onReconnect: () => void,
  ) {}

  static async open(url: string, logger: Logger, onReconnect: () => void): Promise<PostgresEventBus> {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on('error', (error) => logger.warn({ err: error }, 'idle event connection failed'));
    const bus = new PostgresEventBus(url, pool, logger, onReconnect);
    await bus.listen();
    return bus;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (!message.payload) return;
      try {
        const { from, event } = JSON.parse(message.payload) as { from: string; event: CellEvent };
        if (from !== this.instance) this.handlers.deliver(event, (error) => this.logger.error({ err: error }, 'event handler failed'));
      } catch (error) {
        this.logger.warn({ err: error }, 'unreadable event notification');
      }
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      void this.reconnect(client);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private async reconnect(failed: pg.Client): Promise<void> {
    if (this.closed || this.listener !== failed) return;
    this.listener = undefined;
    await failed.end().catch(() => undefined);
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        await this.listen();
        this.onReconnect();
        return;
      } catch (error) {
        this.logger.warn({ err: error, attempt }, 'event listener reconnect failed');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  }

  async publish(event: CellEvent): Promise<void> {
    this.handlers.deliver(event, (error) => this.logger.error({ err: error }, 'event handler failed'));
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ from: this.instance, event })]);
  }

  subscribe(handler: EventHandler): () => void {
    return this.handlers.add(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
