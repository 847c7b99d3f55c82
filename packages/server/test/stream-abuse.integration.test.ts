import { STREAM_CLOSE, type ServerFrame } from '@fusion-cell/protocol';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayBudget, ReplayBudgets } from '../src/stream/replay-budget.ts';
import { ApiClient } from './support/api-client.ts';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { StreamClient } from './support/stream-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

type ResumeFrame = Extract<ServerFrame, { type: 'resume' }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

function entryBytes(stream: StreamClient): number {
  return stream.frames.filter((frame) => frame.type === 'entry').reduce((sum, frame) => sum + JSON.stringify(frame).length, 0);
}

function errorsOf(stream: StreamClient, code: string): ServerFrame[] {
  return stream.frames.filter((frame) => frame.type === 'error' && frame.code === code);
}

describe('the replay budget', () => {
  function budgetWithClock(bytesPerSecond: number) {
    let now = 0;
    return { budget: new ReplayBudget(bytesPerSecond, () => now), advance: (ms: number) => (now += ms) };
  }

  it('starts full, holds one second of bytes, and refuses once spent until it refills', () => {
    const { budget, advance } = budgetWithClock(1000);
    expect(budget.isFull).toBe(true);
    expect(budget.take(999)).toBe(true);
    // Anything left pays for a whole entry, even a larger one; the bucket then owes it.
    expect(budget.take(500)).toBe(true);
    expect(budget.take(1)).toBe(false);
    expect(budget.msUntilFull()).toBe(1499);
    advance(499);
    expect(budget.take(1)).toBe(false);
    advance(1);
    expect(budget.take(1)).toBe(true);
    advance(60_000);
    // Idle time does not save up more than one second's worth.
    expect(budget.take(1000)).toBe(true);
    expect(budget.take(1)).toBe(false);
  });

  it('sends an entry larger than the whole budget when the bucket is full, rather than never', () => {
    const { budget, advance } = budgetWithClock(1000);
    expect(budget.take(5000)).toBe(true);
    expect(budget.msUntilFull()).toBe(5000);
    advance(4999);
    expect(budget.take(1)).toBe(true);
  });

  it('charges reads abandoned half-way like bytes sent', () => {
    const { budget } = budgetWithClock(1000);
    budget.charge(1000);
    expect(budget.take(1)).toBe(false);
  });

  it('gives all the connections of a member one budget, and forgets only full budgets nobody holds', () => {
    let now = 0;
    const budgets = new ReplayBudgets(1000, () => now);
    const first = budgets.of('m1');
    expect(budgets.of('m1')).toBe(first);
    first.take(1000);
    budgets.prune(new Set());
    expect(budgets.of('m1')).toBe(first);
    now += 1000;
    budgets.prune(new Set([first]));
    expect(budgets.of('m1')).toBe(first);
    budgets.prune(new Set());
    expect(budgets.of('m1')).not.toBe(first);
  });
});

describe.each(ENGINES)('a hostile stream client on $engine', (setup) => {
  /** Low enough that a few large entries spend it, high enough that the demo's plenary replays within it. */
  const BUDGET = 128 * 1024;
  let storage: TestStorage;
  let server: TestServer;
  let writer: SigningClient;
  const logs: Array<{ level: number; msg: string }> = [];
  const streams: StreamClient[] = [];

  beforeAll(async () => {
    storage = await setup.create();
    const destination = { write: (line: string) => void logs.push(JSON.parse(line) as { level: number; msg: string }) };
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, heartbeatMs: 60_000, streamReplayBytesPerSecond: BUDGET, logger: pino({ level: 'debug' }, destination) });
    writer = await SigningClient.open(server.url, 'il.duty1', server.passwordOf('il.duty1'));
    // A backlog half again as large as the budget.
    const text = 'y'.repeat(8000);
    for (let n = 0; n < Math.ceil((1.5 * BUDGET) / text.length); n++) expect((await writer.send({ compartment: 'internal-il', payload: { text: `${n} ${text}`, language: 'he' } })).status).toBe(201);
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server.close();
    await storage.cleanup();
  });

  /** A session of its own per test: budgets are per member, so tests do not share them. */
  async function cookieOf(username: string): Promise<string> {
    const client = new ApiClient(server.url);
    await client.login(username, server.passwordOf(username));
    return client.sessionCookie ?? '';
  }

  async function open(cookie: string): Promise<StreamClient> {
    const stream = await StreamClient.open(server.url, cookie);
    streams.push(stream);
    await stream.waitFor((frame) => frame.type === 'welcome');
    return stream;
  }

  async function sizeOf(compartment: string): Promise<number> {
    return (await writer.get('/api/v1/record')).body.compartments.find((log: { id: string }) => log.id === compartment).size;
  }

  it('replays the log once for 2,000 subscriptions to it, refusing every one after the first', async () => {
    const size = await sizeOf('plenary');
    const stream = await open(await cookieOf('sy.head'));
    for (let n = 0; n < 2000; n++) stream.send({ type: 'subscribe', compartment: 'plenary', from: 0 });
    await waitUntil(() => errorsOf(stream, 'already_subscribed').length === 1999, '1,999 refusals came');
    await stream.waitFor((frame) => frame.type === 'caught-up');
    await sleep(100);
    expect(stream.entries('plenary').map((entry) => entry.index)).toEqual(Array.from({ length: size }, (_, n) => n));
    expect(stream.frames.filter((frame) => frame.type === 'caught-up')).toHaveLength(1);
    expect(stream.closed).toBeUndefined();
  });

  it('refuses to resubscribe a live compartment; unsubscribing first starts over from the index asked', async () => {
    const size = await sizeOf('plenary');
    const stream = await open(await cookieOf('sy.duty1'));
    stream.send({ type: 'subscribe', compartment: 'plenary', from: 0 });
    await stream.waitFor((frame) => frame.type === 'caught-up');
    stream.send({ type: 'subscribe', compartment: 'plenary', from: 0 });
    await stream.waitFor((frame) => frame.type === 'error' && frame.code === 'already_subscribed' && frame.compartment === 'plenary');
    stream.send({ type: 'unsubscribe', compartment: 'plenary' });
    stream.send({ type: 'subscribe', compartment: 'plenary', from: size - 1 });
    await waitUntil(() => stream.frames.filter((frame) => frame.type === 'caught-up').length === 2, 'the second subscription caught up');
    expect(stream.entries('plenary').map((entry) => entry.index)).toEqual([...Array.from({ length: size }, (_, n) => n), size - 1]);
  });

  it('answers hostile subscriptions without sending more than the log once', async () => {
    const size = await sizeOf('plenary');
    const stream = await open(await cookieOf('sy.analyst'));
    stream.send({ type: 'subscribe', compartment: 'plenary', from: Number.MAX_SAFE_INTEGER });
    stream.send({ type: 'subscribe', compartment: 'plenary', from: -1 });
    stream.send({ type: 'subscribe', compartment: 'plenary', from: 1e300 });
    stream.send({ type: 'subscribe', compartment: 'caucus-nowhere', from: 0 });
    stream.send({ type: 'subscribe', compartment: 'x'.repeat(10_000), from: 0 });
    stream.send({ type: 'hello', protocol: 1, subscriptions: Array.from({ length: 100 }, () => ({ compartment: 'plenary', from: 0 })) });
    await waitUntil(() => errorsOf(stream, 'already_subscribed').length === 99, '99 refusals came');
    await stream.waitFor((frame) => frame.type === 'caught-up');
    expect(errorsOf(stream, 'cursor_invalid')).toHaveLength(1);
    expect(errorsOf(stream, 'not_found')).toHaveLength(1);
    expect(errorsOf(stream, 'malformed_frame')).toHaveLength(3);
    expect(stream.entries('plenary').map((entry) => entry.index)).toEqual(Array.from({ length: size }, (_, n) => n));
  });

  it('never sends more backlog than the budget to a client subscribing and unsubscribing in a loop', async () => {
    const stream = await open(await cookieOf('sy.duty2'));
    const started = Date.now();
    for (let n = 0; n < 1000; n++) {
      stream.send({ type: 'subscribe', compartment: 'plenary', from: 0 });
      stream.send({ type: 'unsubscribe', compartment: 'plenary' });
    }
    // Frames are handled in order: the answer to this one means every one before was handled,
    // unless the client was cut off first for spending its budget.
    stream.send({ type: 'subscribe', compartment: 'caucus-nowhere', from: 0 });
    await waitUntil(() => stream.closed !== undefined || errorsOf(stream, 'not_found').length > 0, 'the last frame was answered or the client cut off');
    await sleep(200);
    if (stream.closed) expect(stream.closed.code).toBe(STREAM_CLOSE.replayBudget);
    const largestEntry = Math.max(0, ...stream.entries('plenary').map((entry) => JSON.stringify(entry).length));
    const allowed = BUDGET + (BUDGET * (Date.now() - started)) / 1000 + largestEntry;
    expect(entryBytes(stream)).toBeLessThanOrEqual(allowed);
  });

  it('cuts off a client over its replay budget with the cursors to resume from; resuming delivers every entry once', async () => {
    const size = await sizeOf('internal-il');
    const cookie = await cookieOf('il.analyst');
    const received = new Map<number, number>();
    const collect = (stream: StreamClient) => {
      for (const entry of stream.entries('internal-il')) received.set(entry.index, (received.get(entry.index) ?? 0) + 1);
    };

    const first = await open(cookie);
    first.send({ type: 'subscribe', compartment: 'internal-il', from: 0 });
    const hint = await first.waitFor((frame): frame is ResumeFrame => frame.type === 'resume');
    const cutOffAt = Date.now();
    expect((await first.waitForClose()).code).toBe(STREAM_CLOSE.replayBudget);
    collect(first);
    expect(hint.reason).toMatch(/replay budget/);
    expect(hint.subscriptions).toEqual([{ compartment: 'internal-il', from: first.entries('internal-il').length }]);
    expect(hint.retryAfterMs).toBeGreaterThan(0);
    expect(hint.retryAfterMs).toBeLessThanOrEqual(2000);
    expect(first.entries('internal-il').length).toBeLessThan(size);

    // Reconnecting at once does not refill the budget: the member's connections share it.
    const eager = await open(cookie);
    eager.send({ type: 'subscribe', compartment: 'internal-il', from: hint.subscriptions[0]!.from });
    const eagerHint = await eager.waitFor((frame): frame is ResumeFrame => frame.type === 'resume');
    expect((await eager.waitForClose()).code).toBe(STREAM_CLOSE.replayBudget);
    collect(eager);
    const largestEntry = Math.max(...first.entries('internal-il').map((entry) => JSON.stringify(entry).length));
    expect(entryBytes(eager)).toBeLessThanOrEqual((BUDGET * (Date.now() - cutOffAt)) / 1000 + largestEntry);

    let resumeFrom = eagerHint.subscriptions[0]!.from;
    let waitMs = eagerHint.retryAfterMs ?? 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      await sleep(waitMs);
      const stream = await open(cookie);
      stream.send({ type: 'subscribe', compartment: 'internal-il', from: resumeFrom });
      const outcome = await stream.waitFor((frame) => frame.type === 'caught-up' || frame.type === 'resume');
      if (outcome.type === 'caught-up') {
        collect(stream);
        break;
      }
      await stream.waitForClose();
      collect(stream);
      resumeFrom = (outcome as ResumeFrame).subscriptions[0]!.from;
      waitMs = (outcome as ResumeFrame).retryAfterMs ?? 0;
    }
    expect([...received.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, n) => n));
    expect([...received.values()].every((count) => count === 1)).toBe(true);
  });

  it('sends live entries to a client whose budget is spent', async () => {
    const cookie = await cookieOf('il.translator');
    const spender = await open(cookie);
    spender.send({ type: 'subscribe', compartment: 'internal-il', from: 0 });
    expect((await spender.waitForClose()).code).toBe(STREAM_CLOSE.replayBudget);
    const size = await sizeOf('internal-il');
    const live = await open(cookie);
    live.send({ type: 'subscribe', compartment: 'internal-il', from: size });
    await live.waitFor((frame) => frame.type === 'caught-up');
    await writer.send({ compartment: 'internal-il', payload: { text: `live ${'z'.repeat(8000)}`, language: 'he' } });
    await writer.send({ compartment: 'internal-il', payload: { text: `live again ${'z'.repeat(8000)}`, language: 'he' } });
    await waitUntil(() => live.entries('internal-il').length === 2, 'both live entries came');
    expect(live.closed).toBeUndefined();
  });

  it('closes a client that sends a frame over 64 KiB with 1009, logging it as the client fault it is', async () => {
    const before = logs.length;
    const stream = await open(await cookieOf('us.duty1'));
    stream.send('x'.repeat(70_000));
    expect((await stream.waitForClose()).code).toBe(STREAM_CLOSE.messageTooBig);
    await sleep(50);
    const lines = logs.slice(before);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines.some((line) => line.level === 40 && /WebSocket protocol/.test(line.msg))).toBe(true);
  });
});
