import { STREAM_CLOSE } from '@fusion-cell/protocol';
import { cosignCheckpoint, cosignerName, parseSignedNote } from '@fusion-cell/record';
import { nodeSigner } from '@fusion-cell/record/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestStorage } from './support/engines.ts';
import { SigningClient } from './support/signing-client.ts';
import { openStuckClient } from './support/raw-stream-socket.ts';
import { StreamClient } from './support/stream-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe.each(ENGINES)('the stream on $engine', (setup) => {
  let storage: TestStorage;
  let server: TestServer;
  let sy: SigningClient;
  let il: SigningClient;
  const streams: StreamClient[] = [];

  beforeAll(async () => {
    storage = await setup.create();
    // Delivery is tested here with tens of megabytes of backlog; the replay budget has its own suite.
    server = await startTestServer(storage, { checkpointIntervalMs: 60_000, heartbeatMs: 200, streamReplayBytesPerSecond: 1 << 30 });
    sy = await SigningClient.open(server.url, 'sy.duty1', server.passwordOf('sy.duty1'));
    il = await SigningClient.open(server.url, 'il.duty1', server.passwordOf('il.duty1'));
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server.close();
    await storage.cleanup();
  });

  /** The server's side of a client's socket: the newest connection of that member. */
  function findServerSocket(_stream: StreamClient): unknown {
    const connections = [...(server.handle.live.hub as unknown as { connections: Set<{ socket: unknown; actor: { memberId: string } }> }).connections];
    return connections.filter((connection) => connection.actor.memberId === il.memberId).at(-1)?.socket;
  }

  async function open(client: SigningClient): Promise<StreamClient> {
    const stream = await StreamClient.open(server.url, client.sessionCookie);
    streams.push(stream);
    await stream.waitFor((frame) => frame.type === 'welcome');
    return stream;
  }

  it('refuses an upgrade without a session, or from another origin', async () => {
    await expect(StreamClient.open(server.url, undefined)).rejects.toThrow(/401/);
    await expect(StreamClient.open(server.url, sy.sessionCookie, 'https://evil.example')).rejects.toThrow(/403/);
    await expect(StreamClient.open(server.url, sy.sessionCookie, null)).rejects.toThrow(/403/);
    // The same host, but not this server's scheme or port: another origin all the same.
    await expect(StreamClient.open(server.url, sy.sessionCookie, server.url.replace('http:', 'https:'))).rejects.toThrow(/403/);
    const port = Number(new URL(server.url).port);
    await expect(StreamClient.open(server.url, sy.sessionCookie, `http://127.0.0.1:${port + 1}`)).rejects.toThrow(/403/);
  });

  it('sends the backlog from the cursor, then caught-up, the checkpoint, and live entries', async () => {
    // The demo's history is the backlog.
    const head = await server.handle.services.db.selectFrom('log_heads').select('size').where('compartment_id', '=', 'plenary').executeTakeFirstOrThrow();
    const size = Number(head.size);
    const stream = await open(il);
    stream.send({ type: 'hello', protocol: 1, subscriptions: [{ compartment: 'plenary', from: 1 }] });
    const caughtUp = await stream.waitFor((frame) => frame.type === 'caught-up' && frame.compartment === 'plenary');
    expect(stream.entries('plenary').map((entry) => entry.index)).toEqual(Array.from({ length: size - 1 }, (_, n) => n + 1));
    expect(caughtUp).toMatchObject({ size });
    await stream.waitFor((frame) => frame.type === 'checkpoint' && frame.compartment === 'plenary');
    const sent = await sy.send({ payload: { text: 'live one', language: 'en' } });
    const live = await stream.waitFor((frame) => frame.type === 'entry' && frame.index === size);
    expect(live).toMatchObject({ id: sent.body.id });
    expect(JSON.parse((live as { leaf: string }).leaf).envelope.payload.text).toBe('live one');
  });

  it('answers a subscription to a compartment the party is not in exactly like one to nothing', async () => {
    const stream = await open(il);
    stream.send({ type: 'subscribe', compartment: 'caucus-sy', from: 0 });
    stream.send({ type: 'subscribe', compartment: 'caucus-zz', from: 0 });
    const hidden = await stream.waitFor((frame) => frame.type === 'error' && frame.compartment === 'caucus-sy');
    const missing = await stream.waitFor((frame) => frame.type === 'error' && frame.compartment === 'caucus-zz');
    expect({ ...hidden, compartment: undefined }).toEqual({ ...missing, compartment: undefined });
    await sy.send({ compartment: 'caucus-sy', payload: { text: 'not for il', language: 'ar' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.frames.some((frame) => frame.type === 'entry' && frame.compartment === 'caucus-sy')).toBe(false);
  });

  it('refuses a cursor from the future', async () => {
    const stream = await open(sy);
    stream.send({ type: 'subscribe', compartment: 'plenary', from: 10_000 });
    const error = await stream.waitFor((frame) => frame.type === 'error');
    expect(error).toMatchObject({ code: 'cursor_invalid', compartment: 'plenary' });
  });

  it('answers malformed frames, and closes after too many', async () => {
    const stream = await open(sy);
    stream.send('not json');
    await stream.waitFor((frame) => frame.type === 'error' && frame.code === 'malformed_frame');
    for (const frame of [{ type: 'subscribe' }, { type: 'subscribe', compartment: 'plenary', from: -1 }, { type: 'dance' }, '[]']) stream.send(frame);
    expect((await stream.waitForClose()).code).toBe(STREAM_CLOSE.protocolError);
  });

  it('refuses another protocol version', async () => {
    const stream = await open(sy);
    stream.send({ type: 'hello', protocol: 99, subscriptions: [] });
    await stream.waitFor((frame) => frame.type === 'error' && frame.code === 'protocol_unsupported');
    expect((await stream.waitForClose()).code).toBe(STREAM_CLOSE.protocolError);
  });

  it('delivers every entry exactly once across disconnections', async () => {
    const received = new Map<number, number>();
    let from = (await sy.get('/api/v1/record')).body.compartments.find((log: { id: string }) => log.id === 'caucus-sy').size;
    const start = from;
    const total = 40;
    let sending = Promise.resolve();
    for (let round = 0; round < 4; round++) {
      const stream = await open(sy);
      stream.send({ type: 'subscribe', compartment: 'caucus-sy', from });
      sending = sending.then(async () => {
        for (let n = 0; n < total / 4; n++) await sy.send({ compartment: 'caucus-sy', payload: { text: `round ${round} ${n}`, language: 'en' } });
      });
      await new Promise((resolve) => setTimeout(resolve, 30));
      stream.close();
      await stream.waitForClose();
      for (const entry of stream.entries('caucus-sy')) received.set(entry.index, (received.get(entry.index) ?? 0) + 1);
      // The client resumes from the next index it has not seen: it dedupes by index.
      while (received.has(from)) from += 1;
    }
    await sending;
    const last = await open(sy);
    last.send({ type: 'subscribe', compartment: 'caucus-sy', from });
    await last.waitFor((frame) => frame.type === 'caught-up' && frame.compartment === 'caucus-sy');
    for (const entry of last.entries('caucus-sy')) received.set(entry.index, (received.get(entry.index) ?? 0) + 1);
    const indices = [...received.keys()].filter((index) => index >= start).sort((a, b) => a - b);
    expect(indices).toEqual(Array.from({ length: total }, (_, n) => start + n));
  });

  it('cuts off a client that does not read, and a resumed client gets everything it missed', async () => {
    const connectionsBefore = server.handle.live.hub.size;
    await openStuckClient(server.url, il.sessionCookie ?? '', [{ type: 'subscribe', compartment: 'plenary', from: 0 }]);
    const hub = server.handle.live.hub;
    const stuckIsConnected = () => hub.size > connectionsBefore;
    while (!stuckIsConnected()) await new Promise((resolve) => setTimeout(resolve, 10));
    // Loopback sockets buffer megabytes in the kernel before the server sees any backlog.
    const text = 'x'.repeat(19_000);
    const before = (await il.get('/api/v1/record')).body.compartments.find((log: { id: string }) => log.id === 'plenary').size;
    let sent = 0;
    for (; sent < 1500 && stuckIsConnected(); sent++) expect((await sy.send({ payload: { text: `${sent} ${text}`, language: 'en' } })).status).toBe(201);
    for (let wait = 0; wait < 100 && stuckIsConnected(); wait++) await new Promise((resolve) => setTimeout(resolve, 50));
    // The server let go of the stuck client: it holds no more for it than its socket buffer.
    expect(stuckIsConnected()).toBe(false);
    // Resuming from zero, a healthy client gets the whole log, each entry once.
    const resumed = await open(il);
    resumed.send({ type: 'subscribe', compartment: 'plenary', from: 0 });
    await resumed.waitFor((frame) => frame.type === 'caught-up' && frame.compartment === 'plenary', 20_000);
    const indices = resumed.entries('plenary').map((entry) => entry.index);
    expect(indices).toEqual(Array.from({ length: before + sent }, (_, n) => n));
  });

  it('sends the resume hint with the cursors when it cuts off a client', async () => {
    const stream = await open(il);
    stream.send({ type: 'subscribe', compartment: 'caucus-il', from: 0 });
    await stream.waitFor((frame) => frame.type === 'caught-up');
    // Make the server believe the socket is backed up, as a stuck client would.
    Object.defineProperty(findServerSocket(stream), 'bufferedAmount', { get: () => 1 << 30 });
    await il.send({ compartment: 'caucus-il', payload: { text: 'one more', language: 'he' } });
    const hint = await stream.waitFor((frame) => frame.type === 'resume', 10_000);
    expect(hint).toMatchObject({ reason: 'slow consumer', subscriptions: [{ compartment: 'caucus-il', from: stream.entries('caucus-il').length }] });
    expect((await stream.waitForClose()).code).toBe(STREAM_CLOSE.slowConsumer);
  });

  it('sends the checkpoint again, with the line, when a party cosigns it', async () => {
    await server.handle.services.record.checkpointer.signPending();
    const stream = await open(il);
    stream.send({ type: 'subscribe', compartment: 'caucus-il', from: 0 });
    const first = await stream.waitFor((frame) => frame.type === 'checkpoint' && frame.compartment === 'caucus-il');
    const { note, size } = first as { note: string; size: number };
    const text = parseSignedNote(note).text;
    const line = await cosignCheckpoint(text, { name: cosignerName('paris-2026', 'il', il.deviceId), publicKey: new Uint8Array(Buffer.from(il.key.publicKey, 'base64url')), sign: nodeSigner(il.key.privateKey) }, Math.floor(Date.now() / 1000) + 1);
    expect((await il.post('/api/v1/compartments/caucus-il/cosignatures', { size, device: il.deviceId, line })).status).toBe(204);
    const again = await stream.waitFor((frame) => frame.type === 'checkpoint' && frame.compartment === 'caucus-il' && frame.note.includes(line));
    expect(again).toMatchObject({ size });
  });

  it('shows who is on watch while their stream is open', async () => {
    const ilStream = await open(il);
    const presence = await sy.get('/api/v1/presence');
    const watch = presence.body.parties.find((party: { party: string }) => party.party === 'il').onWatch;
    expect(watch.map((member: { displayName: string }) => member.displayName)).toContain('Israeli duty officer (watch A)');
    ilStream.close();
  });

  it('closes streams whose session has ended', async () => {
    const client = await SigningClient.open(server.url, 'il.head', server.passwordOf('il.head'));
    const stream = await open(client);
    await client.post('/api/v1/auth/logout');
    expect((await stream.waitForClose(3000)).code).toBe(STREAM_CLOSE.unauthenticated);
  });
});
