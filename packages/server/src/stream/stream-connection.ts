import { ClientFrame, STREAM_CLOSE, STREAM_PROTOCOL, type ServerFrame } from '@fusion-cell/protocol';
import type { WebSocket } from 'ws';
import type { Actor } from '../policy/actor.ts';
import { decide } from '../policy/policy.ts';
import type { EntryFeed } from './entry-feed.ts';

/** Bytes waiting in the socket beyond which a client counts as not keeping up. */
export const SLOW_CONSUMER_BYTES = 1 << 20;
const PAGE = 256;
const MAX_BAD_FRAMES = 5;
const TERMINATE_AFTER_MS = 2000;
/** How long a backed-up socket may take to drain before its client counts as stuck. */
const STALL_GRACE_MS = 5000;

/** The connection's TCP socket: corked around a run of frames, they leave in one write. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * One client's stream. Per compartment it keeps only a cursor, the next index to send; the
 * entries themselves come from the shared feed when the socket can take them. When a socket
 * backs up, sending pauses (holding only the cursor); a client that still has not drained it
 * after a grace period is cut off with the cursors to resume from. A slow consumer never makes
 * the server hold more than its socket buffer.
 */
export class StreamConnection {
  readonly cursors = new Map<string, number>();
  private readonly pumping = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private badFrames = 0;
  private closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly actor: Actor,
    readonly sessionToken: string,
    private readonly feed: EntryFeed,
    private readonly latestCheckpoint: (compartment: string) => Promise<{ size: number; note: string } | undefined>,
    private readonly transport?: Corkable,
  ) {}

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
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

  /** Handles one frame from the client. */
  async receive(data: string): Promise<void> {
    let frame: ClientFrame;
    try {
      frame = ClientFrame.parse(JSON.parse(data));
    } catch {
      this.badFrames += 1;
      this.send({ type: 'error', code: 'malformed_frame', message: 'the frame is not a valid stream message' });
      if (this.badFrames >= MAX_BAD_FRAMES) this.close(STREAM_CLOSE.protocolError, 'too many malformed frames');
      return;
    }
    switch (frame.type) {
      case 'hello':
        if (frame.protocol !== STREAM_PROTOCOL) {
          this.send({ type: 'error', code: 'protocol_unsupported', message: `this server speaks stream protocol ${STREAM_PROTOCOL}` });
          this.close(STREAM_CLOSE.protocolError, 'protocol unsupported');
          return;
        }
        for (const subscription of frame.subscriptions) await this.subscribe(subscription.compartment, subscription.from);
        return;
      case 'subscribe':
        return this.subscribe(frame.compartment, frame.from);
      case 'unsubscribe':
        this.cursors.delete(frame.compartment);
        return;
      case 'pong':
        return;
    }
  }

  /**
   * Starts sending a compartment's entries from `from`: first the backlog, then `caught-up`
   * and the latest checkpoint, then live entries. A compartment the party is not in gets the
   * same answer as one that does not exist.
   */
  private async subscribe(compartment: string, from: number): Promise<void> {
    const decision = decide(this.actor, { type: 'compartment.read', compartment });
    if (!decision.allowed) {
      this.send({ type: 'error', code: 'not_found', message: 'compartment not found', compartment });
      return;
    }
    const size = await this.feed.size(compartment);
    if (from > size) {
      this.send({ type: 'error', code: 'cursor_invalid', message: `the log has ${size} entries; resume from at most ${size}`, compartment });
      return;
    }
    this.cursors.set(compartment, from);
    await this.pump(compartment);
    if (!this.isOpen || !this.cursors.has(compartment)) return;
    this.send({ type: 'caught-up', compartment, size: this.cursors.get(compartment) ?? size });
    const checkpoint = await this.latestCheckpoint(compartment);
    if (checkpoint) this.send({ type: 'checkpoint', compartment, size: checkpoint.size, note: checkpoint.note });
  }

  /**
   * The live path: sends the entries beyond the cursor straight from memory, with no await,
   * when they are there and nothing else is sending; otherwise falls back to `pump`.
   */
  sendLive(compartment: string): void {
    const cursor = this.cursors.get(compartment);
    const size = this.feed.knownSize(compartment);
    if (cursor === undefined || size === undefined || cursor >= size || !this.isOpen) return;
    const entries = this.pumping.has(compartment) ? undefined : this.feed.readRecent(compartment, cursor, size - cursor);
    if (!entries || entries.length !== size - cursor || this.socket.bufferedAmount > SLOW_CONSUMER_BYTES) {
      void this.pump(compartment);
      return;
    }
    // When the machine is busy, commits group many entries: one write (one system call) for
    // all of them costs a fraction of one each, and is what lets the fan-out keep up.
    const batching = entries.length > 1 && this.transport;
    if (batching) batching.cork();
    try {
      for (const entry of entries) {
        this.socket.send(entry.frame, { binary: false });
        this.cursors.set(compartment, entry.index + 1);
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
      const cursor = this.cursors.get(compartment);
      if (cursor === undefined || !this.isOpen) return;
      if (cursor >= (await this.feed.size(compartment))) return;
      const page = await this.feed.read(compartment, cursor, PAGE);
      if (page.length === 0) return;
      for (const entry of page) {
        if (this.socket.bufferedAmount > SLOW_CONSUMER_BYTES && !(await this.drained())) return this.cutOff();
        if (entry.index !== this.cursors.get(compartment)) return;
        this.socket.send(entry.frame, { binary: false });
        this.cursors.set(compartment, entry.index + 1);
      }
    }
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

  private cutOff(): void {
    const subscriptions = [...this.cursors].map(([compartment, from]) => ({ compartment, from }));
    // The hint goes out even past the buffer limit: it is small, and it is all the client needs.
    if (!this.closed) this.socket.send(JSON.stringify({ type: 'resume', reason: 'slow consumer', subscriptions } satisfies ServerFrame));
    this.close(STREAM_CLOSE.slowConsumer, 'slow consumer: resume from the hint');
    // A client that reads nothing never completes the closing handshake; drop it after a grace.
    setTimeout(() => {
      if (this.socket.readyState !== this.socket.CLOSED) this.socket.terminate();
    }, TERMINATE_AFTER_MS).unref();
  }
}
