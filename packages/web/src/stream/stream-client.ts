import { ServerFrame, STREAM_CLOSE, STREAM_PROTOCOL, type ClientFrame, type LogEntry } from '@fusion-cell/protocol';
import { backoffDelay, STREAM_BACKOFF, type BackoffPolicy } from './backoff.ts';

/** The little of a WebSocket the client uses, so tests can hand it a fake one. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type NotificationFrame = Extract<ServerFrame, { type: 'notification' }>;

/** What the stream feeds, and where it asks where each log continues. */
export interface StreamHandlers {
  /** The next index wanted per compartment, from what the record already holds. */
  subscriptions(): { compartment: string; from: number }[];
  /** New entries of one compartment, in log order, each delivered once. */
  onEntries(compartment: string, entries: LogEntry[]): void;
  onCheckpoint(compartment: string, size: number, note: string): void;
  onNotification(frame: NotificationFrame): void;
  onPresence(): void;
  /** The server's clock (epoch ms) from the `welcome`, and this browser's when it arrived: the skew. */
  onServerTime(serverTime: number, receivedAt: number): void;
  /** True once every subscription caught up; false as soon as the socket is lost. */
  onLive(live: boolean): void;
  /** The server closed the stream because the session ended: back to the login page. */
  onSessionEnded(): void;
  /** The server knows fewer entries than this browser holds: only a polling round can say why. */
  onCursorRefused(compartment: string): void;
}

export type StreamState = 'idle' | 'connecting' | 'catching-up' | 'live' | 'waiting' | 'ended' | 'stopped';

export interface StreamStatus {
  state: StreamState;
  /** When the next connection attempt is due (epoch ms), while waiting. */
  retryAt: number | null;
  /** The close code of the last connection lost. */
  lastClose: number | null;
  /** Connections opened so far. */
  connections: number;
  /** Entries received a second time (after a reconnection) and dropped. */
  duplicatesDropped: number;
  /** Cut-offs (slow consumer, replay budget spent) the server asked this client to resume from. */
  resumes: number;
}

export interface StreamClientOptions {
  url: string;
  openSocket?: (url: string) => SocketLike;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** How long a stream may stay silent, in heartbeats, before it counts as dead. */
  silentHeartbeats?: number;
}

const OPEN = 1;
/** After a protocol error the server will not accept this client: try again much later. */
const PROTOCOL_RETRY_MS = 60_000;
const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * The live stream (`/api/v1/stream`). Per compartment it keeps the next index it wants: an
 * entry below it is a duplicate and is dropped, so every entry reaches the record exactly
 * once across reconnections; every (re)connection subscribes from those indexes (or from
 * further on, when polling moved the record ahead meanwhile). A lost connection is retried
 * with backoff; a cut-off after the wait its hint asks for; a subscription the server could not
 * serve (its database away) after a pause; a closed session ends the stream.
 */
export class StreamClient {
  private socket: SocketLike | null = null;
  private readonly cursors = new Map<string, number>();
  /** Compartments the server refused (not ours): never asked for again. */
  private readonly refused = new Set<string>();
  private pendingCatchUp = new Set<string>();
  /** Compartments asked for again after a gap, until an entry at the cursor shows the new subscription arriving. */
  private readonly restarting = new Set<string>();
  /** Subscriptions the server could not serve for want of its database: when each is asked for again, and how often it was. */
  private readonly resubscribeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly resubscribeAttempts = new Map<string, number>();
  private readonly batches = new Map<string, LogEntry[]>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private heartbeatMs = DEFAULT_HEARTBEAT_MS;
  private attempt = 0;
  /** Set by a `resume` hint: how long to wait before reconnecting. */
  private resumeAfterMs: number | undefined;
  private status: StreamStatus = { state: 'idle', retryAt: null, lastClose: null, connections: 0, duplicatesDropped: 0, resumes: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly openSocket: (url: string) => SocketLike;

  constructor(
    private readonly handlers: StreamHandlers,
    private readonly options: StreamClientOptions,
  ) {
    this.openSocket = options.openSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getStatus = (): StreamStatus => this.status;

  start(): void {
    if (this.status.state !== 'idle' && this.status.state !== 'stopped') return;
    this.connect();
  }

  stop(): void {
    this.clearTimers();
    this.flush();
    this.detach(1000, 'leaving');
    this.setStatus({ state: 'stopped', retryAt: null });
  }

  /** Skips the wait before the next attempt, e.g. when the network or the tab comes back. */
  reconnectNow(): void {
    if (this.status.state !== 'waiting') return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  /** The next index this client wants from a compartment (for tests and diagnostics). */
  cursor(compartment: string): number | undefined {
    return this.cursors.get(compartment);
  }

  private connect(): void {
    this.setStatus({ state: 'connecting', retryAt: null });
    let socket: SocketLike;
    try {
      socket = this.openSocket(this.options.url);
    } catch {
      this.scheduleRetry(null);
      return;
    }
    this.socket = socket;
    // A handshake that hangs counts as lost, like a silent stream.
    this.armWatchdog();
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.setStatus({ connections: this.status.connections + 1 });
      this.hello();
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.closed(event.code);
    };
    // An error is always followed by a close, which decides what happens next.
    socket.onerror = () => undefined;
  }

  private hello(): void {
    const subscriptions = this.handlers
      .subscriptions()
      .filter((subscription) => !this.refused.has(subscription.compartment))
      .map(({ compartment, from }) => ({ compartment, from: Math.max(from, this.cursors.get(compartment) ?? 0) }));
    for (const { compartment, from } of subscriptions) this.cursors.set(compartment, from);
    this.restarting.clear();
    this.pendingCatchUp = new Set(subscriptions.map((subscription) => subscription.compartment));
    this.send({ type: 'hello', protocol: STREAM_PROTOCOL, subscriptions });
    this.setStatus({ state: 'catching-up' });
    this.armWatchdog();
    if (this.pendingCatchUp.size === 0) this.becomeLive();
  }

  private receive(data: unknown): void {
    this.armWatchdog();
    let frame: ServerFrame;
    try {
      const parsed = ServerFrame.safeParse(JSON.parse(String(data)));
      if (!parsed.success) return;
      frame = parsed.data;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'welcome':
        this.heartbeatMs = frame.heartbeatMs;
        this.armWatchdog();
        this.handlers.onServerTime(frame.time, Date.now());
        return;
      case 'entry':
        return this.entry(frame);
      case 'caught-up':
        this.flush();
        this.resubscribeAttempts.delete(frame.compartment);
        if (this.pendingCatchUp.delete(frame.compartment) && this.pendingCatchUp.size === 0) this.becomeLive();
        return;
      case 'checkpoint':
        // The entries it covers go first: the record checks them in the order given.
        this.flush();
        this.handlers.onCheckpoint(frame.compartment, frame.size, frame.note);
        return;
      case 'notification':
        this.flush();
        this.handlers.onNotification(frame);
        return;
      case 'presence':
        this.handlers.onPresence();
        return;
      case 'heartbeat':
        this.send({ type: 'pong', time: frame.time });
        return;
      case 'resume':
        // The close that follows reconnects, from this client's own cursors: they count what
        // actually arrived, which is never beyond the server's hint. A client cut off for
        // spending its replay budget waits until it has filled up again.
        this.resumeAfterMs = frame.retryAfterMs ?? 0;
        this.setStatus({ resumes: this.status.resumes + 1 });
        return;
      case 'error':
        return this.refusal(frame);
    }
  }

  private entry(frame: Extract<ServerFrame, { type: 'entry' }>): void {
    const cursor = this.cursors.get(frame.compartment);
    if (cursor === undefined) return;
    if (frame.index < cursor) {
      this.setStatus({ duplicatesDropped: this.status.duplicatesDropped + 1 });
      return;
    }
    if (frame.index > cursor) {
      // Entries are sent in order from the cursor; a skip is a transport fault, not history.
      // Ask again from the cursor, once: the server keeps one subscription per compartment,
      // so the old one goes first. The record's own checks judge what the log holds.
      if (!this.restarting.has(frame.compartment)) {
        this.restarting.add(frame.compartment);
        this.send({ type: 'unsubscribe', compartment: frame.compartment });
        this.send({ type: 'subscribe', compartment: frame.compartment, from: cursor });
      }
      return;
    }
    this.restarting.delete(frame.compartment);
    this.cursors.set(frame.compartment, frame.index + 1);
    const batch = this.batches.get(frame.compartment) ?? [];
    batch.push({ compartment: frame.compartment, index: frame.index, id: frame.id, receivedAt: frame.receivedAt, leaf: frame.leaf });
    this.batches.set(frame.compartment, batch);
    // Entries arriving together are checked together, in one pass of the record.
    this.flushTimer ??= setTimeout(() => this.flush(), 0);
  }

  private refusal(frame: Extract<ServerFrame, { type: 'error' }>): void {
    const { compartment } = frame;
    // A subscription asked for twice: the first one is still on its way to `caught-up`.
    if (compartment === undefined || frame.code === 'already_subscribed') return;
    if (frame.code === 'unavailable') return this.resubscribeLater(compartment);
    if (frame.code === 'not_found') {
      this.refused.add(compartment);
      this.cursors.delete(compartment);
    } else if (frame.code === 'cursor_invalid') {
      this.handlers.onCursorRefused(compartment);
    }
    if (this.pendingCatchUp.delete(compartment) && this.pendingCatchUp.size === 0) this.becomeLive();
  }

  /**
   * The server could not reach its database to serve a subscription and dropped it: ask again
   * after a pause, longer each time while it stays away. The compartment is still waited for,
   * so the stream is not live until it has caught up.
   */
  private resubscribeLater(compartment: string): void {
    const attempt = this.resubscribeAttempts.get(compartment) ?? 0;
    this.resubscribeAttempts.set(compartment, attempt + 1);
    clearTimeout(this.resubscribeTimers.get(compartment));
    const socket = this.socket;
    const delay = backoffDelay(attempt, this.options.backoff ?? STREAM_BACKOFF, this.options.random);
    this.resubscribeTimers.set(
      compartment,
      setTimeout(() => {
        this.resubscribeTimers.delete(compartment);
        const from = this.cursors.get(compartment);
        if (this.socket === socket && from !== undefined) this.send({ type: 'subscribe', compartment, from });
      }, delay),
    );
  }

  private becomeLive(): void {
    this.attempt = 0;
    this.setStatus({ state: 'live' });
    this.handlers.onLive(true);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batches = [...this.batches];
    this.batches.clear();
    for (const [compartment, entries] of batches) this.handlers.onEntries(compartment, entries);
  }

  private closed(code: number): void {
    const hintedDelay = this.resumeAfterMs;
    this.resumeAfterMs = undefined;
    this.flush();
    this.detach();
    this.setStatus({ lastClose: code });
    this.handlers.onLive(false);
    if (code === STREAM_CLOSE.unauthenticated) {
      this.clearTimers();
      this.setStatus({ state: 'ended', retryAt: null });
      this.handlers.onSessionEnded();
      return;
    }
    if (code === STREAM_CLOSE.protocolError) {
      this.scheduleRetry(PROTOCOL_RETRY_MS);
      return;
    }
    if (hintedDelay !== undefined) {
      this.scheduleRetry(hintedDelay);
      return;
    }
    if (code === STREAM_CLOSE.slowConsumer) {
      this.scheduleRetry(0);
      return;
    }
    this.scheduleRetry(null);
  }

  private scheduleRetry(delayMs: number | null): void {
    const delay = delayMs ?? backoffDelay(this.attempt++, this.options.backoff ?? STREAM_BACKOFF, this.options.random);
    clearTimeout(this.retryTimer);
    this.setStatus({ state: 'waiting', retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /** No frame for a few heartbeats: the connection is dead even if the browser has not noticed. */
  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    const silentFor = Math.max(5000, this.heartbeatMs * (this.options.silentHeartbeats ?? 2.5));
    this.watchdog = setTimeout(() => {
      if (this.socket) this.closed(4000);
    }, silentFor);
  }

  private detach(code?: number, reason?: string): void {
    clearTimeout(this.watchdog);
    // The next connection's hello asks for every compartment again.
    for (const timer of this.resubscribeTimers.values()) clearTimeout(timer);
    this.resubscribeTimers.clear();
    this.resubscribeAttempts.clear();
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      if (socket.readyState <= OPEN) socket.close(code ?? 1000, reason ?? 'reconnecting');
    } catch {
      // Already closing.
    }
  }

  private send(frame: ClientFrame): void {
    if (this.socket && this.socket.readyState === OPEN) this.socket.send(JSON.stringify(frame));
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.watchdog);
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  private setStatus(change: Partial<StreamStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.listeners) listener();
  }
}
