import type { Inbox, Presence } from '@fusion-cell/protocol';
import { toApiError, type ApiError } from '../api/api-error.ts';
import { api } from '../api/endpoints.ts';
import type { NotificationFrame, StreamStatus } from '../stream/stream-client.ts';
import { Refetcher } from './refetcher.ts';

/** A notification from the stream, as this browser received it. */
export interface ReceivedNotification {
  /** Local sequence number, for keys and "new since" checks. */
  sequence: number;
  frame: NotificationFrame;
  receivedAt: number;
}

export interface CoordinationSnapshot {
  /** What this party owes, most urgent first; null until first loaded. */
  inbox: Inbox | null;
  inboxError: ApiError | null;
  /** What other parties owe on the items this party entered, overdue first; null until loaded. */
  sent: Inbox | null;
  /** Every open answer across the parties, overdue first, for supervisors; null for everyone else. */
  open: Inbox | null;
  /** Of those, the overdue ones. */
  overdue: Inbox | null;
  presence: Presence | null;
  /** Newest first. */
  notifications: readonly ReceivedNotification[];
  stream: StreamStatus;
}

/** Frames come in bursts (an entry, its checkpoint, a notification): one request answers them all. */
const REFETCH_DEBOUNCE_MS = 60;
/** While the stream is down, the inbox is polled instead. */
const FALLBACK_POLL_MS = 4000;
/** Presence expires on the server without an event; it is asked again now and then. */
const PRESENCE_POLL_MS = 30_000;
const MAX_NOTIFICATIONS = 30;

const INITIAL_STREAM: StreamStatus = { state: 'idle', retryAt: null, lastClose: null, connections: 0, duplicatesDropped: 0, resumes: 0 };

/**
 * The live coordination state of the console: the inbox, the supervisors' overdue view,
 * presence and notifications. The stream tells it when to fetch again; while the stream is
 * down, it polls. An immutable snapshot for `useSyncExternalStore`.
 */
export class CoordinationStore {
  private snapshot: CoordinationSnapshot = { inbox: null, inboxError: null, sent: null, open: null, overdue: null, presence: null, notifications: [], stream: INITIAL_STREAM };
  private readonly listeners = new Set<() => void>();
  private readonly notificationListeners = new Set<(notification: ReceivedNotification) => void>();
  private readonly reachableListeners = new Set<() => void>();
  private readonly inbox = new Refetcher(() => this.loadInbox(), REFETCH_DEBOUNCE_MS);
  private readonly sent = new Refetcher(() => this.loadSent(), REFETCH_DEBOUNCE_MS);
  private readonly overdue = new Refetcher(() => this.loadOpen(), REFETCH_DEBOUNCE_MS);
  private readonly presence = new Refetcher(() => this.loadPresence(), REFETCH_DEBOUNCE_MS * 3);
  private fallbackTimer: ReturnType<typeof setInterval> | undefined;
  private presenceTimer: ReturnType<typeof setInterval> | undefined;
  private sequence = 0;
  private live = false;

  /** `party`: the reader's party; `supervisor`: whether it also sees what every party owes. */
  constructor(private readonly viewer: { party: string; supervisor: boolean }) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CoordinationSnapshot => this.snapshot;

  /** Calls `listener` for every notification the stream brings from now on. */
  onNotification(listener: (notification: ReceivedNotification) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  /** Calls `listener` when the server answers again after failing: the stream may reconnect now. */
  onReachable(listener: () => void): () => void {
    this.reachableListeners.add(listener);
    return () => this.reachableListeners.delete(listener);
  }

  start(): void {
    for (const refetcher of [this.inbox, this.sent, this.overdue, this.presence]) refetcher.start();
    this.refreshAll();
    void this.presence.now();
    this.presenceTimer = setInterval(() => this.presence.request(), PRESENCE_POLL_MS);
    this.setLive(false);
  }

  stop(): void {
    this.inbox.stop();
    this.sent.stop();
    this.overdue.stop();
    this.presence.stop();
    clearInterval(this.fallbackTimer);
    clearInterval(this.presenceTimer);
  }

  /** Fetches again now, e.g. right after this browser sent an answer. */
  refreshAll(): void {
    void this.inbox.now();
    void this.sent.now();
    if (this.viewer.supervisor) void this.overdue.now();
  }

  /** New entries in some log: what is owed, to this party or by it, may have changed. */
  entriesArrived(): void {
    this.inbox.request();
    this.sent.request();
    if (this.viewer.supervisor) this.overdue.request();
  }

  /**
   * A reminder, repeat or escalation. The frame says which party owes the answer, so the feed
   * shows it as it comes; what this party owes is asked again only when it is this party.
   */
  notification(frame: NotificationFrame): void {
    const received: ReceivedNotification = { sequence: ++this.sequence, frame, receivedAt: Date.now() };
    this.update({ notifications: [received, ...this.snapshot.notifications].slice(0, MAX_NOTIFICATIONS) });
    for (const listener of this.notificationListeners) listener(received);
    if (frame.party === this.viewer.party) this.inbox.request();
    // An escalation of what another party owes this one shows in what it sent.
    else this.sent.request();
    if (this.viewer.supervisor) this.overdue.request();
  }

  presenceChanged(): void {
    this.presence.request();
  }

  streamStatus(status: StreamStatus): void {
    this.update({ stream: status });
  }

  /** With the stream up, frames say when to fetch; without it, the inbox is polled. */
  setLive(live: boolean): void {
    this.live = live;
    clearInterval(this.fallbackTimer);
    if (live) {
      // Whatever changed while the stream was down.
      this.refreshAll();
      this.presence.request();
      return;
    }
    this.fallbackTimer = setInterval(() => {
      if (!this.live) this.refreshAll();
    }, FALLBACK_POLL_MS);
  }

  private async loadInbox(): Promise<void> {
    try {
      const inbox = await api.inbox('mine');
      const wasFailing = this.snapshot.inboxError !== null;
      this.update({ inbox, inboxError: null });
      if (wasFailing) for (const listener of this.reachableListeners) listener();
    } catch (failure) {
      this.update({ inboxError: toApiError(failure) });
    }
  }

  private async loadSent(): Promise<void> {
    try {
      this.update({ sent: await api.inbox('sent') });
    } catch {
      // Kept as it was; the next frame or poll asks again.
    }
  }

  /** The supervisors' picture: every open answer, and the overdue ones among them, from one request. */
  private async loadOpen(): Promise<void> {
    try {
      const open = await api.inbox('open');
      const entries = open.entries.filter((entry) => entry.overdue);
      const counts: Inbox['counts'] = {};
      for (const entry of entries) {
        const count = (counts[entry.track] ??= { open: 0, overdue: 0 });
        count.open += 1;
        count.overdue += 1;
      }
      this.update({ open, overdue: { ...open, entries, counts } });
    } catch {
      // Kept as it was; the next frame or poll asks again.
    }
  }

  private async loadPresence(): Promise<void> {
    try {
      this.update({ presence: await api.presence() });
    } catch {
      // Presence is a courtesy; it is asked again on the next change.
    }
  }

  private update(change: Partial<CoordinationSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
