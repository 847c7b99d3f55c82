import { randomUUID } from 'node:crypto';
import { STREAM_CLOSE, STREAM_PROTOCOL, type ServerFrame } from '@fusion-cell/protocol';
import type { WebSocket } from 'ws';
import { activeSessions } from '../auth/sessions.ts';
import { clearPresence, markConnected, markDisconnected, refreshPresence } from '../coordination/presence.ts';
import type { CellEvent, EventBus } from '../events/event-bus.ts';
import type { Actor } from '../policy/actor.ts';
import { decide } from '../policy/policy.ts';
import type { CellServices } from '../cell-services.ts';
import { toIso } from '../clock.ts';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import { checkpointNote } from '../record/log-reads.ts';
import type { EntryFeed } from './entry-feed.ts';
import { handleFramesInOrder } from './inbound-frames.ts';
import { ReplayBudgets, type ReplayBudget } from './replay-budget.ts';
import { StreamConnection, type Corkable } from './stream-connection.ts';

function serialise(frame: ServerFrame): Buffer {
  return Buffer.from(JSON.stringify(frame));
}

/** Roles that hear reminders and repeated alarms: the people on watch and those who answer for the party. */
/**
 * Connections served between two yields of a fan-out. Sending from memory is cheap, and
 * yielding more often lets commits cut into a fan-out and delay its last recipients (measured
 * by the stream latency benchmark), so only very large fan-outs are split.
 */
const FAN_OUT_CHUNK = 1024;
/** Presence changes are announced at most this often: a reconnecting crowd makes one announcement. */
const PRESENCE_COALESCE_MS = 1000;

/**
 * Every stream connection of this instance. It turns cell events (from this instance or,
 * on PostgreSQL, from any) into frames for exactly the connections entitled to them.
 */
export class StreamHub {
  readonly instance = randomUUID();
  private readonly connections = new Set<StreamConnection>();
  private readonly heartbeat: NodeJS.Timeout;
  private presenceTimer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  private readonly budgets: ReplayBudgets;

  constructor(
    private readonly services: CellServices,
    private readonly bus: EventBus,
    private readonly feed: EntryFeed,
    readonly heartbeatMs: number,
    /** Backlog each member may be sent per second, across its connections. */
    replayBytesPerSecond: number,
  ) {
    this.budgets = new ReplayBudgets(replayBytesPerSecond);
    this.unsubscribe = bus.subscribe((event) => void this.onEvent(event));
    this.heartbeat = setInterval(() => void this.beat(), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  /**
   * Takes over an upgraded socket of an authenticated member. Its socket errors are the
   * route's to log (see socket-errors.ts), where a client's faults are told from the server's.
   */
  async attach(socket: WebSocket, actor: Actor, sessionToken: string, transport?: Corkable): Promise<void> {
    const connection = new StreamConnection(socket, actor, sessionToken, {
      feed: this.feed,
      latestCheckpoint: (compartment) => this.latestCheckpoint(compartment),
      budget: this.budgets.of(actor.memberId),
      onError: (error, unavailableCompartment) =>
        unavailableCompartment === undefined
          ? this.services.logger.warn({ err: error }, 'sending a stream backlog failed')
          : this.services.logger.warn({ err: error, compartment: unavailableCompartment, member: actor.memberId }, 'stream subscription refused: the database is unavailable'),
      transport,
    });
    this.connections.add(connection);
    handleFramesInOrder(socket, (text) => connection.receive(text), (error) => this.services.logger.warn({ err: error }, 'stream frame failed'));
    socket.on('close', () => {
      connection.markClosed();
      this.connections.delete(connection);
      void this.presenceChanged(() => markDisconnected(this.services.db, this.instance, actor.memberId, this.services.clock.now()));
    });
    connection.send({ type: 'welcome', protocol: STREAM_PROTOCOL, heartbeatMs: this.heartbeatMs, member: actor.memberId, party: actor.partyId, time: this.services.clock.now() });
    await this.presenceChanged(() => markConnected(this.services.db, this.instance, actor.memberId, this.services.clock.now()));
  }

  private async onEvent(event: CellEvent): Promise<void> {
    try {
      switch (event.type) {
        case 'appended': {
          await this.feed.advance(event.compartment, event.size);
          // Very large fan-outs are served in chunks, yielding between them, so they do not
          // hold back the commits and requests waiting behind them for long.
          let served = 0;
          for (const connection of [...this.connections]) {
            if (!connection.follows(event.compartment)) continue;
            connection.sendLive(event.compartment);
            if (++served % FAN_OUT_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
          }
          return;
        }
        case 'checkpoint': {
          const checkpoint = await this.latestCheckpoint(event.compartment);
          if (!checkpoint) return;
          const frame = serialise({ type: 'checkpoint', compartment: event.compartment, ...checkpoint });
          for (const connection of this.connections) if (connection.follows(event.compartment)) connection.sendSerialised(frame);
          return;
        }
        case 'notify': {
          const frame = serialise({ type: 'notification', kind: event.kind, party: event.party, compartment: event.compartment, item: event.item, dueAt: toIso(event.dueAt), urgent: event.urgent });
          for (const connection of this.connections) if (this.hearsNotification(connection.actor, event)) connection.sendSerialised(frame);
          return;
        }
        case 'presence':
          this.announcePresenceSoon();
          return;
      }
    } catch (error) {
      this.services.logger[isDatabaseUnavailable(error) ? 'warn' : 'error']({ err: error, event: event.type }, 'stream event failed');
    }
  }

  /** Whether the policy lets this member's stream carry the notification. */
  private hearsNotification(actor: Actor, event: Extract<CellEvent, { type: 'notify' }>): boolean {
    return decide(actor, { type: 'notification.hear', compartment: event.compartment, party: event.party, kind: event.kind }).allowed;
  }

  private latestCheckpoint(compartment: string): Promise<{ size: number; note: string } | undefined> {
    return checkpointNote(this.services, compartment);
  }

  /** Heartbeats; sessions that ended meanwhile close their streams. */
  private async beat(): Promise<void> {
    const now = this.services.clock.now();
    const heartbeat = serialise({ type: 'heartbeat', time: now });
    const connections = [...this.connections];
    for (const connection of connections) connection.sendSerialised(heartbeat);
    this.budgets.prune(new Set<ReplayBudget>(connections.map((connection) => connection.budget)));
    try {
      // One query for every session behind this instance's streams, not one per connection.
      const active = await activeSessions(this.services.db, connections.map((connection) => connection.sessionToken), now, this.services.sessionPolicy);
      for (const connection of connections) if (!active.has(connection.sessionToken)) connection.close(STREAM_CLOSE.unauthenticated, 'the session ended');
      await refreshPresence(this.services.db, this.instance, now);
    } catch (error) {
      this.services.logger.warn({ err: error }, 'stream heartbeat checks failed');
    }
  }

  /** Tells every connection that presence changed, once per coalescing window. */
  private announcePresenceSoon(): void {
    this.presenceTimer ??= setTimeout(() => {
      this.presenceTimer = undefined;
      const frame = serialise({ type: 'presence', changed: true });
      for (const connection of this.connections) connection.sendSerialised(frame);
    }, PRESENCE_COALESCE_MS);
    this.presenceTimer.unref();
  }

  private async presenceChanged(change: () => Promise<void>): Promise<void> {
    try {
      await change();
      await this.bus.publish({ type: 'presence' });
    } catch (error) {
      this.services.logger.warn({ err: error }, 'presence update failed');
    }
  }

  /** Closes every stream (clients reconnect elsewhere or later) and forgets this instance's presence. */
  async close(): Promise<void> {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    for (const connection of this.connections) connection.close(STREAM_CLOSE.goingAway, 'server shutting down');
    this.connections.clear();
    await clearPresence(this.services.db, this.instance).catch(() => undefined);
  }
}
