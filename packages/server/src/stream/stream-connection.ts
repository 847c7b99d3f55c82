import { ClientFrame, STREAM_CLOSE, STREAM_PROTOCOL, type ServerFrame } from '@fusion-cell/protocol';
import type { WebSocket } from 'ws';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import type { Actor } from '../policy/actor.ts';
import { decide } from '../policy/policy.ts';
import type { EntryFeed, FeedEntry } from './entry-feed.ts';
import type { ReplayBudget } from './replay-budget.ts';
import { isBacklog, newSubscription, type Subscription } from './subscription.ts';

/** Bytes waiting in the socket beyond which a client counts as not keeping up. */
export const SLOW_CONSUMER_BYTES = 1 << 20;
const PAGE = 256;
const MAX_BAD_FRAMES = 5;
const TERMINATE_AFTER_MS = 2000;
/** How long a backed-up socket may take to drain before its client counts as stuck. */
const STALL_GRACE_MS = 5000;

/** Why a client is cut off: the hint's reason, the close code and the close reason. */
const CUT_OFFS = {
  slowConsumer: { reason: 'slow consumer', code: STREAM_CLOSE.slowConsumer, close: 'slow consumer: resume from the hint' },
  replayBudget: { reason: 'replay budget spent', code: STREAM_CLOSE.replayBudget, close: 'replay budget spent: resume from the hint after retryAfterMs' },
} as const;
type CutOff = keyof typeof CUT_OFFS;

/** The connection's TCP socket: corked around a run of frames, they leave in one write. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/** What a connection shares with the rest of its instance. */
export interface ConnectionContext {
  feed: EntryFeed;
  latestCheckpoint(compartment: string): Promise<{ size: number; note: string } | undefined>;
  /** The member's replay budget, shared by all its connections. */
  budget: ReplayBudget;
  /**
   * Failures of work the connection does on its own (sending backlog), for the log; with the
   * compartment of a subscription they had refused as `unavailable`.
   */
  onError(error: unknown, unavailableCompartment?: string): void;
  transport?: Corkable | undefined;
}

/**
 * One client's stream. Per compartment it keeps only a cursor, the next index to send; the
 * entries themselves come from the shared feed when the socket can take them. When a socket
 * backs up, sending pauses (holding only the cursor); a client that still has not drained it
 * after a grace period is cut off with the cursors to resume from. A slow consumer never makes
 * the server hold more than its socket buffer. Backlog is paid from the member's replay
 * budget; a client that spends it is cut off the same way, so no sequence of frames makes the
 * server send more history than the budget allows.
 */
export class StreamConnection {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly pumping = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private badFrames = 0;
  private closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly actor: Actor,
    readonly sessionToken: string,
    private readonly context: ConnectionContext,
  ) {}

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  get budget(): ReplayBudget {
    return this.context.budget;
  }

  /** Whether this connection follows the compartment (catching up or live). */
  follows(compartment: string): boolean {
    return this.subscriptions.has(compartment);
  }

  send(frame: ServerFrame): void {
    if (this.isOpen) this.socket.send(JSON.stringify(frame));
  }

  /** Sends a frame serialised once for many connections. */
  sendSerialised(frame: Buffer): void {
    if (this.isOpen) this.socket.send(frame, { binary: false });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
  }

  markClosed(): void {
    this.closed = true;
  }

  /** Handles one frame from the client. Backlog is sent in the background, so frames keep being read meanwhile. */
  async receive(data: string): Promise<void> {
    let frame: ClientFrame;
    try {
      frame = ClientFrame.parse(JSON.parse(data));
    } catch {
      this.badFrames += 1;
      this.answer({ type: 'error', code: 'malformed_frame', message: 'the frame is not a valid stream message' });
      if (this.badFrames >= MAX_BAD_FRAMES) this.close(STREAM_CLOSE.protocolError, 'too many malformed frames');
      return;
    }
    switch (frame.type) {
      case 'hello':
        if (frame.protocol !== STREAM_PROTOCOL) {
          this.answer({ type: 'error', code: 'protocol_unsupported', message: `this server speaks stream protocol ${STREAM_PROTOCOL}` });
          this.close(STREAM_CLOSE.protocolError, 'protocol unsupported');
          return;
        }
        for (const subscription of frame.subscriptions) await this.subscribe(subscription.compartment, subscription.from);
        return;
      case 'subscribe':
        return this.subscribe(frame.compartment, frame.from);
      case 'unsubscribe':
        this.subscriptions.delete(frame.compartment);
        return;
      case 'pong':
        return;
    }
  }

  /**
   * Answers a client's frame. Answers are as small as the frames they answer, but a client
   * that sends without reading would still pile them up: past the limit it is cut off.
   */
  private answer(frame: ServerFrame): void {
    if (this.socket.bufferedAmount > SLOW_CONSUMER_BYTES) return this.cutOff('slowConsumer');
    this.send(frame);
  }

  /**
   * Starts sending a compartment's entries from `from`: first the backlog, then `caught-up`
   * and the latest checkpoint, then live entries. A compartment the party is not in gets the
   * same answer as one that does not exist. A compartment already followed is refused: a
   * second subscription would only send the same entries again. While the database cannot
   * be reached, the subscription is refused as `unavailable` instead of waiting for it.
   */
  private async subscribe(compartment: string, from: number): Promise<void> {
    const decision = decide(this.actor, { type: 'compartment.read', compartment });
    if (!decision.allowed) {
      this.answer({ type: 'error', code: 'not_found', message: 'compartment not found', compartment });
      return;
    }
    const current = this.subscriptions.get(compartment);
    if (current) {
      const state = current.live ? 'it is live' : 'its backlog is still being sent';
      this.answer({ type: 'error', code: 'already_subscribed', message: `already subscribed: ${state}; unsubscribe first to start again from another index`, compartment });
      return;
    }
    let size: number;
    try {
      size = await this.context.feed.size(compartment);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      this.unavailable(compartment, error);
      return;
    }
    if (from > size) {
      this.answer({ type: 'error', code: 'cursor_invalid', message: `the log has ${size} entries; resume from at most ${size}`, compartment });
      return;
    }
    if (!this.isOpen) return;
    const subscription = newSubscription(compartment, from, size);
    this.subscriptions.set(compartment, subscription);
    void this.catchUp(subscription).catch(this.context.onError);
  }

  /**
   * Sends the backlog, then `caught-up`. A backlog that cannot be read drops the subscription,
   * which would otherwise hold the compartment without ever catching up: the client is told
   * when the database is away, and may subscribe again.
   */
  private async catchUp(subscription: Subscription): Promise<void> {
    const { compartment } = subscription;
    try {
      await this.pump(compartment);
    } catch (error) {
      if (this.subscriptions.get(compartment) !== subscription) throw error;
      this.subscriptions.delete(compartment);
      if (!isDatabaseUnavailable(error)) throw error;
      this.unavailable(compartment, error);
      return;
    }
    if (!this.isOpen || this.subscriptions.get(compartment) !== subscription) return;
    subscription.live = true;
    this.send({ type: 'caught-up', compartment, size: subscription.cursor });
    const checkpoint = await this.context.latestCheckpoint(compartment);
    if (checkpoint && this.subscriptions.get(compartment) === subscription) this.send({ type: 'checkpoint', compartment, size: checkpoint.size, note: checkpoint.note });
  }

  /**
   * The live path: sends the entries beyond the cursor straight from memory, with no await,
   * when they are there and nothing else is sending; otherwise falls back to `pump`.
   */
  sendLive(compartment: string): void {
    const subscription = this.subscriptions.get(compartment);
    const size = this.context.feed.knownSize(compartment);
    if (!subscription || size === undefined || subscription.cursor >= size || !this.isOpen) return;
    const entries = this.pumping.has(compartment) ? undefined : this.context.feed.readRecent(compartment, subscription.cursor, size - subscription.cursor);
    if (!entries || entries.length !== size - subscription.cursor || this.socket.bufferedAmount > SLOW_CONSUMER_BYTES) {
      this.pump(compartment).catch(this.context.onError);
      return;
    }
    // When the machine is busy, commits group many entries: one write (one system call) for
    // all of them costs a fraction of one each, and is what lets the fan-out keep up.
    const batching = entries.length > 1 && this.context.transport;
    if (batching) batching.cork();
    try {
      for (const entry of entries) {
        this.socket.send(entry.frame, { binary: false });
        subscription.cursor = entry.index + 1;
      }
    } finally {
      if (batching) batching.uncork();
    }
  }

  /** Sends whatever the feed has beyond the cursor; one pump per compartment at a time. */
  pump(compartment: string): Promise<void> {
    const running = this.pumping.get(compartment);
    if (running) {
      this.again.add(compartment);
      return running;
    }
    const run = (async () => {
      do {
        this.again.delete(compartment);
        await this.drain(compartment);
      } while (this.again.has(compartment) && this.isOpen);
    })().finally(() => this.pumping.delete(compartment));
    this.pumping.set(compartment, run);
    return run;
  }

  private async drain(compartment: string): Promise<void> {
    for (;;) {
      const subscription = this.subscriptions.get(compartment);
      if (!subscription || !this.isOpen) return;
      if (subscription.cursor >= (await this.context.feed.size(compartment))) return;
      const page = await this.context.feed.read(compartment, subscription.cursor, PAGE);
      if (page.length === 0) return;
      if (!(await this.sendPage(subscription, page))) return;
    }
  }

  /**
   * Sends a page of a subscription's entries; false when draining must stop (the socket stays
   * backed up, the budget is spent). A subscription dropped or replaced meanwhile ends the
   * page early, and the drain goes on with whatever the compartment's subscription is now.
   */
  private async sendPage(subscription: Subscription, page: FeedEntry[]): Promise<boolean> {
    for (const [position, entry] of page.entries()) {
      if (this.socket.bufferedAmount > SLOW_CONSUMER_BYTES && !(await this.drained())) {
        this.cutOff('slowConsumer');
        return false;
      }
      if (this.subscriptions.get(subscription.compartment) !== subscription) {
        // The rest was read from the feed for this client all the same: a client that keeps
        // subscribing and unsubscribing pays for the reads it causes, not only for what it gets.
        this.chargeUnsent(subscription, page.slice(position));
        return true;
      }
      if (entry.index !== subscription.cursor || !this.isOpen) return false;
      if (isBacklog(subscription, entry.index) && !this.context.budget.take(entry.frame.length)) {
        this.cutOff('replayBudget');
        return false;
      }
      this.socket.send(entry.frame, { binary: false });
      subscription.cursor = entry.index + 1;
    }
    return true;
  }

  /** Refuses a subscription the database could not serve; the client may ask again later. */
  private unavailable(compartment: string, error: unknown): void {
    this.context.onError(error, compartment);
    this.answer({ type: 'error', code: 'unavailable', message: 'the database is unavailable; subscribe again later', compartment });
  }

  private chargeUnsent(subscription: Subscription, entries: FeedEntry[]): void {
    let bytes = 0;
    for (const entry of entries) if (isBacklog(subscription, entry.index)) bytes += entry.frame.length;
    if (bytes > 0) this.context.budget.charge(bytes);
  }

  /**
   * Waits for a backed-up socket to drain. A healthy client catching up on a long backlog
   * drains in moments; one that does not within the grace period is not reading.
   */
  private async drained(): Promise<boolean> {
    const deadline = Date.now() + STALL_GRACE_MS;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      if (!this.isOpen) return false;
      if (this.socket.bufferedAmount < SLOW_CONSUMER_BYTES / 4) return true;
    }
    return false;
  }

  private cutOff(why: CutOff): void {
    if (this.closed) return;
    const { reason, code, close } = CUT_OFFS[why];
    const subscriptions = [...this.subscriptions.values()].map(({ compartment, cursor }) => ({ compartment, from: cursor }));
    const retryAfterMs = why === 'replayBudget' ? this.context.budget.msUntilFull() : undefined;
    // The hint goes out even past the buffer limit: it is small, and it is all the client needs.
    this.socket.send(JSON.stringify({ type: 'resume', reason, subscriptions, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } satisfies ServerFrame));
    this.close(code, close);
    // A client that reads nothing never completes the closing handshake; drop it after a grace.
    setTimeout(() => {
      if (this.socket.readyState !== this.socket.CLOSED) this.socket.terminate();
    }, TERMINATE_AFTER_MS).unref();
  }
}
