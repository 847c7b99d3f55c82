import type { NOTIFICATION_KINDS } from '@fusion-cell/protocol';

/** What one server instance tells every instance (itself included) that something happened. */
export type CellEvent =
  | { type: 'appended'; compartment: string; size: number }
  | { type: 'checkpoint'; compartment: string; size: number }
  | {
      type: 'notify';
      kind: (typeof NOTIFICATION_KINDS)[number];
      party: string;
      compartment: string;
      item: string;
      dueAt: number;
      urgent: boolean;
    }
  | { type: 'presence' };

export type EventHandler = (event: CellEvent) => void;

/**
 * Fan-out between server instances. On SQLite there is one instance and events stay in the
 * process; on PostgreSQL they travel by LISTEN/NOTIFY, so an entry written on one instance
 * reaches the clients of every instance.
 */
export interface EventBus {
  publish(event: CellEvent): Promise<void>;
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}

/** Delivers to local handlers, isolating one failing handler from the others. */
export class LocalHandlers {
  private readonly handlers = new Set<EventHandler>();

  add(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  deliver(event: CellEvent, onError: (error: unknown) => void): void {
    for (const handler of this.handlers) {
      try {
        handler(event);
      } catch (error) {
        onError(error);
      }
    }
  }
}

/** The single-instance bus. */
export class InProcessEventBus implements EventBus {
  private readonly handlers = new LocalHandlers();

  constructor(private readonly onError: (error: unknown) => void) {}

  publish(event: CellEvent): Promise<void> {
    this.handlers.deliver(event, this.onError);
    return Promise.resolve();
  }

  subscribe(handler: EventHandler): () => void {
    return this.handlers.add(handler);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
