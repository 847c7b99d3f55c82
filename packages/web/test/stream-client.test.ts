import type { ClientFrame, LogEntry, ServerFrame } from '@fusion-cell/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamClient, type SocketLike, type StreamHandlers } from '../src/stream/stream-client.ts';
import { backoffDelay } from '../src/stream/backoff.ts';

/** A WebSocket the test drives from the server's side. */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: ClientFrame[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closedByClient: number | undefined;

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close(code?: number): void {
    this.closedByClient = code;
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
    this.deliver({ type: 'welcome', protocol: 1, heartbeatMs: 1000, member: 'm', party: 'il', time: Date.now() });
  }
  deliver(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  serverClose(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  hello(): Extract<ClientFrame, { type: 'hello' }> {
    const hello = this.sent.find((frame) => frame.type === 'hello');
    if (hello?.type !== 'hello') throw new Error('no hello sent');
    return hello;
  }
}

const entry = (compartment: string, index: number): ServerFrame => ({ type: 'entry', compartment, index, id: `id-${index}`, receivedAt: '2026-01-06T10:00:00.000Z', leaf: `{"n":${index}}` });

describe('the stream client', () => {
  let sockets: FakeSocket[];
  let received: Map<string, number[]>;
  let held: { compartment: string; from: number }[];
  let live: boolean[];
  let handlers: StreamHandlers & { ended: number; refused: string[]; checkpoints: string[]; skews: number[] };
  let client: StreamClient;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    received = new Map();
    held = [
      { compartment: 'plenary', from: 3 },
      { compartment: 'caucus-il', from: 0 },
    ];
    live = [];
    handlers = {
      ended: 0,
      refused: [],
      checkpoints: [],
      skews: [],
      subscriptions: () => held,
      onEntries: (compartment: string, entries: LogEntry[]) => received.set(compartment, [...(received.get(compartment) ?? []), ...entries.map((each) => each.index)]),
      onCheckpoint: (compartment: string, size: number) => handlers.checkpoints.push(`${compartment}@${size}`),
      onNotification: () => undefined,
      onPresence: () => undefined,
      onServerTime: (serverTime: number, receivedAt: number) => handlers.skews.push(serverTime - receivedAt),
      onLive: (value: boolean) => live.push(value),
      onSessionEnded: () => (handlers.ended += 1),
      onCursorRefused: (compartment: string) => handlers.refused.push(compartment),
    };
    client = new StreamClient(handlers, {
      url: 'ws://cell.test/api/v1/stream',
      openSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      },
      random: () => 1,
    });
  });

  afterEach(() => {
    client.stop();
    vi.useRealTimers();
  });

  function catchUp(socket: FakeSocket, sizes: Record<string, number>): void {
    for (const [compartment, size] of Object.entries(sizes)) socket.deliver({ type: 'caught-up', compartment, size });
  }

  it('subscribes from where the record continues, delivers in order, and is live once every log caught up', () => {
    client.start();
    sockets[0]!.open();
    expect(sockets[0]!.hello()).toEqual({ type: 'hello', protocol: 1, subscriptions: held });
    sockets[0]!.deliver(entry('plenary', 3));
    sockets[0]!.deliver(entry('plenary', 4));
    catchUp(sockets[0]!, { plenary: 5 });
    expect(client.getStatus().state).toBe('catching-up');
    catchUp(sockets[0]!, { 'caucus-il': 0 });
    expect(received.get('plenary')).toEqual([3, 4]);
    expect(client.getStatus().state).toBe('live');
    expect(live).toEqual([true]);
  });

  it('resubscribes after a lost connection from the next index wanted, and drops what it gets twice', () => {
    client.start();
    sockets[0]!.open();
    sockets[0]!.deliver(entry('plenary', 3));
    catchUp(sockets[0]!, { plenary: 4, 'caucus-il': 0 });
    sockets[0]!.deliver(entry('plenary', 4));
    sockets[0]!.serverClose(1006);
    expect(live).toEqual([true, false]);
    expect(client.getStatus().state).toBe('waiting');

    // The record had not taken the entries yet: the client's own cursor is further on.
    vi.advanceTimersByTime(backoffDelay(0, undefined, () => 1));
    sockets[1]!.open();
    expect(sockets[1]!.hello().subscriptions).toEqual([
      { compartment: 'plenary', from: 5 },
      { compartment: 'caucus-il', from: 0 },
    ]);
    // A server that replays anyway: nothing reaches the record twice.
    sockets[1]!.deliver(entry('plenary', 4));
    sockets[1]!.deliver(entry('plenary', 5));
    vi.runOnlyPendingTimers();
    expect(received.get('plenary')).toEqual([3, 4, 5]);
    expect(client.getStatus().duplicatesDropped).toBe(1);
  });

  it('asks again from its cursor when an entry skips ahead, rather than pass on a gap', () => {
    client.start();
    sockets[0]!.open();
    sockets[0]!.deliver(entry('plenary', 5));
    vi.runOnlyPendingTimers();
    expect(received.get('plenary')).toBeUndefined();
    // The server keeps one subscription per compartment: the old one goes first, and only once per gap.
    expect(sockets[0]!.sent.slice(-2)).toEqual([
      { type: 'unsubscribe', compartment: 'plenary' },
      { type: 'subscribe', compartment: 'plenary', from: 3 },
    ]);
  });

  it('asks again only once per gap, and takes the entries of the new subscription', () => {
    client.start();
    sockets[0]!.open();
    sockets[0]!.deliver(entry('plenary', 5));
    const sentBefore = sockets[0]!.sent.length;
    sockets[0]!.deliver(entry('plenary', 6));
    expect(sockets[0]!.sent).toHaveLength(sentBefore);
    sockets[0]!.deliver({ type: 'error', code: 'already_subscribed', message: 'subscribed already', compartment: 'plenary' });
    sockets[0]!.deliver(entry('plenary', 3));
    catchUp(sockets[0]!, { plenary: 4, 'caucus-il': 0 });
    expect(received.get('plenary')).toEqual([3]);
  });

  it('asks again, after a pause that grows, for a subscription the server could not serve while its database was away', () => {
    const unavailable: ServerFrame = { type: 'error', code: 'unavailable', message: 'the database is unavailable', compartment: 'plenary' };
    const first = backoffDelay(0, undefined, () => 1);
    const second = backoffDelay(1, undefined, () => 1);
    client.start();
    sockets[0]!.open();
    sockets[0]!.deliver(entry('plenary', 3));
    sockets[0]!.deliver(unavailable);
    catchUp(sockets[0]!, { 'caucus-il': 0 });
    const sentBefore = sockets[0]!.sent.length;
    vi.advanceTimersByTime(first - 1);
    expect(sockets[0]!.sent).toHaveLength(sentBefore);
    vi.advanceTimersByTime(1);
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'subscribe', compartment: 'plenary', from: 4 });

    // Still away: the next pause is longer, and the stream is not live without the compartment.
    sockets[0]!.deliver(unavailable);
    vi.advanceTimersByTime(second - 1);
    expect(sockets[0]!.sent).toHaveLength(sentBefore + 1);
    vi.advanceTimersByTime(1);
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'subscribe', compartment: 'plenary', from: 4 });
    expect(client.getStatus().state).toBe('catching-up');

    sockets[0]!.deliver(entry('plenary', 4));
    catchUp(sockets[0]!, { plenary: 5 });
    expect(received.get('plenary')).toEqual([3, 4]);
    expect(client.getStatus().state).toBe('live');
    expect(sockets).toHaveLength(1);
  });

  it('waits as long as the hint asks after a cut-off for spending its replay budget', () => {
    client.start();
    sockets[0]!.open();
    sockets[0]!.deliver(entry('plenary', 3));
    sockets[0]!.deliver({ type: 'resume', reason: 'replay budget spent', retryAfterMs: 1500, subscriptions: [{ compartment: 'plenary', from: 4 }, { compartment: 'caucus-il', from: 0 }] });
    sockets[0]!.serverClose(4029);
    vi.advanceTimersByTime(1499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(sockets[1]!.hello().subscriptions).toContainEqual({ compartment: 'plenary', from: 4 });
  });

  it('reconnects at once after a slow-consumer cut-off, from its own cursors', () => {
    client.start();
    sockets[0]!.open();
    sockets[0]!.deliver(entry('plenary', 3));
    sockets[0]!.deliver({ type: 'resume', reason: 'slow consumer', subscriptions: [{ compartment: 'plenary', from: 4 }, { compartment: 'caucus-il', from: 0 }] });
    sockets[0]!.serverClose(4008);
    vi.advanceTimersByTime(0);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(sockets[1]!.hello().subscriptions).toContainEqual({ compartment: 'plenary', from: 4 });
    expect(client.getStatus().resumes).toBe(1);
  });

  it('backs off while the server is away, and ends when the session does', () => {
    client.start();
    sockets[0]!.open();
    sockets[0]!.serverClose(1001);
    vi.advanceTimersByTime(backoffDelay(0, undefined, () => 1));
    sockets[1]!.serverClose(1006);
    // The second wait is longer than the first.
    vi.advanceTimersByTime(backoffDelay(0, undefined, () => 1));
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(backoffDelay(1, undefined, () => 1));
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    sockets[2]!.serverClose(4001);
    expect(handlers.ended).toBe(1);
    expect(client.getStatus().state).toBe('ended');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(3);
  });

  it('never asks again for a compartment the server does not know, and reports a cursor it refuses', () => {
    client.start();
    sockets[0]!.open();
    sockets[0]!.deliver({ type: 'error', code: 'not_found', message: 'compartment not found', compartment: 'caucus-il' });
    sockets[0]!.deliver({ type: 'error', code: 'cursor_invalid', message: 'the log has 2 entries', compartment: 'plenary' });
    expect(handlers.refused).toEqual(['plenary']);
    expect(client.getStatus().state).toBe('live');
    sockets[0]!.serverClose(1006);
    vi.advanceTimersByTime(5000);
    sockets[1]!.open();
    expect(sockets[1]!.hello().subscriptions.map((subscription) => subscription.compartment)).toEqual(['plenary']);
  });

  it('hands over the entries before the checkpoint that covers them, and counts a silent stream as lost', () => {
    client.start();
    sockets[0]!.open();
    sockets[0]!.deliver(entry('plenary', 3));
    sockets[0]!.deliver({ type: 'checkpoint', compartment: 'plenary', size: 4, note: 'note' });
    expect(received.get('plenary')).toEqual([3]);
    expect(handlers.checkpoints).toEqual(['plenary@4']);
    // Heartbeats every second: five silent seconds and the connection counts as dead.
    vi.advanceTimersByTime(5001);
    expect(sockets[0]!.closedByClient).toBe(1000);
    expect(client.getStatus().state).toBe('waiting');
  });

  it("passes on the server's clock from each welcome, for countdowns to correct the skew", () => {
    client.start();
    sockets[0]!.open();
    expect(handlers.skews).toEqual([0]);
    sockets[0]!.serverClose(1006);
    vi.advanceTimersByTime(backoffDelay(0, undefined, () => 1));
    // The next server's clock runs a minute and a half ahead of this browser's.
    sockets[1]!.readyState = 1;
    sockets[1]!.onopen?.({});
    sockets[1]!.deliver({ type: 'welcome', protocol: 1, heartbeatMs: 1000, member: 'm', party: 'il', time: Date.now() + 90_000 });
    expect(handlers.skews).toEqual([0, 90_000]);
  });

  it('answers heartbeats', () => {
    client.start();
    sockets[0]!.open();
    sockets[0]!.deliver({ type: 'heartbeat', time: 42 });
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'pong', time: 42 });
  });
});
